// Package phone normalises UK telephone numbers as people, spreadsheets and
// phones write them ("07700 900123", "(07700) 900123", "+44 (0)20 7946
// 0123", "0044 7700900123", "tel:+447700900123", "07700 900121 ext 4",
// "(+44)7700-900-134", full-width or Arabic-Indic digits, a number whose
// leading zero Excel dropped) to E.164 ("+447700900123"), so that a number
// on a data sheet and the same number on a text-message screenshot compare
// equal.
//
// Normalize reads a value that is one number (the recipient of a message,
// a term to mark). Parse reads a value that may hold several (a sheet's
// phone cell, "07700 900123 / 020 7946 0123"), keeps extensions apart,
// says what it mended, and recognises a number Excel wrote in scientific
// notation ("7.7009E+09"), whose last digits are lost.
//
// It accepts "possible" numbers, not only "valid" ones: Ofcom reserves
// ranges such as 07700 900000-900999 for drama and these are possible but
// never assigned, and evidence sometimes holds numbers from ranges the
// library does not know yet. On top of the library's possible-number rules
// it checks the shape of the text (one leading plus, one pair of brackets,
// digits and separators only) and the length of UK numbers, so that dates,
// amounts and mistyped numbers are refused rather than matched wrongly.
//
// UK numbers, nearly every number a case holds, are taken apart here and
// checked against the library's metadata directly; other countries' go
// through the library's full parser. The full parser runs a dozen regular
// expressions a number, which made it most of the cost of importing a
// 100,000-row sheet.
package phone

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/nyaruka/phonenumbers"
)

// DefaultRegion is the region assumed for numbers written without a
// country code.
const DefaultRegion = "GB"

// ErrNotPhone means the text is not a possible telephone number.
var ErrNotPhone = errors.New("not a possible phone number")

// What Parse mended in a number, in Number.Repair.
const (
	// RepairLeadingZero: ten digits starting 7, 1, 2 or 3, a UK number
	// whose leading zero a spreadsheet dropped ("7700900123").
	RepairLeadingZero = "leading zero restored"
	// RepairScientific: a number Excel wrote in scientific notation with
	// every digit still there ("7.700900123E+09").
	RepairScientific = "read from scientific notation"
)

// Number is one telephone number found in a written value.
type Number struct {
	E164       string // "+447700900123"
	Ext        string // extension digits ("4" of "07700 900121 ext 4"), "" when none
	Text       string // the number as written, without its extension: Value[Start:End]
	Start, End int    // byte offsets of Text in the value
	ExtEnd     int    // end of the extension as written (End when there is none)
	Repair     string // "" or one of the Repair constants
}

// Value is what Parse found in one written value.
type Value struct {
	Numbers []Number // in the order written
	// Damaged is true when the value is a number in scientific notation
	// whose last digits are lost ("7.7009E+09": Excel shows a long number
	// that way in a narrow column and saves it so in CSV). Numbers is then
	// empty; the value must be typed again from the original.
	Damaged bool
}

// Normalize returns raw as an E.164 number ("+447700900123") when raw is
// one telephone number: with or without a "tel:" prefix, an extension
// (which is left out of the result: see Parse) or trailing punctuation.
// Numbers without a country code are read as UK numbers. Errors wrap
// ErrNotPhone and quote raw.
func Normalize(raw string) (string, error) {
	v := Parse(raw)
	if v.Damaged {
		return "", fmt.Errorf("%q: %w: Excel wrote it in scientific notation and its last digits are lost; type it again from the original", raw, ErrNotPhone)
	}
	if len(v.Numbers) != 1 || !alone(raw, v.Numbers[0]) {
		return "", fmt.Errorf("%q: %w", raw, ErrNotPhone)
	}
	return v.Numbers[0].E164, nil
}

// alone reports whether n is all there is in raw, apart from a "tel:"
// just before it (a URI, not a "Tel: " label) and spaces or punctuation
// after it.
func alone(raw string, n Number) bool {
	before := strings.TrimLeftFunc(raw[:n.Start], blank)
	if before != "" && !strings.EqualFold(before, "tel:") {
		return false
	}
	return strings.TrimRightFunc(raw[n.ExtEnd:], func(r rune) bool { return blank(r) || strings.ContainsRune(".,;:", r) }) == ""
}

// blank is white space and the invisible direction marks right-to-left
// text puts around a number.
func blank(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200e' || r == '\u200f' || r == '\u061c' ||
		r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069'
}

