package marks

import (
	"bytes"
	"context"
	"slices"
	"testing"

	"dossier/casefile"
	"dossier/casefile/ocr"
	"dossier/casefile/pdf"
)

// An unmarked PDF is carried as it is, and the pages of it that are pixels
// (a scan; pdf.PageInfo.Pixels) are listed for the OCR read-back.
func TestPDFPixelPagesAreListed(t *testing.T) {
	ctx := context.Background()
	c := markedCase(t)
	scan, _ := ocr.TestScreenshot("Statement of a resident", "Signed in the office")
	tests := []struct {
		name  string
		data  []byte
		pixel []int
	}{
		{"text.pdf", pdf.TestPDF("Minutes of the board meeting", "Page two"), nil},
		{"scan.pdf", pdf.TestMixedPDF(scan), []int{1}},
		{"mixed.pdf", pdf.TestMixedPDF("Covering note", scan, "Last page"), []int{2}},
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
			if !bytes.Equal(cp.PDF, tt.data) || cp.Marked {
				t.Fatalf("copy is %s, marked %v; want the PDF as it is", cp.MediaType, cp.Marked)
			}
			if !slices.Equal(cp.PixelPages, tt.pixel) {
				t.Errorf("pixel pages %v, want %v", cp.PixelPages, tt.pixel)
			}
		})
	}
}
