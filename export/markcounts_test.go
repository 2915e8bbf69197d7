package export

import (
	"context"
	"testing"

	"dossier/casefile"
)

// A text exhibit with no marks of its own still counts the terms the
// bundle replaces in it, as its copy shows.
func TestMarkCountsCountTermsInTexts(t *testing.T) {
	c := casefile.TestCase(t)
	ctx := context.Background()
	ex, err := c.Add(ctx, casefile.TestFile(t, "note.txt", []byte("Zoe Okafor rang 07700 900123. Zoe Okafor again.")), casefile.Meta{})
	if err != nil {
		t.Fatal(err)
	}
	counts, err := MarkCounts(ctx, c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if counts[ex.Ref].Applied != 0 {
		t.Errorf("before any mark: %+v", counts[ex.Ref])
	}
	if _, err := c.AddTermMark(ctx, "Zoe Okafor", "name"); err != nil {
		t.Fatal(err)
	}
	counts, err = MarkCounts(ctx, c, Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := PreviewExhibit(ctx, c, ex.Ref, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if counts[ex.Ref].Applied != 2 {
		t.Errorf("count %+v, want 2 replacements; the copy reads %q", counts[ex.Ref], p.Text)
	}
}
