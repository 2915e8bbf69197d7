// Package phone normalises UK telephone numbers as people write them
// ("07700 900123", "(07700) 900123", "+44 (0)20 7946 0123", "0044 7700900123")
// to E.164 ("+447700900123"), so that a number on a data sheet and the same
// number on a text-message screenshot compare equal.
//
// It accepts "possible" numbers, not only "valid" ones: Ofcom reserves
// ranges such as 07700 900000-900999 for drama and these are possible but
// never assigned, and evidence sometimes holds numbers from ranges the
// library does not know yet.
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
// without a country code are read as UK numbers.
func Normalize(raw string) (string, error) {
	s := strings.TrimSpace(raw)
	// "+44 (0)20 ..." writes the trunk zero in brackets; the library would
	// keep it as a digit of the national number.
	s = strings.Replace(s, "(0)", "", 1)
	if s == "" {
		return "", fmt.Errorf("%q: %w", raw, ErrNotPhone)
	}
	if strings.Trim(s, "0123456789+()-. \t") != "" {
		// Letters, slashes and commas mean a date, an amount or a code.
		return "", fmt.Errorf("%q: %w", raw, ErrNotPhone)
	}
	if strings.HasPrefix(s, "00") {
		s = "+" + s[2:]
	}
	n, err := phonenumbers.Parse(s, DefaultRegion)
	if err != nil || phonenumbers.IsPossibleNumberWithReason(n) != phonenumbers.IS_POSSIBLE {
		return "", fmt.Errorf("%q: %w", raw, ErrNotPhone)
	}
	// The library's UK lengths admit short local numbers; evidence needs
	// a whole number: 9 or 10 digits after the trunk zero.
	if nsn := phonenumbers.GetNationalSignificantNumber(n); n.GetCountryCode() == 44 && (len(nsn) < 9 || len(nsn) > 10) {
		return "", fmt.Errorf("%q: %w", raw, ErrNotPhone)
	}
	return phonenumbers.Format(n, phonenumbers.E164), nil
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
