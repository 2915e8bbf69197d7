package ui

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"dossier/casefile"
	"dossier/casefile/ocr"
	"dossier/casefile/pdf"
)

// openRedact opens a test case with a 200×100 white PNG exhibit and shows
// it in the redact tab, brought to the front.
func openRedact(t *testing.T) (*gui, *casefile.Case, *redactTab) {
	t.Helper()
	g, c := openTestCase(t)
	drop(g.cw, casefile.TestFile(t, "shot.png", pngBytes(t, 200, 100, color.White)))
	g.cw.selectTab("Redact")
	rt := tabOf[*redactTab](g.cw)
	if rt.ref != "LW/1" || len(rt.pages) != 1 {
		t.Fatalf("redact tab shows %q with %d pages, want LW/1 with 1", rt.ref, len(rt.pages))
	}
	return g, c, rt
}

// at is where page fractions x, y are on the mark canvas, in the
// canvas's own coordinates and in the window's.
func at(mc *markCanvas, x, y float64) (local, abs fyne.Position) {
	local, _ = mc.toScreen(frac{X: x, Y: y})
	abs = fyne.CurrentApp().Driver().AbsolutePositionForObject(mc).Add(local)
	return local, abs
}

func near(a, b float64) bool { return math.Abs(a-b) < 0.011 }

func rectMarks(t *testing.T, c *casefile.Case, status string) []casefile.Mark {
	t.Helper()
	ms, err := c.Marks(context.Background(), status)
	if err != nil {
		t.Fatal(err)
	}
	var out []casefile.Mark
	for _, m := range ms {
		if m.Kind == casefile.MarkRect {
			out = append(out, m)
		}
	}
	return out
}

func TestDrawRectangleAddsMark(t *testing.T) {
	g, c, rt := openRedact(t)
	// A drag from 0.1,0.1 to 0.5,0.5 of the page, through the window.
	_, from := at(rt.mc, 0.1, 0.1)
	_, to := at(rt.mc, 0.5, 0.5)
	test.Drag(g.win.Canvas(), from, to.X-from.X, to.Y-from.Y)
	ms := rectMarks(t, c, "")
	if len(ms) != 1 {
		t.Fatalf("%d rect marks, want 1", len(ms))
	}
	m := ms[0]
	if m.Exhibit != "LW/1" || m.Page != 1 || m.Status != casefile.MarkAccepted ||
		!near(m.X, 0.1) || !near(m.Y, 0.1) || !near(m.W, 0.4) || !near(m.H, 0.4) {
		t.Errorf("mark %+v, want LW/1 page 1 accepted at 0.1,0.1 0.4×0.4", m)
	}
	if rt.mc.selected != m.ID || len(rt.mc.marks) != 1 {
		t.Errorf("canvas selected %d with %d marks, want the new mark", rt.mc.selected, len(rt.mc.marks))
	}

	// A slip of the mouse draws nothing.
	_, p := at(rt.mc, 0.8, 0.8)
	test.Drag(g.win.Canvas(), p, 1, 1)
	if n := len(rectMarks(t, c, "")); n != 1 {
		t.Errorf("a 1 px drag made %d marks", n)
	}
}

