package phone

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"github.com/nyaruka/phonenumbers"
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
		// As phones, Excel and other systems write them (issue 15.4).
		{"tel:+447700900130", "+447700900130"},
		{"TEL:07700900130", "+447700900130"},
		{"07700 900121 ext 4", "+447700900121"}, // the extension is kept apart: see TestParse
		{"(+44)7700-900-134", "+447700900134"},
		{"+44 7700 900131;", "+447700900131"},
		{"０７７００ ９００１３２", "+447700900132"},                // full-width digits and space
		{"٠٧٧٠٠ ٩٠٠١٣٣", "+447700900133"},                // Arabic-Indic digits
		{"۰۷۷۰۰ ۹۰۰۱۳۳", "+447700900133"},                // Extended Arabic-Indic (Persian, Urdu)
		{"\u200e+44 7700 900133\u200e", "+447700900133"}, // direction marks around a number in right-to-left text
		{"７７００９００１２３", "+447700900123"},                  // full width, leading zero lost
		{"2079460123", "+442079460123"},                  // a London number that lost its zero
		{"7.700900123E+09", "+447700900123"},             // scientific notation with every digit
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
		"Tel: 07700 900123", // a label is for Parse; Normalize takes a number or a tel: URI
		"tel: 07700 900123",
		"7.7009E+09", // Excel lost the last digits
		"4.477E+11",
		"07700 900123 ext",
		"07700 900123 ext 12345678",
		"07700 900123, 07700 900124",
		"5700900123",  // ten digits without a zero, but no UK number lost its zero to start 05
		"8001234567",  // nor 08
		"770090012",   // nine digits is not a mobile without its zero
		"77009001234", // nor eleven
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

// TestParse is the table of issue 15.4: every phone form a sheet cell was
// seen to hold, with what Parse must find.
func TestParse(t *testing.T) {
	type num struct{ e164, ext, text, repair string }
	tests := []struct {
		raw     string
		want    []num
		damaged bool
	}{
		{"tel:+447700900130", []num{{"+447700900130", "", "+447700900130", ""}}, false},
		{"tel:+44-7700-900130;ext=4", []num{{"+447700900130", "4", "+44-7700-900130", ""}}, false},
		{"07700 900121 ext 4", []num{{"+447700900121", "4", "07700 900121", ""}}, false},
		{"07700 900121 Ext. 4", []num{{"+447700900121", "4", "07700 900121", ""}}, false},
		{"07700 900121 x4", []num{{"+447700900121", "4", "07700 900121", ""}}, false},
		{"020 7946 0121 extension 204", []num{{"+442079460121", "204", "020 7946 0121", ""}}, false},
		{"020 7946 0121 #204", []num{{"+442079460121", "204", "020 7946 0121", ""}}, false},
		{"(+44)7700-900-134", []num{{"+447700900134", "", "(+44)7700-900-134", ""}}, false},
		{"+44 7700 900131;", []num{{"+447700900131", "", "+44 7700 900131", ""}}, false},
		{"07700 900131.", []num{{"+447700900131", "", "07700 900131", ""}}, false},
		{"０７７００ ９００１３２", []num{{"+447700900132", "", "０７７００ ９００１３２", ""}}, false},
		{"＋４４ ７７００ ９００１３２", []num{{"+447700900132", "", "＋４４ ７７００ ９００１３２", ""}}, false},
		{"٠٧٧٠٠ ٩٠٠١٣٣", []num{{"+447700900133", "", "٠٧٧٠٠ ٩٠٠١٣٣", ""}}, false},
		{"07700 900135 / 020 7946 0136", []num{{"+447700900135", "", "07700 900135", ""}, {"+442079460136", "", "020 7946 0136", ""}}, false},
		{"07700 900137, 07700 900138", []num{{"+447700900137", "", "07700 900137", ""}, {"+447700900138", "", "07700 900138", ""}}, false},
		{"07700 900139 07700 900140", []num{{"+447700900139", "", "07700 900139", ""}, {"+447700900140", "", "07700 900140", ""}}, false},
		{"Mob: 07700 900141\nHome: 020 7946 0142", []num{{"+447700900141", "", "07700 900141", ""}, {"+442079460142", "", "020 7946 0142", ""}}, false},
		{"07700 900143 or 07700 900144 (daughter)", []num{{"+447700900143", "", "07700 900143", ""}, {"+447700900144", "", "07700 900144", ""}}, false},
		{"07700 900121 ext 4, 07700 900145", []num{{"+447700900121", "4", "07700 900121", ""}, {"+447700900145", "", "07700 900145", ""}}, false},
		{"7700900123", []num{{"+447700900123", "", "7700900123", RepairLeadingZero}}, false},
		{"2079460123", []num{{"+442079460123", "", "2079460123", RepairLeadingZero}}, false},
		{"7.700900123E+09", []num{{"+447700900123", "", "7.700900123E+09", RepairScientific}}, false},
		{"7.7009E+09", nil, true},
		{" 7,7009E+09 ", nil, true},
		{"4.477E+11", nil, true},
		{"1.5E+02", nil, false}, // a small number, not a phone
		{"2.5E-03", nil, false}, // not even a whole number
		{"07700 900123 4", []num{{"+447700900123", "", "07700 900123", ""}}, false},
		{"", nil, false},
		{"n/a", nil, false},
		{"ex-directory", nil, false},
		{"11/06/2015", nil, false},
		{"£96,000", nil, false},
	}
	for _, tt := range tests {
		v := Parse(tt.raw)
		var got []num
		for _, n := range v.Numbers {
			if n.Text != tt.raw[n.Start:n.End] {
				t.Errorf("Parse(%q): Text %q is not raw[%d:%d]", tt.raw, n.Text, n.Start, n.End)
			}
			got = append(got, num{n.E164, n.Ext, n.Text, n.Repair})
		}
		if !reflect.DeepEqual(got, tt.want) || v.Damaged != tt.damaged {
			t.Errorf("Parse(%q) = %+v damaged %v;\nwant %+v damaged %v", tt.raw, got, v.Damaged, tt.want, tt.damaged)
		}
	}
}

