package ocr

import (
	"image"
	"strings"
	"testing"
)

// layout makes words from lines of text, one block per group of lines
// separated by "", 20 px per character and 40 px per line, as tesseract
// would number them.
func layout(lines ...string) []Word {
	var words []Word
	block, line, y := 1, 0, 0
	for _, l := range lines {
		y += 40
		if l == "" {
			block++
			line = 0
			continue
		}
		line++
		x := 0
		for i, w := range strings.Fields(l) {
			words = append(words, Word{Text: w, Conf: 90,
				Box:   image.Rect(x, y, x+20*len([]rune(w)), y+30),
				Block: block, Par: 1, Line: line, Num: i + 1})
			x += 20 * (len([]rune(w)) + 1)
		}
	}
	return words
}

func TestFindTerm(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		term  string
		want  []string // texts of the words each box covers, joined by spaces
	}{
		{"split phone", []string{"To: 07700 900123"}, "07700900123", []string{"07700 900123"}},
		{"international term", []string{"To: 07700 900123"}, "+44 7700 900123", []string{"07700 900123"}},
		{"international text", []string{"Call +44 (0)7700 900123 now"}, "07700 900123", []string{"+44 (0)7700 900123"}},
		{"one word", []string{"+447700900123"}, "07700 900123", []string{"+447700900123"}},
		{"dashes", []string{"Tel:07700-900-123."}, "07700 900123", []string{"Tel:07700-900-123."}},
		{"0044", []string{"0044 7700 900 123"}, "07700900123", []string{"0044 7700 900 123"}},
		{"landline", []string{"Office 020 7946 0123"}, "+442079460123", []string{"020 7946 0123"}},
		{"twice", []string{"07700 900123", "and 07700900123"}, "07700 900123", []string{"07700 900123", "07700900123"}},
		{"longer number", []string{"ref 077009001234"}, "07700 900123", nil},
		{"other number", []string{"07700 900124"}, "07700 900123", nil},
		{"digits inside longer", []string{"1 07700 900123"}, "07700 900123", []string{"07700 900123"}},
		{"name", []string{"Dear MAUREEN Baptiste, hello"}, "maureen baptiste", []string{"MAUREEN Baptiste,"}},
		{"accents", []string{"Hi Zoe Lefevre"}, "Zoë Lefèvre", []string{"Zoe Lefevre"}},
		{"across lines", []string{"Dear Maureen", "Baptiste, hi"}, "Maureen Baptiste", []string{"Maureen", "Baptiste,"}},
		{"whole words", []string{"Joanne Annan"}, "Ann", nil},
		{"apostrophe", []string{"Mr O'Brien"}, "o'brien", []string{"O'Brien"}},
		{"empty term", []string{"anything"}, " ", nil},
	}
	for _, tt := range tests {
		words := layout(tt.lines...)
		rects := FindTerm(words, tt.term)
		var got []string
		for _, r := range rects {
			var in []string
			for _, w := range words {
				if w.Box.In(r) {
					in = append(in, w.Text)
				}
			}
			got = append(got, strings.Join(in, " "))
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: FindTerm(%q) covers %q, want %q", tt.name, tt.term, got, tt.want)
		}
	}
}

func TestLines(t *testing.T) {
	words := layout("a b", "c", "", "d e f")
	// Words of one line out of order still join it.
	words[0], words[2] = words[2], words[0]
	lines := Lines(words)
	var got []string
	for _, l := range lines {
		got = append(got, l.Text)
	}
	if strings.Join(got, "|") != "c|b a|d e f" {
		t.Errorf("Lines = %q", got)
	}
	if lines[2].Box != image.Rect(0, 160, 100, 190) {
		t.Errorf("line box = %v", lines[2].Box)
	}
	if Lines(nil) != nil {
		t.Error("Lines(nil) not nil")
	}
}

func TestFindTermToleratesMisreads(t *testing.T) {
	words := func(texts ...string) []Word {
		var out []Word
		for i, s := range texts {
			out = append(out, Word{Text: s, Box: image.Rect(i*100, 0, i*100+90, 20), Line: 1, Num: i + 1})
		}
		return out
	}
	tests := []struct {
		words []string
		term  string
		want  int
	}{
		{[]string{"tucja", "Nowak"}, "Łucja Nowak", 1},           // Ł read as t
		{[]string{"Maureen", "Bapliste"}, "Maureen Baptiste", 1}, // t read as l
		{[]string{"Maureen", "Baptlsle"}, "Maureen Baptiste", 1}, // two misreads in a long word
		{[]string{"Maureen", "Bxpxlsle"}, "Maureen Baptiste", 0}, // three is another word
		{[]string{"Ann", "Lee"}, "Ann Lee", 1},
		{[]string{"Anna", "Lee"}, "Ann Lee", 0}, // short words match exactly
		{[]string{"and", "Lee"}, "Ann Lee", 0},
		{[]string{"Nowak"}, "Łucja Nowak", 0}, // every word of the term is needed
	}
	for _, tt := range tests {
		if got := len(FindTerm(words(tt.words...), tt.term)); got != tt.want {
			t.Errorf("FindTerm(%v, %q) = %d boxes, want %d", tt.words, tt.term, got, tt.want)
		}
	}
}
