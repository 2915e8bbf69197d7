package phone

import (
	"errors"
	"strings"
	"testing"
)

func TestNormalizeAccepts(t *testing.T) {
	tests := []struct {
		raw, want string
	}{
		// Every way the issue lists of writing one drama mobile.
		{"07700 900123", "+447700900123"},
		{"07700-900-123", "+447700900123"},
		{"(07700) 900123", "+447700900123"},
		{"+44 7700 900123", "+447700900123"},
		{"0044 7700900123", "+447700900123"},
		{"+447700900123", "+447700900123"},
		{"07700900123", "+447700900123"},
		{"07700.900.123", "+447700900123"},
		{"07700\t900123", "+447700900123"},
		{"07700 900 123", "+447700900123"},
		{"  07700 900123  ", "+447700900123"},
		{"07700\u00a0900123", "+447700900123"}, // no-break space pasted from a web page
		{"07700–900–123", "+447700900123"},     // en dash from a word processor
		{"+44 (0)7700 900123", "+447700900123"},
		{"+44 07700 900123", "+447700900123"},
		{"0044 (0)7700 900123", "+447700900123"},
		{"07700 900000", "+447700900000"},
		{"07700 900999", "+447700900999"},
		// Spreadsheets drop the leading zero and the plus of a number
		// typed into a numeric cell.
		{"7700900123", "+447700900123"},
		{"447700900123", "+447700900123"},
		// London drama range, with and without the bracketed trunk zero.
		{"+44 (0)20 7946 0123", "+442079460123"},
		{"020 7946 0123", "+442079460123"},
		{"(020) 7946 0123", "+442079460123"},
		{"020-7946-0123", "+442079460123"},
		{"02079460000", "+442079460000"},
		{"020 7946 0999", "+442079460999"},
		// Other UK ranges that have 9-digit national numbers.
		{"0800 123 456", "+44800123456"},
		{"01632 960000", "+441632960000"},
		// Another country's number keeps its own code.
		{"+1 202 555 0123", "+12025550123"},
		{"+353 1 234 5678", "+35312345678"},
	}
	for _, tt := range tests {
		got, err := Normalize(tt.raw)
		if err != nil || got != tt.want {
			t.Errorf("Normalize(%q) = %q, %v; want %q", tt.raw, got, err, tt.want)
		}
	}
}

func TestNormalizeRejects(t *testing.T) {
	for _, raw := range []string{
		"",
		"   ",
		"0",
		"00",
		"0044",
		"+",
		"12345",
		"07700 90012",    // a mobile with one digit missing
		"0770090012",     // the same, unspaced
		"+44 7700 90012", // the same, international
		"077009001234",   // one digit too many
		"020 7946 012",   // London number one digit short
		"11/06/2015",
		"08/06/2015 09:00",
		"2015-06-08",
		"2015.06.08",
		"22,000",
		"£96,000",
		"96000",
		"n/a",
		"none",
		"ex-directory",
		"07700 900123 ext 4",
		"Tel: 07700 900123",
		"07700 900123 07700 900124",
		"++447700900123",
		"44+7700900123",
		"(((07700900123",
		"(07700 900123",
		"07700) 900123",
		"() 07700900123",
		"(07700) (900123)",
		"--07700900123",
		"07700900123-",
		"07700/900123",
		"O77OO 9OO123", // letter O for zero
		"０７７００９００１２３",  // full-width digits
	} {
		got, err := Normalize(raw)
		if !errors.Is(err, ErrNotPhone) {
			t.Errorf("Normalize(%q) = %q, %v; want ErrNotPhone", raw, got, err)
			continue
		}
		if !strings.Contains(err.Error(), "not a possible phone number") {
			t.Errorf("Normalize(%q) error %q does not say why", raw, err)
		}
	}
}

func TestNational(t *testing.T) {
	tests := []struct{ e164, want string }{
		{"+447700900123", "07700 900123"},
		{"+442079460123", "020 7946 0123"},
		{"+12025550123", "+1 202-555-0123"},
		{"junk", "junk"},
	}
	for _, tt := range tests {
		if got := National(tt.e164); got != tt.want {
			t.Errorf("National(%q) = %q, want %q", tt.e164, got, tt.want)
		}
	}
}

// TestRoundTrip checks that the national form of a normalised number
// normalises to the same number, so values shown to users can be pasted
// back in.
func TestRoundTrip(t *testing.T) {
	for _, raw := range []string{"07700 900123", "020 7946 0123", "0800 123 456", "+1 202 555 0123"} {
		e, err := Normalize(raw)
		if err != nil {
			t.Fatal(err)
		}
		if again, err := Normalize(National(e)); err != nil || again != e {
			t.Errorf("Normalize(National(%q)) = %q, %v", e, again, err)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"07700 900123", "+44 (0)20 7946 0123", "0044 7700900123", "(07700) 900123",
		"11/06/2015", "£96,000", "", "+", "(", "(0)", "+44 (0)", "00(0)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		got, err := Normalize(raw)
		if err != nil {
			if got != "" || !errors.Is(err, ErrNotPhone) {
				t.Fatalf("Normalize(%q) = %q, %v", raw, got, err)
			}
			return
		}
		if len(got) < 2 || got[0] != '+' || strings.Trim(got[1:], "0123456789") != "" {
			t.Fatalf("Normalize(%q) = %q: not E.164", raw, got)
		}
		// Idempotence is promised for UK numbers only: the library strips
		// national prefixes of some countries again on each parse
		// ("+810000000000" loses a zero each time).
		if !strings.HasPrefix(got, "+44") {
			return
		}
		if again, err := Normalize(got); err != nil || again != got {
			t.Fatalf("Normalize(%q) = %q, but Normalize(%q) = %q, %v", raw, got, got, again, err)
		}
	})
}
