package ui

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/go-text/typesetting/font"

	"dossier/casefile"
)

// Residents' names in the scripts an East London borough writes in.
var scriptNames = []string{"সাকিব হোসেন", "مريم أحمد", "Zoë Okafor", "Łucja Nowak"}

// The theme's text font holds a glyph for every letter of those names, in
// regular and bold: Fyne draws from the theme's font first and otherwise
// only from fonts installed on the computer.
func TestThemeFontCoversBengaliAndArabic(t *testing.T) {
	th := newAppTheme("light")
	for _, style := range []fyne.TextStyle{{}, {Bold: true}} {
		face, err := font.ParseTTF(bytes.NewReader(th.Font(style).Content()))
		if err != nil {
			t.Fatalf("%+v: %v", style, err)
		}
		for _, name := range scriptNames {
			for _, r := range name {
				if r == ' ' {
					continue
				}
				if _, ok := face.NominalGlyph(r); !ok {
					t.Errorf("%+v: no glyph for %q (U+%04X) in %q", style, r, r, name)
				}
			}
		}
	}
}

// drawn is what a label of text looks like in the app's theme.
func drawn(t *testing.T, text string) image.Image {
	t.Helper()
	w := test.NewWindow(widget.NewLabel(text))
	defer w.Close()
	w.Resize(fyne.NewSize(300, 60))
	return w.Canvas().Capture()
}

func sameImage(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				return false
			}
		}
	}
	return true
}

// A name in Bengali or Arabic is drawn as letters, not as the empty boxes
// a missing glyph draws: as many private-use characters (which no font
// has) draw those boxes, and the name must look different from them.
func TestNamesInBengaliAndArabicAreNotBoxes(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newAppTheme("light"))
	for _, name := range scriptNames[:2] {
		boxes := strings.Map(func(r rune) rune {
			if r == ' ' {
				return r
			}
			return '\uE000'
		}, name)
		if sameImage(drawn(t, name), drawn(t, boxes)) {
			t.Errorf("%q is drawn as empty boxes", name)
		}
	}
}

// The Rows table shows the names whole; with DOSSIER_UI_SHOTS set to a
// folder the tab is saved there as a picture, to look at.
func TestRowsTabDrawsNamesInEveryScript(t *testing.T) {
	g, c := openTestCase(t)
	g.app.Settings().SetTheme(newAppTheme("light"))
	sheet := "UPRN,Address,Estate,Neighbourhood,Name,Phone\n"
	for i, n := range scriptNames {
		sheet += "10" + string(rune('1'+i)) + ",1 Alder Court,Alder,North," + n + ",07700 90010" + string(rune('1'+i)) + "\n"
	}
	if _, err := c.ImportRows(t.Context(), casefile.TestFile(t, "names.csv", []byte(sheet)), casefile.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	g.cw.reload()
	g.cw.selectTab("Rows")
	g.win.Resize(fyne.NewSize(1024, 600))
	rt := tabOf[*rowsTab](g.cw)
	name := rowCol(t, "Name")
	for i, n := range scriptNames {
		if got := rt.cell(i, name); got != n {
			t.Errorf("row %d name %q, want %q", i, got, n)
		}
	}
	if dir := os.Getenv("DOSSIER_UI_SHOTS"); dir != "" {
		f, err := os.Create(filepath.Join(dir, "rows-scripts.png"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, g.win.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
	}
}

// Lines are as tall as with Fyne's own font: the merged font keeps Noto
// Sans's line metrics, not the taller ones of the Bengali and Arabic
// fonts, which made every label half as tall again and pushed forms off
// a small screen.
func TestThemeFontKeepsLineHeight(t *testing.T) {
	a := test.NewTempApp(t)
	for _, style := range []fyne.TextStyle{{}, {Bold: true}} {
		a.Settings().SetTheme(theme.DefaultTheme())
		want := fyne.MeasureText("Ag", theme.TextSize(), style).Height
		a.Settings().SetTheme(newAppTheme("light"))
		if got := fyne.MeasureText("Ag", theme.TextSize(), style).Height; got != want {
			t.Errorf("%+v: a line is %.1f tall, Fyne's font makes it %.1f", style, got, want)
		}
	}
}
