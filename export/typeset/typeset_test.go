package typeset

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/jung-kurt/gofpdf"
	"golang.org/x/text/unicode/norm"

	"dossier/casefile/names"
	"dossier/internal/tooltest"
)

// namesFold is the leak check's comparison form, with bidi marks
// pdftotext adds around right-to-left runs removed.
func namesFold(s string) string {
	return names.Fold(strings.NewReplacer("\u202b", "", "\u202c", "", "\u200f", "").Replace(s))
}

func newTest() *PDF {
	p := New(gofpdf.New("P", "mm", "A4", ""))
	p.SetAutoPageBreak(false, 0)
	p.AddPage()
	p.SetFont("dejavu", "", 10)
	return p
}

// drawn is what a line's units draw, left to right.
func drawn(p *PDF, s string) string {
	var b strings.Builder
	for _, u := range visual(reorderBengali(p.units(s))) {
		b.WriteString(u.text())
	}
	return b.String()
}

func TestDrawnForm(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"latin stays", "Zoë Łucja Ayşe Cabdi", "Zoë Łucja Ayşe Cabdi"},
		{"composed", "Zoe\u0308", "Zoë"},
		{"emoji placeholder", "Vote 🗳️ now", "Vote [U+1F5F3] now"},
		{"family emoji, joiners dropped", "👨‍👩‍👧", "[U+1F468][U+1F469][U+1F467]"},
		{"control character", "bell\x07", "bell[U+0007]"},
		{"tab and newline are spaces", "a\tb\nc", "a b c"},
		{"invalid UTF-8", "ab\xffc", "ab\uFFFDc"},
		{"private use", "x\uE000", "x[U+E000]"},
		// سلام: seen isolated... no: initial seen, medial lam? lam-alef ligature final, meem isolated.
		{"arabic joined and right to left", "سلام", "\uFEE1\uFEFC\uFEB3"},
		{"arabic in english line", "name: علي (Ali)", "name: \uFEF2\uFEE0\uFECB (Ali)"},
		{"number inside arabic keeps its order", "رقم 123", "123 \uFEE2\uFED7\uFEAD"},
		{"brackets pair with their arabic", "x (مثال)", "x (\uFEDD\uFE8E\uFE9C\uFEE3)"},
		{"bengali vowel sign before consonant", "কি", "িক"},
		{"bengali two-part vowel around consonant", "কো", "েকা"},
		{"bengali cluster keeps together", "স্কি", "িস্ক"},
	}
	p := newTest()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := drawn(p, tt.in); got != tt.want {
				t.Errorf("drawn(%q) = %q (%+q), want %q (%+q)", tt.in, got, got, tt.want, tt.want)
			}
		})
	}
}

func TestMissingRecorded(t *testing.T) {
	p := newTest()
	if p.MissingNote() != "" {
		t.Fatalf("note before any text: %q", p.MissingNote())
	}
	p.CellFormat(50, 5, "Résumé 😀 and 😀 again 👍", "", 1, "L", false, 0, "")
	if got := p.Missing(); len(got) != 2 || got[0] != 0x1F44D || got[1] != 0x1F600 {
		t.Fatalf("Missing = %U, want U+1F44D U+1F600", got)
	}
	if note := p.MissingNote(); !strings.Contains(note, "2 characters") || !strings.Contains(note, "[U+1F600]") {
		t.Errorf("MissingNote = %q", note)
	}
}

func TestFallbackFonts(t *testing.T) {
	p := newTest()
	for _, tt := range []struct {
		r    rune
		font int
	}{{'a', fSans}, {'ক', fBengali}, {'ب', fArabic}, {'Ł', fSans}, {'ş', fSans}} {
		us := p.units(string(tt.r))
		if len(us) != 1 || int(us[0].font) != tt.font || us[0].ph {
			t.Errorf("%q: font %d placeholder %v, want font %d", tt.r, us[0].font, us[0].ph, tt.font)
		}
	}
	p.SetFont("dejavu", "B", 10)
	if us := p.units("ক"); int(us[0].font) != fBengaliBold {
		t.Errorf("bold Bengali drawn with font %d", us[0].font)
	}
	p.SetFont("mono", "", 10)
	if us := p.units("ক"); us[0].font != fBengali {
		t.Errorf("mono Bengali drawn with font %d", us[0].font)
	}
}

func TestFontsLoadedOnlyWhenNeeded(t *testing.T) {
	p := newTest()
	p.CellFormat(50, 5, "plain English 😀", "", 1, "L", false, 0, "")
	for _, f := range []int{fBengali, fBengaliBold, fArabic, fArabicBold, fMono} {
		if p.loaded[f] {
			t.Errorf("font %s %q loaded for Latin text", fonts[f].family, fonts[f].style)
		}
	}
}

