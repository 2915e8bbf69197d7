package typeset

// Bengali is written in syllables whose parts are not drawn in the order
// they are stored: the vowel signs ি ে ৈ are drawn before the consonant
// they follow, and ো ৌ around it. Without a shaper (gofpdf applies no
// OpenType rules) that is the one reordering done here, so words read in
// the right order. Conjuncts are not formed: a consonant cluster shows
// its consonants with a visible hasant (্), as a reader may write them
// by hand, and reph and vowel signs below are not repositioned. The text
// layer keeps the stored order (see actualText).

const (
	bnHasant = 0x09CD
	bnNukta  = 0x09BC
	bnE      = 0x09C7 // ে
	bnAA     = 0x09BE // া
	bnAU     = 0x09D7 // ৗ (length mark of ৌ)
)

func bnConsonant(r rune) bool {
	return (r >= 0x0995 && r <= 0x09B9) || r == 0x09CE || (r >= 0x09DC && r <= 0x09DF) || r == 0x09F0 || r == 0x09F1
}

// bnPreBase are the vowel signs drawn before their consonant.
func bnPreBase(r rune) bool { return r == 0x09BF || r == 0x09C7 || r == 0x09C8 }

// reorderBengali moves each pre-base vowel sign before the consonant
// cluster it follows and splits ো and ৌ around it. Units keep the text
// they stand for, so the split halves stand for the sign once.
func reorderBengali(us []unit) []unit {
	has := false
	for _, u := range us {
		if u.r >= 0x0980 && u.r <= 0x09FF {
			has = true
			break
		}
	}
	if !has {
		return us
	}
	out := make([]unit, 0, len(us)+2)
	for _, u := range us {
		var pre, post *unit
		switch {
		case bnPreBase(u.r):
			pre = &u
		case u.r == 0x09CB || u.r == 0x09CC: // ো ৌ
			second := rune(bnAA)
			if u.r == 0x09CC {
				second = bnAU
			}
			pre = &unit{r: bnE, src: u.src, font: u.font}
			post = &unit{r: second, font: u.font}
		default:
			out = append(out, u)
			continue
		}
		// The cluster: consonant (nukta) (hasant consonant (nukta))*.
		start := len(out)
		for k := len(out) - 1; k >= 0; k-- {
			r := out[k].r
			if bnConsonant(r) {
				start = k
				if k > 0 && out[k-1].r == bnHasant {
					continue
				}
				break
			}
			if r == bnNukta || r == bnHasant {
				continue
			}
			break
		}
		if start == len(out) { // a vowel sign alone: draw it where it is
			out = append(out, *pre)
			if post != nil {
				out = append(out, *post)
			}
			continue
		}
		out = append(out[:start], append([]unit{*pre}, out[start:]...)...)
		if post != nil {
			out = append(out, *post)
		}
	}
	return out
}
