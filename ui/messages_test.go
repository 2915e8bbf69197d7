package ui

import (
	"context"
	"image"
	"image/color"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dossier/casefile"
	"dossier/casefile/ocr"
)

// msgOCR is an OCR engine that returns fixed words or an error.
type msgOCR struct {
	words []ocr.Word
	err   error
}

func (f msgOCR) Words(context.Context, image.Image) ([]ocr.Word, error) { return f.words, f.err }

// addShot adds a screenshot exhibit to c and returns its reference.
func addShot(t *testing.T, c *casefile.Case) string {
	t.Helper()
	p := casefile.TestFile(t, "shot.png", pngBytes(t, 40, 80, color.White))
	ex, err := c.Add(context.Background(), p, casefile.Meta{Kind: casefile.KindScreenshot, Title: "Text received"})
	if err != nil {
		t.Fatal(err)
	}
	return ex.Ref
}

func TestMessagesTabAddsMessage(t *testing.T) {
	g, c := openTestCase(t)
	addShot(t, c)
	g.cw.reload()
	mt := tabOf[*messagesTab](g.cw)
	if len(mt.exhibit.Options) != 1 {
		t.Fatalf("screenshot options %v", mt.exhibit.Options)
	}
	mt.exhibit.SetSelectedIndex(0)
	if mt.img.Image == nil {
		t.Error("screenshot not shown")
	}
	test.Type(mt.from, "Campaign")
	test.Type(mt.to, "07700 900101")
	test.Type(mt.at, "08/06/2015 09:00")
	test.Type(mt.body, "Vote for us")
	test.Tap(mt.add)
	ms, _ := c.Messages(context.Background())
	if len(ms) != 1 || ms[0].ToE164 != "+447700900101" || ms[0].From != "Campaign" || ms[0].At.Hour() != 9 {
		t.Fatalf("messages %+v", ms)
	}
	if mt.list.Length() != 1 {
		t.Errorf("list shows %d messages", mt.list.Length())
	}
}

func TestMessagesTabOCR(t *testing.T) {
	g, c := openTestCase(t)
	addShot(t, c)
	g.cw.reload()
	mt := tabOf[*messagesTab](g.cw)
	mt.exhibit.SetSelectedIndex(0)

	mt.available = func() bool { return false }
	test.Tap(mt.readOCR)
	if mt.lastInfo != ocr.ErrMissing.Error() {
		t.Errorf("missing OCR said %q", mt.lastInfo)
	}

	mt.lastInfo = ""
	mt.available = func() bool { return true }
	mt.ocr = msgOCR{err: ocr.ErrMissing}
	test.Tap(mt.readOCR)
	if mt.lastInfo != ocr.ErrMissing.Error() {
		t.Errorf("engine without tesseract said %q", mt.lastInfo)
	}

	mt.ocr = msgOCR{words: []ocr.Word{
		{Text: "Vote", Box: image.Rect(10, 300, 50, 320), Block: 1, Par: 1, Line: 1, Num: 1, Conf: 95},
		{Text: "today", Box: image.Rect(55, 300, 100, 320), Block: 1, Par: 1, Line: 1, Num: 2, Conf: 95},
	}}
	test.Tap(mt.readOCR)
	if !strings.HasPrefix(mt.note.Text, "Read by OCR") {
		t.Errorf("after OCR the note says %q", mt.note.Text)
	}
	if ms, _ := c.Messages(context.Background()); len(ms) != 0 {
		t.Errorf("OCR saved %d messages by itself", len(ms))
	}
}

func TestMessagesTabImportsFile(t *testing.T) {
	g, c := openTestCase(t)
	ref := addShot(t, c)
	g.cw.reload()
	mt := tabOf[*messagesTab](g.cw)
	p := casefile.TestFile(t, "msgs.csv", []byte("to,from,at,body,exhibit\n07700 900103,Campaign,08/06/2015 09:00,Vote for us,"+ref+"\n"))
	mt.importFile(p)
	if mt.lastInfo != "1 message imported from msgs.csv." {
		t.Errorf("summary %q", mt.lastInfo)
	}
	if mt.list.Length() != 1 {
		t.Errorf("list shows %d", mt.list.Length())
	}
}

// drawnTexts is every visible text a widget draws now, labels and the
// canvas texts a form draws for its labels and hints alike.
func drawnTexts(o fyne.CanvasObject) string {
	var out []string
	walk(o, func(o fyne.CanvasObject) bool {
		if !o.Visible() {
			return false
		}
		switch x := o.(type) {
		case *canvas.Text:
			out = append(out, x.Text)
			return false
		case *widget.Label:
			out = append(out, x.Text)
			return false
		}
		return true
	})
	return strings.Join(out, "\n")
}

// A new message's form has no Why corrected row (its label and hint
// without a field read as a field that cannot be typed in); a correction
// has it, and New message takes it away again.
func TestWhyCorrectedOnlyWhileCorrecting(t *testing.T) {
	g, c := openTestCase(t)
	addShot(t, c)
	g.cw.reload()
	mt := tabOf[*messagesTab](g.cw)
	g.cw.selectTab("Messages")
	mt.exhibit.SetSelectedIndex(0)
	if got := drawnTexts(mt.form); strings.Contains(got, "Why corrected") || strings.Contains(got, "needed to save a correction") {
		t.Errorf("a new message's form shows the correction row:\n%s", got)
	}
	test.Type(mt.from, "Campaign")
	test.Type(mt.to, "07700 900101")
	test.Type(mt.at, "08/06/2015 09:00")
	test.Type(mt.body, "Vote for us")
	test.Tap(mt.add)
	mt.list.Select(0)
	if got := drawnTexts(mt.form); !strings.Contains(got, "Why corrected") || !mt.reason.Visible() {
		t.Errorf("correcting message 1, the form lacks Why corrected:\n%s", got)
	}
	test.Tap(mt.newMsg)
	if got := drawnTexts(mt.form); strings.Contains(got, "Why corrected") {
		t.Errorf("after New message the form still shows Why corrected:\n%s", got)
	}
}