func TestLines(t *testing.T) {
	p := newTest()
	long := strings.Repeat("é", 300)
	url := "https://example.org/" + strings.Repeat("résumé", 40)
	tests := []struct {
		name string
		in   string
		w    float64
	}{
		{"long accented word", long, 60},
		{"long url", url, 60},
		{"words", "Vote on Thursday for the candidate of your choice in Northfield", 30},
		{"arabic", strings.Repeat("اسمي أحمد خان ", 20), 40},
		{"bengali", strings.Repeat("আমার নাম রহিম। ", 20), 40},
		{"emoji", strings.Repeat("😀", 100), 20},
		{"narrower than a character", "abc", 0.1},
		{"zero width", "abc def", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := p.Lines(tt.in, tt.w)
			if len(lines) == 0 {
				t.Fatal("no lines")
			}
			var joined strings.Builder
			for _, l := range lines {
				if w := p.GetStringWidth(l); w > tt.w+0.01 && utf8.RuneCountInString(l) > 1 {
					t.Errorf("line %q is %.2f wide, limit %.2f", l, w, tt.w)
				}
				joined.WriteString(l)
			}
			// Only spaces at breaks are dropped.
			strip := func(s string) string { return strings.ReplaceAll(s, " ", "") }
			if strip(joined.String()) != strip(norm.NFC.String(tt.in)) {
				t.Errorf("lines lose text: %q", lines)
			}
		})
	}
	if got := p.Lines("", 50); len(got) != 0 {
		t.Errorf("Lines(\"\") = %q, want none", got)
	}
	if got := p.Lines("a\n\nb\n", 50); len(got) != 3 || got[1] != "" {
		t.Errorf("Lines keeps blank lines: %q", got)
	}
}

func TestFit(t *testing.T) {
	p := newTest()
	if got := p.Fit("short", 100); got != "short" {
		t.Errorf("Fit short = %q", got)
	}
	got := p.Fit(strings.Repeat("é😀", 200), 30)
	if !strings.HasSuffix(got, "…") || p.GetStringWidth(got) > 30 {
		t.Errorf("Fit long = %q (%.1f wide)", got, p.GetStringWidth(got))
	}
}

// TestTextLayer writes a PDF and reads it back with pdftotext: the text
// as written (Bengali in stored order, emoji) is what a reader extracts,
// and Arabic comes back as its letters in reading order.
func TestTextLayer(t *testing.T) {
	tooltest.Need(t, "pdftotext")
	p := newTest()
	// The last line's characters have codes holding the bytes of "(",
	// ")", "\\" and a carriage return, which a content stream escapes.
	lines := []string{"Bengali: আমি টাওয়ার হ্যামলেটসে থাকি", "Emoji: vote 😀 now", "اسمي أحمد خان", "Polish: Łucja Wiśniewska",
		`Escaped: Ĩĩ Ŝŝ čč (a) \ b`}
	for _, l := range lines {
		p.MultiCell(0, 6, l, "", "L", false)
	}
	p.Bookmark("Résumé 😀", 0, 0)
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "t.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := norm.NFKC.String(strings.NewReplacer("\u202b", "", "\u202c", "").Replace(string(out)))
	for _, l := range lines {
		if !strings.Contains(text, l) {
			t.Errorf("text layer lacks %q:\n%s", l, text)
		}
	}
}

func TestBrokenInputNeverPanics(t *testing.T) {
	p := newTest()
	for _, s := range []string{"\xff\xfe\x00\x01", strings.Repeat("\U0010FFFF", 10), "\u202e\u2066x\u2069", "ل", "لا", "্ি", "ো", "((((]]]]", strings.Repeat("(", 200) + "ب"} {
		p.MultiCell(40, 5, s, "", "L", false)
		p.CellFormat(40, 5, s, "1", 1, "C", true, 0, "")
		p.Bookmark(s, 0, 0)
		_ = p.Fit(s, 5)
	}
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		t.Fatal(err)
	}
}

// TestTextLayerFoldsForTheLeakCheck: the leak check compares folded text
// (names.Fold: NFKD, marks dropped). Names in Arabic script, drawn with
// presentation forms from the right, and in Bengali, drawn reordered,
// must still be found in what pdftotext reads back, so a marked value
// that reached a page would be caught.
func TestTextLayerFoldsForTheLeakCheck(t *testing.T) {
	tooltest.Need(t, "pdftotext")
	names := []string{"أحمد خان", "علی رضا", "রহিম উদ্দিন", "Zoë Okafor"}
	p := newTest()
	for _, n := range names {
		p.MultiCell(0, 6, "Statement of "+n+" (resident)", "", "L", false)
	}
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "t.pdf")
	os.WriteFile(path, buf.Bytes(), 0o600)
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := namesFold(string(out))
	for _, n := range names {
		if !strings.Contains(text, namesFold(n)) {
			t.Errorf("folded text layer lacks %q:\n%s", n, text)
		}
	}
}

