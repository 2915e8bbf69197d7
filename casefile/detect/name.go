package detect

import (
	"strings"

	"dossier/casefile/names"
)

// nameMatcher finds the case's names in text with one pass over folded
// text (names.Phrases): every form of every name, as whole words, and
// names that share the space between them ("Ann Lee Bob Ray" gives both).
// On a case of 100,000 rows this is built in a tenth of the time an
// Aho–Corasick automaton over the same forms took.
type nameMatcher struct {
	phrases *names.Phrases
	// commas[p] says where phrase p needs a comma in the text: bit 0
	// set means nowhere, bit k means after word k ("LAST, First").
	commas []uint32
}

// newNameMatcher builds the matcher for list, or returns nil when no name
// has two words.
func newNameMatcher(list []string) (*nameMatcher, error) {
	index := make(map[string]int, 2*len(list))
	patterns := make([]string, 0, 2*len(list))
	var commas []uint32
	for _, n := range list {
		for _, f := range names.Forms(n) {
			i, ok := index[f.Words]
			if !ok {
				i = len(patterns)
				index[f.Words] = i
				patterns = append(patterns, f.Words)
				commas = append(commas, 0)
			}
			commas[i] |= 1 << min(f.Comma, 31)
		}
	}
	if len(patterns) == 0 {
		return nil, nil
	}
	return &nameMatcher{phrases: names.NewPhrases(patterns), commas: commas}, nil
}

// scan reports every name in text, given folded by names.FoldMapped
// with its start and end maps. The Value is the names.Key of the text
// matched, which is the key of the case name it matched.
func (m *nameMatcher) scan(text, folded string, start, end []int32, add addFunc) {
	if folded == "" {
		return
	}
	m.phrases.Each(folded, func(p, s, e int) {
		os, oe := int(start[s]), int(end[e-1])
		if !nameGaps(text, folded[s:e], start[s:e], end[s:e], m.commas[p]) {
			return
		}
		add(Name, os, oe, names.Key(text[os:oe]))
	})
}

// nameGaps reports whether the words of a folded match are parted in the
// original text the way a name's words are: by spaces, a hyphen or an
// apostrophe ("Ann-Marie", "O'Brien"), a full stop after an initial
// ("J. Smith"), and a comma only where the form needs one ("LAST, First").
// A full stop after a word ends a sentence: "... Lee. Ann went" is not the
// name "Lee Ann", and neither is "Ann Lee" in "Lee Ann" without a comma.
func nameGaps(text, folded string, start, end []int32, commas uint32) bool {
	if commas&1 != 0 {
		commas = 0 // some name needs no comma in this form
	}
	word, found := 0, uint32(0)
	spaces := make([]int, 0, 4) // folded offsets of the spaces between words
	for p := 1; p+1 < len(folded); p++ {
		if folded[p] != ' ' {
			continue
		}
		word++
		spaces = append(spaces, p)
		gap := text[end[p-1]:start[p+1]]
		punct, comma := 0, false
		for _, r := range gap {
			switch r {
			case ' ', '\t', '\n', '\r', '\u00a0':
			case ',':
				comma = true
				punct++
			case '-', '\'', '\u2019', '\u2010', '\u2011':
				punct++
			case '.':
				if p >= 2 && folded[p-2] != ' ' {
					return false // not after an initial
				}
				punct++
			default:
				return false
			}
		}
		if punct > 1 {
			return false
		}
		if comma {
			if word >= 32 || found != 0 {
				return false
			}
			found = 1 << word
		}
	}
	// No comma where none is needed, or one where one is.
	if (found == 0 && commas == 0) || found&commas != 0 {
		return true
	}
	if found != 0 {
		return false
	}
	// Sheets write "OKAFOR Zoë": a surname in capitals before given names
	// that are not says "LAST, First" as clearly as a comma does.
	for k, p := range spaces {
		if commas&(1<<(k+1)) == 0 {
			continue
		}
		surname, given := text[start[0]:end[p-1]], text[start[p+1]:end[len(folded)-1]]
		if isCaps(surname) && !isCaps(given) {
			return true
		}
	}
	return false
}

// isCaps reports whether s has letters and all of them are capitals.
func isCaps(s string) bool {
	return strings.ToUpper(s) == s && strings.ToLower(s) != s
}
