package ui

import (
	"context"
	"image/color"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dossier/casefile"
)

func TestEditMetadataRecordsCustody(t *testing.T) {
	g, c := openTestCase(t)
	drop(g.cw, casefile.TestFile(t, "scan.txt", []byte("data sheet, estate Martineau")))
	ex := tabOf[*exhibitsTab](g.cw)
	ex.selectRef("LW/1")
	f := ex.form
	f.kind.SetSelected("sheet")
	f.title.SetText("")
	test.Type(f.title, "Data sheet, Martineau estate")
	test.Type(f.source, "A resident")
	test.Type(f.obtained, "2024-05-01")
	test.Type(f.obtainedBy, "Alex Example")
	test.Tap(f.save)

	got, err := c.Exhibit(context.Background(), "LW/1")
	if err != nil {
		t.Fatal(err)
	}
	want := casefile.Meta{Kind: casefile.KindSheet, Title: "Data sheet, Martineau estate", Source: "A resident",
		Obtained: "2024-05-01", ObtainedBy: "Alex Example"}
	if got.Meta != want {
		t.Errorf("meta %+v, want %+v", got.Meta, want)
	}
	log, _ := c.Log(context.Background())
	last := log[len(log)-1]
	if last.Action != casefile.ActionDescribed || last.Exhibit != "LW/1" {
		t.Errorf("last event %s %s, want described LW/1", last.Action, last.Exhibit)
	}
	if ex.cell(0, 2) != "Data sheet, Martineau estate" {
		t.Errorf("table title %q not updated", ex.cell(0, 2))
	}
	cust := tabOf[*custodyTab](g.cw)
	if n := len(cust.events); n != len(log) {
		t.Errorf("custody tab shows %d events, log has %d", n, len(log))
	}

	// A bad date is refused and nothing is recorded.
	f.obtained.SetText("1 May")
	test.Tap(f.save)
	log2, _ := c.Log(context.Background())
	if len(log2) != len(log) {
		t.Errorf("bad date recorded an event")
	}
}

func TestImagePreview(t *testing.T) {
	g, _ := openTestCase(t)
	drop(g.cw, casefile.TestFile(t, "shot.png", pngBytes(t, 20, 40, color.RGBA{0, 0, 200, 255})))
	ex := tabOf[*exhibitsTab](g.cw)
	objs := ex.preview.box.Objects
	if len(objs) != 1 {
		t.Fatalf("preview has %d objects", len(objs))
	}
	img, ok := objs[0].(*canvas.Image)
	if !ok {
		t.Fatalf("preview is %T, want *canvas.Image", objs[0])
	}
	if img.FillMode != canvas.ImageFillContain || img.Image.Bounds().Dx() != 20 {
		t.Errorf("preview fill %v, width %d", img.FillMode, img.Image.Bounds().Dx())
	}
}

func TestPreviewKind(t *testing.T) {
	tests := map[string]string{
		"image/png": "image", "image/jpeg": "image", "image/heic": "image", "application/pdf": "pdf",
		"text/plain; charset=utf-8": "text", "text/csv": "text", "application/json": "text",
		"application/zip": "", "": "",
	}
	for mt, want := range tests {
		if got := previewKind(mt); got != want {
			t.Errorf("previewKind(%q) = %q, want %q", mt, got, want)
		}
	}
}

func TestPDFPreview(t *testing.T) {
	pdf, err := os.ReadFile("testdata/sheet.pdf")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("first page", func(t *testing.T) {
		g, _ := openTestCase(t)
		drop(g.cw, casefile.TestFile(t, "sheet.pdf", pdf))
		objs := tabOf[*exhibitsTab](g.cw).preview.box.Objects
		img, ok := objs[0].(*canvas.Image)
		if !ok {
			t.Fatalf("preview is %T, want the page as *canvas.Image", objs[0])
		}
		if b := img.Image.Bounds(); b.Dx() < 500 || b.Dy() < 800 { // A4 at 100 dpi is 827×1170
			t.Errorf("page rendered at %v", b)
		}
	})
	t.Run("damaged", func(t *testing.T) {
		g, _ := openTestCase(t)
		drop(g.cw, casefile.TestFile(t, "broken.pdf", append([]byte("%PDF-1.4\n"), make([]byte, 64)...)))
		box := tabOf[*exhibitsTab](g.cw).preview.box.Objects[0].(*fyne.Container)
		l := box.Objects[1].(*widget.Label)
		if !strings.Contains(l.Text, "Cannot show broken.pdf") || !strings.Contains(l.Text, "damaged") {
			t.Errorf("note %q does not say the PDF cannot be read", l.Text)
		}
	})
}

// At 1024×600, with the case in a deep folder, the status line's tip and
// the Exhibits form's note that saves are logged are shown whole: the
// tip comes before the path, which the ellipsis may cut, and the note
// wraps under the form instead of being cut beside the buttons.
func TestHintsWholeOnSmallScreen(t *testing.T) {
	g, _ := openTestCase(t)
	g.win.Resize(fyne.NewSize(1024, 600))
	drop(g.cw, casefile.TestFile(t, "scan.txt", []byte("data sheet, estate Martineau")))
	g.cw.updateStatus()
	if !strings.HasPrefix(g.cw.status.Text, statusTip) {
		t.Errorf("status line %q does not begin with the tip", g.cw.status.Text)
	}
	if !textFits(statusTip, g.cw.status.Size().Width) {
		t.Errorf("the tip is cut in a status line %.0f wide", g.cw.status.Size().Width)
	}
	g.cw.selectTab("Exhibits")
	ex := tabOf[*exhibitsTab](g.cw)
	ex.selectRef("LW/1")
	n := ex.form.note
	if !n.Visible() || n.Truncation != fyne.TextTruncateOff || n.Wrapping == fyne.TextWrapOff {
		t.Errorf("the note is hidden, cut or one line: visible %v, truncation %v, wrapping %v", n.Visible(), n.Truncation, n.Wrapping)
	}
	if n.Size().Width < 50 || n.Size().Height+0.5 < n.MinSize().Height {
		t.Errorf("the note is squeezed into %v (needs %v)", n.Size(), n.MinSize())
	}
}
