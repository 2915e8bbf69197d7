package names

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Zoë", "zoe"},
		{"Zoe\u0308", "zoe"}, // decomposed diaeresis
		{"Seán", "sean"},
		{"Łucja", "lucja"},
		{"Søren Đorđević", "soren dordevic"},
		{"Straße", "strasse"},
		{"STRASSE", "strasse"},
		{"Ætheling Œuvre", "aetheling oeuvre"},
		{"Þóra", "thora"},
		{"  BAPTISTE,   Maureen ", "baptiste maureen"},
		{"O'Brien-Smith", "o brien smith"},
		{"O’Brien", "o brien"},
		{"Ann\u00a0Lee", "ann lee"}, // no-break space
		{"line\nbreak\ttab", "line break tab"},
		{"ﬁona", "fiona"}, // ligature
		{"ＡＢＣ", "abc"},    // full-width
		{"Flat 3, 12 Rd.", "flat 3 12 rd"},
		{"£96,000", "96 000"},
		{"Ïñtërnâtiônàlizætiøn", "internationalizaetion"},
		{"Ёлка", "eлкa"},                 // lookalike letters become Latin; others stay
		{"Zоë Okafor", "zoe okafor"},     // a Cyrillic о
		{"Bap\u00adtiste", "baptiste"},   // soft hyphen
		{"Ann\u200bLee\u200d", "annlee"}, // zero-width space and joiner
		{"٠٧٧٠٠ ٩٠٠١٢٣", "07700 900123"}, // Arabic-Indic digits
		{"０７７００ ９００１２３", "07700 900123"}, // full-width digits
		{"𝐙𝐨𝐞", "zoe"},                   // mathematical bold
		{"...", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestKey(t *testing.T) {
	same := [][]string{
		{"BAPTISTE, Maureen", "Maureen Baptiste", "maureen  BAPTISTE", "Mrs Maureen Baptiste", "BAPTISTE, Mrs Maureen", "Baptiste Maureen"},
		{"Zoë Ōkafor", "OKAFOR, Zoe", "Dr. Zoe Okafor"},
		{"Seán Ó Ceallaigh", "Ó CEALLAIGH, Seán", "Mr Sean O Ceallaigh"},
	}
	for _, group := range same {
		want := Key(group[0])
		for _, n := range group[1:] {
			if got := Key(n); got != want {
				t.Errorf("Key(%q) = %q, want %q (as %q)", n, got, want, group[0])
			}
		}
	}
	tests := []struct{ in, want string }{
		{"BAPTISTE, Maureen", "baptiste maureen"},
		{"Miss", "miss"},
		{"Ms Ann", "ann"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Key(tt.in); got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if Key("Ann Lee") == Key("Ann Leigh") {
		t.Error("different names share a key")
	}
}

func TestForms(t *testing.T) {
	tests := []struct {
		in   string
		want []Form
	}{
		{"Maureen Baptiste", []Form{{"maureen baptiste", 0}, {"baptiste maureen", 1}}},
		{"BAPTISTE, Maureen", []Form{{"maureen baptiste", 0}, {"baptiste maureen", 1}}},
		{"BAPTISTE Maureen", []Form{{"maureen baptiste", 0}, {"baptiste maureen", 0}}},
		{"Mrs Maureen Baptiste", []Form{{"maureen baptiste", 0}, {"baptiste maureen", 1}}},
		{"MRS Maureen BAPTISTE", []Form{{"maureen baptiste", 0}, {"baptiste maureen", 1}}},
		{"MAUREEN BAPTISTE", []Form{{"maureen baptiste", 0}, {"baptiste maureen", 1}}},
		{"Maureen Ann Baptiste", []Form{{"maureen ann baptiste", 0}, {"baptiste maureen ann", 1}, {"maureen baptiste", 0}, {"baptiste maureen", 1}}},
		{"DE LA CRUZ, Ana", []Form{{"ana de la cruz", 0}, {"de la cruz ana", 3}}},
		{"Maureen", nil},
		{"Mrs Baptiste", nil},
		{"Baptiste,", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if got := Forms(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Forms(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestFoldMapped(t *testing.T) {
	tests := []struct {
		in   string
		want string
		// spans of the original that each folded word maps back to
		spans []string
	}{
		{"Zoë  OKAFOR", "zoe okafor", []string{"Zoë", "OKAFOR"}},
		{"Zoe\u0308 Li", "zoe li", []string{"Zoe\u0308", "Li"}},
		{", Straße!", "strasse", []string{"Straße"}},
		{"a\u00a0b", "a b", []string{"a", "b"}},
	}
	for _, tt := range tests {
		got, start, end := FoldMapped(tt.in)
		if got != tt.want {
			t.Errorf("FoldMapped(%q) = %q, want %q", tt.in, got, tt.want)
			continue
		}
		i := 0
		for w, word := range strings.Split(got, " ") {
			j := i + len(word)
			if span := tt.in[start[i]:end[j-1]]; span != tt.spans[w] {
				t.Errorf("FoldMapped(%q) word %q maps to %q, want %q", tt.in, word, span, tt.spans[w])
			}
			i = j + 1
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Zoë", "BAPTISTE, Maureen", "Łucja\u0308 ß", "\xff\xfe", "a\u0301\u0301b", " ,"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if got != strings.TrimSpace(got) || strings.Contains(got, "  ") {
			t.Fatalf("Fold(%q) = %q: untrimmed or doubled spaces", s, got)
		}
		if Fold(got) != got {
			t.Fatalf("Fold not idempotent: %q -> %q -> %q", s, got, Fold(got))
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("Fold(%q) = %q: invalid UTF-8", s, got)
		}
		mapped, start, end := FoldMapped(s)
		if mapped != got {
			t.Fatalf("FoldMapped(%q) = %q, Fold gives %q", s, mapped, got)
		}
		if len(start) != len(mapped) || len(end) != len(mapped) {
			t.Fatalf("FoldMapped(%q): %d bytes, %d/%d offsets", s, len(mapped), len(start), len(end))
		}
		for i := range start {
			if start[i] < 0 || start[i] >= end[i] || int(end[i]) > len(s) {
				t.Fatalf("FoldMapped(%q): byte %d maps to %d:%d", s, i, start[i], end[i])
			}
			if i > 0 && start[i] < start[i-1] {
				t.Fatalf("FoldMapped(%q): offsets go backwards at %d", s, i)
			}
		}
		k := Key(s)
		if Key(k) != k {
			t.Fatalf("Key not idempotent: %q -> %q -> %q", s, k, Key(k))
		}
	})
}

func TestVariants(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Maureen Baptiste", []string{"Maureen Baptiste"}},
		{"Zoë Okafor", []string{"Zoë Okafor", "ZoÃ« Okafor"}},
		{"ZoÃ« Okafor", []string{"ZoÃ« Okafor", "ZoÃƒÂ« Okafor", "Zoë Okafor"}},
		{"Łucja", []string{"Łucja"}}, // its second byte is not a Windows-1252 character
	}
	for _, tt := range tests {
		if got := Variants(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Variants(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCanon(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain 07700 900123", "plain 07700 900123"},
		{"０７７００　９００１２３", "07700 900123"},
		{"٠٧٧٠٠ ٩٠٠١٢٣", "07700 900123"},
		{"Bap\u00adtiste\u200b", "Baptiste"},
		{"（07700）", "(07700)"},
		{"Zoë Łucja Ёлка", "Zoë Łucja Ёлка"},
		{"ﬁle", "file"},
	}
	for _, tt := range tests {
		if got := Canon(tt.in); got != tt.want {
			t.Errorf("Canon(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCanonMappedSpan(t *testing.T) {
	tests := []struct {
		in         string
		start, end int    // a range of in
		want       string // what the range is in the Canon form
	}{
		{"call 07700 900123", 5, 10, "07700"},
		{"call ０７７００ now", 5, 20, "07700"},
		// A range ending inside a full-width digit takes the whole digit.
		{"call ０７７００ now", 5, 19, "07700"},
		{"Ana Be\u00adrry said", 4, 10, "Berr"},
		{"Ana Be\u00adrry said", 4, 11, "Berry"},
		{"a ﬁle", 2, 3, "fi"},
		// Beginning inside a letter and its accent takes the letter too.
		{"Zoe\u0301 Lee", 3, 7, "é L"},
		{"", 0, 0, ""},
	}
	for _, tt := range tests {
		c, m := CanonMapped(tt.in)
		if c != Canon(tt.in) {
			t.Errorf("CanonMapped(%q) = %q, want Canon's %q", tt.in, c, Canon(tt.in))
		}
		s, e := m.Span(tt.start, tt.end)
		if got := c[s:e]; got != tt.want {
			t.Errorf("%q[%d:%d] maps to %q, want %q", tt.in, tt.start, tt.end, got, tt.want)
		}
	}
}

func FuzzCanonMapped(f *testing.F) {
	for _, s := range []string{"Ana Berry", "０７７００　９００１２３", "Bap\u00adtiste\u200b", "ﬁle", "e\u0301\xff"} {
		f.Add(s, 1, 4)
	}
	f.Fuzz(func(t *testing.T, s string, start, end int) {
		c, m := CanonMapped(s)
		if c != Canon(s) {
			t.Fatalf("CanonMapped(%q) = %q, Canon = %q", s, c, Canon(s))
		}
		if start < 0 || end > len(s) || start > end {
			return
		}
		cs, ce := m.Span(start, end)
		if cs < 0 || ce > len(c) || cs > ce {
			t.Fatalf("%q[%d:%d] maps outside %q: [%d:%d]", s, start, end, c, cs, ce)
		}
		// Whatever the range held is in its image: Canon of the range is
		// found inside the mapped part (the range may have split a unit,
		// so compare the whole units it touches).
		if cs0, ce0 := m.Span(start, start); cs0 > cs || ce0 < cs {
			t.Fatalf("empty range at %d maps to [%d:%d], range to [%d:%d]", start, cs0, ce0, cs, ce)
		}
		if sub := Canon(s[start:end]); utf8.ValidString(s) && isASCII(s[start:end]) && !strings.Contains(c[cs:ce], sub) {
			t.Fatalf("%q[%d:%d] = %q, not in its image %q", s, start, end, sub, c[cs:ce])
		}
	})
}