// TestNormalizeDamaged checks that a number Excel wrote in scientific
// notation is refused with a message saying so.
func TestNormalizeDamaged(t *testing.T) {
	_, err := Normalize("7.7009E+09")
	if !errors.Is(err, ErrNotPhone) || !strings.Contains(err.Error(), "scientific notation") {
		t.Errorf("Normalize(7.7009E+09) error %v", err)
	}
}

// TestUKAgreesWithLibrary checks the UK fast path against the library's
// own parser, for numbers written with a trunk zero, +44 or 0044, of every
// length around the right ones and with every leading digit.
func TestUKAgreesWithLibrary(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 4000; i++ {
		n := 7 + rng.IntN(8)
		d := make([]byte, n)
		for j := range d {
			d[j] = byte('0' + rng.IntN(10))
		}
		for _, prefix := range []string{"0", "+44", "0044", "+440", "+44 (0)"} {
			raw := prefix + string(d)
			got, err := Normalize(raw)
			want, werr := library(raw)
			if (err == nil) != (werr == nil) || got != want {
				t.Fatalf("Normalize(%q) = %q, %v; the library gives %q, %v", raw, got, err, want, werr)
			}
		}
	}
}

// library is Normalize as it was before the UK fast path: the library's
// parser for every number.
func library(raw string) (string, error) {
	s := strings.Replace(raw, "(0)", "", 1)
	n, err := phonenumbers.Parse(s, DefaultRegion)
	if err != nil || phonenumbers.IsPossibleNumberWithReason(n) != phonenumbers.IS_POSSIBLE {
		return "", ErrNotPhone
	}
	if n.GetCountryCode() == 44 && !ukLength(phonenumbers.GetNationalSignificantNumber(n)) {
		return "", ErrNotPhone
	}
	return phonenumbers.Format(n, phonenumbers.E164), nil
}

// TestDigitRuns checks the assumption digitValue rests on: Unicode's
// decimal digits come in whole runs of ten, each starting at a zero.
func TestDigitRuns(t *testing.T) {
	for _, rg := range unicode.Nd.R16 {
		if rg.Stride != 1 || (rg.Hi-rg.Lo+1)%10 != 0 {
			t.Errorf("Nd range %U-%U is not whole runs of ten", rg.Lo, rg.Hi)
		}
	}
	for _, rg := range unicode.Nd.R32 {
		if rg.Stride != 1 || (rg.Hi-rg.Lo+1)%10 != 0 {
			t.Errorf("Nd range %U-%U is not whole runs of ten", rg.Lo, rg.Hi)
		}
	}
	for r, want := range map[rune]int{'7': 7, '７': 7, '٧': 7, '۷': 7, '७': 7, '৭': 7, '𝟕': 7, '𝟗': 9, 'a': -1, '²': -1, '½': -1} {
		if got := digitValue(r); got != want {
			t.Errorf("digitValue(%q) = %d, want %d", r, got, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"tel:+447700900130", "07700 900121 ext 4", "(+44)7700-900-134", "+44 7700 900131;",
		"０７７００ ９００１３２", "٠٧٧٠٠ ٩٠٠١٣٣", "07700 900135 / 020 7946 0136", "7700900123", "7.7009E+09", "x#;ext=", "(+", "E+"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v := Parse(raw)
		if v.Damaged && len(v.Numbers) > 0 {
			t.Fatalf("Parse(%q): damaged with numbers", raw)
		}
		last := 0
		for _, n := range v.Numbers {
			if n.Start < last || n.End < n.Start || n.ExtEnd < n.End || n.ExtEnd > len(raw) || raw[n.Start:n.End] != n.Text {
				t.Fatalf("Parse(%q): bad offsets %+v", raw, n)
			}
			last = n.ExtEnd
			if len(n.E164) < 2 || n.E164[0] != '+' || strings.Trim(n.E164[1:], "0123456789") != "" {
				t.Fatalf("Parse(%q) = %q: not E.164", raw, n.E164)
			}
			// The text of a number found is that number on its own.
			if n.Repair != RepairScientific {
				if e, err := Normalize(n.Text); err != nil || e != n.E164 {
					t.Fatalf("Parse(%q) found %q as %s, but Normalize(%q) = %q, %v", raw, n.Text, n.E164, n.Text, e, err)
				}
			}
		}
	})
}
