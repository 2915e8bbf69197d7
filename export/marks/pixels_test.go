package marks

import (
	"bytes"
	"context"
	"image/png"
	"testing"

	"dossier/casefile"
	"dossier/casefile/ocr"
	"dossier/casefile/pdf"
)

// A PDF whose pages include a scan goes out as pictures of its pages, so
// that the bundle's OCR read-back sees them; one of text pages only is
// carried as it is.
func TestPDFWithPixelPagesIsRasterised(t *testing.T) {
	ctx := context.Background()
	c := markedCase(t)
	scan, _ := ocr.TestScreenshot("Statement of a resident", "Signed in the office")
	tests := []struct {
		name  string
		data  []byte
		pages int // pictures expected; 0: carried as a PDF
	}{
		{"text.pdf", pdf.TestPDF("Minutes of the board meeting", "Page two"), 0},
		{"scan.pdf", pdf.TestMixedPDF(scan), 1},
		{"mixed.pdf", pdf.TestMixedPDF("Covering note", scan), 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex, err := c.Add(ctx, casefile.TestFile(t, tt.name, tt.data), casefile.Meta{})
			if err != nil {
				t.Fatal(err)
			}
			a, err := New(ctx, c, pdf.New())
			if err != nil {
				t.Fatal(err)
			}
			cp, err := a.Exhibit(ctx, ex, tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if cp.Marked {
				t.Error("a copy with no marks applied says it is marked")
			}
			if tt.pages == 0 {
				if !bytes.Equal(cp.PDF, tt.data) || len(cp.Pages) != 0 {
					t.Fatalf("text PDF: copy is %s with %d pages, want the PDF as it is", cp.MediaType, len(cp.Pages))
				}
				return
			}
			if cp.PDF != nil || len(cp.Pages) != tt.pages {
				t.Fatalf("copy is %s with %d pages and PDF %v, want %d pictures", cp.MediaType, len(cp.Pages), cp.PDF != nil, tt.pages)
			}
			img, err := png.Decode(bytes.NewReader(cp.Pages[tt.pages-1]))
			if err != nil {
				t.Fatal(err)
			}
			// The scan is 1 pt a pixel: at DPI it is DPI/72 times larger.
			if want := scan.Bounds().Dx() * DPI / 72; absDiff(img.Bounds().Dx(), want) > 2 {
				t.Errorf("scan page rendered %v wide, want about %d", img.Bounds(), want)
			}
		})
	}
}

func absDiff(a, b int) int {
	if a > b {
		return a - b
	}
	return b - a
}
