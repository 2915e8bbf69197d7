package export

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"dossier/casefile"
	"dossier/casefile/poppler"
)

// ErrNoQPDF means qpdf, which reads a bundle's attached manifest, is not
// installed.
var ErrNoQPDF = errors.New("qpdf is not installed; install it (Debian/Ubuntu: sudo apt-get install qpdf; macOS: brew install qpdf) to check bundles")

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
func VerifyBundle(ctx context.Context, path string, c *casefile.Case, r poppler.Renderer) (BundleReport, error) {
	var rep BundleReport
	pdf, err := os.ReadFile(path)
	if err != nil {
		return rep, fmt.Errorf("verify bundle %s: %w", path, err)
	}
	m, err := manifestAttachment(ctx, path)
	if err != nil {
		return rep, fmt.Errorf("verify bundle %s: %w", path, err)
	}
	rep.Exhibits, rep.Head, rep.Redacted = len(m.Exhibits), m.CustodyHead, m.Redacted
	bad := func(format string, args ...any) { rep.Problems = append(rep.Problems, fmt.Sprintf(format, args...)) }
	digest := m.Digest
	if check, _ := (&m).seal(); check != nil && m.Digest != digest {
		bad("the manifest was edited after the bundle was made (digest %s, expected %s)", short(digest), short(m.Digest))
	}
	if r == nil {
		r = poppler.New()
	}
	text, err := r.Text(ctx, pdf)
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
	sum := sha256.Sum256(pdf)
	for _, ev := range log {
		if ev.Action == casefile.ActionExported && strings.Contains(string(ev.Detail), hex.EncodeToString(sum[:])) {
			return rep, nil
		}
	}
	bad("this PDF's SHA-256 %s is not recorded as an export in the case's custody log (a different or altered file)", short(hex.EncodeToString(sum[:])))
	return rep, nil
}

// manifestAttachment reads the manifest attached to a bundle with qpdf.
// gofpdf keys attachments by number, not file name, so each attachment
// is read until one is a Dossier manifest.
func manifestAttachment(ctx context.Context, path string) (manifest, error) {
	var m manifest
	if _, err := exec.LookPath("qpdf"); err != nil {
		return m, ErrNoQPDF
	}
	list, err := exec.CommandContext(ctx, "qpdf", "--list-attachments", path).Output()
	if err != nil {
		return m, fmt.Errorf("%w: qpdf cannot read it as a PDF", casefile.ErrInvalid)
	}
	for _, line := range strings.Split(string(list), "\n") {
		key, _, ok := strings.Cut(line, " -> ")
		if !ok {
			continue
		}
		raw, err := exec.CommandContext(ctx, "qpdf", "--show-attachment="+key, path).Output()
		if err == nil && json.Unmarshal(raw, &m) == nil && m.Format == manifestFormat {
			return m, nil
		}
	}
	return m, fmt.Errorf("%w: no Dossier manifest is attached; is this a Dossier bundle?", casefile.ErrInvalid)
}

func short(h string) string {
	if len(h) > 16 {
		return h[:16]
	}
	return h
}
