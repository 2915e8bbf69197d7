package names

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Variants returns s and the other spellings the same text takes when it
// passes through the wrong character encoding ("mojibake"): its UTF-8
// bytes read as Windows-1252 ("Zoë" becomes "ZoÃ«"), and, when s already
// looks like that, the text it was made from ("ZoÃ«" gives "Zoë" back).
// A sheet saved in one encoding and read in another stores a resident's
// name mangled while a letter spells it right, or the other way round;
// searching for every variant finds both. s comes first; no variant
// repeats.
func Variants(s string) []string {
	out := []string{s}
	add := func(v string) {
		if v == "" || !utf8.ValidString(v) || strings.ContainsRune(v, utf8.RuneError) || Fold(v) == "" {
			return
		}
		for _, o := range out {
			if o == v {
				return
			}
		}
		out = append(out, v)
	}
	if !isASCII(s) {
		// UTF-8 bytes taken as Windows-1252 characters.
		if m, err := charmap.Windows1252.NewDecoder().String(s); err == nil {
			add(m)
		}
		// And back: characters that are Windows-1252 whose bytes are UTF-8.
		if b, err := charmap.Windows1252.NewEncoder().String(s); err == nil && utf8.ValidString(b) {
			add(b)
		}
	}
	return out
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
