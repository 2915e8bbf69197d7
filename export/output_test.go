package export

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"dossier/casefile"
)

// Bundle checks where it is to write before laying anything out: a case
// whose layout would itself be refused (a sheet whose rows are not
// imported) gets the folder's problem, so the folder was checked first.
func TestBundleChecksItsFolderFirst(t *testing.T) {
	ctx := context.Background()
	c := casefile.TestCase(t)
	sheet := casefile.TestFile(t, "sheet.csv", []byte("Name,Phone\nZoe Okafor,07700 900123\n"))
	if _, err := c.Add(ctx, sheet, casefile.Meta{Kind: casefile.KindSheet}); err != nil {
		t.Fatal(err)
	}
	before, _ := c.Log(ctx)
	for _, tc := range []struct{ out, says string }{
		{filepath.Join(t.TempDir(), "no", "such", "bundle.pdf"), "does not exist"},
		{t.TempDir(), "a folder"},
	} {
		_, err := Bundle(ctx, c, tc.out, true, Options{Date: bundleDate, SkipOCRCheck: true})
		if err == nil || !strings.Contains(err.Error(), tc.says) {
			t.Errorf("Bundle to %s: %v, want %q", tc.out, err, tc.says)
		}
	}
	// The same case with a good folder is refused by its layout.
	_, err := Bundle(ctx, c, filepath.Join(t.TempDir(), "bundle.pdf"), false, Options{Date: bundleDate, SkipOCRCheck: true})
	if err == nil || errors.Is(err, casefile.ErrNotRegular) {
		t.Fatalf("layout of an unimported sheet: %v, want a refusal", err)
	}
	if after, _ := c.Log(ctx); len(after) != len(before) {
		t.Fatal("a refused export was recorded")
	}
}
