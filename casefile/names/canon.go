package names

import (
	"sort"
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
	canonRunes(&b, s)
	return b.String()
}

// canonRunes writes NFKC text s as Canon has it: format characters
// dropped, decimal digits made ASCII.
func canonRunes(b *strings.Builder, s string) {
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
}

// CanonMap maps byte ranges of a text to the same passages of its Canon
// form, so that a range marked on the text as read can be applied after
// the text is put in Canon form.
type CanonMap struct {
	// in[k] and out[k] are the k-th boundary between the units Canon
	// rewrites as a whole, in the text and in its Canon form; nil when
	// Canon changed nothing.
	in, out []int
}

// CanonMapped returns Canon(s) and the map from byte ranges of s to
// byte ranges of it.
func CanonMapped(s string) (string, CanonMap) {
	if isASCII(s) {
		return s, CanonMap{}
	}
	var b strings.Builder
	b.Grow(len(s))
	m := CanonMap{in: []int{0}, out: []int{0}}
	var it norm.Iter
	it.InitString(norm.NFKC, s)
	for !it.Done() {
		canonRunes(&b, string(it.Next()))
		m.in = append(m.in, it.Pos())
		m.out = append(m.out, b.Len())
	}
	return b.String(), m
}

// Span returns the range of the Canon form that holds everything s[start:end]
// became. It errs towards hiding: a range that begins or ends inside a unit
// Canon rewrote (a letter and its accents, a ligature) covers the whole unit.
func (m CanonMap) Span(start, end int) (int, int) {
	if m.in == nil {
		return start, end
	}
	// The last boundary at or before start, the first at or after end.
	i := sort.SearchInts(m.in, start+1) - 1
	j := sort.SearchInts(m.in, end)
	i = max(i, 0)
	j = min(j, len(m.in)-1)
	// One unit of s can become several units of the Canon form (a
	// ligature, its letters): they share a boundary in s, and the range
	// takes all of them.
	for i > 0 && m.in[i-1] == m.in[i] {
		i--
	}
	for j+1 < len(m.in) && m.in[j+1] == m.in[j] {
		j++
	}
	return m.out[i], m.out[j]
}
