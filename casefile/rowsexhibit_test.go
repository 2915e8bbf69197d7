package casefile

import (
	"context"
	"errors"
	"testing"
)

// A sheet already in the case imports without its file, once.
func TestImportExhibitRows(t *testing.T) {
	c := TestCase(t)
	ctx := context.Background()
	ex, err := c.Add(ctx, TestFile(t, "sheet.csv", []byte("Name,Phone\nZoe Okafor,07700 900123\nSam Lee,07700 900124\n")), Meta{Kind: KindSheet})
	if err != nil {
		t.Fatal(err)
	}
	prev, err := c.PreviewExhibitSheet(ctx, ex.Ref, ImportOptions{}, 1)
	if err != nil || len(prev.Rows) != 1 || prev.Mapping["Phone"] != "phone" {
		t.Fatalf("preview %+v, %v", prev, err)
	}
	res, err := c.ImportExhibitRows(ctx, ex.Ref, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Rows != 2 || res.Added || res.Exhibit.Ref != ex.Ref {
		t.Errorf("result %+v", res)
	}
	if _, err := c.ImportExhibitRows(ctx, ex.Ref, ImportOptions{}); !errors.Is(err, ErrInvalid) {
		t.Errorf("second import: %v, want refused", err)
	}
	if rep, err := c.Verify(ctx, nil); err != nil || !rep.OK() {
		t.Errorf("verify: %+v %v", rep.Problems, err)
	}
}
