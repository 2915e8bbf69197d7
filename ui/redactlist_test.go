package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// listRows are the rows a list draws now: the objects its item template
// made, found by walking its renderers.
func listRows(l *widget.List) []*fyne.Container {
	var out []*fyne.Container
	walk(l, func(o fyne.CanvasObject) bool {
		if x, ok := o.(*fyne.Container); ok && len(x.Objects) == 2 {
			if _, ok := x.Objects[0].(*widget.Label); ok {
				out = append(out, x)
				return false
			}
		}
		return true
	})
	return out
}

// At 1024×600 the Redact tab's exhibit list shows each exhibit's ref,
// title and counts whole: they wrap onto more lines, and each row is as
// tall as its lines, instead of ending in an ellipsis.
func TestRedactListReadableSmallScreen(t *testing.T) {
	g := openSample(t, 1024, 600)
	g.cw.selectTab("Redact")
	rt := tabOf[*redactTab](g.cw)
	g.win.Content().Refresh()

	rows := listRows(rt.list)
	if len(rows) < 3 {
		t.Fatalf("%d rows drawn in the exhibit list, want at least 3", len(rows))
	}
	long := 0
	for _, r := range rows {
		if !r.Visible() {
			continue
		}
		title, count := r.Objects[0].(*widget.Label), r.Objects[1].(*widget.Label)
		if !strings.HasPrefix(title.Text, "LW/") || !strings.Contains(count.Text, " · ") {
			t.Errorf("row reads %q / %q, want a ref and title, then a count line", title.Text, count.Text)
		}
		for _, l := range []*widget.Label{title, count} {
			if l.Truncation != fyne.TextTruncateOff || l.Wrapping == fyne.TextWrapOff {
				t.Errorf("%q can be cut (truncation %v, wrapping %v)", l.Text, l.Truncation, l.Wrapping)
			}
			if l.Size().Height+0.5 < l.MinSize().Height {
				t.Errorf("%q is %.0f high, its lines need %.0f", l.Text, l.Size().Height, l.MinSize().Height)
			}
			if fyne.MeasureText(l.Text, fyne.CurrentApp().Settings().Theme().Size(fynetheme.SizeNameText), l.TextStyle).Width > l.Size().Width {
				long++ // wraps: the case this test is about
			}
		}
		if r.Size().Height+0.5 < r.MinSize().Height {
			t.Errorf("row %q is %.0f high, needs %.0f", title.Text, r.Size().Height, r.MinSize().Height)
		}
	}
	if long == 0 {
		t.Errorf("no entry is wider than the pane at 1024×600: the test no longer tries wrapping")
	}
}
