package detect

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// isLocal reports whether r may appear in the local part of an address
// (RFC 5322 atext and dots, plus non-ASCII letters and digits).
func isLocal(r rune) bool {
	if r >= utf8.RuneSelf {
		return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
	}
	if r < 0 {
		return false
	}
	c := byte(r)
	return isLetter(c) || isDigit(c) || strings.IndexByte("!#$%&'*+/=?^_`{|}~.-", c) >= 0
}

// isDomain reports whether r may appear in a domain name.
func isDomain(r rune) bool {
	if r >= utf8.RuneSelf {
		return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
	}
	if r < 0 {
		return false
	}
	c := byte(r)
	return isLetter(c) || isDigit(c) || c == '.' || c == '-'
}

// scanEmails finds email addresses by growing outwards from each "@".
func scanEmails(text string, add addFunc) {
	from := 0
	for {
		at := strings.IndexByte(text[from:], '@')
		if at < 0 {
			return
		}
		at += from
		from = at + 1
		start := at
		for start > 0 {
			r, size := utf8.DecodeLastRuneInString(text[:start])
			if !isLocal(r) || r == utf8.RuneError {
				break
			}
			start -= size
		}
		// Quotes and other punctuation before an address are not part
		// of it ("'ann@example.org'").
		for start < at && !isWord(runeAt(text, start)) {
			start++
		}
		end := at + 1
		for end < len(text) {
			r, size := utf8.DecodeRuneInString(text[end:])
			if !isDomain(r) || r == utf8.RuneError {
				break
			}
			end += size
		}
		for end > at+1 && (text[end-1] == '.' || text[end-1] == '-') {
			end--
		}
		if start == at || !validDomain(text[at+1:end]) {
			continue
		}
		local := text[start:at]
		if strings.HasSuffix(local, ".") || strings.Contains(local, "..") {
			continue
		}
		add(Email, start, end, strings.ToLower(text[start:end]))
		from = end
	}
}

// validDomain reports whether d has at least two labels, no empty label,
// no label starting or ending with "-", and a top-level label of two or
// more letters.
func validDomain(d string) bool {
	labels := strings.Split(d, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
	}
	tld := labels[len(labels)-1]
	if utf8.RuneCountInString(tld) < 2 {
		return false
	}
	for _, r := range tld {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}
