package redact

import (
	"errors"
	"testing"
	"unicode/utf8"
)

// FuzzLeakCheck checks that a marked value is caught whatever text
// surrounds it and however the phone is written.
func FuzzLeakCheck(f *testing.F) {
	f.Add("Dear", "vote on Thursday", uint8(0))
	f.Add("12345", "67890", uint8(3))
	f.Add("\x00\xff", "é\u0301", uint8(7))
	forms := []string{"07700 900123", "07700-900-123", "+44 (0)7700 900123", "0044 7700 900123",
		"+447700900123", "(07700) 900.123", "07700\u00a0900\u2013123", "7700900123"}
	f.Fuzz(func(t *testing.T, before, after string, form uint8) {
		p := forms[int(form)%len(forms)]
		data := before + " " + p + " " + after
		err := LeakCheck(map[string][]byte{"s": []byte(data)}, []Needle{{Value: "07700 900123", Kind: KindPhone}})
		if !errors.Is(err, ErrLeak) {
			t.Fatalf("%q: phone not caught: %v", data, err)
		}
		data = before + " MAUREEN  Baptiste " + after
		err = LeakCheck(map[string][]byte{"s": []byte(data)}, []Needle{{Value: "Maureen Baptiste", Kind: KindName}})
		if !errors.Is(err, ErrLeak) {
			t.Fatalf("%q: name not caught: %v", data, err)
		}
	})
}

// FuzzText checks that Text never panics, keeps valid UTF-8 valid, and
// removes at least every byte of a span it is given.
func FuzzText(f *testing.F) {
	f.Add("To 07700 900123, Zoë", 3, 15, 17, 22)
	f.Add("ééé", 1, 2, 0, 6)
	f.Fuzz(func(t *testing.T, s string, a, b, c, d int) {
		out := Text(s, []Replacement{{a, b, "[A]"}, {c, d, ""}})
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("Text(%q) = %q: invalid UTF-8", s, out)
		}
		if 0 <= a && a < b && b <= len(s) {
			out := Text(s, []Replacement{{a, b, "[A]"}})
			if len(out) > len(s)-(b-a)+len("[A]") {
				t.Fatalf("Text(%q, %d..%d) = %q: span not removed", s, a, b, out)
			}
		}
	})
}
