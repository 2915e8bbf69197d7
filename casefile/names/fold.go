// Package names folds people's names and free text so that the ways one
// name is written compare equal: "BAPTISTE, Maureen", "Maureen Baptiste"
// and "maureen  baptiste" share one Key, and "Zoë", "ZOE" and "zoe" fold to
// the same text.
//
// Folding lower-cases, removes accents (including letters such as Ł, ø, đ
// and ß that carry no combining mark and so survive Unicode decomposition),
// applies compatibility decomposition (NFKD: full-width letters and
// digits, ligatures), writes every decimal digit as an ASCII digit ("٠٧"
// is "07"), turns Cyrillic and Greek letters that look like Latin ones
// into those (a Cyrillic "а" in "Zоë" is an "o"), drops invisible format
// characters (soft hyphens, zero-width spaces and joiners) as if they were
// not there, turns every other character that is neither a letter nor a
// digit into a space, collapses spaces and trims them. The aim is that no
// way of writing a marked name or number slips past a search: a value
// disguised with lookalike letters or hidden hyphens folds like the plain
// one.
//
//	names.Fold("Seán  O'Brien-Łucja") // "sean o brien lucja"
//	names.Key("BAPTISTE, Mrs Maureen") // "baptiste maureen"
//
// FoldMapped folds the same way and also says where each folded byte came
// from, so a match found in folded text can be mapped back to the original.
package names

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/mtibben/confusables"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// special holds letters that Unicode does not decompose into a base letter
// and a combining mark, so stripping marks alone leaves them unchanged.
// Keys are lower case; upper-case letters are lowered before lookup.
var special = map[rune]string{
	'ł': "l", 'ø': "o", 'đ': "d", 'ð': "d", 'ß': "ss", 'æ': "ae", 'œ': "oe",
	'þ': "th", 'ı': "i", 'ħ': "h", 'ŧ': "t", 'ŀ': "l", 'ĸ': "k", 'ŋ': "n",
	'ƒ': "f", 'ɨ': "i", 'ƚ': "l", 'ɍ': "r", 'ʉ': "u", 'ȼ': "c", 'ɇ': "e",
	'ɉ': "j", 'ƀ': "b", 'ƶ': "z", 'ǥ': "g", 'ɏ': "y", 'ꝋ': "o",
}

// tableLimit bounds the precomputed fold table: Latin, Latin-1 Supplement,
// Latin Extended-A and -B, which cover the accented names met in the UK.
const tableLimit = 0x250

// table holds the fold of every rune below tableLimit; sepRune marks a
// separator and an empty string a rune that folds to nothing (a mark).
var table [tableLimit]string

const sepRune = "\x00"

func init() {
	for r := rune(0); r < tableLimit; r++ {
		table[r] = foldSlow(r)
	}
}

// stripMarks decomposes compatibility characters (ligatures, full-width
// letters) and drops the combining marks that decomposition exposes.
var stripMarks = transform.Chain(norm.NFKD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

// slow caches foldSlow for runes above the table, so text in other
// scripts does not pay for a Unicode transform per character.
var slow sync.Map // rune -> string

// foldSlow folds one rune the long way; the result is sepRune for a
// separator.
func foldSlow(r rune) string {
	switch {
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || unicode.Is(unicode.Cf, r):
		// Combining marks and invisible format characters (soft hyphen,
		// zero-width space and joiners, word joiner, byte-order mark)
		// fold to nothing: "Bap\u00adtiste" is "baptiste".
		return ""
	case unicode.Is(unicode.Nd, r):
		return digitOf(r)
	case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mc, r):
	default:
		return sepRune
	}
	if l := latinLookalike(r); l != "" {
		return l
	}
	r = unicode.ToLower(r)
	if s, ok := special[r]; ok {
		return s
	}
	if r < utf8.RuneSelf {
		return string(r)
	}
	s, _, err := transform.String(stripMarks, string(r))
	if err != nil {
		return string(r)
	}
	var b strings.Builder
	for _, c := range s {
		c = unicode.ToLower(c)
		switch {
		case special[c] != "":
			b.WriteString(special[c])
		case latinLookalike(c) != "":
			b.WriteString(latinLookalike(c))
		case unicode.IsLetter(c) || unicode.IsDigit(c) || unicode.Is(unicode.Mc, c):
			b.WriteRune(c)
		}
	}
	return b.String()
}

