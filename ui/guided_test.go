package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"dossier/casefile"
)

// Adding a sheet offers to import its rows; the wizard takes the sheet
// from the case, without asking for the file; the Overview's next step
// moves on.
func TestSheetAddedOffersImportAndNextMovesOn(t *testing.T) {
	g, c := openTestCase(t)
	ov := tabOf[*overviewTab](g.cw)
	drop(g.cw, casefile.TestFile(t, "sheet.csv", []byte("Name,Phone\nZoe Okafor,07700 900123\nSam Lee,07700 900124\n")))
	if !strings.Contains(ov.next.Text, "import the rows of 1 data sheet (LW/1)") || ov.goTab != "Rows" {
		t.Errorf("next %q (go to %q)", ov.next.Text, ov.goTab)
	}
	b := dialogButton(g.win, "Import its rows")
	if b == nil {
		t.Fatal("adding a sheet did not offer to import its rows")
	}
	test.Tap(b)
	rt := tabOf[*rowsTab](g.cw)
	w := rt.wizard
	if w == nil || w.fromRef != "LW/1" || w.path != "" {
		t.Fatalf("wizard %+v, want it on LW/1 without a file", w)
	}
	if w.preview == nil || len(w.preview.Rows) != 2 {
		t.Fatalf("preview of LW/1: %+v", w.preview)
	}
	test.Tap(w.importB)
	if n, _ := c.CountRows(context.Background(), casefile.RowQuery{}); n != 2 {
		t.Fatalf("%d rows imported", n)
	}
	if strings.Contains(ov.next.Text, "import the rows") {
		t.Errorf("next still %q", ov.next.Text)
	}
	// The sheet whose rows are in is no longer offered.
	rt.onImport()
	if got := rt.wizard.source.Options; len(got) != 1 || got[0] != fileSource {
		t.Errorf("sources after the import: %q", got)
	}
}

// Empty panes say what to do.
func TestEmptyPanesSayWhatToDo(t *testing.T) {
	g, _ := openTestCase(t)
	for _, tc := range []struct {
		tab, want string
	}{
		{"Rows", "Import sheet"},
		{"Messages", "Add message"},
		{"Links", "Messages tab"},
		{"Redact", "Exhibits tab"},
	} {
		g.cw.selectTab(tc.tab)
		item := g.cw.tabs.Selected()
		if got := visibleLabels(item.Content); !strings.Contains(got, tc.want) {
			t.Errorf("empty %s tab says %q, want it to mention %q", tc.tab, got, tc.want)
		}
	}
}
