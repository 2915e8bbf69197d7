// Package sample writes Dossier's built-in fictional sample case, "Martineau
// Estate data sheets", used by 'dossier demo', the README and tests.
//
// Everything in it is invented: people, streets, estates, the landlord
// "Northfield Homes". Phone numbers come only from the ranges Ofcom keeps
// for drama (07700 900000-900999 and 020 7946 0000-0999), so the sample can
// be shown, shared and committed without exposing anyone. All files are
// generated in code; nothing binary is checked in.
package sample

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"dossier/casefile"
	"dossier/casefile/ocr"
	"dossier/casefile/pdf"
)

// Sample is what Write produced.
type Sample struct {
	Case     string // path of the case file
	Sheet    string // the data-sheet CSV (also exhibit LW/1), for importing rows
	Messages string // messages JSON kept outside the case, for importing messages
	// CanvassRows is the canvassing sheet (LW/2, a PDF) typed into a CSV,
	// imported as its rows: a sheet is exported only once it is transcribed.
	CanvassRows string
}

// CanvassRef is the canvassing sheet's reference in the sample case.
const CanvassRef = Prefix + "/2"

// Title, Prefix, Complainant and Organisation describe the sample case.
const (
	Title        = "Martineau Estate data sheets"
	Prefix       = "LW"
	Complainant  = "Alex Marsh"
	Organisation = "Northfield Homes"
	// CaseName is the case file's name inside the folder Write is given.
	CaseName = "Martineau Estate.dossier"
)

// exhibit is one file of the sample and what is said about it.
type exhibit struct {
	name string
	data func() ([]byte, error)
	meta casefile.Meta
}

func exhibits() []exhibit {
	m := func(k casefile.Kind, title, source, obtained string) casefile.Meta {
		return casefile.Meta{Kind: k, Title: title, Source: source, Obtained: obtained, ObtainedBy: Complainant}
	}
	return []exhibit{
		{"data-sheet-martineau.csv", sheetCSV, m(casefile.KindSheet, "Data sheet: Martineau, Kestrel and Holloway estates", "Anonymous Northfield Homes employee", "2015-06-10")},
		{"canvassing-sheet.pdf", canvassPDF, m(casefile.KindSheet, "Canvassing sheet, Kestrel Road", "Leaflet found in stairwell, Kestrel House", "2015-06-12")},
		{"text-zoe-okafor.png", screenshot(0), m(casefile.KindScreenshot, "Text message received by Zoë Okafor", "Zoë Okafor", "2015-06-09")},
		{"text-sean-murphy.png", screenshot(1), m(casefile.KindScreenshot, "Text message received by Seán Murphy", "Seán Murphy", "2015-06-09")},
		{"text-lucja-nowak.png", screenshot(2), m(casefile.KindScreenshot, "Text message received by Łucja Nowak", "Łucja Nowak", "2015-06-11")},
		{"letter-northfield-homes.txt", text(letter), m(casefile.KindLetter, "Letter from Northfield Homes about tenant data", "Northfield Homes", "2015-07-02")},
		{"email-residents-association.eml", text(email), m(casefile.KindEmail, "Email from the residents' association", "Maureen Baptiste", "2015-06-15")},
		{"leaflet-photo.jpg", leafletJPEG, m(casefile.KindPhoto, "Photo of the election leaflet", "Alex Marsh", "2015-06-08")},
		{"statement-maureen-baptiste.txt", text(statement), m(casefile.KindStatement, "Statement of Maureen Baptiste", "Maureen Baptiste", "2015-06-20")},
	}
}

func text(s string) func() ([]byte, error) { return func() ([]byte, error) { return []byte(s), nil } }

// Files writes the sample's exhibit files and the messages JSON into dir
// (created if missing) and returns their paths, exhibits first in order.
func Files(dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("sample: %w", err)
	}
	var paths []string
	for _, e := range exhibits() {
		data, err := e.data()
		if err != nil {
			return nil, fmt.Errorf("sample: make %s: %w", e.name, err)
		}
		p := filepath.Join(dir, e.name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return nil, fmt.Errorf("sample: %w", err)
		}
		paths = append(paths, p)
	}
	p := filepath.Join(dir, canvassRowsName)
	if err := os.WriteFile(p, canvassCSV(), 0o644); err != nil {
		return nil, fmt.Errorf("sample: %w", err)
	}
	paths = append(paths, p)
	p = filepath.Join(dir, "messages.json")
	if err := os.WriteFile(p, messagesJSON(), 0o644); err != nil {
		return nil, fmt.Errorf("sample: %w", err)
	}
	return append(paths, p), nil
}

