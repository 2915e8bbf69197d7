package names

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestPhrases(t *testing.T) {
	phrases := []string{"ann lee", "bob ray", "lee", "ann lee", "", "07700 900123", "flat 1 kestrel house"}
	p := NewPhrases(phrases)
	for _, tc := range []struct {
		text string
		want []string // "phrase@start-end"
	}{
		{"call ann lee today", []string{"0@5-12", "3@5-12", "2@9-12"}},
		{"joann leeds", nil}, // inside words: nothing
		{"ann lee bob ray", []string{"0@0-7", "3@0-7", "2@4-7", "1@8-15"}},
		{"lee lee", []string{"2@0-3", "2@4-7"}},
		{"ring 07700 900123 now", []string{"5@5-17"}},
		{"flat 1 kestrel house 3 mill lane", []string{"6@0-20"}},
		{"flat 12 kestrel house", nil},
		{"", nil},
	} {
		var got []string
		p.Each(tc.text, func(i, s, e int) {
			got = append(got, fmt.Sprintf("%d@%d-%d", i, s, e))
			if tc.text[s:e] != phrases[i] {
				t.Errorf("%q: phrase %d at %d-%d is %q", tc.text, i, s, e, tc.text[s:e])
			}
		})
		slices.Sort(got)
		want := slices.Clone(tc.want)
		slices.Sort(want)
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%q: found %v, want %v", tc.text, got, want)
		}
	}
	if NewPhrases([]string{"", ""}) != nil {
		t.Error("no phrase with letters should give nil")
	}
	var none *Phrases
	none.Each("ann lee", func(int, int, int) { t.Error("a nil Phrases found something") })
}
