package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"strings"
	"testing"
	"time"
)

func TestOpenPagesText(t *testing.T) {
	ctx := context.Background()
	data := TestPDF("First page 07700 900123", "Second page\nMaureen Baptiste", "Third")
	d, err := Open(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if d.PageCount() != 3 {
		t.Fatalf("PageCount = %d, want 3", d.PageCount())
	}
	p, err := d.Page(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	if p.Width != 595 || p.Height != 842 || p.Rotation != 0 || p.Images != 0 || p.Chars == 0 || p.Pixels() {
		t.Errorf("page 2 = %+v; want A4, text, not pixels", p)
	}
	text, err := d.Text(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(text, "\f") != 3 {
		t.Errorf("Text has %d form feeds, want one per page:\n%q", strings.Count(text, "\f"), text)
	}
	for _, want := range []string{"07700 900123", "Maureen Baptiste", "Third"} {
		if !strings.Contains(text, want) {
			t.Errorf("Text lacks %q:\n%s", want, text)
		}
	}
	pages := strings.Split(text, "\f")
	if !strings.Contains(pages[1], "Maureen Baptiste") || strings.Contains(pages[0], "Maureen") {
		t.Errorf("page texts out of order: %q", pages)
	}
	if one, _ := d.PageText(ctx, 3); strings.TrimSpace(one) != "Third" {
		t.Errorf("PageText(3) = %q", one)
	}
	if _, err := d.Page(ctx, 4); !errors.Is(err, ErrPage) {
		t.Errorf("Page(4) err = %v, want ErrPage", err)
	}
}

func TestPixels(t *testing.T) {
	ctx := context.Background()
	scan := image.NewRGBA(image.Rect(0, 0, 300, 200))
	for i := range scan.Pix {
		scan.Pix[i] = 0xff
	}
	d, err := Open(ctx, TestMixedPDF("A page of text", scan, "More text"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	pages, err := d.Pages(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []bool{false, true, false} {
		if pages[i].Pixels() != want {
			t.Errorf("page %d: %+v, Pixels() = %v, want %v", i+1, pages[i], pages[i].Pixels(), want)
		}
	}
	if p := pages[1]; p.Images != 1 || p.Chars != 0 || p.Width != 300 || p.Height != 200 {
		t.Errorf("scanned page = %+v, want one image, no text, 300x200 pt", p)
	}
	tests := []struct {
		info PageInfo
		want bool
	}{
		{PageInfo{}, false},                                // blank
		{PageInfo{Objects: 3, Chars: 40}, false},           // text
		{PageInfo{Objects: 3, Images: 1, Chars: 40}, true}, // text and a photo
		{PageInfo{Objects: 12}, true},                      // outlined text, or a drawing
		{PageInfo{Objects: 3, Chars: 40, Unmapped: 2}, false},
		{PageInfo{Objects: 3, Chars: 40, Unmapped: 3}, true}, // words in a font without Unicode
	}
	for _, tt := range tests {
		if got := tt.info.Pixels(); got != tt.want {
			t.Errorf("%+v.Pixels() = %v, want %v", tt.info, got, tt.want)
		}
	}
}

func TestRenderPage(t *testing.T) {
	ctx := context.Background()
	data := TestPDF("Hello", "World")
	r := New()
	tests := []struct {
		page, dpi int
		w, h      int // want size in pixels (A4 = 595x842 pt)
		err       error
	}{
		{1, 72, 595, 842, nil},
		{2, 144, 1190, 1684, nil},
		{3, 72, 0, 0, ErrPage},
		{0, 72, 0, 0, ErrPage},
	}
	for _, tt := range tests {
		img, err := r.RenderPage(ctx, data, tt.page, tt.dpi)
		if tt.err != nil {
			if !errors.Is(err, tt.err) {
				t.Errorf("page %d: err = %v, want %v", tt.page, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("page %d: %v", tt.page, err)
		}
		b := img.Bounds()
		if abs(b.Dx()-tt.w) > 2 || abs(b.Dy()-tt.h) > 2 {
			t.Errorf("page %d at %d dpi: %v, want about %dx%d", tt.page, tt.dpi, b, tt.w, tt.h)
		}
		if !darkNear(img, b.Dx()/2, b.Dy()/8) {
			t.Errorf("page %d: no text drawn", tt.page)
		}
		// The background is white, not transparent.
		if r, g, bl, a := img.At(b.Dx()-2, b.Dy()-2).RGBA(); r != 0xffff || g != 0xffff || bl != 0xffff || a != 0xffff {
			t.Errorf("page %d: background %x %x %x %x, want opaque white", tt.page, r, g, bl, a)
		}
	}
	for _, dpi := range []int{0, -1, MaxDPI + 1} {
		if _, err := r.RenderPage(ctx, data, 1, dpi); err == nil {
			t.Errorf("%d dpi accepted", dpi)
		}
	}
}

// darkNear says whether some pixel in the top-left w by h of img is dark.
func darkNear(img image.Image, w, h int) bool {
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if r, _, _, _ := img.At(x, y).RGBA(); r < 0x4000 {
				return true
			}
		}
	}
	return false
}

func TestBadInput(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		data []byte
		err  error
	}{
		{"empty", nil, ErrDamaged},
		{"garbage", []byte("not a pdf at all"), ErrDamaged},
		{"header only", []byte("%PDF-1.7\n%%EOF\n"), ErrDamaged},
		{"truncated", TestPDF("x")[:200], ErrDamaged},
	}
	r := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Open(ctx, tt.data); !errors.Is(err, tt.err) {
				t.Errorf("Open err = %v, want %v", err, tt.err)
			}
			if _, err := r.PageCount(ctx, tt.data); !errors.Is(err, tt.err) {
				t.Errorf("PageCount err = %v, want %v", err, tt.err)
			}
			if _, err := r.RenderPage(ctx, tt.data, 1, 72); !errors.Is(err, tt.err) {
				t.Errorf("RenderPage err = %v, want %v", err, tt.err)
			}
			if _, err := Clean(ctx, tt.data); !errors.Is(err, tt.err) {
				t.Errorf("Clean err = %v, want %v", err, tt.err)
			}
		})
	}
}

func TestLimits(t *testing.T) {
	ctx := context.Background()
	data := TestPDF("a", "b", "c")
	if _, err := (Limits{MaxPages: 2}).Open(ctx, data); !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), "3 pages") {
		t.Errorf("3 pages over a limit of 2: err = %v, want ErrLimit naming the count", err)
	}
	if _, err := (Limits{MaxBytes: 100}).Open(ctx, data); !errors.Is(err, ErrLimit) {
		t.Errorf("bytes over the limit: err = %v, want ErrLimit", err)
	}
	d, err := (Limits{MaxSide: 500}).Open(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Page(ctx, 1); !errors.Is(err, ErrLimit) {
		t.Errorf("an 842 pt page over a 500 pt limit: err = %v, want ErrLimit", err)
	}
	d.Close()
	d, err = (Limits{MaxPixels: 1_000_000}).Open(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if _, err := d.RenderPage(ctx, 1, 72); err != nil { // 0.5 MP
		t.Errorf("72 dpi within the pixel limit: %v", err)
	}
	if _, err := d.RenderPage(ctx, 1, 300); !errors.Is(err, ErrLimit) { // 8.7 MP
		t.Errorf("300 dpi over the pixel limit: err = %v, want ErrLimit", err)
	}
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Nanosecond)
	defer cancel()
	time.Sleep(time.Millisecond)
	if _, err := New().RenderPage(ctx, TestPDF("x"), 1, 72); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want deadline exceeded", err)
	}
}