func TestMoveDeleteAcceptReject(t *testing.T) {
	g, c, rt := openRedact(t)
	ctx := context.Background()
	m, err := c.AddRectMark(ctx, "LW/1", 1, 0.1, 0.1, 0.2, 0.2)
	if err != nil {
		t.Fatal(err)
	}
	rt.changed(0)

	// Tap selects; dragging the selection moves it: removed "moved", added again.
	in, _ := at(rt.mc, 0.15, 0.15)
	test.TapAt(rt.mc, in)
	if rt.mc.selected != m.ID {
		t.Fatalf("tap selected %d, want %d", rt.mc.selected, m.ID)
	}
	by, _ := at(rt.mc, 0.25, 0.25) // moves the box by 0.1 of the page each way
	rt.mc.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: in}, Dragged: fyne.NewDelta(by.X-in.X, by.Y-in.Y)})
	rt.mc.DragEnd()
	old, _ := c.MarkByID(ctx, m.ID)
	live := rectMarks(t, c, "")
	if len(live) != 1 || !near(live[0].X, 0.2) || !near(live[0].Y, 0.2) || !near(live[0].W, 0.2) || live[0].Supersedes != m.ID {
		t.Fatalf("after move %+v, want one box at 0.2,0.2 superseding box %d", live, m.ID)
	}
	if want := fmt.Sprintf("moved to box %d", live[0].ID); old.Status != casefile.MarkRemoved || old.Note != want {
		t.Errorf("moved mark is %s (%q), want removed, %q", old.Status, old.Note, want)
	}
	if rt.mc.selected != live[0].ID {
		t.Errorf("moved box not selected")
	}

	// Deleting an accepted box takes a reason.
	rt.removeMark(live[0].ID, "covers no personal data")
	if n := len(rectMarks(t, c, "")); n != 0 {
		t.Errorf("%d boxes after delete", n)
	}

	// Suggestions: Delete key rejects one, Accept accepts another, Accept all the rest.
	ids := suggestBoxes(t, g, c)
	rt.selectExhibit("LW/2")
	rt.changed(ids[0])
	rt.mc.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if got, _ := c.MarkByID(ctx, ids[0]); got.Status != casefile.MarkRejected {
		t.Errorf("Delete on a suggestion left it %s, want rejected", got.Status)
	}
	rt.changed(ids[1])
	if rt.accept.Disabled() {
		t.Fatal("Accept disabled with a suggestion selected")
	}
	test.Tap(rt.accept)
	if got, _ := c.MarkByID(ctx, ids[1]); got.Status != casefile.MarkAccepted {
		t.Errorf("Accept left it %s", got.Status)
	}
	rt.acceptAllNow()
	if got, _ := c.MarkByID(ctx, ids[2]); got.Status != casefile.MarkAccepted {
		t.Errorf("Accept all left it %s", got.Status)
	}
	if !rt.acceptAll.Disabled() {
		t.Error("Accept all enabled with no suggestions left")
	}
}

// fakeOCR reads the words TestScreenshot says it drew, so suggestions
// can be tested without tesseract.
type fakeOCR []ocr.Word

func (f fakeOCR) Words(_ context.Context, img image.Image) ([]ocr.Word, error) {
	if img.Bounds().Dx() != 900 { // only the screenshot has words
		return nil, nil
	}
	return f, nil
}

// suggestBoxes adds a screenshot with three numbers as LW/2, marks the
// numbers as terms and lets SuggestRects (with fakeOCR) propose a box on
// each; it returns the boxes' ids.
func suggestBoxes(t *testing.T, g *gui, c *casefile.Case) []int64 {
	t.Helper()
	img, words := ocr.TestScreenshot("07700 900111", "07700 900222", "07700 900333")
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	drop(g.cw, casefile.TestFile(t, "texts.png", b.Bytes()))
	ctx := context.Background()
	for _, v := range []string{"07700 900111", "07700 900222", "07700 900333"} {
		if _, err := c.AddTermMark(ctx, v, "phone"); err != nil {
			t.Fatal(err)
		}
	}
	orig := redactOCR
	redactOCR = func() ocr.Engine { return fakeOCR(words) }
	t.Cleanup(func() { redactOCR = orig })
	rt := tabOf[*redactTab](g.cw)
	rt.onSuggest()
	var ids []int64
	for _, m := range rectMarks(t, c, casefile.MarkSuggested) {
		ids = append(ids, m.ID)
	}
	if len(ids) != 3 {
		t.Fatalf("%d suggested boxes, want 3", len(ids))
	}
	return ids
}

