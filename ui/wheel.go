package ui

import (
	"image/color"
	"math"
	"reflect"
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// wheelRows is how many rows one notch of a mouse wheel moves a long
// table, as desktop programs do (three lines).
const wheelRows = 3

// wheelNotch is how far Fyne's desktop driver scrolls for one notch of a
// wheel: 25 px, 10 on macOS. A move at least this long comes from a
// wheel; a shorter one from a touchpad, which is left as it is.
var wheelNotch = map[bool]float32{true: 10, false: 25}[runtime.GOOS == "darwin"]

// wheelScroller lies over a table and moves it by whole rows for each
// notch of the mouse wheel. Fyne scrolls a table 25 px a notch, less than
// one of its rows, so going through 100,000 rows took a notch a row. It
// takes nothing but scroll events: taps, hovering, dragging and the
// scroll bars reach the table beneath, since Fyne gives each event to the
// uppermost object that takes it.
type wheelScroller struct {
	widget.BaseWidget
	table *widget.Table
	last  fyne.Position // where this scroller last put the table
}

func newWheelScroller(t *widget.Table) *wheelScroller {
	w := &wheelScroller{table: t}
	w.ExtendBaseWidget(w)
	return w
}

func (w *wheelScroller) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

// Scrolled moves the table wheelRows rows for each notch, and by the
// distance given for a touchpad's finer moves.
func (w *wheelScroller) Scrolled(ev *fyne.ScrollEvent) {
	dx, dy := ev.Scrolled.DX, ev.Scrolled.DY
	if notches := dy / wheelNotch; math.Abs(float64(notches)) >= 1 {
		dy = notches * wheelRows * rowStride()
	}
	off, ok := tableOffset(w.table)
	if !ok {
		off = w.last
	}
	off = fyne.NewPos(max(0, off.X-dx), max(0, off.Y-dy))
	w.table.ScrollToOffset(off) // the table keeps it within its content
	w.last, _ = tableOffset(w.table)
}

// rowStride is the distance from one row of a list table to the next: a
// label's height and the padding between rows.
func rowStride() float32 {
	return widget.NewLabel("").MinSize().Height + theme.Padding()
}

// tableOffset is how far a table is scrolled. Fyne keeps it unexported,
// so it is read by reflection; ok is false if a Fyne version no longer
// has it (TestRowsWheel would then fail), and the scroller then counts
// from where it last put the table.
func tableOffset(t *widget.Table) (fyne.Position, bool) {
	v := reflect.ValueOf(t).Elem().FieldByName("offset")
	if !v.IsValid() || v.Type() != reflect.TypeFor[fyne.Position]() {
		return fyne.Position{}, false
	}
	return fyne.NewPos(float32(v.Field(0).Float()), float32(v.Field(1).Float())), true
}