func TestGuard(t *testing.T) {
	err := Guard("import the pages", func() error { var m map[string]int; m["x"] = 1; return nil })
	if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "import the pages") {
		t.Errorf("Guard of a panic = %v, want ErrDamaged naming the work", err)
	}
	want := errors.New("plain")
	if err := Guard("x", func() error { return want }); err != want {
		t.Errorf("Guard changed an error: %v", err)
	}
}

func TestRendererReusesDocument(t *testing.T) {
	ctx := context.Background()
	a, b := TestPDF("Alpha"), TestPDF("Bravo")
	r := New()
	for i := 0; i < 3; i++ {
		for _, tc := range []struct {
			data []byte
			want string
		}{{a, "Alpha"}, {a, "Alpha"}, {b, "Bravo"}} {
			text, err := r.Text(ctx, tc.data)
			if err != nil || !strings.Contains(text, tc.want) {
				t.Fatalf("Text = %q, %v; want %q", text, err, tc.want)
			}
		}
	}
	// A caller that changes its slice after a call gets the new document.
	c := bytes.Clone(a)
	r.Text(ctx, c)
	copy(c[bytes.Index(c, []byte("Alpha")):], "Delta")
	if text, _ := r.Text(ctx, c); !strings.Contains(text, "Delta") {
		t.Errorf("a changed slice gave the old document's text: %q", text)
	}
}

