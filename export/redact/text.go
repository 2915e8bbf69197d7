package redact

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Block is the stand-in for a redacted span that has no pseudonym.
const Block = "█████"

// Replacement replaces the bytes s[Start:End] of a text with With, a
// pseudonym such as "Phone 7". An empty With means Block.
type Replacement struct {
	Start, End int
	With       string
}

// Text returns s with every replacement applied. Spans are byte offsets
// into s. It errs towards hiding: spans are clipped to s, widened to whole
// UTF-8 characters so no fragment of a character is left, and overlapping
// spans are merged into one span replaced by the stand-in of
// the earliest (spans that only touch stay apart); empty spans are
// ignored.
func Text(s string, repl []Replacement) string {
	out, _ := TextCount(s, repl)
	return out
}

// TextCount is Text that also says how many places of s were replaced:
// overlapping spans merged into one count once, so a count printed as
// "marks applied" matches what a reader sees.
func TextCount(s string, repl []Replacement) (string, int) {
	spans := make([]Replacement, 0, len(repl))
	for _, r := range repl {
		r.Start, r.End = max(r.Start, 0), min(r.End, len(s))
		if r.Start >= r.End {
			continue
		}
		for r.Start > 0 && !utf8.RuneStart(s[r.Start]) {
			r.Start--
		}
		for r.End < len(s) && !utf8.RuneStart(s[r.End]) {
			r.End++
		}
		if r.With == "" {
			r.With = Block
		}
		spans = append(spans, r)
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	var b strings.Builder
	b.Grow(len(s))
	at := 0
	n := 0
	for i := 0; i < len(spans); {
		cur := spans[i]
		for i++; i < len(spans) && spans[i].Start < cur.End; i++ {
			cur.End = max(cur.End, spans[i].End)
		}
		b.WriteString(s[at:cur.Start])
		b.WriteString(cur.With)
		at = cur.End
		n++
	}
	b.WriteString(s[at:])
	return b.String(), n
}
