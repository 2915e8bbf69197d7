package casefile

import (
	"strings"

	"dossier/casefile/phone"
)

// phoneTerms are the marks a row's phone cell needs: each number in it as
// written (without its label or extension), so that a cell holding two
// numbers has both marked; and a value Excel damaged ("7.7009E+09"), which
// still shows most of a number and is marked as the text it is.
func phoneTerms(cell, where string) []termSuggestion {
	v := phone.Parse(cell)
	if v.Damaged {
		return []termSuggestion{{"text", strings.TrimSpace(cell), where + " (phone damaged by Excel)", "rows", ""}}
	}
	out := make([]termSuggestion, 0, len(v.Numbers))
	for _, n := range v.Numbers {
		out = append(out, termSuggestion{"phone", n.Text, where, "rows", ""})
	}
	return out
}
