package typeset

import "golang.org/x/text/unicode/bidi"

// Right-to-left text (Arabic, Hebrew) is stored in reading order but
// drawn from the right. This is the part of the Unicode bidirectional
// algorithm a single line needs: the line's direction is that of its
// first strong character; numbers keep their digits left to right; spaces
// and punctuation between two characters of one direction take that
// direction, others the line's; then runs are reversed level by level and
// brackets inside right-to-left runs are mirrored. Explicit embeddings and
// isolates (U+202A-202E, U+2066-2069) are dropped before this as
// invisible, and their effect is not reproduced.

type dir int8

const (
	neutral dir = iota
	ltr
	rtl
	number
)

func classOf(r rune) dir {
	p, _ := bidi.LookupRune(r)
	switch p.Class() {
	case bidi.L:
		return ltr
	case bidi.R, bidi.AL:
		return rtl
	case bidi.EN, bidi.AN:
		return number
	}
	return neutral
}

// unitClass classifies a unit by the text it stands for.
func unitClass(u unit) dir {
	for _, r := range u.src {
		return classOf(r)
	}
	return neutral
}

// hasRTL reports whether any unit is right-to-left.
func hasRTL(us []unit) bool {
	for _, u := range us {
		if unitClass(u) == rtl {
			return true
		}
	}
	return false
}

// isRTL reports whether a line reads from the right: its first strong
// character is right-to-left.
func isRTL(us []unit) bool {
	for _, u := range us {
		switch unitClass(u) {
		case ltr:
			return false
		case rtl:
			return true
		}
	}
	return false
}

// visual reorders one line's units into drawing order, left to right.
func visual(us []unit) []unit {
	hasRTL := false
	cls := make([]dir, len(us))
	for i, u := range us {
		cls[i] = unitClass(u)
		hasRTL = hasRTL || cls[i] == rtl
	}
	if !hasRTL {
		return us
	}
	base := 0
	if isRTL(us) {
		base = 1
	}
	pairBrackets(us, cls, base)
	levels := make([]int, len(us))
	prevStrong := dir(ltr)
	if base == 1 {
		prevStrong = rtl
	}
	for i, c := range cls {
		switch c {
		case ltr:
			levels[i] = 0
			if base == 1 {
				levels[i] = 2
			}
			prevStrong = ltr
		case rtl:
			levels[i] = 1
			prevStrong = rtl
		case number:
			// Digits read left to right; after right-to-left text they
			// sit in its run.
			switch {
			case base == 1 || prevStrong == rtl:
				levels[i] = 2
			default:
				levels[i] = 0
			}
		}
	}
	// Neutrals take the direction of the strong (or numeric) characters
	// on both sides when they agree, else the line's.
	sideDir := func(i, step int) dir {
		for j := i + step; j >= 0 && j < len(cls); j += step {
			switch cls[j] {
			case ltr:
				return ltr
			case rtl, number:
				return rtl
			}
		}
		if base == 1 {
			return rtl
		}
		return ltr
	}
	for i, c := range cls {
		if c != neutral {
			continue
		}
		before, after := sideDir(i, -1), sideDir(i, +1)
		switch {
		case before == after && before == rtl:
			levels[i] = 1
		case before == after && base == 1:
			levels[i] = 2
		case before == after:
			levels[i] = 0
		default:
			levels[i] = base
		}
	}
	out := append([]unit(nil), us...)
	maxL := 0
	for _, l := range levels {
		maxL = max(maxL, l)
	}
	lv := append([]int(nil), levels...)
	for l := maxL; l >= 1; l-- {
		for i := 0; i < len(out); {
			if lv[i] < l {
				i++
				continue
			}
			j := i
			for j < len(out) && lv[j] >= l {
				j++
			}
			reverse(out[i:j])
			reverseInts(lv[i:j])
			i = j
		}
	}
	// Mirror brackets in right-to-left runs; lv now follows out.
	for i := range out {
		if lv[i]%2 == 1 && !out[i].ph {
			if m, ok := mirror[out[i].r]; ok {
				out[i].r = m
			}
		}
	}
	return out
}

// opening brackets and the closing bracket each pairs with.
var brackets = map[rune]rune{'(': ')', '[': ']', '{': '}', '«': '»', '‹': '›'}

// pairBrackets gives both brackets of a pair one direction, as rule N0 of
// the bidirectional algorithm does: the line's, when the text between
// them has a strong character of the line's direction; else the other,
// when the text between them and the text before them have it. So
// "(مثال)" in an English line is one right-to-left run, brackets and all.
func pairBrackets(us []unit, cls []dir, base int) {
	e, o := ltr, rtl
	if base == 1 {
		e, o = rtl, ltr
	}
	strong := func(c dir) dir {
		if c == number {
			return rtl
		}
		return c
	}
	var stack []int
	for i, u := range us {
		if u.ph {
			continue
		}
		if _, ok := brackets[u.r]; ok {
			if len(stack) < 63 {
				stack = append(stack, i)
			}
			continue
		}
		for k := len(stack) - 1; k >= 0; k-- {
			open := stack[k]
			if brackets[us[open].r] != u.r {
				continue
			}
			stack = stack[:k]
			found := neutral
			for j := open + 1; j < i; j++ {
				switch strong(cls[j]) {
				case e:
					found = e
				case o:
					if found == neutral {
						found = o
					}
				}
				if found == e {
					break
				}
			}
			if found == o {
				before := e
				for j := open - 1; j >= 0; j-- {
					if c := strong(cls[j]); c != neutral {
						before = c
						break
					}
				}
				if before != o {
					found = e
				}
			}
			if found != neutral {
				cls[open], cls[i] = found, found
			}
			break
		}
	}
}

func reverse(us []unit) {
	for i, j := 0, len(us)-1; i < j; i, j = i+1, j-1 {
		us[i], us[j] = us[j], us[i]
	}
}

func reverseInts(v []int) {
	for i, j := 0, len(v)-1; i < j; i, j = i+1, j-1 {
		v[i], v[j] = v[j], v[i]
	}
}

var mirror = map[rune]rune{
	'(': ')', ')': '(', '[': ']', ']': '[', '{': '}', '}': '{', '<': '>', '>': '<',
	'«': '»', '»': '«', '‹': '›', '›': '‹',
}
