package detect

import (
	"strings"

	"dossier/casefile/phone"
)

// group is one run of digits inside a phone-shaped stretch of text.
type group struct{ start, end int }

// maxPhoneDigits bounds a candidate: "0044 (0)20 7946 0123" has 15.
const maxPhoneDigits = 15

// scanPhones finds telephone numbers. It cuts the text into stretches of
// digit groups joined by spaces, dots, dashes and brackets, then tries the
// groups of each stretch from the left, longest first, so that two
// numbers written one after the other are both found. Each candidate must
// look like a UK number (0 and 10 or 11 digits) or an international one
// (+ or 00), and phone.Normalize must accept it: the Value is then exactly
// what a sheet row with the same number holds.
func scanPhones(text string, add addFunc) {
	var groups []group
	// Normalising is the costly step, and a text repeats its numbers.
	cache := make(map[string]string)
	for i := 0; i < len(text); {
		c := text[i]
		if !isDigit(c) && c != '+' && c != '(' {
			i++
			continue
		}
		start := i
		end, gs := phoneStretch(text, i, groups[:0])
		groups = gs
		i = max(end, i+1)
		if len(groups) == 0 {
			continue
		}
		phonesInStretch(text, start, groups, cache, add)
	}
}

// phoneStretch reads the stretch that starts at i and returns its end and
// its digit groups. Groups are joined by at most three separator bytes
// with at most one dot or dash ("07700 - 900123", "(07700) 900123",
// "+44 (0)20").
func phoneStretch(s string, i int, groups []group) (int, []group) {
	j := i
	if s[j] == '+' {
		j++
	}
	if j < len(s) && s[j] == '(' {
		j++
		if j < len(s) && s[j] == '+' {
			// "(+44) 20 7946 0555": a bracketed country code; any other
			// "(+" is left to the stretch that starts at the "+".
			k := j + 1
			for k < len(s) && isDigit(s[k]) {
				k++
			}
			if k == j+1 || k-j-1 > 3 || k >= len(s) || s[k] != ')' {
				return i, groups
			}
			j++
		}
	}
	end := i
	for j < len(s) && isDigit(s[j]) {
		g := group{start: j}
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		g.end = j
		groups = append(groups, g)
		end = j
		// A closing bracket right after the digits belongs to them.
		k := j
		punct, spaces, breaks := 0, 0, 0
		for k < len(s) && k-j <= 3 {
			switch s[k] {
			case '\n', '\r':
				breaks++
				spaces++
			case ' ', '\t':
				spaces++
			case '.', '-':
				punct++
			case '(', ')':
			default:
				goto done
			}
			k++
		}
	done:
		if k == j || k-j > 3 || punct > 1 || spaces > 2 || k >= len(s) || !isDigit(s[k]) {
			break
		}
		// A number wraps onto the next line after its area code
		// ("07700\n900123"); after a longer group a line break ends it,
		// as at the end of a sheet's row.
		if breaks > 0 && g.end-g.start > 5 {
			break
		}
		j = k
	}
	return end, groups
}

// phonesInStretch tries the digit groups of one stretch as phone numbers.
func phonesInStretch(text string, stretchStart int, groups []group, cache map[string]string, add addFunc) {
	for a := 0; a < len(groups); {
		found := false
		for b := len(groups) - 1; b >= a; b-- {
			start := groups[a].start
			if a == 0 {
				start = stretchStart
			} else if text[start-1] == '(' {
				start--
			}
			end := groups[b].end
			if text[start] == '(' && !strings.Contains(text[start:end], ")") {
				// "(07700 900123)": the bracket closes after the number.
				start++
			}
			if !phoneEdges(text, start, end, groups, a, b) {
				continue
			}
			if e, ok := tryPhone(text, start, end, cache); ok {
				add(Phone, start, end, e)
				a = b + 1
				found = true
				break
			}
		}
		if !found {
			a++
		}
	}
}

// phoneEdges reports whether text[start:end], made of groups a to b of a
// stretch, stands alone: at word boundaries, not part of a larger number,
// not after a reference word, and parted from the stretch's other groups
// by a space (in "07700.900.123" the part "07700.900" is no number).
func phoneEdges(text string, start, end int, groups []group, a, b int) bool {
	if !wordStart(text, start) || !wordEnd(text, end) || inNumber(text, start, end, false) {
		return false
	}
	if a > 0 && !strings.Contains(text[groups[a-1].end:groups[a].start], " ") {
		return false
	}
	if b+1 < len(groups) && !strings.Contains(text[groups[b].end:groups[b+1].start], " ") {
		return false
	}
	return !refContext(text, start)
}

// tryPhone checks the shape of text[start:end] and normalises it. cache
// maps a candidate's digits (with "+" and any "(0)" kept) to its E.164
// form, or to "" when it is no number.
func tryPhone(text string, start, end int, cache map[string]string) (string, bool) {
	cand := text[start:end]
	if strings.Count(cand, "(") != strings.Count(cand, ")") {
		return "", false
	}
	var key []byte
	for i := 0; i < len(cand); i++ {
		switch c := cand[i]; {
		case isDigit(c) || c == '+':
			key = append(key, c)
		case c == '(' && strings.HasPrefix(cand[i:], "(0)"):
			key = append(key, "(0)"...)
			i += 2
		}
	}
	digits := len(key) - strings.Count(string(key), "+") - 2*strings.Count(string(key), "(0)")
	if digits > maxPhoneDigits {
		return "", false
	}
	switch {
	case key[0] == '+', len(key) > 1 && key[0] == '0' && key[1] == '0':
		if digits < 10 {
			return "", false
		}
	case key[0] == '0':
		if digits != 10 && digits != 11 {
			return "", false
		}
	default:
		return "", false
	}
	if e, ok := cache[string(key)]; ok {
		return e, e != ""
	}
	// The key is the number without its spacing, which is all that
	// phone.Normalize reads.
	e, err := phone.Normalize(string(key))
	if err != nil {
		e = ""
	}
	cache[string(key)] = e
	return e, e != ""
}

// refWords are words that, just before a number, make it a reference
// rather than a phone number ("case ref 0123456789", "para 0635").
var refWords = map[string]bool{
	"ref": true, "reference": true, "case": true, "para": true, "paragraph": true,
	"page": true, "invoice": true, "account": true, "acct": true, "claim": true,
	"order": true, "policy": true, "crn": true, "uprn": true, "ticket": true,
	"complaint": true, "rfa": true, "sort": true, "isbn": true, "issn": true,
}

// refContext reports whether one of the two words before byte i is a
// reference word.
func refContext(text string, i int) bool {
	lo := max(0, i-32)
	words := strings.FieldsFunc(strings.ToLower(text[lo:i]), func(r rune) bool {
		return !(r >= 'a' && r <= 'z')
	})
	if lo > 0 && len(words) > 0 {
		words = words[1:] // may be cut
	}
	for n := 0; n < 2 && n < len(words); n++ {
		if refWords[words[len(words)-1-n]] {
			return true
		}
	}
	return false
}
