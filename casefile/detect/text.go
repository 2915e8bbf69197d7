package detect

import (
	"unicode"
	"unicode/utf8"
)

// addFunc receives one finding: kind, byte range and normalised value.
type addFunc func(k Kind, start, end int, value string)

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }
func upper(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - 0x20
	}
	return c
}

// runeBefore returns the rune that ends just before byte i, or -1 at the
// start of the text.
func runeBefore(s string, i int) rune {
	if i <= 0 {
		return -1
	}
	if s[i-1] < utf8.RuneSelf {
		return rune(s[i-1])
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r
}

// runeAt returns the rune that starts at byte i, or -1 at the end.
func runeAt(s string, i int) rune {
	if i >= len(s) {
		return -1
	}
	if s[i] < utf8.RuneSelf {
		return rune(s[i])
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r
}

// isWord reports whether r is part of a word: a letter, a digit, a mark
// or an underscore.
func isWord(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 0 && (isLetter(byte(r)) || isDigit(byte(r)) || r == '_')
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// wordStart reports whether a word may start at byte i: the rune before
// is not part of a word.
func wordStart(s string, i int) bool { return !isWord(runeBefore(s, i)) }

// wordEnd reports whether a word may end at byte i.
func wordEnd(s string, i int) bool { return !isWord(runeAt(s, i)) }

// numberGlue reports whether the byte at i joins digits into one number
// (",", ".", "/", ":"), as in "1,234.56", "11/06/2015" or "09:00".
func numberGlue(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return false
	}
	switch s[i] {
	case ',', '.', '/', ':':
		return true
	}
	return false
}

// inNumber reports whether the span start:end is part of a longer number:
// a currency sign runs into it, or it is glued to digits by "," "." "/"
// or ":". With slash false a "/" does not glue: "07700 900123/4" is a
// phone number and the last digit of another.
func inNumber(s string, start, end int, slash bool) bool {
	switch runeBefore(s, start) {
	case '£', '$', '€', '¥', '#':
		return true
	}
	glued := func(i int) bool { return numberGlue(s, i) && (slash || s[i] != '/') }
	if start >= 2 && glued(start-1) && isDigit(s[start-2]) {
		return true
	}
	if end+1 < len(s) && glued(end) && isDigit(s[end+1]) {
		return true
	}
	return false
}
