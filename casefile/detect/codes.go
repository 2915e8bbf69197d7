package detect

import "strings"

// scanCodes finds postcodes, National Insurance numbers and, when uprns
// is set, UPRNs. All three start at a word boundary, so it visits each
// word once.
func scanCodes(text string, uprns bool, add addFunc) {
	for i := 0; i < len(text); i++ {
		c := text[i]
		if !isLetter(c) && !isDigit(c) {
			continue
		}
		if !wordStart(text, i) {
			continue
		}
		if isLetter(c) {
			if end, v, ok := niNumber(text, i); ok {
				add(NINumber, i, end, v)
				i = end - 1
				continue
			}
			if end, v, ok := postcode(text, i); ok {
				add(Postcode, i, end, v)
				i = end - 1
				continue
			}
		} else if uprns {
			if end, ok := uprn(text, i); ok {
				add(UPRN, i, end, text[i:end])
			}
		}
		// Skip the rest of the word.
		for i+1 < len(text) && (isLetter(text[i+1]) || isDigit(text[i+1])) {
			i++
		}
	}
}

// postcode matches a UK postcode at i: an outward code of one or two
// letters, a digit and an optional letter or digit ("B15", "SW1A", "M1"),
// an optional space, and an inward code of a digit and two letters ("2TT").
// Letters the Royal Mail never uses in those places are refused, which
// keeps words and codes such as "A1B2" out.
func postcode(s string, i int) (end int, value string, ok bool) {
	if upper(s[i]) == 'G' && i+7 <= len(s) && strings.EqualFold(s[i:i+7], "GIR 0AA") && wordEnd(s, i+7) {
		return i + 7, "GIR 0AA", true
	}
	for letters := 1; letters <= 2; letters++ {
		j := i
		for k := 0; k < letters; k++ {
			if j >= len(s) || !isLetter(s[j]) {
				return 0, "", false
			}
			j++
		}
		if strings.IndexByte("QVX", upper(s[i])) >= 0 || (letters == 2 && strings.IndexByte("IJZ", upper(s[i+1])) >= 0) {
			continue
		}
		if j >= len(s) || !isDigit(s[j]) {
			continue
		}
		j++
		// The outward code may end here or take one more letter or digit.
		for _, extra := range []bool{true, false} {
			k := j
			if extra {
				if k >= len(s) || !(isLetter(s[k]) || isDigit(s[k])) {
					continue
				}
				k++
			}
			out := k
			if k < len(s) && s[k] == ' ' {
				k++
			}
			if e, ok := inward(s, k); ok {
				return e, strings.ToUpper(s[i:out]) + " " + strings.ToUpper(s[e-3:e]), true
			}
		}
	}
	return 0, "", false
}

// inward matches the inward code of a postcode at i.
func inward(s string, i int) (int, bool) {
	if i+3 > len(s) || !isDigit(s[i]) {
		return 0, false
	}
	for _, c := range []byte{s[i+1], s[i+2]} {
		if !isLetter(c) || strings.IndexByte("CIKMOV", upper(c)) >= 0 {
			return 0, false
		}
	}
	return i + 3, wordEnd(s, i+3)
}

// niNumber matches a National Insurance number at i: two prefix letters,
// six digits written together or in pairs, and a suffix letter A to D
// ("AB123456C", "AB 12 34 56 C"). Prefixes HMRC never issues are refused.
func niNumber(s string, i int) (end int, value string, ok bool) {
	if i+9 > len(s) || !isLetter(s[i]) || !isLetter(s[i+1]) {
		return 0, "", false
	}
	a, b := upper(s[i]), upper(s[i+1])
	if strings.IndexByte("DFIQUV", a) >= 0 || strings.IndexByte("DFIQUVO", b) >= 0 {
		return 0, "", false
	}
	switch string([]byte{a, b}) {
	case "BG", "GB", "NK", "KN", "TN", "NT", "ZZ":
		return 0, "", false
	}
	var v [9]byte
	v[0], v[1] = a, b
	j := i + 2
	for pair := 0; pair < 3; pair++ {
		if j < len(s) && s[j] == ' ' {
			j++
		}
		if j+2 > len(s) || !isDigit(s[j]) || !isDigit(s[j+1]) {
			return 0, "", false
		}
		v[2+2*pair], v[3+2*pair] = s[j], s[j+1]
		j += 2
	}
	if j < len(s) && s[j] == ' ' {
		j++
	}
	if j >= len(s) || strings.IndexByte("ABCD", upper(s[j])) < 0 {
		return 0, "", false
	}
	v[8] = upper(s[j])
	j++
	if !wordEnd(s, j) {
		return 0, "", false
	}
	return j, string(v[:]), true
}

// uprn matches an 11 or 12 digit property reference at i. UPRNs have no
// leading zero, and a number glued to others ("100,023,456,789") or to a
// currency sign is something else.
func uprn(s string, i int) (int, bool) {
	j := i
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	if n := j - i; n < 11 || n > 12 || s[i] == '0' {
		return 0, false
	}
	if !wordEnd(s, j) || inNumber(s, i, j, true) {
		return 0, false
	}
	return j, true
}
