package casefile

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"testing"

	"dossier/casefile/ocr"
	"dossier/casefile/pdf"
	"dossier/internal/tooltest"
)

// knownWords is an OCR engine that returns the words a test drew, so
// rectangle suggestions are tested exactly, with or without tesseract.
type knownWords []ocr.Word

func (k knownWords) Words(context.Context, image.Image) ([]ocr.Word, error) { return k, nil }

func screenshotCase(t *testing.T) (*Case, image.Image, []ocr.Word) {
	t.Helper()
	ctx := context.Background()
	c := TestCase(t)
	img, words := ocr.TestScreenshot("Northfield Forward", "To: 07700 900123", "Hi Maureen Baptiste, vote on Thursday")
	var buf bytes.Buffer
	png.Encode(&buf, img)
	if _, err := c.Add(ctx, TestFile(t, "text.png", buf.Bytes()), Meta{}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AddTermMark(ctx, "+44 7700 900123", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AddTermMark(ctx, "BAPTISTE, Maureen", "name"); err != nil {
		t.Fatal(err)
	}
	return c, img, words
}

func TestSuggestRectsCoverTerms(t *testing.T) {
	ctx := context.Background()
	c, img, words := screenshotCase(t)
	n, err := c.SuggestRects(ctx, knownWords(words), pdf.New(), nil)
	if err != nil || n != 2 {
		t.Fatalf("suggested %d rectangles, %v; want 2", n, err)
	}
	b := img.Bounds()
	for _, m := range mustMarks(t, c, MarkSuggested) {
		r := image.Rect(int(m.X*float64(b.Dx())), int(m.Y*float64(b.Dy())), int((m.X+m.W)*float64(b.Dx())), int((m.Y+m.H)*float64(b.Dy())))
		// Every drawn word of the term must lie inside its rectangle.
		var want []string
		switch m.ValueKind {
		case "phone":
			want = []string{"07700", "900123"}
		case "name":
			want = []string{"Maureen", "Baptiste,"}
		}
		for _, w := range words {
			for _, text := range want {
				if w.Text == text && !w.Box.In(r.Inset(-1)) {
					t.Errorf("%s rectangle %v does not cover %q at %v", m.ValueKind, r, w.Text, w.Box)
				}
			}
		}
		if m.Exhibit != "LW/1" || m.Page != 1 || m.Origin != "ocr" {
			t.Errorf("mark = %+v", m)
		}
	}
	if again, _ := c.SuggestRects(ctx, knownWords(words), pdf.New(), nil); again != 0 {
		t.Errorf("second pass added %d", again)
	}
}

func TestSuggestRectsWithTesseract(t *testing.T) {
	tooltest.Need(t, "tesseract")
	ctx := context.Background()
	c, _, _ := screenshotCase(t)
	n, err := c.SuggestRects(ctx, ocr.New(), pdf.New(), nil)
	if err != nil || n < 2 {
		t.Fatalf("suggested %d rectangles with tesseract, %v", n, err)
	}
}

func TestTermCounts(t *testing.T) {
	ctx := context.Background()
	c := TestCase(t)
	c.Add(ctx, TestFile(t, "a.txt", []byte("Maureen Baptiste rang. BAPTISTE, Maureen wrote. 07700 900123")), Meta{})
	c.Add(ctx, TestFile(t, "b.txt", []byte("Nothing here about Maureen Baptisteson.")), Meta{})
	c.AddTermMark(ctx, "Maureen Baptiste", "name")
	c.AddTermMark(ctx, "+447700900123", "phone")
	counts, err := c.TermCounts(ctx)
	if err != nil || len(counts) != 2 {
		t.Fatal(counts, err)
	}
	if counts[0].Count != 2 || len(counts[0].Where) != 1 || counts[0].Where[0] != "LW/1" {
		t.Errorf("name counts = %+v", counts[0])
	}
	if counts[1].Count != 1 {
		t.Errorf("phone counts = %+v", counts[1])
	}
}
