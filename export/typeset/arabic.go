package typeset

import (
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Arabic letters change shape with their neighbours. gofpdf does no
// shaping (no OpenType GSUB), so Arabic is drawn with the presentation
// forms Unicode encodes for compatibility: each letter is replaced by its
// isolated, final, initial or medial form, and lam followed by alef by
// their ligature. That joins the letters of Arabic, Persian and Urdu as a
// reader expects; what it cannot do is the finer typography of a real
// shaper (other ligatures, mark positioning, kashida).

// forms are a letter's presentation forms; 0 where it has none.
type forms struct{ iso, fin, ini, med rune }

// dual reports whether the letter joins on both sides.
func (f forms) dual() bool { return f.ini != 0 && f.med != 0 }

// arabicForms maps a letter to its forms. It is derived from Unicode's
// own data: every presentation form decomposes (NFKD) to its letter, and
// a letter's forms are consecutive, in the order isolated, final,
// initial, medial (four for a letter that joins on both sides, two for
// one that joins only to the letter before it). The block FE70-FEFF is
// read first, so where Forms-A repeats a letter (FBE8: alef maksura's
// initial form for Uighur) the standard forms win.
var arabicForms = func() map[rune]forms {
	m := map[rune]forms{}
	for _, block := range [][2]rune{{0xFE70, 0xFEFF}, {0xFB50, 0xFDFF}} {
		r := block[0]
		for r <= block[1] {
			base, ok := letterOf(r)
			if !ok {
				r++
				continue
			}
			n := 1
			for r+rune(n) <= block[1] {
				if b, ok := letterOf(r + rune(n)); !ok || b != base {
					break
				}
				n++
			}
			if _, seen := m[base]; !seen {
				f := forms{iso: r}
				if n >= 2 {
					f.fin = r + 1
				}
				if n >= 4 {
					f.ini, f.med = r+2, r+3
				}
				m[base] = f
			}
			r += rune(n)
		}
	}
	return m
}()

// letterOf is the Arabic letter a presentation form stands for, when it
// stands for exactly one.
func letterOf(r rune) (rune, bool) {
	d := []rune(norm.NFKD.String(string(r)))
	if len(d) == 0 {
		return 0, false
	}
	// Letters with hamza or madda decompose further (NFKD); compose the
	// letter back.
	base := []rune(norm.NFC.String(string(d)))
	if len(base) != 1 || base[0] == r || !unicode.Is(unicode.Arabic, base[0]) || !unicode.IsLetter(base[0]) {
		return 0, false
	}
	return base[0], true
}

// lamAlef are the ligatures of lam with each alef: isolated and final.
var lamAlef = map[rune][2]rune{
	0x0622: {0xFEF5, 0xFEF6}, // with madda above
	0x0623: {0xFEF7, 0xFEF8}, // with hamza above
	0x0625: {0xFEF9, 0xFEFA}, // with hamza below
	0x0627: {0xFEFB, 0xFEFC},
}

const (
	lam     = 0x0644
	tatweel = 0x0640
)

// transparent marks (harakat) do not break a join.
func transparent(r rune) bool { return unicode.Is(unicode.Mn, r) }

// joinsNext reports whether r connects to the letter after it.
func joinsNext(r rune) bool {
	if r == tatweel {
		return true
	}
	f, ok := arabicForms[r]
	return ok && f.dual()
}

// joinsPrev reports whether r connects to the letter before it.
func joinsPrev(r rune) bool {
	if r == tatweel {
		return true
	}
	f, ok := arabicForms[r]
	return ok && f.fin != 0
}

// shapeArabic gives each Arabic letter of us its contextual form; the
// units keep the text they stand for. Other units are left alone.
func shapeArabic(us []unit) []unit {
	has := false
	for _, u := range us {
		if u.r < 0x0600 {
			continue // below every Arabic letter: no lookup for Latin text
		}
		if _, ok := arabicForms[u.r]; ok {
			has = true
			break
		}
	}
	if !has {
		return us
	}
	neighbour := func(i, step int) rune {
		for j := i + step; j >= 0 && j < len(us); j += step {
			if !transparent(us[j].r) {
				return us[j].r
			}
		}
		return 0
	}
	out := make([]unit, 0, len(us))
	for i := 0; i < len(us); i++ {
		u := us[i]
		f, ok := arabicForms[u.r]
		if !ok || u.ph {
			out = append(out, u)
			continue
		}
		prev := joinsNext(neighbour(i, -1)) && f.fin != 0
		if u.r == lam && i+1 < len(us) {
			if lig, ok := lamAlef[us[i+1].r]; ok {
				r := lig[0]
				if prev {
					r = lig[1]
				}
				out = append(out, unit{r: r, src: u.src + us[i+1].src})
				i++
				continue
			}
		}
		next := f.dual() && joinsPrev(neighbour(i, +1))
		switch {
		case prev && next:
			u.r = f.med
		case prev:
			u.r = f.fin
		case next:
			u.r = f.ini
		default:
			u.r = f.iso
		}
		out = append(out, u)
	}
	return out
}
