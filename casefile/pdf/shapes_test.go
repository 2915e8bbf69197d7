package pdf_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"dossier/casefile/pdf"
	"dossier/casefile/pdf/pdftest"
	"dossier/internal/tooltest"
)

// Every shape is read, described, rendered, cleaned and cut, or refused
// with the error its shape calls for.
func TestShapes(t *testing.T) {
	ctx := context.Background()
	for _, s := range pdftest.Shapes(t) {
		t.Run(s.Name, func(t *testing.T) {
			d, err := pdf.Open(ctx, s.Data)
			if s.Refused != nil {
				if !errors.Is(err, s.Refused) {
					t.Fatalf("Open err = %v, want %v", err, s.Refused)
				}
				if _, err := pdf.Clean(ctx, s.Data); !errors.Is(err, s.Refused) {
					t.Errorf("Clean err = %v, want %v", err, s.Refused)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			if d.PageCount() != s.Pages {
				t.Fatalf("%d pages, want %d", d.PageCount(), s.Pages)
			}
			info, err := d.Pages(ctx)
			if err != nil {
				t.Fatal(err)
			}
			pixels := 0
			for _, p := range info {
				if p.Pixels() {
					pixels++
				}
			}
			if pixels != s.Pixels {
				t.Errorf("%d pages are pixels, want %d: %+v", pixels, s.Pixels, info)
			}
			if land := info[0].Width > info[0].Height; land != s.Landscape {
				t.Errorf("first page %.0fx%.0f pt, landscape %v, want %v", info[0].Width, info[0].Height, land, s.Landscape)
			}
			text, err := d.Text(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if s.Text != "" && !strings.Contains(text, s.Text) {
				t.Errorf("text lacks %q:\n%.300s", s.Text, text)
			}
			img, err := d.RenderPage(ctx, 1, 50)
			if err != nil {
				t.Fatal(err)
			}
			if b := img.Bounds(); (b.Dx() > b.Dy()) != s.Landscape {
				t.Errorf("page 1 rendered %v, landscape should be %v", b, s.Landscape)
			}
			clean, err := pdf.Clean(ctx, s.Data)
			if err != nil {
				t.Fatal(err)
			}
			checkClean(t, clean, s)
			part, err := pdf.Assemble(ctx, pdf.Pages{PDF: clean, First: 1, Last: 1})
			if err != nil {
				t.Fatal(err)
			}
			if n, err := pdf.New().PageCount(ctx, part); err != nil || n != 1 {
				t.Errorf("one page cut from it: %d pages, %v", n, err)
			}
		})
	}
}

// checkClean checks a clean copy with qpdf: no warnings, no encryption,
// no object streams, no incremental update, and the same pages and text.
func checkClean(t *testing.T, clean []byte, s pdftest.Shape) {
	t.Helper()
	for _, bad := range []string{"/ObjStm", "/Encrypt", "/Prev", "/Linearized"} {
		if strings.Contains(string(clean), bad) {
			t.Errorf("clean copy holds %s", bad)
		}
	}
	p := filepath.Join(t.TempDir(), "clean.pdf")
	if err := os.WriteFile(p, clean, 0o600); err != nil {
		t.Fatal(err)
	}
	tooltest.Need(t, "qpdf")
	if out, err := exec.Command("qpdf", "--check", p).CombinedOutput(); err != nil || strings.Contains(string(out), "WARNING") {
		t.Errorf("qpdf --check of the clean copy: %v\n%s", err, out)
	}
	text, err := pdf.New().Text(context.Background(), clean)
	if err != nil {
		t.Fatal(err)
	}
	if s.Text != "" && !strings.Contains(text, s.Text) {
		t.Errorf("clean copy's text lacks %q", s.Text)
	}
}

func TestShapeAttachments(t *testing.T) {
	s := pdftest.Get(t, "embedded-file")
	atts, err := pdf.Attachments(context.Background(), s.Data)
	if err != nil {
		t.Fatal(err)
	}
	if len(atts) != 1 || atts[0].Name != "note.txt" || string(atts[0].Data) != "an attached note\n" {
		t.Errorf("attachments = %+v, want note.txt", atts)
	}
}