// Parse finds every telephone number in raw, in order. Separators between
// numbers may be anything that is not part of a number ("/", ",", " or ",
// a line break) or only spaces ("07700 900123 07700 900124"); labels such
// as "Mob:" or "tel:" are skipped. An extension ("ext 4", "x4", "#4",
// ";ext=4") is kept apart in Number.Ext.
func Parse(raw string) Value {
	if v, ok := scientific(raw); ok {
		return v
	}
	var out Value
	toks := tokenize(raw)
	consumed := 0 // raw up to here belongs to a number or its extension
	for s := 0; s < len(toks); {
		e := s
		for e < len(toks) && toks[e].kind != tokBreak {
			e++
		}
		if e > s {
			consumed = out.stretch(raw, toks[s:e], consumed)
		}
		s = e + 1
	}
	return out
}

// stretch finds the numbers in one run of digits, pluses, brackets and
// separators. It tries the digit groups from the left, longest candidate
// first, so that two numbers written one after the other are both found
// and a stray group ("07700 900123 4") is left out.
func (v *Value) stretch(raw string, toks []token, consumed int) int {
	var groups []int // indexes of digit tokens
	for i, t := range toks {
		if t.kind == tokDigits && t.start >= consumed {
			groups = append(groups, i)
		}
	}
	for g := 0; g < len(groups); {
		found := false
		for h := min(len(groups)-1, g+maxGroups); h >= g; h-- {
			start, end := span(toks, groups[g], groups[h])
			if start < consumed {
				start = toks[groups[g]].start
			}
			e164, repair, ok := one(raw[start:end])
			if !ok {
				continue
			}
			n := Number{E164: e164, Text: raw[start:end], Start: start, End: end, ExtEnd: end, Repair: repair}
			n.Ext, n.ExtEnd = extension(raw, end)
			v.Numbers = append(v.Numbers, n)
			consumed = n.ExtEnd
			g = h + 1
			found = true
			break
		}
		if !found {
			g++
		}
		for g < len(groups) && toks[groups[g]].start < consumed {
			g++
		}
	}
	return consumed
}

// maxGroups bounds a candidate: "0044 (0) 20 7946 01 23" has 7 groups.
const maxGroups = 7

// span returns where a candidate made of digit tokens a..b starts and
// ends: a "+" or "(" (or both) just before the first group belong to it,
// and a ")" just after the last when a bracket is open.
func span(toks []token, a, b int) (start, end int) {
	start, end = toks[a].start, toks[b].end
	for i := a - 1; i >= 0 && i >= a-2; i-- {
		if k := toks[i].kind; k != tokPlus && k != tokOpen {
			break
		}
		start = toks[i].start
	}
	open := 0
	for i := a; i <= b; i++ {
		switch toks[i].kind {
		case tokOpen:
			open++
		case tokClose:
			open--
		}
	}
	for i := a - 1; i >= 0 && toks[i].start >= start; i-- {
		if toks[i].kind == tokOpen {
			open++
		}
	}
	if open > 0 && b+1 < len(toks) && toks[b+1].kind == tokClose {
		end = toks[b+1].end
	}
	return start, end
}

// one normalises a candidate that is exactly one number, or says it is
// not one.
func one(s string) (e164, repair string, ok bool) {
	c, ok := clean(s)
	if !ok {
		return "", "", false
	}
	switch {
	case strings.HasPrefix(c, "+44"):
		// "+44 07700 900123": the trunk zero written after the country
		// code is dropped, as the library's parser drops it.
		nsn := c[3:]
		if strings.HasPrefix(nsn, "0") {
			nsn = nsn[1:]
		}
		return uk(nsn, "")
	case strings.HasPrefix(c, "+0"):
		return "", "", false // no country code starts with 0 ("0000 49...")
	case c[0] == '+':
		return foreign(c)
	case c[0] == '0':
		return uk(c[1:], "")
	case len(c) == 10 && strings.ContainsRune("7123", rune(c[0])):
		return uk(c, RepairLeadingZero)
	case len(c) == 12 && strings.HasPrefix(c, "44"):
		// "447700900123": a spreadsheet dropped the plus.
		return uk(c[2:], "")
	}
	return "", "", false
}

// uk checks a UK national significant number (the digits after the trunk
// zero) against the numbering plan's lengths and the library's metadata.
func uk(nsn, repair string) (string, string, bool) {
	if !ukLength(nsn) {
		return "", "", false
	}
	v, err := strconv.ParseUint(nsn, 10, 64)
	if err != nil {
		return "", "", false
	}
	n := &phonenumbers.PhoneNumber{CountryCode: new(int32(44)), NationalNumber: &v}
	if phonenumbers.IsPossibleNumberWithReason(n) != phonenumbers.IS_POSSIBLE {
		return "", "", false
	}
	return "+44" + nsn, repair, true
}

