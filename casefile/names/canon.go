package names

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Canon returns s in the one form text is searched and redacted in:
// Unicode compatibility composition (NFKC: full-width letters, digits and
// brackets become ordinary ones, ligatures are split), every decimal digit
// written as an ASCII digit, and invisible format characters (soft
// hyphens, zero-width spaces and joiners, byte-order marks) removed.
// Letters of other scripts are kept as they are (Fold, not Canon, matches
// lookalikes), so Canon changes nothing a reader would see as different.
// Text that needs none of this, such as plain ASCII, comes back unchanged
// without being copied.
func Canon(s string) string {
	if isASCII(s) {
		return s
	}
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < 0x80:
			b.WriteRune(r)
		case unicode.Is(unicode.Cf, r):
		case unicode.Is(unicode.Nd, r):
			b.WriteString(digitOf(r))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
