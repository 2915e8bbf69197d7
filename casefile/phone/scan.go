package phone

import (
	"strings"
	"unicode"
)

// token is one piece of a written value, as Parse sees it.
type token struct {
	kind       int
	start, end int // bytes
}

const (
	tokDigits = iota // a run of decimal digits, in any script
	tokPlus
	tokOpen
	tokClose
	tokSep   // spaces, hyphens, dashes, dots, direction marks
	tokBreak // anything else: letters, "/", ",", ";", ":", line breaks
)

// tokenize cuts raw into tokens, joining neighbours of the same kind.
func tokenize(raw string) []token {
	var toks []token
	for i, r := range raw {
		k := tokBreak
		switch {
		case digitValue(r) >= 0:
			k = tokDigits
		case r == '+' || r == '\uff0b':
			k = tokPlus
		case r == '(' || r == '\uff08':
			k = tokOpen
		case r == ')' || r == '\uff09':
			k = tokClose
		case isSeparator(r):
			k = tokSep
		}
		end := i + len(string(r))
		if n := len(toks); n > 0 && toks[n-1].kind == k && (k == tokDigits || k == tokSep || k == tokBreak) {
			toks[n-1].end = end
			continue
		}
		toks = append(toks, token{kind: k, start: i, end: end})
	}
	return toks
}

// isSeparator reports whether r may sit between the digits of a number:
// spaces (including no-break and ideographic ones), hyphens, dashes and
// minus signs, dots, and the invisible direction marks that right-to-left
// text puts around numbers.
func isSeparator(r rune) bool {
	switch r {
	case ' ', '\t', '-', '.', '\u00a0', '\u2009', '\u202f', '\u2212', '\u3000', '\uff0d', '\uff0e',
		'\u200e', '\u200f', '\u061c':
		return true
	}
	return r >= '\u2010' && r <= '\u2015' || r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069'
}

// digitValue returns the value of a decimal digit in any script
// ("7", full-width "７", Arabic-Indic "٧", Devanagari "७"), or -1. Unicode
// encodes each script's digits 0 to 9 in one contiguous run, so a digit's
// value is its distance from the start of its run.
func digitValue(r rune) int {
	if r >= '0' && r <= '9' {
		return int(r - '0')
	}
	if r < 0x80 || !unicode.Is(unicode.Nd, r) {
		return -1
	}
	for _, rg := range unicode.Nd.R16 {
		if r >= rune(rg.Lo) && r <= rune(rg.Hi) {
			return int(r-rune(rg.Lo)) % 10
		}
	}
	for _, rg := range unicode.Nd.R32 {
		if r >= rune(rg.Lo) && r <= rune(rg.Hi) {
			return int(r-rune(rg.Lo)) % 10
		}
	}
	return -1
}

// extMarkers introduce an extension after a number, longest first; case
// does not matter.
var extMarkers = []string{";ext=", "extension", "extn", "ext", "x", "#"}

// extension reads an extension written just after a number that ends at
// end ("07700 900121 ext 4", "x4", "#4", "tel:...;ext=4"), and returns its
// digits and where it ends; "" and end when there is none.
func extension(raw string, end int) (string, int) {
	i := end
	for i < len(raw) && (raw[i] == ' ' || raw[i] == '\t') {
		i++
	}
	for _, m := range extMarkers {
		if len(raw)-i < len(m) || !strings.EqualFold(raw[i:i+len(m)], m) {
			continue
		}
		j := i + len(m)
		for j < len(raw) && strings.IndexByte(" \t.:", raw[j]) >= 0 {
			j++
		}
		var digits []byte
		k := j
		for _, r := range raw[j:] {
			d := digitValue(r)
			if d < 0 {
				break
			}
			digits = append(digits, byte('0'+d))
			k += len(string(r))
		}
		if len(digits) == 0 || len(digits) > 7 {
			return "", end
		}
		return string(digits), k
	}
	return "", end
}

// scientific recognises a whole value in scientific notation, as Excel
// writes a long number in a narrow column ("7.7009E+09", or "7,7009E+09"
// in a decimal-comma locale). When every digit is still there
// ("7.700900123E+09") the number is read; when digits are lost and the
// number was long enough to be a phone number (nine digits or more), the
// value is Damaged. ok is false when raw is not in scientific notation.
func scientific(raw string) (Value, bool) {
	s := strings.TrimSpace(raw)
	start := strings.Index(raw, s)
	body := strings.TrimPrefix(s, "+")
	mant, exp, found := strings.Cut(body, "E")
	if !found {
		mant, exp, found = strings.Cut(body, "e")
	}
	if !found {
		return Value{}, false
	}
	exp = strings.TrimPrefix(exp, "+")
	intPart, frac, _ := strings.Cut(mant, ".")
	if strings.Contains(mant, ",") {
		intPart, frac, _ = strings.Cut(mant, ",")
	}
	if !ascii(intPart) || len(intPart) == 0 || len(intPart) > 3 || (frac != "" && !ascii(frac)) ||
		!ascii(exp) || len(exp) == 0 || len(exp) > 2 {
		return Value{}, false
	}
	e := int(exp[0] - '0')
	if len(exp) == 2 {
		e = e*10 + int(exp[1]-'0')
	}
	digits := len(intPart) + e
	switch {
	case len(frac) > e || digits < 9:
		return Value{}, true // a fraction or a small number: no phone in it
	case len(frac) < e:
		return Value{Damaged: true}, true
	}
	e164, _, ok := one(intPart + frac)
	if !ok {
		return Value{}, true
	}
	return Value{Numbers: []Number{{E164: e164, Text: s, Start: start, End: start + len(s), ExtEnd: start + len(s), Repair: RepairScientific}}}, true
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