// foreign reads another country's number with the library's parser.
func foreign(c string) (string, string, bool) {
	n, err := phonenumbers.Parse(c, DefaultRegion)
	if err != nil || phonenumbers.IsPossibleNumberWithReason(n) != phonenumbers.IS_POSSIBLE {
		return "", "", false
	}
	if n.GetCountryCode() == 44 && !ukLength(phonenumbers.GetNationalSignificantNumber(n)) {
		return "", "", false
	}
	return phonenumbers.Format(n, phonenumbers.E164), "", true
}

// ukLength reports whether a UK national significant number (the digits
// after the trunk zero) has a length the numbering plan allows. The
// library's possible lengths admit short local numbers, which would let a
// mobile with a digit missing ("07700 90012") through; evidence needs a
// whole number. Mobiles (07), London and other 02 numbers, 03, 05 and 09
// have 10 digits; some 01 areas and 0800/0500 numbers have 9 or 10.
// No UK number starts 00, 04 or 06 after the trunk zero.
func ukLength(nsn string) bool {
	switch {
	case nsn == "" || !strings.ContainsRune("1235789", rune(nsn[0])):
		return false
	case len(nsn) == 10:
		return true
	case len(nsn) == 9:
		return nsn[0] == '1' || nsn[0] == '8'
	}
	return false
}

// clean checks the shape of one written number and returns it as
// "+digits" or "digits". It allows one leading "+" or "00" (or "(+44)"),
// one pair of brackets holding digits ("(07700) 900123", "+44 (0)20 ..."),
// and spaces, hyphens, dashes and dots between digits; digits may be any
// Unicode decimal digits (full-width, Arabic-Indic...). Anything else
// (letters, slashes, commas, currency signs) means a date, an amount or a
// code, not a phone number.
func clean(raw string) (string, bool) {
	s := strings.TrimSpace(raw)
	// "(+44)7700 ..." writes the country code in brackets.
	for _, p := range []string{"(+", "\uff08+", "(\uff0b", "\uff08\uff0b"} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			if i := strings.IndexAny(rest, ")\uff09"); i > 0 && allDigits(rest[:i]) {
				_, w := firstRune(rest[i:])
				s = "+" + rest[:i] + " " + rest[i+w:]
			}
			break
		}
	}
	// "+44 (0)20 ..." writes the trunk zero in brackets; the library would
	// keep it as a digit of the national number.
	if i := strings.Index(s, "(0)"); i > 0 {
		s = s[:i] + s[i+3:]
	}
	var b strings.Builder
	b.Grow(len(s))
	plus, open, closed, digits := false, false, false, 0
	lastDigit := false
	for i, r := range s {
		if d := digitValue(r); d >= 0 {
			b.WriteByte(byte('0' + d))
			digits++
			lastDigit = true
			continue
		}
		switch {
		case r == '+' || r == '\uff0b':
			if i != 0 {
				return "", false
			}
			plus = true
			b.WriteByte('+')
		case r == '(' || r == '\uff08':
			if open || closed {
				return "", false
			}
			open = true
		case r == ')' || r == '\uff09':
			if !open || closed || !lastDigit {
				return "", false
			}
			closed = true
		case isSeparator(r):
			// Separators must sit between digits (or after a closing
			// bracket): "--07700900123" or "07700 900123-" are not numbers.
			if digits == 0 && !open {
				return "", false
			}
		default:
			return "", false
		}
		lastDigit = false
	}
	if open != closed || digits == 0 || !lastDigit {
		return "", false
	}
	out := b.String()
	if !plus && strings.HasPrefix(out, "00") {
		out = "+" + out[2:]
	}
	if out == "+" || len(out) > 20 {
		return "", false
	}
	return out, true
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if digitValue(r) < 0 {
			return false
		}
	}
	return true
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

// National formats an E.164 number the way it is written in the UK
// ("07700 900123"); other countries' numbers are given in international form.
func National(e164 string) string {
	n, err := phonenumbers.Parse(e164, DefaultRegion)
	if err != nil {
		return e164
	}
	if n.GetCountryCode() == 44 {
		return phonenumbers.Format(n, phonenumbers.NATIONAL)
	}
	return phonenumbers.Format(n, phonenumbers.INTERNATIONAL)
}
