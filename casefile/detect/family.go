package detect

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"dossier/casefile/names"
)

// Surnames are the folded one-word surnames of names, for Relatives.
type Surnames map[string]bool

// notGiven are capitalised words that often stand before a surname
// without being part of a name.
var notGiven = map[string]bool{
	"dear": true, "the": true, "to": true, "from": true, "and": true, "hi": true, "hello": true, "thanks": true,
	"in": true, "on": true, "at": true, "by": true, "for": true, "of": true, "with": true, "re": true, "cc": true,
	"call": true, "ask": true, "tell": true, "ring": true, "see": true, "sent": true, "note": true, "yours": true,
}

// SurnamesOf gives the surnames of names written as people write them
// ("Ana Bello", "BELLO, Ana", and "BELLO Ana" as sheets write them); a
// surname of fewer than three letters, or of more than one word, is left
// out.
func SurnamesOf(list ...string) Surnames {
	m := Surnames{}
	for _, n := range list {
		for i, f := range names.Forms(n) {
			// names.Forms gives "LAST, First" second; written as on a
			// sheet ("BELLO Ana") its comma count is 0, so the words in
			// capitals say how long the surname is.
			if f.Comma != 1 && (i != 1 || f.Comma != 0 || capsWords(n) != 1) {
				continue
			}
			sur, _, _ := strings.Cut(f.Words, " ")
			if utf8.RuneCountInString(sur) >= 3 {
				m[sur] = true
			}
		}
	}
	return m
}

// capsWords counts the leading words of a name written in capitals, titles
// aside ("Mrs BELLO Ana" has one).
func capsWords(n string) int {
	c := 0
	for _, w := range strings.Fields(n) {
		if c == 0 && names.IsHonorific(names.Fold(w)) {
			continue
		}
		if strings.ToUpper(w) != w || strings.ToLower(w) == w {
			break
		}
		c++
	}
	return c
}

// word is one word of a text, by byte offsets.
type word struct{ start, end int }

// words splits text into words: letters with apostrophes or hyphens inside.
func words(text string) []word {
	var out []word
	start := -1
	for i, r := range text {
		inner := (r == '\'' || r == '’' || r == '-') && start >= 0
		switch {
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || inner:
			if start < 0 {
				start = i
			}
		case start >= 0:
			out = append(out, word{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, word{start, len(text)})
	}
	return out
}

func capitalised(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// Relatives finds names that share a surname in sur without being known:
// a resident's daughter in a sheet's notes ("daughter Kemi Bello"), a
// partner, "Mrs Bello". A capitalised word right before a capitalised
// surname is taken as a given name or a title. It is a check for one
// household's text (a sheet row's notes), not for free text at large,
// where "Anne Lee" is most often no relative of Ann Lee.
func Relatives(text string, sur Surnames) []Finding {
	var out []Finding
	ws := words(text)
	for i := 1; i < len(ws); i++ {
		prev, cur := ws[i-1], ws[i]
		last := text[cur.start:cur.end]
		if !capitalised(last) || !sur[names.Fold(last)] {
			continue
		}
		given := text[prev.start:prev.end]
		if gap := text[prev.end:cur.start]; strings.Trim(gap, " \t.") != "" || strings.Count(gap, ".") > 1 {
			continue // not the same phrase: "Bello, Ana" is the case's own form
		}
		if !capitalised(given) || utf8.RuneCountInString(given) < 2 || notGiven[names.Fold(given)] || sur[names.Fold(given)] {
			continue
		}
		t := text[prev.start:cur.end]
		out = append(out, Finding{Kind: Name, Text: t, Start: prev.start, End: cur.end, Value: names.Key(t)})
	}
	return out
}
