package export

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"dossier/casefile"
	"dossier/casefile/pdf"
	"dossier/casefile/pdf/pdftest"
	"dossier/internal/tooltest"
)

// shapeSheet gives the case marked values, so a redacted bundle has
// something to hide; the shapes print none of them.
const shapeSheet = "UPRN,Address,Estate,Name,Mobile\n" +
	"100023456701,14 Martineau Walk,Martineau,Maureen Baptiste,07700 900123\n"

// Every PDF shape is placed in a redacted bundle and in an unredacted
// one, or refused with one line naming the exhibit. Each bundle passes
// qpdf --check with no warning and verify-bundle; the exhibit has as many
// pages as the PDF; in a redacted bundle the pages that are pixels (scans,
// outlined text) are read back with OCR.
//
// DOSSIER_SHAPE_BUNDLES=DIR keeps the bundles there, for looking at.
func TestBundleEveryPDFShape(t *testing.T) {
	tooltest.Need(t, "qpdf")
	ctx := context.Background()
	keep := os.Getenv("DOSSIER_SHAPE_BUNDLES")
	for _, s := range pdftest.Shapes(t) {
		for _, noRedact := range []bool{false, true} {
			name := s.Name + map[bool]string{false: "/redacted", true: "/no-redact"}[noRedact]
			t.Run(name, func(t *testing.T) {
				c := casefile.TestCase(t)
				if _, err := c.ImportRows(ctx, casefile.TestFile(t, "sheet.csv", []byte(shapeSheet)), casefile.ImportOptions{}); err != nil {
					t.Fatal(err)
				}
				if _, err := c.SuggestMarks(ctx); err != nil {
					t.Fatal(err)
				}
				if _, err := c.AcceptMarks(ctx, nil, true); err != nil {
					t.Fatal(err)
				}
				ex, err := c.Add(ctx, casefile.TestFile(t, s.Name+".pdf", s.Data), casefile.Meta{})
				if err != nil {
					t.Fatal(err)
				}
				if !noRedact && s.Pixels > 0 {
					// Pages that are pixels are read back with OCR, or the
					// redacted export is refused.
					tooltest.Need(t, "tesseract")
				}
				out := filepath.Join(t.TempDir(), "bundle.pdf")
				res, err := Bundle(ctx, c, out, false, Options{Date: bundleDate, NoRedact: noRedact})
				if s.Refused != nil {
					if !errors.Is(err, s.Refused) || !strings.Contains(err.Error(), ex.Ref) || strings.Contains(err.Error(), "\n") {
						t.Fatalf("err = %v, want one line naming %s and %v", err, ex.Ref, s.Refused)
					}
					if _, statErr := os.Stat(out); statErr == nil {
						t.Error("a refused export wrote its file")
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				bundle := mustRead(t, out)
				if keep != "" {
					os.WriteFile(filepath.Join(keep, strings.ReplaceAll(name, "/", "-")+".pdf"), bundle, 0o644)
				}
				if msg, err := exec.Command("qpdf", "--check", out).CombinedOutput(); err != nil || strings.Contains(string(msg), "WARNING") {
					t.Errorf("qpdf --check: %v\n%s", err, msg)
				}
				if rep, err := VerifyBundle(ctx, out, c, nil); err != nil || !rep.OK() {
					t.Errorf("verify-bundle: %+v, %v", rep, err)
				}
				e := bundleExhibit(t, bundle, ex.Ref)
				if e.Pages != s.Pages {
					t.Errorf("exhibit takes %d pages, the PDF has %d", e.Pages, s.Pages)
				}
				if !noRedact && s.Pixels > 0 && (res.RasterPages < s.Pixels || res.RasterReadBack != res.RasterPages || !res.OCRChecked) {
					t.Errorf("%d of %d raster pages read back (OCR checked %v); the PDF has %d pages that are pixels",
						res.RasterReadBack, res.RasterPages, res.OCRChecked, s.Pixels)
				}
				text := popplerText(t, bundle)
				if s.Text != "" && !strings.Contains(text, s.Text) {
					t.Errorf("the bundle's text lacks %q", s.Text)
				}
				if s.Name == "incremental-update" && strings.Contains(text, pdftest.TextLine) {
					t.Error("the bundle shows the page as it was before its update")
				}
			})
		}
	}
}

// bundleExhibit reads one exhibit's entry from a bundle's attached
// manifest.
func bundleExhibit(t *testing.T, bundle []byte, ref string) manifestExhibit {
	t.Helper()
	atts, err := pdf.Attachments(context.Background(), bundle)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range atts {
		var m manifest
		if json.Unmarshal(a.Data, &m) == nil && m.Format == manifestFormat {
			for _, e := range m.Exhibits {
				if e.Ref == ref {
					return e
				}
			}
		}
	}
	t.Fatalf("no manifest entry for %s", ref)
	return manifestExhibit{}
}

// A bundle holding an imported PDF is the same, byte for byte, every time.
func TestBundleWithPDFIsReproducible(t *testing.T) {
	ctx := context.Background()
	s := pdftest.Get(t, "object-streams")
	c := casefile.TestCase(t)
	if _, err := c.Add(ctx, casefile.TestFile(t, "minutes.pdf", s.Data), casefile.Meta{}); err != nil {
		t.Fatal(err)
	}
	var first []byte
	for i := 0; i < 4; i++ {
		out := filepath.Join(t.TempDir(), "b.pdf")
		if _, err := Bundle(ctx, c, out, false, Options{Date: bundleDate, NoRedact: true}); err != nil {
			t.Fatal(err)
		}
		if b := mustRead(t, out); first == nil {
			first = b
		} else if !bytes.Equal(first, b) {
			t.Fatalf("export %d differs from the first", i+1)
		}
	}
}
