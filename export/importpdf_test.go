package export

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/phpdave11/gofpdi"

	"dossier/casefile"
	"dossier/casefile/ocr"
	"dossier/casefile/pdf"
)

// testBuilder is a builder with an empty unredacted bundle open on its
// first page, for placing one exhibit.
func testBuilder() *builder {
	b := &builder{opt: withTools(Options{NoRedact: true, SkipOCRCheck: true}), images: map[[32]byte]string{}, reads: newReadBacks(context.Background(), false, false)}
	b.d = newDoc("Test", "", "Test", "")
	b.d.AddPage()
	return b
}

// A page gofpdi cannot import is placed as a picture of the page, under a
// line that says so; the other pages are imported as they are.
func TestImportPDFFallsBackToAnImage(t *testing.T) {
	orig := importPage
	t.Cleanup(func() { importPage = orig })
	importPage = func(imp *gofpdi.Importer, page int) int {
		if page == 2 {
			panic("cannot parse this page")
		}
		return orig(imp, page)
	}
	ctx := context.Background()
	b := testBuilder()
	ex := casefile.Exhibit{Ref: "LW/1", Filename: "minutes.pdf"}
	data := pdf.TestPDF("First page text", "Second page text", "Third page text")
	if err := b.importPDF(ctx, ex, data); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := b.d.Output(&out); err != nil {
		t.Fatal(err)
	}
	d, err := pdf.Open(ctx, out.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if d.PageCount() != 3 {
		t.Fatalf("%d pages, want 3", d.PageCount())
	}
	for p, want := range []struct {
		text   string
		images int
	}{{"First page text", 0}, {"is shown as a picture of the page", 1}, {"Third page text", 0}} {
		text, _ := d.PageText(ctx, p+1)
		info, _ := d.Page(ctx, p+1)
		if !strings.Contains(text, want.text) || info.Images != want.images {
			t.Errorf("page %d: %d images, text %q; want %q and %d images", p+1, info.Images, text, want.text, want.images)
		}
	}
	if text, _ := d.PageText(ctx, 2); strings.Contains(text, "Second page text") {
		t.Error("the page placed as a picture still carries its text layer")
	}
}

// A PDF that cannot be read at all is refused naming the exhibit.
func TestImportPDFRefusals(t *testing.T) {
	ctx := context.Background()
	ex := casefile.Exhibit{Ref: "LW/4", Filename: "broken.pdf"}
	err := testBuilder().importPDF(ctx, ex, []byte("%PDF-1.4\nnothing here\n"))
	if err == nil || !strings.Contains(err.Error(), "LW/4 (broken.pdf)") || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("err = %v, want one naming LW/4 and saying it is damaged", err)
	}
}

// FuzzPlacePDF feeds mutated PDFs to every step a PDF exhibit goes
// through: open, page facts, text, render, clean, cut, and placement in a
// bundle. Nothing may panic (the recover boundaries turn the parsers'
// panics into errors) or run away: each input has ten seconds.
//
//	go test ./export -run '^$' -fuzz FuzzPlacePDF -fuzztime 2m
func FuzzPlacePDF(f *testing.F) {
	scan, _ := ocr.TestScreenshot("Scanned notice")
	f.Add(pdf.TestPDF("Minutes of the meeting"))
	f.Add(pdf.TestPDF("One", "Two", "Three"))
	f.Add(pdf.TestMixedPDF("Covering note", scan))
	f.Add([]byte("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		lim := pdf.Limits{MaxPages: 20, MaxSide: 14400, MaxPixels: 4_000_000, MaxBytes: 1 << 20}
		d, err := lim.Open(ctx, data)
		if err != nil {
			return
		}
		d.Pages(ctx)
		d.Text(ctx)
		d.RenderPage(ctx, 1, 36)
		d.Close()
		if clean, err := pdf.Clean(ctx, data); err == nil {
			pdf.Assemble(ctx, pdf.Pages{PDF: clean, First: 1, Last: 1})
		}
		pdf.Attachments(ctx, data)
		b := testBuilder()
		if b.importPDF(ctx, casefile.Exhibit{Ref: "LW/1"}, data) == nil {
			b.d.Output(io.Discard)
		}
	})
}
