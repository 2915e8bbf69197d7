package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// squeezed lists the buttons, selects and one-line labels (neither
// wrapping nor meant to end in an ellipsis) that are drawn narrower than
// their text, or that stick out of the window: at 1024×600 nothing a
// person must read or press may be cut.
func squeezed(win fyne.Window) ([]string, int) {
	var out []string
	checked := 0
	size := win.Canvas().Size()
	d := fyne.CurrentApp().Driver()
	var visit func(o fyne.CanvasObject, scrolled bool)
	visit = func(o fyne.CanvasObject, scrolled bool) {
		if o == nil || !o.Visible() {
			return
		}
		var text string
		check := false
		switch w := o.(type) {
		case *widget.Button:
			text, check = w.Text, w.Text != ""
		case *widget.Select:
			text, check = w.Selected, true
		case *widget.Check:
			text, check = w.Text, w.Text != ""
		case *widget.Label:
			text = w.Text
			check = w.Text != "" && w.Wrapping == fyne.TextWrapOff && w.Truncation == fyne.TextTruncateOff
		}
		if check {
			checked++
			pos := d.AbsolutePositionForObject(o)
			if o.Size().Width+0.5 < o.MinSize().Width {
				out = append(out, fmt.Sprintf("%T %q is %.0f wide, needs %.0f", o, text, o.Size().Width, o.MinSize().Width))
			}
			if !scrolled && (pos.X+o.Size().Width > size.Width+0.5 || pos.Y+o.Size().Height > size.Height+0.5) {
				out = append(out, fmt.Sprintf("%T %q sticks out of the window at %v", o, text, pos))
			}
		}
		switch x := o.(type) {
		case *container.Scroll:
			visit(x.Content, true)
		case *fyne.Container:
			for _, c := range x.Objects {
				visit(c, scrolled)
			}
		case *widget.Table, *widget.List:
			// cells are cut by design (their labels end in an ellipsis)
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				visit(c, scrolled)
			}
		}
	}
	visit(win.Content(), false)
	return out, checked
}

// Every tab of the sample case, laid out at 1024×600 (a small laptop),
// shows its buttons, choices and one-line labels whole.
func TestTabsFitSmallScreen(t *testing.T) {
	g := openSample(t, 1024, 600)
	for i, spec := range caseTabs {
		g.cw.selectTab(spec.title)
		g.win.Content().Refresh()
		// No tab may need more than the screen: Fyne would lay the window
		// out wider than it is, and cut off its right side. (A tab is
		// built when first shown, so it is measured here.)
		if m := g.cw.tabs.Items[i].Content.MinSize(); m.Width > 1024 || m.Height > 600-80 {
			t.Errorf("%s tab needs %.0f×%.0f", spec.title, m.Width, m.Height)
		}
		bad, n := squeezed(g.win)
		if len(bad) > 0 {
			t.Errorf("%s tab at 1024×600:\n  %s", spec.title, strings.Join(bad, "\n  "))
		}
		if n < 2 {
			t.Errorf("%s tab: only %d widgets checked; the walk missed the tab", spec.title, n)
		}
		t.Logf("%s: %d checked, canvas %v", spec.title, n, g.win.Canvas().Size())
	}
}
