package ocr

import (
	"image"
	"strings"

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
// "MAUREEN" "Baptiste,". A term that is a phone number is matched by its
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

// findText searches the folded words, joined by single spaces, for the
// folded term on word boundaries.
func findText(words []Word, term string) []image.Rectangle {
	if term == "" {
		return nil
	}
	var b strings.Builder
	var owner []int // owner[i] = index of the word that byte i came from
	for i, w := range words {
		f := names.Fold(w.Text)
		if f == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
			owner = append(owner, i)
		}
		b.WriteString(f)
		for range len(f) {
			owner = append(owner, i)
		}
	}
	s := b.String()
	var spans []span
	for from := 0; from <= len(s)-len(term); {
		j := strings.Index(s[from:], term)
		if j < 0 {
			break
		}
		start, end := from+j, from+j+len(term)
		// Whole words only: "ann" must not match inside "joanne", but a
		// word that folds to several ("o'brien" -> "o brien") still counts.
		if (start == 0 || s[start-1] == ' ') && (end == len(s) || s[end] == ' ') {
			spans = append(spans, span{owner[start], owner[end-1]})
		}
		from = start + 1
	}
	return boxes(words, spans)
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
