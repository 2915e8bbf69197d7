package export

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"dossier/casefile"
	"dossier/export/marks"
)

// streamSheet is a data sheet of n rows (phones in the drama range, so
// n is at most 1,000), long enough to be redacted in several chunks; a
// row's notes name a daughter when relative is its index.
func streamSheet(n, relative int) []byte {
	first := []string{"Ana", "Kemi", "Tunde", "Zoë", "Harold", "Lena", "Seán", "Aoife", "Dev", "Łucja"}
	last := []string{"Bello", "Adeyemi", "Okafor", "Finch", "Marsh", "Murphy", "Patel", "Nowak", "Quill", "Varga"}
	var b strings.Builder
	b.WriteString("UPRN,Address,Estate,Name,Phone,Notes\n")
	for i := range n {
		notes := ""
		if i == relative {
			notes = "daughter Mira " + last[i/10%10] + " rings on Sundays"
		}
		fmt.Fprintf(&b, "1000234%05d,\"Flat %d, %s House, Cable Street\",%s,%s %s,07700 900%03d,%s\n",
			i, i%40+1, last[i%10], []string{"Dellow", "Martineau", "Holloway"}[i%3], first[i%10], last[i/10%10], i, notes)
	}
	return []byte(b.String())
}

// A sheet is laid out while its rows are still being redacted. The bundle
// must be the one its finished copy gives, byte for byte, whatever the
// copy turns out to be: redacted, impossible to make (an unmarked
// relative in one of its last rows), or changed by no mark (its rows'
// values not accepted yet), when the bundle is laid out again.
func TestStreamedSheetIsItsFinishedCopy(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name      string
		build     func(t *testing.T, c *casefile.Case) string // the sheet's ref
		wantErr   bool                                        // the copy cannot be made
		wantMarks bool                                        // marks change it
	}{
		{"redacted", func(t *testing.T, c *casefile.Case) string {
			res, err := c.ImportRows(ctx, casefile.TestFile(t, "sheet.csv", streamSheet(900, -1)), casefile.ImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			accept(t, c)
			return res.Exhibit.Ref
		}, false, true},
		{"unmarked relative in row 890", func(t *testing.T, c *casefile.Case) string {
			res, err := c.ImportRows(ctx, casefile.TestFile(t, "sheet.csv", streamSheet(900, 889)), casefile.ImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.SuggestMarks(ctx); err != nil {
				t.Fatal(err)
			}
			ms, err := c.Marks(ctx, casefile.MarkSuggested)
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64 // all but the daughter's name
			for _, m := range ms {
				if !strings.HasPrefix(m.Value, "Mira ") {
					ids = append(ids, m.ID)
				}
			}
			if _, err := c.AcceptMarks(ctx, ids, false); err != nil {
				t.Fatal(err)
			}
			return res.Exhibit.Ref
		}, true, false},
		{"nothing accepted in it", func(t *testing.T, c *casefile.Case) string {
			other := "Name,Phone\nHarriet Vane,020 7946 0999\n"
			if _, err := c.ImportRows(ctx, casefile.TestFile(t, "other.csv", []byte(other)), casefile.ImportOptions{}); err != nil {
				t.Fatal(err)
			}
			accept(t, c) // the other sheet's values: a term exists, none in this sheet
			res, err := c.ImportRows(ctx, casefile.TestFile(t, "sheet.csv", streamSheet(600, -1)), casefile.ImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			return res.Exhibit.Ref
		}, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := casefile.TestCase(t)
			ref := tc.build(t, c)
			opt := Options{Date: bundleDate, SkipOCRCheck: true}

			// What the copy turns out to be, made as a whole.
			app, err := marks.New(ctx, c, nil)
			if err != nil {
				t.Fatal(err)
			}
			ex, err := c.Exhibit(ctx, ref)
			if err != nil {
				t.Fatal(err)
			}
			orig, _, err := c.ReadOriginal(ctx, ref)
			if err != nil {
				t.Fatal(err)
			}
			whole, wholeErr := app.Exhibit(ctx, ex, orig)
			if (wholeErr != nil) != tc.wantErr || (wholeErr == nil && whole.Marked != tc.wantMarks) {
				t.Fatalf("the copy made whole: marked %v, err %v; want err %v, marked %v", whole.Marked, wholeErr, tc.wantErr, tc.wantMarks)
			}
			// The layout takes it to be marked when any term is: these
			// cases make it think again.
			if !app.HasTerms() {
				t.Fatal("no term accepted: the layout would not guess")
			}

			streamed, streamedErr := Preview(ctx, c, opt)
			fixed := opt
			// With the Applier that made it, which counts the marks applied.
			fixed.copied, fixed.app = map[string]made{ref: {cp: whole, err: wholeErr}}, app
			want, wantErr := Preview(ctx, c, fixed)
			if streamed.SHA256 != want.SHA256 || streamed.Pages != want.Pages {
				t.Errorf("streamed: %d pages, %s; from the whole copy: %d pages, %s", streamed.Pages, streamed.SHA256, want.Pages, want.SHA256)
			}
			if fmt.Sprint(streamedErr) != fmt.Sprint(wantErr) {
				t.Errorf("streamed: %v\nfrom the whole copy: %v", streamedErr, wantErr)
			}
			if tc.wantErr && !strings.Contains(fmt.Sprint(streamedErr), ref) {
				t.Errorf("the sheet's problem is not reported: %v", streamedErr)
			}
		})
	}
}
