package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// A list screen's table leaves a cell that shows what it showed alone
// (shaping every cell again at each refresh made the Exhibits tab's first
// showing take a tenth of a second); a cell whose text or importance
// changed, or a label reused for another cell, must show the new one.
func TestColumnTableShowsWhatChanged(t *testing.T) {
	type rec struct{ ref, title string }
	data := []rec{{"LW/1", "first title"}, {"LW/2", "second title"}, {"LW/3", "third title"}}
	imp := widget.MediumImportance
	cols := []column[rec]{
		{"Ref", 70, "", func(r rec) string { return r.ref }},
		{"Title", 200, "", func(r rec) string { return r.title }},
	}
	tbl := newColumnTable(cols, nil, func() int { return len(data) }, func(row, col int) (string, widget.Importance) {
		if row >= len(data) {
			return "", imp
		}
		if col == 0 {
			return data[row].ref, imp
		}
		return data[row].title, imp
	})
	w := test.NewWindow(tbl)
	defer w.Close()
	w.Resize(fyne.NewSize(500, 300))
	shown := func() map[string]widget.Importance {
		out := map[string]widget.Importance{}
		walk(tbl, func(o fyne.CanvasObject) bool {
			if !o.Visible() {
				return false
			}
			if l, ok := o.(*widget.Label); ok && !l.TextStyle.Bold {
				out[l.Text] = l.Importance
			}
			return true
		})
		return out
	}
	if got := shown(); len(got) < 6 || got["second title"] != widget.MediumImportance {
		t.Fatalf("before the change the table shows %v", got)
	}
	data = []rec{{"LW/1", "first title"}, {"LW/3", "third title, renamed"}}
	imp = widget.WarningImportance
	tbl.Refresh()
	got := shown()
	for _, gone := range []string{"LW/2", "second title", "third title"} {
		if _, ok := got[gone]; ok {
			t.Errorf("after the change the table still shows %q: %v", gone, got)
		}
	}
	for _, want := range []string{"LW/1", "first title", "LW/3", "third title, renamed"} {
		if i, ok := got[want]; !ok || i != widget.WarningImportance {
			t.Errorf("after the change %q shows %v (%v); want it, as a warning: %v", want, ok, i, got)
		}
	}
}
