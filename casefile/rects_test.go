package casefile

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"slices"
	"strings"
	"testing"
	"time"

	"dossier/casefile/names"

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

// TermCountsProgress finds every whole-word place of every form of every
// term, in exhibits and message bodies, and tells progress step by step
// up to its total. The counts are checked against a search for each form
// in turn, the slow way: every place where " form " occurs in " text ".
func TestTermCountsProgress(t *testing.T) {
	ctx := context.Background()
	c := TestCase(t)
	var sheet strings.Builder
	sheet.WriteString("Name,Phone,Address\n")
	people := []string{"Maureen Baptiste", "Zoë Okafor", "Desmond Adeyemi", "Ann Lee", "Bob Ray"}
	for i := range 60 {
		fmt.Fprintf(&sheet, "%s,07700 900%03d,\"Flat %d, Kestrel House\"\n", people[i%len(people)], i%7, i%9)
	}
	texts := []string{sheet.String(), "OKAFOR, Zoë rang about Maureen Baptisteson and Ann Lee Ann Lee and Bob Ray.", "Nothing here."}
	for i, text := range texts {
		if _, err := c.Add(ctx, TestFile(t, fmt.Sprintf("t%d.txt", i), []byte(text)), Meta{}); err != nil {
			t.Fatal(err)
		}
	}
	shot, err := c.Add(ctx, TestFile(t, "shot.png", pngBytes(t)), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	bodies := []string{"Hi Zoe, vote Thursday", "Desmond Adeyemi: call 07700 900003"}
	for i, b := range bodies {
		if _, err := c.AddMessage(ctx, MessageInput{Exhibit: shot.Ref, From: "Northfield Forward", To: "07700 900004",
			At: time.Date(2015, 6, 8, 9, i, 0, 0, time.UTC), Body: b}); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range people {
		c.AddTermMark(ctx, p, "name")
	}
	for i := range 7 {
		c.AddTermMark(ctx, fmt.Sprintf("+44 7700 900%03d", i), "phone")
	}
	c.AddTermMark(ctx, "Flat 3, Kestrel House", "address")
	var steps []int
	total := 0
	counts, err := c.TermCountsProgress(ctx, func(done, n int) { steps = append(steps, done); total = n })
	if err != nil {
		t.Fatal(err)
	}
	if want := 1 + len(texts) + len(bodies); total != want || !slices.Equal(steps, []int{0, 1, 2, 3, 4, 5, 6}) {
		t.Errorf("progress %v of %d, want 0 to %d", steps, total, want)
	}
	haystacks := map[string]string{}
	for i, text := range texts {
		haystacks[fmt.Sprintf("LW/%d", i+1)] = text
	}
	haystacks["message 1"] = bodies[0] + " 07700 900004"
	haystacks["message 2"] = bodies[1] + " 07700 900004"
	order := []string{"LW/1", "LW/2", "LW/3", "message 1", "message 2"}
	if len(counts) != len(people)+8 {
		t.Fatalf("%d counts, want %d", len(counts), len(people)+8)
	}
	for _, tc := range counts {
		want := TermCount{Mark: tc.Mark}
		for _, where := range order {
			hay := " " + names.Fold(haystacks[where]) + " "
			n := 0
			for _, f := range searchForms(tc.Mark) {
				needle := " " + names.Fold(f.text) + " "
				for i := 0; i < len(hay); i++ {
					if strings.HasPrefix(hay[i:], needle) {
						n++
					}
				}
			}
			if n > 0 {
				want.Count += n
				want.Where = append(want.Where, where)
			}
		}
		if tc.Count != want.Count || !slices.Equal(tc.Where, want.Where) {
			t.Errorf("%s %q: %d in %v, want %d in %v", tc.Mark.ValueKind, tc.Mark.Value, tc.Count, tc.Where, want.Count, want.Where)
		}
		if tc.Count == 0 && tc.Mark.Value != "Flat 3, Kestrel House" {
			t.Errorf("%q not found at all", tc.Mark.Value)
		}
	}
}

func pngBytes(t *testing.T) []byte {
	img, _ := ocr.TestScreenshot("Northfield Forward")
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
