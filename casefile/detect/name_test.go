package detect

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"dossier/casefile/names"
)

// TestNamesAgainstNaive checks the automaton against a plain search for
// every form of every name in the folded text: each name found naively
// must be covered by a finding, and every finding must be a real form.
func TestNamesAgainstNaive(t *testing.T) {
	list := inventedNames(2000)
	d := mustNew(t, Options{Names: list})
	r := rand.New(rand.NewPCG(5, 6))
	var b strings.Builder
	written := 0
	for range 3000 {
		n := strings.Fields(list[r.IntN(len(list))])
		k := r.IntN(4)
		if k < 3 {
			written++
		}
		switch k {
		case 0:
			b.WriteString(n[0] + " " + n[1])
		case 1:
			b.WriteString(strings.ToUpper(n[1]) + ", " + n[0])
		case 2:
			b.WriteString(strings.ToLower(n[0]) + "\n" + n[1])
		case 3:
			b.WriteString(n[0] + "x " + n[1]) // not a name
		}
		b.WriteString([]string{" ", ". ", " and ", "; ", " said "}[r.IntN(5)])
	}
	text := b.String()
	got := d.Scan(text)

	forms := map[string]bool{}
	for _, n := range list {
		for _, f := range names.Forms(n) {
			forms[f.Words] = true
		}
	}
	for _, f := range got {
		if f.Kind != Name || !forms[names.Fold(f.Text)] {
			t.Fatalf("finding %+v is not a form of a case name", f)
		}
	}
	// Every "First Last" written in the text must be found.
	folded, start, _ := names.FoldMapped(text)
	hay := " " + folded + " "
	for _, n := range list {
		p := " " + names.Fold(n) + " "
		for from := 0; ; {
			i := strings.Index(hay[from:], p)
			if i < 0 {
				break
			}
			i += from
			from = i + 1
			at := int(start[i])
			if !slices.ContainsFunc(got, func(f Finding) bool { return f.Start <= at && at < f.End }) {
				t.Errorf("%q at %d not found", n, at)
			}
		}
	}
	// Neighbouring names can overlap ("... Quin Lomaren Tor ..."), and
	// then the longer wins, so a few may merge.
	if len(got) < written*95/100 {
		t.Errorf("only %d names found of %d written", len(got), written)
	}
}
