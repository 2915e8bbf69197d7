package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"dossier/casefile"
	"dossier/casefile/ocr"
	"dossier/casefile/pdf"
	"dossier/export/redact"
)

// The ICO's online complaint form takes at most four files of at most
// 3 MB each, and a description of at most 2,000 characters (the form's
// limits are kept in one table, in summary.go).
const (
	PackMaxFiles   = FormFiles
	PackMaxBytes   = FormFileBytes
	PackMaxSummary = FormWhatHappened
)

// packLimit is PackMaxBytes; tests lower it to make small cases split.
var packLimit = PackMaxBytes

// ErrTooLarge means a case cannot fit the ICO's upload limits even with
// images at the lowest resolution tried; the error names the exhibits.
var ErrTooLarge = errors.New("the bundle does not fit the ICO's upload limits")

// packDPIs are the image resolutions tried, best first: images are
// down-sampled only as far as the limits need.
var packDPIs = []float64{300, 200, 150, 110, 80}

// PackResult lists what Pack wrote.
type PackResult struct {
	Parts    []string // the PDF parts, in order
	Summary  string   // path of the plain-text summary
	Timeline string   // path of the dated timeline
	Harm     string   // path of the prompt for the form's question on harm
	DPI      float64  // the image resolution the parts needed
}

// Pack writes an ICO upload pack beside out (the whole bundle's path):
// the bundle split at exhibit boundaries into at most four PDFs of at
// most 3 MB (out-ico-1.pdf ...), each opening with its own index that
// points into the whole bundle's page numbers, the "what happened" text of
// at most 2,000 characters (out-ico-summary.txt, see Summary), a dated
// timeline (out-ico-timeline.txt) and a prompt for the question on harm
// (out-ico-harm.txt), ready for the ICO's form. Every link
// in a part points to a page of that part: links to pages in other parts
// are removed.
func Pack(ctx context.Context, c *casefile.Case, out string, opt Options) (PackResult, error) {
	base := strings.TrimSuffix(out, filepath.Ext(out))
	var lastErr error
	for _, dpi := range packDPIs {
		o := opt
		o.MaxDPI = dpi
		res, err := packAt(ctx, c, base, o)
		if err == nil {
			res.DPI = dpi
			return res, nil
		}
		if !errors.Is(err, ErrTooLarge) {
			return PackResult{}, fmt.Errorf("ico pack: %w", err)
		}
		lastErr = err
	}
	return PackResult{}, fmt.Errorf("ico pack: %w", lastErr)
}

// packAt builds the bundle in memory at one resolution and cuts it into
// parts that fit, or says which exhibits do not.
func packAt(ctx context.Context, c *casefile.Case, base string, opt Options) (PackResult, error) {
	if opt.Date.IsZero() {
		return PackResult{}, fmt.Errorf("%w: a pack needs the bundle's date", casefile.ErrInvalid)
	}
	if opt.NoRedact {
		return PackResult{}, fmt.Errorf("%w: an upload pack is for sending, so it is always redacted; leave out --no-redact", casefile.ErrInvalid)
	}
	b, whole, err := lay(ctx, c, withTools(opt))
	if err != nil {
		return PackResult{}, err
	}
	ft, err := b.formText(ctx)
	if err != nil {
		return PackResult{}, err
	}
	if ft.Length > FormWhatHappened {
		return PackResult{}, fmt.Errorf("the edited \"what happened\" text is %d characters and the form takes %d: %w; "+
			"shorten it with 'dossier summary --edit'", ft.Length, FormWhatHappened, ErrTooLong)
	}
	stem := filepath.Base(base)
	names := fmt.Sprintf("%s\n%s-ico-1.pdf\n%s-ico-summary.txt\n%s-ico-timeline.txt\n%s-ico-harm.txt", stem, stem, stem, stem, stem)
	if err := b.leakCheck(ctx, whole, map[string][]byte{"the pack's file names": []byte(names),
		"the pack's summary": []byte(ft.WhatHappened), "the pack's timeline": []byte(ft.Timeline),
		"the pack's questions on harm": []byte(ft.Harm)}); err != nil {
		return PackResult{}, err
	}
	if len(b.problems) > 0 {
		return PackResult{}, b.problems
	}
	total := b.d.PageCount()
	front := b.manifest.Exhibits[0].StartPage - 1 // cover to the Exhibits section
	// Units that cannot be split: the front matter, each exhibit, and the
	// custody log with the manifest.
	type unit struct {
		name        string
		first, last int
	}
	units := []unit{{"the front matter (cover, index, chronology, link schedule)", 1, front}}
	for _, e := range b.manifest.Exhibits {
		units = append(units, unit{e.Ref, e.StartPage, e.StartPage + e.Pages - 1})
	}
	last := b.manifest.Exhibits[len(b.manifest.Exhibits)-1]
	units = append(units, unit{"the custody log and manifest", last.StartPage + last.Pages, total})

	// A part is its own index page, then pages first..last of the whole;
	// cut in memory, with no copy of the bundle left in a temp folder.
	cut := func(first, last int, index []byte) ([]byte, error) {
		data, err := pdf.Assemble(ctx, pdf.Pages{PDF: index}, pdf.Pages{PDF: whole, First: first, Last: last})
		if err != nil {
			return nil, fmt.Errorf("cut pages %d to %d: %w", first, last, err)
		}
		return data, nil
	}
	type part struct {
		first, last int
		units       []unit
		data        []byte
	}
	var parts []part
	var tooBig []string
	for _, u := range units {
		if len(parts) > 0 {
			p := &parts[len(parts)-1]
			data, err := cut(p.first, u.last, b.partIndex(len(parts), p.first, u.last))
			if err != nil {
				return PackResult{}, err
			}
			if len(data) <= packLimit {
				p.last, p.data = u.last, data
				p.units = append(p.units, u)
				continue
			}
		}
		data, err := cut(u.first, u.last, b.partIndex(len(parts)+1, u.first, u.last))
		if err != nil {
			return PackResult{}, err
		}
		if len(data) > packLimit {
			tooBig = append(tooBig, fmt.Sprintf("%s (%.1f MB)", u.name, float64(len(data))/(1<<20)))
		}
		parts = append(parts, part{first: u.first, last: u.last, units: []unit{u}, data: data})
	}
	if len(tooBig) > 0 {
		return PackResult{}, fmt.Errorf("%w: too large on its own even at %.0f dpi: %s; split or shrink it and add it again",
			ErrTooLarge, opt.MaxDPI, strings.Join(tooBig, ", "))
	}
	if len(parts) > PackMaxFiles {
		return PackResult{}, fmt.Errorf("%w: it needs %d files of 3 MB at %.0f dpi, and the form takes %d", ErrTooLarge, len(parts), opt.MaxDPI, PackMaxFiles)
	}
	// Each part's index names the part count, known only now. Every part
	// is leak-checked, bytes and text, before any is written.
	var res PackResult
	finals := make([][]byte, len(parts))
	for i, p := range parts {
		data, err := cut(p.first, p.last, b.partIndexOf(i+1, len(parts), p.first, p.last))
		if err != nil {
			return PackResult{}, err
		}
		text, err := b.opt.Renderer.Text(ctx, data)
		if err != nil {
			return PackResult{}, fmt.Errorf("leak check of part %d: %w", i+1, err)
		}
		part := fmt.Sprintf("part %d of the pack", i+1)
		if err := redact.LeakCheck(map[string][]byte{part: redact.SearchView(data), part + " (its text)": []byte(text)}, b.app.Needles()); err != nil {
			return PackResult{}, err
		}
		finals[i] = data
	}
	for i, data := range finals {
		name := fmt.Sprintf("%s-ico-%d.pdf", base, i+1)
		if err := casefile.WriteFileAtomic(name, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
			return PackResult{}, err
		}
		res.Parts = append(res.Parts, name)
	}
	res.Summary, res.Timeline, res.Harm = base+"-ico-summary.txt", base+"-ico-timeline.txt", base+"-ico-harm.txt"
	for path, text := range map[string]string{res.Summary: ft.WhatHappened + "\n", res.Timeline: ft.Timeline, res.Harm: ft.Harm} {
		if err := casefile.WriteFileAtomic(path, func(w io.Writer) error { _, err := io.WriteString(w, text); return err }); err != nil {
			return PackResult{}, err
		}
	}
	return res, nil
}