// digitOf writes a decimal digit of any script as its ASCII digit. Unicode
// keeps each script's digits in a run from zero to nine, so the digit is
// how far r is from the start of its run (NFKD already turned full-width
// and mathematical digits into ASCII ones).
func digitOf(r rune) string {
	if s, _, err := transform.String(norm.NFKD, string(r)); err == nil && len(s) == 1 && s[0] >= '0' && s[0] <= '9' {
		return s
	}
	k := 0
	for k < 9 && unicode.Is(unicode.Nd, r-rune(k)-1) {
		k++
	}
	return string(rune('0' + k))
}

// latinLookalike returns the Latin letters a letter of another script is
// confusable with (Unicode's confusables data, UTS #39), lower-cased, or
// "" when it is Latin already or looks like nothing Latin. Latin letters
// are left alone: the confusables data also maps "m" to "rn", which would
// only blur ordinary words.
func latinLookalike(r rune) string {
	if r < utf8.RuneSelf || unicode.Is(unicode.Latin, r) {
		return ""
	}
	sk := confusables.Skeleton(string(r))
	if sk == string(r) || sk == "" {
		return ""
	}
	for _, c := range sk {
		if c >= utf8.RuneSelf || !(('a' <= c|0x20 && c|0x20 <= 'z') || ('0' <= c && c <= '9')) {
			return ""
		}
	}
	return strings.ToLower(sk)
}

// foldRune folds one rune: it reports the folded text, whether the rune is
// a separator, and nothing at all for a combining mark.
func foldRune(r rune) (s string, sep bool) {
	if r < utf8.RuneSelf {
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			return table[r], false
		case 'A' <= r && r <= 'Z':
			return table[r], false
		}
		return "", true
	}
	if r < tableLimit {
		s = table[r]
	} else if v, ok := slow.Load(r); ok {
		s = v.(string)
	} else {
		s = foldSlow(r)
		slow.Store(r, s)
	}
	if s == sepRune {
		return "", true
	}
	return s, false
}

// Fold returns s lower-cased, with accents removed, every character that is
// neither a letter nor a digit replaced by a space, runs of spaces
// collapsed to one and no space at either end.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	pending := false
	for _, r := range s {
		f, sep := foldRune(r)
		if sep {
			pending = b.Len() > 0
			continue
		}
		if f == "" {
			continue
		}
		if pending {
			b.WriteByte(' ')
			pending = false
		}
		b.WriteString(f)
	}
	return b.String()
}

// FoldMapped folds s exactly as Fold does and also returns, for every byte
// i of the folded text, the byte range start[i]:end[i] of the rune of s it
// came from. A collapsed space maps to the first separator of its run; a
// combining mark that folds to nothing widens the range of the letter before
// it, so mapping a match back never leaves an accent behind.
func FoldMapped(s string) (folded string, start, end []int32) {
	b := make([]byte, 0, len(s))
	start = make([]int32, 0, len(s))
	end = make([]int32, 0, len(s))
	pending, pendingEnd := -1, -1 // the first separator of a run, or -1
	lastRune := -1
	for i, r := range s {
		size := utf8.RuneLen(r)
		if r == utf8.RuneError {
			// An invalid byte counts as one byte, as range does.
			_, size = utf8.DecodeRuneInString(s[i:])
		}
		f, sep := foldRune(r)
		if sep {
			if pending < 0 && len(b) > 0 {
				pending, pendingEnd = i, i+size
			}
			continue
		}
		if f == "" {
			// A mark: the letter before it owns it.
			if lastRune >= 0 && pending < 0 {
				for j := lastRune; j < len(b); j++ {
					end[j] = int32(i + size)
				}
			}
			continue
		}
		if pending >= 0 {
			b = append(b, ' ')
			start = append(start, int32(pending))
			end = append(end, int32(pendingEnd))
			pending = -1
		}
		lastRune = len(b)
		b = append(b, f...)
		for range len(f) {
			start = append(start, int32(i))
			end = append(end, int32(i+size))
		}
	}
	return string(b), start, end
}
