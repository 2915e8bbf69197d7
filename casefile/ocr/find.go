package ocr

import (
	"image"
	"strings"
	"unicode/utf8"

	"dossier/casefile/names"
	"dossier/casefile/phone"
)

// FindTerm returns boxes that together cover every occurrence of term among
// words, for proposing redaction rectangles. An occurrence spanning two
// lines gives one box per line. Boxes cover whole OCR words, so punctuation
// stuck to a value ("Baptiste,") is covered too.
//
// Text is matched case-insensitively and accent-folded (names.Fold), as
// whole words, across word and line breaks: "maureen baptiste" finds
// "MAUREEN" "Baptiste,". Longer words may differ by an OCR misread or two
// (see findText). A term that is a phone number is matched by its
// digits, whatever the split and prefix: "07700 900123" finds "07700"
// "900123", "+44" "7700" "900123", "(07700)900123" and "+447700900123".
// Other orders of a name ("BAPTISTE, Maureen") are separate terms; see
// names.Forms.
func FindTerm(words []Word, term string) []image.Rectangle {
	if e164, err := phone.Normalize(term); err == nil {
		return findPhone(words, e164)
	}
	return findText(words, names.Fold(term))
}

// span is a run of words (indices into words) that matched.
type span struct{ first, last int }

// findText matches the folded term's words against the folded OCR
// words, in order, across word and line breaks. OCR misreads letters
// ("Łucja" comes back as "tucja", "Baptiste" as "Bapliste"), and a missed
// box leaks a name through the pixels, so a word of four letters or more
// may differ by one edit, and of eight or more by two. Shorter words must
// match exactly: "Ann" never matches "Anna" or "and".
func findText(words []Word, term string) []image.Rectangle {
	want := strings.Fields(term)
	if len(want) == 0 {
		return nil
	}
	var toks []string
	var owner []int
	for i, w := range words {
		for _, t := range strings.Fields(names.Fold(w.Text)) {
			toks = append(toks, t)
			owner = append(owner, i)
		}
	}
	var spans []span
	for start := 0; start+len(want) <= len(toks); start++ {
		ok := true
		for k, w := range want {
			if !similar(toks[start+k], w) {
				ok = false
				break
			}
		}
		if ok {
			spans = append(spans, span{owner[start], owner[start+len(want)-1]})
		}
	}
	return boxes(words, spans)
}

// similar says whether an OCR word can be taken for a word of a term.
func similar(got, want string) bool {
	if got == want {
		return true
	}
	n := utf8.RuneCountInString(want)
	switch {
	case n >= 8:
		return editDistance(got, want, 2) <= 2
	case n >= 4:
		return editDistance(got, want, 1) <= 1
	}
	return false
}

// editDistance is the Levenshtein distance between a and b, or limit+1
// as soon as it must exceed limit.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// findPhone looks for the national significant number of e164 in runs of
// consecutive words that contain digits, allowing a trunk prefix (0) or
// country code (44, 0044, +44 (0)) just before it.
func findPhone(words []Word, e164 string) []image.Rectangle {
	nsn, cc := nationalDigits(e164)
	if nsn == "" {
		return nil
	}
	var spans []span
	for start := 0; start < len(words); {
		if digitsOf(words[start].Text) == "" {
			start++
			continue
		}
		// Collect a run of words that have digits, on one line or
		// continuing to the next.
		end := start
		var run strings.Builder
		var owner []int
		var wordStart []bool
		for end < len(words) {
			d := digitsOf(words[end].Text)
			if d == "" || !phoneish(words[end].Text) {
				break
			}
			for k := range len(d) {
				owner = append(owner, end)
				wordStart = append(wordStart, k == 0)
			}
			run.WriteString(d)
			end++
		}
		if end == start {
			start++
			continue
		}
		spans = append(spans, matchDigits(run.String(), nsn, cc, owner, wordStart)...)
		start = end
	}
	return boxes(words, spans)
}

// matchDigits finds nsn in the digit run ds, extends each hit back over a
// prefix, and keeps hits that begin and end on word boundaries so that a
// longer number containing nsn does not match.
func matchDigits(ds, nsn, cc string, owner []int, wordStart []bool) []span {
	prefixes := []string{"00" + cc + "0", "00" + cc, cc + "0", cc, "0", ""}
	var out []span
	for from := 0; from <= len(ds)-len(nsn); {
		j := strings.Index(ds[from:], nsn)
		if j < 0 {
			break
		}
		start, end := from+j, from+j+len(nsn)
		from = start + 1
		if end < len(ds) && !wordStart[end] {
			continue // more digits in the same word
		}
		ok := false
		for _, p := range prefixes {
			s := start - len(p)
			if s >= 0 && ds[s:start] == p && wordStart[s] {
				start, ok = s, true
				break
			}
		}
		if ok {
			out = append(out, span{owner[start], owner[end-1]})
		}
	}
	return out
}

// nationalDigits returns the national significant number of e164 and its
// country calling code: "+447700900123" gives "7700900123", "44".
func nationalDigits(e164 string) (nsn, cc string) {
	d := digitsOf(e164)
	if strings.HasPrefix(d, "44") {
		return d[2:], "44"
	}
	// Other countries: the national form's digits without a trunk 0.
	n := strings.TrimLeft(digitsOf(phone.National(e164)), "0")
	if n == "" || !strings.HasSuffix(d, n) {
		return "", ""
	}
	return n, d[:len(d)-len(n)]
}

func digitsOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// phoneish reports whether an OCR word could be part of a written phone
// number: digits and separators, with at most a short label stuck on
// ("Tel:07700", "To:").
func phoneish(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', strings.ContainsRune("+()-./ :", r):
		default:
			letters++
		}
	}
	return letters <= 4
}

// boxes turns spans of words into rectangles, one per line per span,
// without duplicates.
func boxes(words []Word, spans []span) []image.Rectangle {
	var out []image.Rectangle
	seen := map[image.Rectangle]bool{}
	add := func(r image.Rectangle) {
		if !r.Empty() && !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	for _, sp := range spans {
		cur := words[sp.first].Box
		for i := sp.first + 1; i <= sp.last; i++ {
			w, prev := words[i], words[i-1]
			if w.Block != prev.Block || w.Par != prev.Par || w.Line != prev.Line {
				add(cur)
				cur = w.Box
				continue
			}
			cur = cur.Union(w.Box)
		}
		add(cur)
	}
	return out
}
