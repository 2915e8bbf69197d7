package marks

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dossier/casefile"
	"dossier/casefile/pdf"
	"dossier/internal/bigcase"
)

// A sheet long enough to be copied on several cores comes out the same
// every time, with every personal value in it replaced, row by row in
// order.
func TestLongSheetCopy(t *testing.T) {
	ctx := context.Background()
	c := casefile.TestCase(t)
	const n = 3000
	sheet := filepath.Join(t.TempDir(), "sheet.csv")
	if err := bigcase.WriteSheet(sheet, n); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ImportRows(ctx, sheet, casefile.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.SuggestMarks(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AcceptMarks(ctx, nil, true); err != nil {
		t.Fatal(err)
	}
	exs, _ := c.Exhibits(ctx)
	orig, _, _ := c.ReadOriginal(ctx, exs[0].Ref)
	var copies [][][]string
	for range 2 {
		a, err := New(ctx, c, pdf.New())
		if err != nil {
			t.Fatal(err)
		}
		cp, err := a.Exhibit(ctx, exs[0], orig)
		if err != nil {
			t.Fatal(err)
		}
		copies = append(copies, cp.Sheets[0].Rows)
	}
	rows := copies[0]
	if len(rows) != n+1 {
		t.Fatalf("%d rows, want %d", len(rows), n+1)
	}
	for i, row := range rows[1:] {
		if !slices.Equal(row, copies[1][i+1]) {
			t.Fatalf("row %d differs between two copies: %q, %q", i+1, row, copies[1][i+1])
		}
		// UPRN, address, name and phone are stand-ins; estate and
		// neighbourhood, the evidence of whose data it is, are not.
		for _, col := range []int{0, 1, 4, 5} {
			if row[col] != "" && !(strings.HasPrefix(row[col], "[") && strings.HasSuffix(row[col], "]")) {
				t.Fatalf("row %d column %d still reads %q", i+1, col, row[col])
			}
		}
		if row[2] == "" || strings.HasPrefix(row[2], "[") {
			t.Fatalf("row %d: the estate %q was replaced", i+1, row[2])
		}
		if want := bigcase.Name(i); row[4] == want {
			t.Fatalf("row %d: the name is still there", i+1)
		}
	}
}