func TestClean(t *testing.T) {
	ctx := context.Background()
	clean, err := Clean(ctx, TestPDF("Clean me", "Page two"))
	if err != nil {
		t.Fatal(err)
	}
	tail := clean[bytes.LastIndex(clean, []byte("\nxref\n"))+1:]
	if n := bytes.Count(tail, []byte("\n0 ")); !bytes.HasPrefix(tail, []byte("xref\n0 ")) || n != 1 {
		t.Errorf("cross-reference table is not one subsection from 0:\n%s", tail)
	}
	for _, bad := range []string{"/ObjStm", "/Encrypt", "/Prev"} {
		if bytes.Contains(clean, []byte(bad)) {
			t.Errorf("clean copy holds %s", bad)
		}
	}
	text, err := New().Text(ctx, clean)
	if err != nil || !strings.Contains(text, "Clean me") || !strings.Contains(text, "Page two") {
		t.Errorf("clean copy's text = %q, %v", text, err)
	}
}

func TestDenseXref(t *testing.T) {
	in := []byte("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n3 0 obj\n<<>>\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \n3 1\n0000000029 00000 n \ntrailer\n<</Size 4/Root 1 0 R>>\nstartxref\n49\n%%EOF\n")
	out, err := denseXref(in)
	if err != nil {
		t.Fatal(err)
	}
	want := "xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000000 65535 f \n0000000029 00000 n \ntrailer\n<</Size 4/Root 1 0 R>>\nstartxref\n49\n%%EOF\n"
	if got := string(out[49:]); got != want {
		t.Errorf("denseXref tail =\n%s\nwant\n%s", got, want)
	}
	for _, bad := range []string{"no startxref", "%PDF-1.4\nstartxref\n999\n", "%PDF-1.4\nxref\n0 x\ntrailer\nstartxref\n9\n"} {
		if _, err := denseXref([]byte(bad)); err == nil {
			t.Errorf("denseXref(%q) accepted", bad)
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// An annotation with an appearance (a filled-in field, a stamp) is drawn
// into the clean copy's page, so an importer that copies page content
// alone still shows it.
func TestCleanFlattensAnnotations(t *testing.T) {
	ctx := context.Background()
	base := string(TestPDF("Form page"))
	annot := "/Annots [<< /Type /Annot /Subtype /FreeText /Rect [72 400 400 440] /F 4 /DA (/F1 18 Tf) /AP << /N 7 0 R >> >>] "
	data := strings.Replace(base, "/Resources", annot+"/Resources", 1)
	ap := "BT /F1 18 Tf 2 10 Td (Filled in by hand) Tj ET"
	obj := fmt.Sprintf("7 0 obj\n<< /Type /XObject /Subtype /Form /BBox [0 0 328 40] /Resources << /Font << /F1 3 0 R >> >> /Length %d >>\nstream\n%s\nendstream\nendobj\n", len(ap), ap)
	data = strings.Replace(data, "xref\n", obj+"xref\n", 1) // offsets now wrong: pdfium repairs them
	before, err := New().Text(ctx, []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(before, "Filled in by hand") {
		t.Fatal("the annotation's text is already in the page text; the test proves nothing")
	}
	clean, err := Clean(ctx, []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	after, err := New().Text(ctx, clean)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(after, "Filled in by hand") || !strings.Contains(after, "Form page") {
		t.Errorf("clean copy's text = %q, want the page and its annotation", after)
	}
	if strings.Contains(string(clean), "/FreeText") {
		t.Error("the clean copy still carries the annotation itself")
	}
}
