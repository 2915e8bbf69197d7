package typeset

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// unit is one thing drawn: a character in one font, or a placeholder for
// a character no font has. src is the text it stands for, which the text
// layer keeps.
//
// A sheet of 100,000 rows is laid out as some ten million units, so a
// unit is kept small: a placeholder's text is made from src when drawn.
type unit struct {
	src  string  // the text this unit stands for
	w    float64 // advance in thousandths of the font size
	r    rune    // the character drawn, unless ph
	font int8    // index into fonts
	ph   bool    // drawn as the placeholders of src's characters
}

func (u unit) text() string {
	if u.ph {
		return placeholders(u.src)
	}
	return string(u.r)
}

// placeholders is s written as placeholders, "[U+1F600]" for each
// character.
func placeholders(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteString(Placeholder(r))
	}
	return b.String()
}

// Placeholder is how a character that no font can draw is shown: its
// code point, in brackets, so a reader can look it up and nothing is
// silently lost.
func Placeholder(r rune) string { return fmt.Sprintf("[U+%04X]", r) }

// clean turns any string into the characters a line is made of: invalid
// UTF-8 becomes U+FFFD, text is composed (NFC, so "e" and a combining
// accent become "é", which every font has), tabs and line breaks become
// spaces, and invisible format characters (zero-width joiners, bidi
// controls, variation selectors, soft hyphens, byte-order marks) are
// dropped: without a shaper they change nothing that could be drawn.
func clean(s string) []rune {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = norm.NFC.String(s)
	out := make([]rune, 0, len(s))
	for _, r := range s {
		switch {
		case r >= ' ' && r <= '~': // printable ASCII, most of any case, as it is
			out = append(out, r)
		case r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f' || r == 0x85 || r == 0x2028 || r == 0x2029:
			out = append(out, ' ')
		case ignorable(r):
		default:
			out = append(out, r)
		}
	}
	return out
}

// printableASCII reports whether s is printable ASCII only, which clean
// leaves as it is (most cells of a sheet).
func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

// ignorable are the default-ignorable characters: drawn as nothing.
func ignorable(r rune) bool {
	return unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r) ||
		unicode.Is(unicode.Variation_Selector, r) ||
		(unicode.Is(unicode.Cf, r) && !unicode.Is(unicode.Prepended_Concatenation_Mark, r))
}

// drawable reports whether a character can be drawn as itself at all;
// control characters, unassigned and private-use code points and
// surrogates cannot, whatever the font claims.
func drawable(r rune) bool {
	if r == 0xFFFD || (r >= ' ' && r <= '~') {
		return true
	}
	return !unicode.IsControl(r) && !unicode.Is(unicode.Co, r) && !unicode.Is(unicode.Cs, r) &&
		(unicode.IsGraphic(r) || r == ' ')
}
