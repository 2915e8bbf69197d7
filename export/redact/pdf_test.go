package redact

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"dossier/assets"
	"dossier/casefile/ocr"
	"dossier/casefile/pdf"
	"dossier/internal/tooltest"

	"github.com/jung-kurt/gofpdf"
)

const testDPI = 150

// pdfLines are the lines of each page of the test PDF. Page 2 writes the
// number in international form, which FindTerm and LeakCheck must catch.
var pdfLines = [][]string{
	{"Data sheet, Northfield estate", "To: " + secretPhone + " " + secretName, "Vote on Thursday."},
	{"Continued", "Contact +44 7700 900123 for " + secretName, "End of sheet."},
}

// textPDF makes an A4 PDF with a text layer carrying the secrets, in its
// metadata and a bookmark too, the way a scanned-and-OCRed sheet or a
// letter arrives.
func textPDF(t testing.TB) []byte {
	t.Helper()
	f := gofpdf.New("P", "mm", "A4", "")
	f.SetAutoPageBreak(false, 0)
	f.AddUTF8FontFromBytes("dejavu", "", assets.FontRegular)
	f.SetAuthor(secretName, true)
	f.SetTitle("Sheet for "+secretPhone, true)
	f.SetKeywords(secretName+" "+secretPhone, true)
	for _, lines := range pdfLines {
		f.AddPage()
		f.SetFont("dejavu", "", 16)
		f.Bookmark(lines[1], 0, -1)
		for i, l := range lines {
			f.Text(20, 30+float64(i)*12, l)
		}
	}
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pagesPDF wraps redacted page images in a PDF, as the bundle does.
func pagesPDF(t testing.TB, pages [][]byte) []byte {
	t.Helper()
	f := gofpdf.New("P", "mm", "A4", "")
	for i, p := range pages {
		f.AddPage()
		name := "page" + string(rune('a'+i))
		f.RegisterImageOptionsReader(name, gofpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(p))
		f.ImageOptions(name, 0, 0, 210, 297, false, gofpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	}
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestPDFRemovesTextLayer(t *testing.T) {
	ctx := context.Background()
	r := pdf.New()
	src := textPDF(t)
	before, err := r.Text(ctx, src)
	if err != nil {
		t.Fatal(err)
	}
	if LeakCheck(map[string][]byte{"source": []byte(before)}, needles) == nil {
		t.Fatal("source PDF text layer lacks the values; the test proves nothing")
	}
	var rects []Rect
	for p := range pdfLines {
		img, err := r.RenderPage(ctx, src, p+1, testDPI)
		if err != nil {
			t.Fatal(err)
		}
		rects = append(rects, findBoxes(t, img, drawnWords(img.Bounds(), pdfLines[p]), p+1)...)
	}
	pages, err := PDF(ctx, r, src, rects, testDPI)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != len(pdfLines) {
		t.Fatalf("%d pages, want %d", len(pages), len(pdfLines))
	}
	bundle := pagesPDF(t, pages)
	text, err := r.Text(ctx, bundle)
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(text) != "" {
		t.Errorf("bundle of redacted pages has a text layer: %q", text)
	}
	streams := map[string][]byte{"bundle.pdf": bundle, "pdftotext": []byte(text)}
	for i, p := range pages {
		name := "page " + string(rune('1'+i))
		streams[name] = p
		streams[name+" exiftool"] = exiftool(t, p)
		o := ocrText(t, p)
		streams[name+" ocr"] = []byte(o)
		if o != "" && !strings.Contains(o, strings.Fields(pdfLines[i][2])[0]) {
			t.Errorf("page %d: unmarked text unreadable: %q", i+1, o)
		}
		if os.Getenv("REDACT_SAVE") != "" {
			os.WriteFile(filepath.Join(os.Getenv("REDACT_SAVE"), "page"+string(rune('1'+i))+".png"), p, 0o644)
		}
	}
	if err := LeakCheck(streams, needles); err != nil {
		t.Error(err)
	}
	if tooltest.Have(t, "qpdf") { // the bookmarks, as qpdf lists them
		p := filepath.Join(t.TempDir(), "b.pdf")
		os.WriteFile(p, bundle, 0o600)
		out, _ := exec.Command("qpdf", "--json", "--json-key=outlines", p).Output()
		if LeakCheck(map[string][]byte{"outlines": out}, needles) != nil {
			t.Error("bookmarks survived")
		}
	}
}

// drawnWords gives approximate word boxes for the lines textPDF draws on
// an A4 page rendered into bounds, for use when tesseract is absent: each
// word's box is estimated from the font's advance widths.
func drawnWords(bounds image.Rectangle, lines []string) []ocr.Word {
	f := gofpdf.New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes("dejavu", "", assets.FontRegular)
	f.AddPage()
	f.SetFont("dejavu", "", 16)
	sx, sy := float64(bounds.Dx())/210, float64(bounds.Dy())/297
	size := 16 * 25.4 / 72 // font size in mm
	var words []ocr.Word
	for i, l := range lines {
		base := 30 + float64(i)*12
		x := 20.0
		for j, w := range strings.Split(l, " ") {
			if j > 0 {
				x += f.GetStringWidth(" ")
			}
			wd := f.GetStringWidth(w)
			words = append(words, ocr.Word{
				Text: w, Conf: 100, Block: 1, Par: 1, Line: i + 1, Num: j + 1,
				Box: image.Rect(int(x*sx)-2, int((base-0.8*size)*sy)-2, int((x+wd)*sx)+2, int((base+0.25*size)*sy)+2),
			})
			x += wd
		}
	}
	return words
}

// fakeRenderer serves blank pages, so PDF's own logic is tested apart
// from rendering.
type fakeRenderer struct {
	pages    int
	rendered []int
}

func (f *fakeRenderer) PageCount(context.Context, []byte) (int, error) { return f.pages, nil }
func (f *fakeRenderer) Text(context.Context, []byte) (string, error)   { return "", nil }
func (f *fakeRenderer) Pages(context.Context, []byte) ([]pdf.PageInfo, error) {
	return make([]pdf.PageInfo, f.pages), nil
}
func (f *fakeRenderer) RenderPage(_ context.Context, _ []byte, page, dpi int) (image.Image, error) {
	f.rendered = append(f.rendered, page)
	img := image.NewRGBA(image.Rect(0, 0, 2*dpi, 3*dpi))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	return img, nil
}

func TestPDFMarksEachPage(t *testing.T) {
	f := &fakeRenderer{pages: 3}
	rects := []Rect{{2, 0, 0, 0.5, 0.5}, {3, 0.5, 0.5, 0.5, 0.5}}
	pages, err := PDF(context.Background(), f, nil, rects, 100)
	if err != nil {
		t.Fatal(err)
	}
	want := []image.Rectangle{{}, image.Rect(0, 0, 100, 150), image.Rect(100, 150, 200, 300)}
	for i, p := range pages {
		img, err := png.Decode(bytes.NewReader(p))
		if err != nil {
			t.Fatal(err)
		}
		if !want[i].Empty() && !isBlack(img, want[i]) {
			t.Errorf("page %d: %v not black", i+1, want[i])
		}
		if isBlack(img, image.Rect(0, 0, 1, 1)) != (i == 1) {
			t.Errorf("page %d: corner marked wrongly", i+1)
		}
	}
}

func TestPDFBadRects(t *testing.T) {
	for _, rects := range [][]Rect{
		{{4, 0, 0, 0.1, 0.1}},
		{{0, 0, 0, 0.1, 0.1}},
		{{1, 0.5, 0.5, 0.6, 0.1}},
	} {
		f := &fakeRenderer{pages: 3}
		pages, err := PDF(context.Background(), f, nil, rects, 100)
		if !errors.Is(err, ErrOutside) || pages != nil || len(f.rendered) != 0 {
			t.Errorf("%v: pages %d, rendered %v, err %v; want ErrOutside before rendering", rects, len(pages), f.rendered, err)
		}
	}
}

func TestPDFCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := PDF(ctx, &fakeRenderer{pages: 2}, nil, nil, 100); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want canceled", err)
	}
}
