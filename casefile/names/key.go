package names

import (
	"slices"
	"strings"
)

// honorifics are dropped from keys: a sheet says "Mrs Maureen Baptiste"
// where a statement says "Maureen Baptiste", and both are one person.
var honorifics = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "mx": true,
}

// IsHonorific reports whether the folded token tok is a title such as
// "mr" or "dr" that Key drops.
func IsHonorific(tok string) bool { return honorifics[tok] }

// Tokens returns the folded words of the name s without honorifics, in the
// order written. A name that is nothing but honorifics keeps them, so
// "Miss" alone is still a token rather than nothing.
func Tokens(s string) []string {
	all := strings.Fields(Fold(s))
	toks := make([]string, 0, len(all))
	for _, t := range all {
		if !honorifics[t] {
			toks = append(toks, t)
		}
	}
	if len(toks) == 0 {
		return all
	}
	return toks
}

// Key returns the identity key of a person's name: the folded words
// without honorifics, sorted and joined by single spaces. Sorting makes the
// key independent of order, so "BAPTISTE, Maureen", "Maureen Baptiste" and
// "maureen  BAPTISTE" all give "baptiste maureen".
func Key(s string) string {
	toks := Tokens(s)
	slices.Sort(toks)
	return strings.Join(toks, " ")
}

// Form is one way a name is looked for in text.
type Form struct {
	// Words are the folded words in order, parted by single spaces.
	Words string
	// Comma, when not zero, says the form is "LAST, First": in text a
	// comma must follow the first Comma words (the surname). Forms as
	// written and in "First Last" order need no comma.
	Comma int
}

// Forms returns the forms in which the name s is looked for in text: the
// name as written, "First Last" and "LAST, First". The surname is what
// comes before a comma ("DE LA CRUZ, Ana"), else leading words in capitals
// when the rest are not ("BAPTISTE Maureen"), else the last word. For a
// name with middle names the first given name and the surname alone are
// added too, as people often leave middle names out. Names of fewer than
// two words give nothing: a lone "Maureen" would match far too much.
func Forms(s string) []Form {
	toks := Tokens(s)
	if len(toks) < 2 {
		return nil
	}
	nLast, surnameFirst := 1, false
	if i := strings.IndexByte(s, ','); i >= 0 && Fold(s[:i]) != "" && Fold(s[i+1:]) != "" {
		nLast, surnameFirst = len(Tokens(s[:i])), true
	} else if n := capsPrefix(s); n > 0 {
		nLast, surnameFirst = n, true
	}
	nLast = max(1, min(nLast, len(toks)-1))
	var last, given []string
	if surnameFirst {
		last, given = toks[:nLast], toks[nLast:]
	} else {
		last, given = toks[len(toks)-nLast:], toks[:len(toks)-nLast]
	}
	l, g := strings.Join(last, " "), strings.Join(given, " ")
	out := []Form{{Words: g + " " + l}, {Words: l + " " + g, Comma: len(last)}}
	if surnameFirst && !strings.Contains(s, ",") {
		out[1].Comma = 0 // as written: "BAPTISTE Maureen"
	}
	if len(given) > 1 {
		out = append(out, Form{Words: given[0] + " " + l}, Form{Words: l + " " + given[0], Comma: len(last)})
	}
	return out
}

// capsPrefix returns how many leading words of s, honorifics aside, are
// written in capitals when at least one later word is not: a sheet's
// "BAPTISTE Maureen" has its surname first. It returns 0 otherwise.
func capsPrefix(s string) int {
	n, lower := 0, false
	for _, w := range strings.Fields(s) {
		if IsHonorific(Fold(w)) && n == 0 {
			continue
		}
		caps := strings.ToUpper(w) == w && strings.ToLower(w) != w
		switch {
		case caps && !lower:
			n++
		case !caps:
			lower = true
		}
	}
	if !lower || n == 0 {
		return 0
	}
	return n
}
