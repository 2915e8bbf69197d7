package export

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"dossier/casefile"
	"dossier/casefile/pdf"
)

// BundleReport is what VerifyBundle found.
type BundleReport struct {
	Exhibits int
	Pages    int
	Head     string
	Redacted bool
	Problems []string
}

// OK is true when nothing is wrong.
func (r BundleReport) OK() bool { return len(r.Problems) == 0 }

// VerifyBundle checks a bundle: that its attached manifest is intact and
// that each exhibit's stamp (reference and original SHA-256) is on the
// page the manifest says it starts on; and, given the case, that every
// exhibit's original hash and size match the case and the custody head is
// an event of the case's log.
//
// Everything is read inside the program (package casefile/pdf); r, if not
// nil, extracts the text instead (tests pass a fake).
func VerifyBundle(ctx context.Context, path string, c *casefile.Case, r pdf.Renderer) (BundleReport, error) {
	var rep BundleReport
	data, err := os.ReadFile(path)
	if err != nil {
		return rep, fmt.Errorf("verify bundle %s: %w", path, err)
	}
	doc, err := pdf.Open(ctx, data)
	if err != nil {
		return rep, fmt.Errorf("verify bundle %s: %w: it cannot be read as a PDF: %w", path, casefile.ErrInvalid, err)
	}
	defer doc.Close()
	m, err := manifestAttachment(ctx, data)
	if err != nil {
		return rep, fmt.Errorf("verify bundle %s: %w", path, err)
	}
	rep.Exhibits, rep.Head, rep.Redacted = len(m.Exhibits), m.CustodyHead, m.Redacted
	bad := func(format string, args ...any) { rep.Problems = append(rep.Problems, fmt.Sprintf(format, args...)) }
	digest := m.Digest
	if check, _ := (&m).seal(); check != nil && m.Digest != digest {
		bad("the manifest was edited after the bundle was made (digest %s, expected %s)", short(digest), short(m.Digest))
	}
	var text string
	if r != nil {
		text, err = r.Text(ctx, data)
	} else {
		text, err = doc.Text(ctx)
	}
	if err != nil {
		return rep, fmt.Errorf("verify bundle %s: %w", path, err)
	}
	pages := strings.Split(text, "\f")
	rep.Pages = len(pages) - 1
	for _, e := range m.Exhibits {
		if e.StartPage < 1 || e.StartPage > len(pages) {
			bad("%s: starts on page %d, which the bundle does not have", e.Ref, e.StartPage)
			continue
		}
		pg := pages[e.StartPage-1]
		if !strings.Contains(pg, "Exhibit "+e.Ref) || !strings.Contains(pg, e.SHA256) {
			bad("%s: page %d does not carry its stamp and original SHA-256", e.Ref, e.StartPage)
		}
	}
	if c == nil {
		return rep, nil
	}
	if c.Info().UUID != m.CaseUUID {
		bad("the bundle was made from case %s, not this case (%s)", m.CaseUUID, c.Info().UUID)
	}
	log, err := c.Log(ctx)
	if err != nil {
		return rep, err
	}
	found := false
	for _, ev := range log {
		found = found || ev.Hash == m.CustodyHead
	}
	if !found {
		bad("the bundle's custody head %s is not an event of this case's log", short(m.CustodyHead))
	}
	for _, e := range m.Exhibits {
		ex, err := c.Exhibit(ctx, e.Ref)
		if err != nil {
			bad("%s: not in the case", e.Ref)
			continue
		}
		if ex.SHA256 != e.SHA256 || ex.Size != e.Size {
			bad("%s: the bundle lists SHA-256 %s (%d bytes) but the case holds %s (%d bytes)", e.Ref, short(e.SHA256), e.Size, short(ex.SHA256), ex.Size)
		}
	}
	sum := sha256.Sum256(data)
	for _, ev := range log {
		if ev.Action == casefile.ActionExported && strings.Contains(string(ev.Detail), hex.EncodeToString(sum[:])) {
			return rep, nil
		}
	}
	bad("this PDF's SHA-256 %s is not recorded as an export in the case's custody log (a different or altered file)", short(hex.EncodeToString(sum[:])))
	return rep, nil
}

// manifestAttachment reads the manifest attached to a bundle. gofpdf
// keys attachments by number, not file name, so each attachment is read
// until one is a Dossier manifest.
func manifestAttachment(ctx context.Context, data []byte) (manifest, error) {
	var m manifest
	atts, err := pdf.Attachments(ctx, data)
	if err != nil {
		return m, fmt.Errorf("%w: its attachments cannot be read: %w", casefile.ErrInvalid, err)
	}
	for _, a := range atts {
		if json.Unmarshal(a.Data, &m) == nil && m.Format == manifestFormat {
			return m, nil
		}
		m = manifest{}
	}
	return m, fmt.Errorf("%w: no Dossier manifest is attached; is this a Dossier bundle?", casefile.ErrInvalid)
}

func short(h string) string {
	if len(h) > 16 {
		return h[:16]
	}
	return h
}
