package ui

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dossier/casefile"
	"dossier/sample"
)

// newTestGUI is the app over Fyne's test driver, with background work run
// synchronously so tests need no sleeps.
func newTestGUI(t *testing.T) *gui {
	t.Helper()
	g := newGUI(test.NewTempApp(t))
	g.background = func(f func()) { f() }
	// The name is given, so opening a case does not ask for it; the
	// test of that question clears it.
	g.app.Preferences().SetString(actorKey, "Test Actor")
	t.Cleanup(g.closeCase)
	return g
}

// openTestCase shows a fresh test case in a test GUI.
func openTestCase(t *testing.T) (*gui, *casefile.Case) {
	t.Helper()
	g := newTestGUI(t)
	c := casefile.TestCase(t)
	g.showCase(c)
	return g, c
}

// openSample shows the built-in sample case, written afresh, in a test
// GUI whose window is w by h.
func openSample(t *testing.T, w, h float32) *gui {
	t.Helper()
	s, err := sample.Write(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	c, err := casefile.Open(s.Case, casefile.Options{Actor: "Test Actor"})
	if err != nil {
		t.Fatal(err)
	}
	g := newTestGUI(t)
	g.showCase(c)
	g.win.Resize(fyne.NewSize(w, h))
	return g
}

func pngBytes(t *testing.T, w, h int, c color.Color) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func drop(cw *caseWindow, paths ...string) {
	var uris []fyne.URI
	for _, p := range paths {
		uris = append(uris, storage.NewFileURI(p))
	}
	cw.onDropped(fyne.NewPos(10, 10), uris)
}

// dialogButton finds the button labelled text in the dialog on top of
// win, or nil when no dialog shows or it has no such button.
func dialogButton(win fyne.Window, text string) *widget.Button {
	top := win.Canvas().Overlays().Top()
	if top == nil {
		return nil
	}
	var found *widget.Button
	walk(top, func(o fyne.CanvasObject) bool {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
		}
		return true
	})
	return found
}

// walk calls f on o and, while f returns true for an object, on what it
// holds: a container's objects, the objects a widget's renderer draws.
func walk(o fyne.CanvasObject, f func(fyne.CanvasObject) bool) {
	if o == nil || !f(o) {
		return
	}
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walk(c, f)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walk(c, f)
		}
	}
}
