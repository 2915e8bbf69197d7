package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"dossier/casefile"
	"dossier/casefile/pdf/pdftest"
)

// overlayText is the text of every label in the dialog on top of win, or
// "" when none shows.
func overlayText(win fyne.Window) string {
	top := win.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	var b strings.Builder
	walk(top, func(o fyne.CanvasObject) bool {
		switch x := o.(type) {
		case *widget.Label:
			b.WriteString(x.Text + "\n")
		case *widget.RichText:
			b.WriteString(x.String() + "\n")
		}
		return true
	})
	return b.String()
}

// The Export tab on a case holding modern PDFs (object streams, encryption
// with an empty password) counts the bundle's pages; a PDF that needs a
// password makes it say which exhibit and why, in the tab and in the
// dialog an export shows, and nothing crashes.
func TestExportTabWithModernAndEncryptedPDFs(t *testing.T) {
	ctx := context.Background()
	g, c := openTestCase(t)
	for _, name := range []string{"object-streams", "encrypted-aes256-empty-password"} {
		s := pdftest.Get(t, name)
		if _, err := c.Add(ctx, casefile.TestFile(t, name+".pdf", s.Data), casefile.Meta{}); err != nil {
			t.Fatal(err)
		}
	}
	g.cw.reload()
	g.cw.selectTab("Export")
	et := tabOf[*exportTab](g.cw)
	if !strings.HasPrefix(et.size.Text, "Size: ") || !strings.Contains(et.size.Text, " pages, ") {
		t.Fatalf("size with an object-stream and an encrypted PDF: %q", et.size.Text)
	}

	locked := pdftest.Get(t, "encrypted-user-password")
	ex, err := c.Add(ctx, casefile.TestFile(t, "locked.pdf", locked.Data), casefile.Meta{})
	if err != nil {
		t.Fatal(err)
	}
	g.cw.reload()
	g.cw.selectTab("Export")
	et.optionsChanged()
	for _, want := range []string{ex.Ref, "password"} {
		if !strings.Contains(et.size.Text, want) {
			t.Errorf("size %q does not name %q", et.size.Text, want)
		}
	}
	et.date.SetText("2015-08-01")
	et.exportTo(filepath.Join(t.TempDir(), "bundle.pdf"))
	msg := overlayText(g.cw.win)
	if !strings.Contains(msg, ex.Ref) || !strings.Contains(msg, "password") {
		t.Errorf("the export's dialog says %q; want the exhibit and that it needs a password", msg)
	}
}
