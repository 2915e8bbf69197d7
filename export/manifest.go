package export

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/jung-kurt/gofpdf"

	"dossier"

	"dossier/internal/bytesize"
)

// ManifestName is the file attached to every bundle: the machine-readable
// form of the manifest page, read back by VerifyBundle.
const ManifestName = "manifest.json"

const manifestFormat = "dossier-bundle-1"

type manifest struct {
	Format string `json:"format"`
	// DossierVersion is the version of Dossier that made the bundle. It is
	// omitted when empty so that bundles made before it existed keep
	// their digest.
	DossierVersion string `json:"dossier_version,omitempty"`
	CaseUUID       string `json:"case_uuid"`
	Date           string `json:"date"`
	Redacted       bool   `json:"redacted"`
	// MarksApplied counts the distinct marks that changed something;
	// RasterPages the image pages placed, RasterReadBack how many of them
	// were read back with OCR for marked values. Omitted when zero, so
	// that bundles made before they existed keep their digest.
	MarksApplied   int    `json:"marks_applied,omitempty"`
	RasterPages    int    `json:"raster_pages,omitempty"`
	RasterReadBack int    `json:"raster_read_back,omitempty"`
	CustodyEvents  int    `json:"custody_events"`
	CustodyHead    string `json:"custody_head"`
	// Custody are the events the custody appendix words, with their
	// fields as stored (omitted when empty, so that bundles made before
	// it existed keep their digest).
	Custody  []manifestEvent   `json:"custody,omitempty"`
	Sections []manifestSection `json:"sections"`
	Exhibits []manifestExhibit `json:"exhibits"`
	// Withheld are exhibits of the case left out of this bundle.
	Withheld []manifestWithheld `json:"withheld,omitempty"`
	// Digest is SHA-256 of this manifest with Digest empty: a check that
	// the attachment was not edited on its own.
	Digest string `json:"digest"`
}

// manifestEvent is one custody event as the case stores it: its hash is
// SHA-256 over the previous event's hash and these fields (Seq, At,
// Actor, Exhibit, Action, Detail). StandIns says a marked value in Actor
// or Detail was replaced by its stand-in, as everywhere in the bundle.
type manifestEvent struct {
	Seq      int64  `json:"seq"`
	At       string `json:"at"`
	Actor    string `json:"actor"`
	Exhibit  string `json:"exhibit,omitempty"`
	Action   string `json:"action"`
	Detail   string `json:"detail"`
	Hash     string `json:"hash"`
	StandIns bool   `json:"stand_ins,omitempty"`
}

type manifestSection struct {
	Title string `json:"title"`
	Page  int    `json:"page"`
}

type manifestExhibit struct {
	Ref        string `json:"ref"`
	Size       int64  `json:"size"`
	SHA256     string `json:"sha256"`
	CopySHA256 string `json:"copy_sha256"`
	Marked     bool   `json:"marked"`
	// NotReproduced names the format of an exhibit listed but not shown.
	NotReproduced string `json:"not_reproduced,omitempty"`
	StartPage     int    `json:"start_page"`
	Pages         int    `json:"pages"`
}

func (m *manifest) seal() ([]byte, error) {
	m.Digest = ""
	body, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(body)
	m.Digest = hex.EncodeToString(sum[:])
	return json.MarshalIndent(m, "", "  ")
}

// writeManifest prints the manifest page and attaches its JSON form.
func (b *builder) writeManifest() error {
	m := &b.manifest
	m.Format = manifestFormat
	m.DossierVersion = dossier.Version
	m.CaseUUID = b.info.UUID
	m.Date = b.opt.Date.Format("2006-01-02")
	m.Redacted = b.app != nil && b.app.Used() > 0
	if b.app != nil {
		m.MarksApplied = b.app.Used()
	}
	m.RasterPages, m.RasterReadBack = b.stats.rasterPlaced, b.stats.rasterRead
	m.CustodyEvents = len(b.log)
	if len(b.log) > 0 {
		m.CustodyHead = b.log[len(b.log)-1].Hash
	}
	m.Custody = b.custodyEvents()
	for _, e := range b.entries {
		if e.level == 0 {
			m.Sections = append(m.Sections, manifestSection{e.title, e.page})
		}
	}
	d := b.d
	d.heading("Manifest of hashes")
	d.para("Made with Dossier "+m.DossierVersion+". Each exhibit's original is identified by the SHA-256 of its bytes, as received. Where the bundle shows a "+
		"redacted copy, the SHA-256 of that copy (the image pages or text placed in this bundle) is listed too.", 9)
	d.Ln(2)
	rows := [][]string{{"Exhibit", "Size", "SHA-256 of the original", "SHA-256 of the copy in this bundle", "Pages"}}
	for _, e := range m.Exhibits {
		cp := e.CopySHA256
		if e.NotReproduced != "" {
			cp = "not reproduced: " + e.NotReproduced
		}
		rows = append(rows, []string{e.Ref, bytesize.String(e.Size), e.SHA256, cp, fmt.Sprintf("%d–%d", e.StartPage, e.StartPage+e.Pages-1)})
	}
	d.table([]float64{0.09, 0.09, 0.34, 0.34, 0.14}, rows, 7.5, []bool{false, false, true, true, false})
	if b.app != nil && m.RasterPages > 0 {
		d.Ln(2)
		if m.RasterReadBack == m.RasterPages {
			d.para(fmt.Sprintf("Pixels: all %d image pages were read back with OCR for marked values before this bundle was written.", m.RasterPages), 9)
		} else {
			d.para(fmt.Sprintf("Pixels: %d of %d image pages were read back with OCR for marked values; the pixels of the others were not read back.",
				m.RasterReadBack, m.RasterPages), 9)
		}
	}
	d.Ln(4)
	d.subheading("Custody log")
	d.para(fmt.Sprintf("%d events up to this bundle; the hash of the last one (the head of the chain) is:", m.CustodyEvents), 9)
	d.SetFont("mono", "", 8)
	d.CellFormat(contentW, 5, m.CustodyHead, "", 1, "L", false, 0, "")
	d.Ln(3)
	d.subheading("How to check this bundle")
	d.para("With the case file: run   dossier verify CASE.dossier   to re-hash every original and recompute the "+
		"custody chain, then   dossier verify-bundle THIS.pdf --case CASE.dossier   to check this manifest against the "+
		"case. Without it:   dossier verify-bundle THIS.pdf   checks that the manifest attached to this PDF ("+
		ManifestName+") is intact and that each exhibit starts where the index says. Anyone can also compute the "+
		"SHA-256 of an original they hold (sha256sum on Linux, shasum -a 256 on macOS, certutil -hashfile FILE SHA256 "+
		"on Windows) and compare it with the table above.", 9)
	js, err := m.seal()
	if err != nil {
		return err
	}
	d.SetAttachments([]gofpdf.Attachment{{Content: js, Filename: ManifestName, Description: "Dossier bundle manifest"}})
	return nil
}