// withTools fills in the tools and limits the zero Options leave out:
// the PDF renderer, tesseract for the read-back when it is installed and wanted,
// and at most 300 dpi.
func withTools(opt Options) Options {
	if opt.MaxDPI <= 0 || opt.MaxDPI > maxDPI {
		opt.MaxDPI = maxDPI
	}
	if opt.Renderer == nil {
		opt.Renderer = pdf.New()
		// The engine loads while the case is read and the front matter
		// laid out; exhibits and the leak check then find it ready. A
		// preview reads no bundle back, and loads it only for a PDF
		// exhibit (see newBuilder): on two cores, loading it for nothing
		// took a second from the layout.
		if !opt.layoutOnly {
			pdf.Prepare()
		}
	}
	if opt.SkipOCRCheck {
		opt.OCR = nil
	} else if opt.OCR == nil && !opt.NoRedact && ocr.Available() {
		opt.OCR = ocr.New()
	}
	return opt
}

// partIndex is a one-page index for a part still being sized.
func (b *builder) partIndex(n, first, last int) []byte { return b.partIndexOf(n, 0, first, last) }

// partIndexOf is the first page of part n of total: which pages of the
// whole bundle it holds and where each section and exhibit starts, in
// the whole bundle's page numbers (printed in every page's footer).
func (b *builder) partIndexOf(n, total, first, last int) []byte {
	d := newDoc(b.text(b.info.Title), b.text(b.settings[casefile.SettingComplainant]), b.text(b.info.Title), "")
	d.SetCreationDate(b.opt.Date)
	d.SetModificationDate(b.opt.Date)
	d.SetFooterFunc(func() {})
	d.AddPage()
	of := ""
	if total > 0 {
		of = fmt.Sprintf(" of %d", total)
	}
	d.heading(fmt.Sprintf("ICO upload: part %d%s", n, of))
	d.para(fmt.Sprintf("%s. This part holds pages %d to %d of the whole bundle of %d pages; page numbers below and in "+
		"every footer are those of the whole bundle.", b.text(b.info.Title), first, last, b.d.PageCount()), 10)
	d.Ln(3)
	rows := [][]string{{"", "Section or exhibit", "Page", "In this part"}}
	for _, e := range b.entries {
		here := ""
		if e.page >= first && e.page <= last {
			here = "yes"
		}
		rows = append(rows, []string{e.ref, e.title, fmt.Sprint(e.page), here})
	}
	d.table([]float64{0.1, 0.62, 0.1, 0.18}, rows, 8.5, nil)
	var buf bytes.Buffer
	d.Output(&buf)
	return buf.Bytes()
}
