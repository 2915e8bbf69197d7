// Package numfmt writes counts as people read them, with a comma between
// thousands: "129,711 accepted marks", not "129711". Screens, messages and
// the ICO form's text all use it, so a count reads the same everywhere.
package numfmt

import "strconv"

// Thousands writes n with a comma between thousands: 100,000; -1,200.
func Thousands(n int) string {
	s := strconv.Itoa(n)
	start := 0
	if n < 0 {
		start = 1
	}
	for i := len(s) - 3; i > start; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
