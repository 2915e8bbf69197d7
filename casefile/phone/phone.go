// Package phone normalises UK telephone numbers as people write them
// ("07700 900123", "(07700) 900123", "+44 (0)20 7946 0123", "0044 7700900123")
// to E.164 ("+447700900123"), so that a number on a data sheet and the same
// number on a text-message screenshot compare equal.
//
// It accepts "possible" numbers, not only "valid" ones: Ofcom reserves
// ranges such as 07700 900000-900999 for drama and these are possible but
// never assigned, and evidence sometimes holds numbers from ranges the
// library does not know yet. On top of the library's possible-number rules
// it checks the shape of the text (one leading plus, one pair of brackets,
// digits and separators only) and the length of UK numbers, so that dates,
// amounts and mistyped numbers are refused rather than matched wrongly.
package phone

import (
	"errors"
	"fmt"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// DefaultRegion is the region assumed for numbers written without a
// country code.
const DefaultRegion = "GB"

// ErrNotPhone means the text is not a possible telephone number.
var ErrNotPhone = errors.New("not a possible phone number")

// Normalize returns raw as an E.164 number ("+447700900123"). Numbers
// without a country code are read as UK numbers. Errors wrap ErrNotPhone
// and quote raw.
func Normalize(raw string) (string, error) {
	s, ok := clean(raw)
	if !ok {
		return "", fmt.Errorf("%q: %w", raw, ErrNotPhone)
	}
	n, err := phonenumbers.Parse(s, DefaultRegion)
	if err != nil || phonenumbers.IsPossibleNumberWithReason(n) != phonenumbers.IS_POSSIBLE {
		return "", fmt.Errorf("%q: %w", raw, ErrNotPhone)
	}
	if n.GetCountryCode() == 44 && !ukLength(phonenumbers.GetNationalSignificantNumber(n)) {
		return "", fmt.Errorf("%q: %w", raw, ErrNotPhone)
	}
	return phonenumbers.Format(n, phonenumbers.E164), nil
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

// clean checks the shape of a written number and returns it as "+digits"
// or "digits" for the library. It allows one leading "+" or "00", one pair
// of brackets holding digits ("(07700) 900123", "+44 (0)20 ..."), and
// spaces, tabs, hyphens, dashes and dots between digits. Anything else
// (letters, slashes, commas, currency signs) means a date, an amount or a
// code, not a phone number.
func clean(raw string) (string, bool) {
	s := strings.TrimSpace(raw)
	// "+44 (0)20 ..." writes the trunk zero in brackets; the library would
	// keep it as a digit of the national number.
	if i := strings.Index(s, "(0)"); i > 0 {
		s = s[:i] + s[i+3:]
	}
	var b strings.Builder
	plus, open, closed, digits := false, false, false, 0
	lastDigit := false
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
			digits++
			lastDigit = true
			continue
		case r == '+':
			if i != 0 {
				return "", false
			}
			plus = true
			b.WriteByte('+')
		case r == '(':
			if open || closed {
				return "", false
			}
			open = true
		case r == ')':
			if !open || closed || !lastDigit {
				return "", false
			}
			closed = true
		case r == ' ' || r == '\t' || r == '-' || r == '.' ||
			r == '\u00a0' || r == '\u202f' || r == '\u2010' || r == '\u2011' || r == '\u2013':
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
	return out, true
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