// canvassRowsName is the file the canvassing sheet's rows are typed into.
const canvassRowsName = "canvassing-sheet-rows.csv"

// Write creates the sample case in dir: the case file CaseName with every
// exhibit added and described, the case details set, and beside it the
// exhibit files in a folder "files" plus "messages.json" for a later
// import. It refuses to replace an existing case file.
func Write(dir string) (*Sample, error) {
	ctx := context.Background()
	files := filepath.Join(dir, "files")
	paths, err := Files(files)
	if err != nil {
		return nil, err
	}
	s := &Sample{
		Case:     filepath.Join(dir, CaseName),
		Sheet:    paths[0],
		Messages: filepath.Join(dir, "messages.json"),
		// Files writes it just before messages.json.
		CanvassRows: paths[len(paths)-2],
	}
	if err := os.Rename(paths[len(paths)-1], s.Messages); err != nil {
		return nil, fmt.Errorf("sample: %w", err)
	}
	c, err := casefile.Create(s.Case, Title, Prefix, casefile.Options{Actor: Complainant})
	if err != nil {
		return nil, fmt.Errorf("sample: %w", err)
	}
	defer c.Close()
	for i, e := range exhibits() {
		if _, err := c.Add(ctx, paths[i], e.meta); err != nil {
			return nil, fmt.Errorf("sample: %w", err)
		}
	}
	for k, v := range map[string]string{
		casefile.SettingComplainant:        Complainant,
		casefile.SettingComplainantAddress: "Flat 4, Kestrel House\nKestrel Road\nNorthfield NF4 2QX",
		casefile.SettingComplainantContact: "alex.marsh@example.org",
		casefile.SettingOrganisation:       Organisation,
		casefile.SettingOrganisationAddr:   "1 Civic Way\nNorthfield NF1 1AA",
		casefile.SettingSummary: "Residents of the Martineau, Kestrel and Holloway estates received election " +
			"texts from Northfield Forward on private mobile numbers held only by their landlord, Northfield Homes. " +
			"Printed data sheets from the landlord's housing system list the same numbers.",
	} {
		if err := c.SetSetting(ctx, k, v); err != nil {
			return nil, fmt.Errorf("sample: %w", err)
		}
	}
	if err := transcribe(ctx, c, s); err != nil {
		return nil, fmt.Errorf("sample: %w", err)
	}
	if err := c.Close(); err != nil {
		return nil, fmt.Errorf("sample: %w", err)
	}
	return s, nil
}

// transcribe takes the sample through the rest of the workflow, as a
// person would: the sheet's rows and the texts transcribed, messages
// linked to rows by phone, every name and number marked for redaction
// (with boxes on images where OCR finds them), and the complaint's first
// steps dated.
func transcribe(ctx context.Context, c *casefile.Case, s *Sample) error {
	if _, err := c.ImportRows(ctx, s.Sheet, casefile.ImportOptions{}); err != nil {
		return err
	}
	if _, err := c.ImportMessages(ctx, s.Messages); err != nil {
		return err
	}
	if _, err := c.AutoLink(ctx); err != nil {
		return err
	}
	// The canvassing sheet is a PDF of a printed table: its rows are
	// typed in, as the rows of any scanned sheet must be before export.
	// After AutoLink, so each message keeps one link, to the data sheet.
	if _, err := c.ImportRows(ctx, s.CanvassRows, casefile.ImportOptions{Exhibit: CanvassRef}); err != nil {
		return err
	}
	if _, err := c.SuggestMarks(ctx); err != nil {
		return err
	}
	if _, err := c.AcceptMarks(ctx, nil, true); err != nil {
		return err
	}
	// Boxes over the names and numbers printed on the screenshots and the
	// canvassing sheet, as the Redact screen's OCR proposes them. Without
	// tesseract the sample keeps its text marks only, and an export says
	// which exhibits still need boxes.
	if ocr.Available() {
		if _, err := c.SuggestRects(ctx, ocr.New(), pdf.New(), nil); err != nil {
			return err
		}
		if _, err := c.AcceptMarks(ctx, nil, true); err != nil {
			return err
		}
	}
	for _, st := range []struct{ id, date, ref string }{
		{casefile.StepConcernSent, "2015-06-22", ""},
		{casefile.StepResponseReceived, "2015-07-02", ""},
		{casefile.StepICOSent, "2015-08-03", ""},
	} {
		if err := c.SetStep(ctx, st.id, st.date, st.ref); err != nil {
			return err
		}
	}
	return nil
}