// TestWrapDrawsAsSplitLines checks that a cell drawn with Wrap and
// DrawLine gives the very bytes SplitLines and CellFormat give, for
// plain text and for the lines Wrap leaves to be laid out again.
func TestWrapDrawsAsSplitLines(t *testing.T) {
	cells := []string{
		"",
		"Zoë Adeyemi",
		"Flat 23, Dellow House, Bigland Street, London E1 2AB, a line long enough to wrap twice in a narrow cell",
		"two\r\nlines\rand\n\nmore\n",
		"supercalifragilisticexpialidocious-and-then-some/with/slashes",
		"name: علي (Ali) is listed at flat 4, which is long enough to wrap",
		"স্কি কো কি and some English words to wrap the line",
		"Vote 🗳️ now, said the text to 07700 900123 and 020 7946 0123",
		"\t leading and trailing spaces \t",
	}
	draw := func(wrapped bool) []byte {
		f := gofpdf.New("P", "mm", "A4", "")
		f.SetCompression(false)
		f.SetCatalogSort(true) // fonts in a fixed order
		f.SetCreationDate(time.Date(2015, 6, 9, 12, 0, 0, 0, time.UTC))
		f.SetModificationDate(time.Date(2015, 6, 9, 12, 0, 0, 0, time.UTC))
		p := New(f)
		p.AddPage()
		for _, mono := range []bool{false, true} {
			if mono {
				p.SetFont("mono", "", 8)
			} else {
				p.SetFont("dejavu", "", 8)
			}
			for _, c := range cells {
				for _, w := range []float64{25, 60, 180} {
					x, y := p.GetXY()
					if wrapped {
						l := p.Wrap(c, w)
						for j := range l.Len() {
							p.SetXY(x, y+float64(j)*4)
							p.DrawLine(w, 4, l, j)
						}
					} else {
						for j, l := range p.SplitLines([]byte(c), w) {
							p.SetXY(x, y+float64(j)*4)
							p.CellFormat(w, 4, string(l), "", 0, "L", false, 0, "")
						}
					}
					p.SetXY(10, 10)
				}
			}
		}
		var b bytes.Buffer
		if err := p.Output(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	want, got := draw(false), draw(true)
	if !bytes.Equal(got, want) {
		t.Errorf("Wrap and DrawLine drew %d bytes that differ from SplitLines and CellFormat's %d", len(got), len(want))
	}
	for _, c := range cells {
		p := newTest()
		var lines []string
		l := p.Wrap(c, 40)
		for j := range l.Len() {
			lines = append(lines, l.Line(j))
		}
		if want := p.SplitText(c, 40); strings.Join(lines, "|") != strings.Join(want, "|") {
			t.Errorf("Wrap(%q) lines %q, SplitText %q", c, lines, want)
		}
	}
}

// TestASCIILayoutAsGeneral: printable ASCII is laid out by a short path
// (most cells of a sheet); it must give the units the general one does,
// in every base font.
func TestASCIILayoutAsGeneral(t *testing.T) {
	cells := []string{"", " ", "a", "UPRN 100030000123", "14 Martineau Walk, Eastbrook", "[Name 12]", "~!@#$%^&*()_+{}|:\"<>?`-=[]\\;',./",
		"  spaced  out  ", strings.Repeat("x", 300)}
	for _, font := range [][2]string{{"dejavu", ""}, {"dejavu", "B"}, {"mono", ""}} {
		p := newTest()
		p.SetFont(font[0], font[1], 9)
		for _, c := range cells {
			if !printableASCII(c) {
				t.Fatalf("%q is not printable ASCII", c)
			}
			got, want := p.layOutASCII(c), p.layOut(c)
			if len(got) != len(want) {
				t.Errorf("%s %q: %d units, want %d", font, c, len(got), len(want))
				continue
			}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("%s %q unit %d: %+v, want %+v", font, c, i, got[i], want[i])
					break
				}
			}
		}
	}
}

// TestWrapToReusesMemory: a Wrapped filled again by WrapTo holds only the
// new text's lines, as a fresh Wrap would.
func TestWrapToReusesMemory(t *testing.T) {
	cells := []string{"a line long enough to wrap in a narrow cell, twice over at least", "", "short",
		"name: علي (Ali) is listed at flat 4", "two\nlines", "Vote 🗳️ now"}
	p := newTest()
	var reused Wrapped
	for _, c := range append(cells, cells...) {
		p.WrapTo(&reused, c, 30)
		fresh := p.Wrap(c, 30)
		if reused.Len() != fresh.Len() {
			t.Errorf("%q: %d lines, fresh %d", c, reused.Len(), fresh.Len())
			continue
		}
		for j := range fresh.Len() {
			if reused.Line(j) != fresh.Line(j) || (reused.lines[j] == nil) != (fresh.lines[j] == nil) {
				t.Errorf("%q line %d: %q, fresh %q", c, j, reused.Line(j), fresh.Line(j))
			}
		}
	}
}
