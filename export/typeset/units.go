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
type unit struct {
	r    rune    // the character drawn, when draw is ""
	draw string  // a placeholder drawn instead, such as "[U+1F600]"
	src  string  // the text this unit stands for
	font int     // index into fonts
	w    float64 // advance in thousandths of the font size
}

func (u unit) text() string {
	if u.draw != "" {
		return u.draw
	}
	return string(u.r)
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
