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

// Orders returns the folded forms in which the name s is looked for in
// text: the name as written, first names before the surname, and the
// surname first ("LAST, First" folds to "last first"). A name written with
// a comma is read as "LAST, First"; otherwise the last word is the surname.
// For a name with middle names the first and last words alone are added
// too, as people often leave middle names out. Names of fewer than two
// words give nothing: a lone "Maureen" would match far too much.
func Orders(s string) []string {
	surnameFirst := false
	if i := strings.IndexByte(s, ','); i >= 0 && Fold(s[:i]) != "" && Fold(s[i+1:]) != "" {
		surnameFirst = true
	}
	toks := Tokens(s)
	if len(toks) < 2 {
		return nil
	}
	var last string
	var given []string
	if surnameFirst {
		// Everything before the comma is the surname, which may be
		// several words ("DE LA CRUZ, Ana").
		n := len(Tokens(s[:strings.IndexByte(s, ',')]))
		if n >= len(toks) {
			n = len(toks) - 1
		}
		last = strings.Join(toks[:n], " ")
		given = toks[n:]
	} else {
		last = toks[len(toks)-1]
		given = toks[:len(toks)-1]
	}
	g := strings.Join(given, " ")
	out := []string{g + " " + last, last + " " + g}
	if len(given) > 1 {
		out = append(out, given[0]+" "+last, last+" "+given[0])
	}
	return out
}