func TestPreviewShowsBlackPixels(t *testing.T) {
	_, c, rt := openRedact(t)
	if _, err := c.AddRectMark(context.Background(), "LW/1", 1, 0.25, 0.2, 0.5, 0.6); err != nil {
		t.Fatal(err)
	}
	rt.changed(0)
	rt.previewChk.SetChecked(true)
	img := rt.mc.img
	if img == nil || rt.mc.editable {
		t.Fatalf("preview shows %v (editable %v)", img, rt.mc.editable)
	}
	if img == rt.pages[0] {
		t.Fatal("preview shows the original image")
	}
	inside := color.GrayModel.Convert(img.At(100, 50)).(color.Gray)
	outside := color.GrayModel.Convert(img.At(10, 5)).(color.Gray)
	if inside.Y != 0 || outside.Y != 255 {
		t.Errorf("pixel in the box %d, outside %d; want 0 and 255", inside.Y, outside.Y)
	}
	if b := img.Bounds(); b != image.Rect(0, 0, 200, 100) {
		t.Errorf("preview bounds %v", b)
	}
	rt.previewChk.SetChecked(false)
	if rt.mc.img != rt.pages[0] || !rt.mc.editable {
		t.Error("turning the preview off did not bring back the original")
	}
}

func TestTermsAddAndReject(t *testing.T) {
	_, c, rt := openRedact(t)
	rt.addTerm("Alex Example", "")
	if len(rt.terms) != 1 || rt.terms[0].Mark.ValueKind != "name" || rt.terms[0].Mark.Status != casefile.MarkAccepted {
		t.Fatalf("terms %+v, want one accepted name", rt.terms)
	}
	if l := rt.pseud.Label("name", rt.terms[0].Mark.ValueKey); l == "" {
		t.Error("accepted term has no stand-in")
	}
	rt.removeMark(rt.terms[0].Mark.ID, "not a resident")
	ms, _ := c.Marks(context.Background(), "")
	if len(ms) != 0 || len(rt.terms) != 0 {
		t.Errorf("after removal marks %d, terms %d", len(ms), len(rt.terms))
	}
}

func TestSelectionBytes(t *testing.T) {
	text := "Zoë rang 07700 900123 twice"
	tests := []struct {
		sel        string
		cursor     int
		start, end int
		ok         bool
	}{
		{"07700 900123", 21, 10, 22, true}, // selected forwards: cursor at the end
		{"07700 900123", 9, 10, 22, true},  // backwards: cursor at the start
		{"Zoë", 3, 0, 4, true},
		{"nowhere", 3, 0, 0, false},
	}
	for _, tt := range tests {
		s, e, ok := selectionBytes(text, tt.sel, tt.cursor)
		if s != tt.start || e != tt.end || ok != tt.ok {
			t.Errorf("selectionBytes(%q, %d) = %d, %d, %v; want %d, %d, %v", tt.sel, tt.cursor, s, e, ok, tt.start, tt.end, tt.ok)
		}
	}
}

func TestPDFPagesAndPreview(t *testing.T) {
	g, c := openTestCase(t)
	drop(g.cw, casefile.TestFile(t, "sheet.pdf", pdf.TestPDF("Page one: Alex Example", "Page two: 07700 900123")))
	g.cw.selectTab("Redact")
	rt := tabOf[*redactTab](g.cw)
	if len(rt.pages) != 2 || len(rt.pageSel.Options) != 2 || !rt.pageSel.Visible() {
		t.Fatalf("%d pages, selector %v visible %v", len(rt.pages), rt.pageSel.Options, rt.pageSel.Visible())
	}
	rt.pageSel.SetSelectedIndex(1)
	if rt.page != 2 || rt.mc.img != rt.pages[1] {
		t.Fatalf("page %d shown after choosing page 2", rt.page)
	}
	_, from := at(rt.mc, 0.2, 0.2)
	_, to := at(rt.mc, 0.6, 0.4)
	test.Drag(g.win.Canvas(), from, to.X-from.X, to.Y-from.Y)
	ms := rectMarks(t, c, "")
	if len(ms) != 1 || ms[0].Page != 2 {
		t.Fatalf("marks %+v, want one on page 2", ms)
	}
	rt.previewChk.SetChecked(true)
	img := rt.mc.img
	b := img.Bounds()
	px := color.GrayModel.Convert(img.At(b.Min.X+b.Dx()*4/10, b.Min.Y+b.Dy()*3/10)).(color.Gray)
	if px.Y != 0 {
		t.Errorf("preview pixel in the box is %d, want black", px.Y)
	}
	rt.pageSel.SetSelectedIndex(0)
	img = rt.mc.img
	px = color.GrayModel.Convert(img.At(b.Min.X+b.Dx()*4/10, b.Min.Y+b.Dy()*3/10)).(color.Gray)
	if px.Y == 0 {
		t.Error("page 1 blacked out where only page 2 is marked")
	}
}

