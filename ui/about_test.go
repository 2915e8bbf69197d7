package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"dossier"
)

// TestAboutShowsVersion checks that Help › About names the version that
// 'dossier --version' and the installers show.
func TestAboutShowsVersion(t *testing.T) {
	g := newTestGUI(t)
	g.showStart()
	g.onAbout()
	top := g.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("About showed no dialog")
	}
	var text []string
	walk(top, func(o fyne.CanvasObject) bool {
		if l, ok := o.(*widget.Label); ok {
			text = append(text, l.Text)
		}
		return true
	})
	if got := strings.Join(text, "\n"); !strings.Contains(got, "Dossier "+dossier.Version+"\n") {
		t.Errorf("About says %q, want it to name version %s", got, dossier.Version)
	}
}
