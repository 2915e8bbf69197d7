package export

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// unicodeSeeds are strings that once broke the layout or stress it: emoji
// (outside the BMP), long accented words, invalid UTF-8, scripts that
// need fallback fonts, right-to-left text, controls and brackets.
var unicodeSeeds = []string{
	"Emoji 😀 in a title 🎉",
	strings.Repeat("é", 300),
	"https://example.org/" + strings.Repeat("résumé", 40),
	"\xff\xfe\x00binary\x80\xc3",
	"আমার নাম রহিম। কিছু বার্তা পেয়েছি।",
	"اسمي أحمد خان (مثال) 123",
	"میرا نام علی ہے۔",
	"Łucja Wiśniewska, Ayşe Yılmaz, Cabdi Xasan",
	"👨‍👩‍👧 🇬🇧 👍🏽 \u202e\u2066rtl\u2069 \x07\x1b[0m",
	strings.Repeat("(", 100) + strings.Repeat("]", 100),
	"{nb} page alias",
	"",
}

// FuzzLayoutText lays s out in every place the bundle puts text: the
// footer (case title) and header (banner) of every page, headings,
// paragraphs, table cells (as the chronology, schedule and custody log
// print them, with a monospaced column), shortened index titles and
// bookmarks, then writes the PDF. It must never panic or fail.
func FuzzLayoutText(f *testing.F) {
	for _, s := range unicodeSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1000 {
			s = s[:1000]
		}
		done := make(chan error, 1)
		go func() { done <- layOutText(s) }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("%+q: %v", s, err)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("%+q: still laying out after 20s", s)
		}
	})
}

func layOutText(s string) error {
	d := newDoc(s, s, s, s)
	d.AddPage()
	d.Bookmark(s+" — p. 1", 0, 0)
	d.heading(s)
	d.subheading(s)
	d.para(s, 9.5)
	d.table([]float64{0.2, 0.5, 0.3}, [][]string{{s, "What", "Hash"}, {s, s + "\n" + s, s}}, 8, []bool{false, false, true})
	d.SetFont("dejavu", "", 9.5)
	d.CellFormat(40, 6, fitLine(d, s, 38), "", 1, "L", false, 0, "")
	d.Bookmark(s, 1, 0)
	d.MultiCell(0, 5, s, "", "L", false)
	var buf bytes.Buffer
	return d.Output(&buf)
}

func TestLayoutSeeds(t *testing.T) {
	for _, s := range unicodeSeeds {
		if err := layOutText(s); err != nil {
			t.Errorf("%+q: %v", s, err)
		}
	}
}

// TestLayoutMutations runs the fuzz target's body over a fixed set of
// mutations of the seeds (bytes flipped, inserted, dropped), so every run
// of the tests covers more than the seeds even where no fuzzing is done.
func TestLayoutMutations(t *testing.T) {
	if testing.Short() {
		t.Skip("mutations skipped in -short")
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 120; i++ {
		b := []byte(unicodeSeeds[r.IntN(len(unicodeSeeds))])
		for k := 0; k < 1+r.IntN(8); k++ {
			switch p := r.IntN(len(b) + 1); r.IntN(3) {
			case 0:
				if p < len(b) {
					b[p] = byte(r.IntN(256))
				}
			case 1:
				b = append(b[:p], append([]byte{byte(r.IntN(256))}, b[p:]...)...)
			case 2:
				if p < len(b) {
					b = append(b[:p], b[p+1:]...)
				}
			}
		}
		if err := layOutText(string(b)); err != nil {
			t.Errorf("%+q: %v", b, err)
		}
	}
}
