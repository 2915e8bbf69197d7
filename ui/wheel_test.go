package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dossier/casefile"
)

// One notch of the mouse wheel moves the Rows table three rows (Fyne's
// own 25 px was less than one), a touchpad's small moves stay as small,
// and a tap where the wheel lands still reaches the table.
func TestRowsWheel(t *testing.T) {
	g, c := openTestCase(t)
	if _, err := c.ImportRows(context.Background(), casefile.TestFile(t, "big.csv", bigSheet(3*rowPage)), casefile.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	g.cw.reload()
	g.cw.selectTab("Rows")
	g.win.Resize(fyne.NewSize(1200, 800))
	rt := tabOf[*rowsTab](g.cw)
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(rt.table).Add(fyne.NewPos(300, 200))
	offset := func() float32 {
		t.Helper()
		off, ok := tableOffset(rt.table)
		if !ok {
			t.Fatal("the table's offset cannot be read: Fyne's Table changed")
		}
		return off.Y
	}
	stride := rowStride()
	test.Scroll(g.win.Canvas(), at, 0, -wheelNotch) // one notch down
	if got := offset(); got != wheelRows*stride {
		t.Errorf("one notch moved the table %.0f px, want %d rows of %.0f px", got, wheelRows, stride)
	}
	test.Scroll(g.win.Canvas(), at, 0, -2*wheelNotch)
	if got := offset(); got != 3*wheelRows*stride {
		t.Errorf("three notches moved the table %.0f px, want %.0f", got, 3*wheelRows*stride)
	}
	test.Scroll(g.win.Canvas(), at, 0, 4) // a touchpad, up a little
	if got := offset(); got != 3*wheelRows*stride-4 {
		t.Errorf("a touchpad's 4 px moved the table to %.0f, want %.0f", got, 3*wheelRows*stride-4)
	}
	test.Scroll(g.win.Canvas(), at, 0, 100*wheelNotch) // far past the top
	if got := offset(); got != 0 {
		t.Errorf("scrolling past the top left the table at %.0f", got)
	}
	tapped := false
	rt.table.OnSelected = func(widget.TableCellID) { tapped = true }
	test.TapCanvas(g.win.Canvas(), at)
	if !tapped {
		t.Error("a tap over the table did not reach it")
	}
}