func TestMarkSelectedText(t *testing.T) {
	g, c := openTestCase(t)
	drop(g.cw, casefile.TestFile(t, "note.txt", []byte("Zoë rang 07700 900123 twice")))
	g.cw.selectTab("Redact")
	rt := tabOf[*redactTab](g.cw)
	if rt.kind != "text" || rt.textView.Text != "Zoë rang 07700 900123 twice" {
		t.Fatalf("text view %q (%s)", rt.textView.Text, rt.kind)
	}
	rt.textView.TypedShortcut(&fyne.ShortcutSelectAll{})
	test.Tap(rt.markText)
	ms, _ := c.Marks(context.Background(), "")
	if len(ms) != 1 || ms[0].Kind != casefile.MarkSpan || ms[0].Start != 0 || ms[0].End != len("Zoë rang 07700 900123 twice") {
		t.Fatalf("marks %+v, want one span over the whole text", ms)
	}
	rt.previewChk.SetChecked(true)
	if got := rt.textView.Text; strings.Contains(got, "07700") {
		t.Errorf("preview %q still shows the number", got)
	}
}

// A term's kind is shown in words: a property reference is a "property
// number (UPRN)", never a bare "uprn"; the Add term choices likewise.
func TestTermKindsInWords(t *testing.T) {
	g, _, rt := openRedact(t)
	rt.addTerm("100023456701", "uprn")
	if len(rt.terms) != 1 {
		t.Fatalf("terms %+v", rt.terms)
	}
	row := rt.newTermRow()
	rt.updateTermRow(0, row)
	got := visibleLabels(row)
	if !strings.Contains(got, "property number (UPRN) →") || strings.Contains(got, "· uprn") {
		t.Errorf("term row says %q", got)
	}
	if s := g.cw.status.Text; !strings.Contains(s, "(property number (UPRN))") {
		t.Errorf("status line %q", s)
	}
	for _, k := range termKinds {
		if k.key != "" && k.key != "name" && k.key != "address" && k.key != "postcode" && k.words == k.key {
			t.Errorf("kind %q has no words", k.key)
		}
	}
}

// A text exhibit in which suggested terms occur says so in the exhibit
// list, as an image with suggested boxes does: "nothing redacted, 1
// suggested", not only "nothing redacted".
func TestExhibitListCountsSuggestedTerms(t *testing.T) {
	g, c := openTestCase(t)
	importTestRows(t, c)
	drop(g.cw, casefile.TestFile(t, "letter.txt", []byte("Dear Sir, Maureen Testwell received your text.")))
	ctx := context.Background()
	if _, err := c.SuggestMarks(ctx); err != nil {
		t.Fatal(err)
	}
	g.cw.reload()
	rt := tabOf[*redactTab](g.cw)
	var letter casefile.Exhibit
	for _, ex := range rt.exs {
		if ex.Filename == "letter.txt" {
			letter = ex
		}
	}
	if letter.Ref == "" {
		t.Fatalf("no letter among %+v", rt.exs)
	}
	got := rt.exhibitSummary(letter)
	if !strings.Contains(got, "nothing redacted") || !strings.Contains(got, "suggested") {
		t.Errorf("the letter's line says %q, want its suggested terms counted", got)
	}
}
