package ui

import (
	"context"
	"image/color"
	"strings"
	"testing"

	"dossier/casefile"
)

// Opening a case builds only the tab on screen; another tab is built,
// and reads the case as it is then, when first shown.
func TestTabsBuiltWhenFirstShown(t *testing.T) {
	g, _ := openTestCase(t)
	for i, spec := range caseTabs {
		if got := g.cw.isBuilt(i); got != (i == 0) {
			t.Errorf("%s tab built %v right after opening, want %v", spec.title, got, i == 0)
		}
	}
	// A change while the Redact tab is unbuilt reaches it when it is shown.
	drop(g.cw, casefile.TestFile(t, "shot.png", pngBytes(t, 40, 20, color.White)))
	ri := 0
	for i, spec := range caseTabs {
		if spec.title == "Redact" {
			ri = i
		}
	}
	if g.cw.isBuilt(ri) {
		t.Fatalf("Redact tab built by an intake it was not shown for")
	}
	g.cw.selectTab("Redact")
	rt := g.cw.items[ri].(*redactTab)
	if !g.cw.isBuilt(ri) || len(g.cw.slots[ri].Objects) != 1 {
		t.Fatalf("Redact tab not built when shown")
	}
	if len(rt.exs) != 1 || rt.ref != "LW/1" || rt.list.Length() != 1 {
		t.Errorf("Redact tab lists %d exhibits, shows %q; want the dropped LW/1", len(rt.exs), rt.ref)
	}
}

// The Export tab's summary text is written in the background; what a
// person types before it arrives is kept, not overwritten.
func TestSummaryTypedBeforeItArrivesIsKept(t *testing.T) {
	g, _ := openTestCase(t)
	var queued []func()
	g.background = func(f func()) { queued = append(queued, f) }
	g.cw.selectTab("Export")
	f := tabOf[*exportTab](g.cw).summary
	if len(queued) == 0 {
		t.Fatalf("the summary was written on the UI goroutine")
	}
	f.text.SetText("My own words")
	for len(queued) > 0 {
		q := queued[0]
		queued = queued[1:]
		q()
	}
	if f.text.Text != "My own words" {
		t.Errorf("summary reads %q after the background text arrived, want what was typed", f.text.Text)
	}
	if len(f.unsaved()) == 0 {
		t.Errorf("typed summary not counted as unsaved")
	}
}

// The Export tab counts what the bundle will hold in the background (on
// 100,000 rows, reading every mark to count them froze the window for
// two seconds), and its first count does not lay the preview out a
// second time; a count after the case changes does.
func TestExportTabCountsInTheBackground(t *testing.T) {
	g, c := openTestCase(t)
	var queued []func()
	g.background = func(f func()) { queued = append(queued, f) }
	drain := func() {
		for len(queued) > 0 {
			q := queued[0]
			queued = queued[1:]
			q()
		}
	}
	g.cw.selectTab("Export")
	et := tabOf[*exportTab](g.cw)
	if len(queued) == 0 || !strings.Contains(et.sections.Text, "Counting") {
		t.Fatalf("the bundle's contents were counted on the UI goroutine: %q", et.sections.Text)
	}
	drain()
	if !strings.Contains(et.sections.Text, "Exhibits: none yet,") || et.previews.n != 1 {
		t.Errorf("after the count: %q, %d previews laid out; want the count and 1", et.sections.Text, et.previews.n)
	}
	c.Add(context.Background(), casefile.TestFile(t, "note.txt", []byte("Statement: the texts came on 8 June 2015.")), casefile.Meta{Kind: casefile.KindStatement})
	g.cw.reload()
	drain()
	if !strings.Contains(et.sections.Text, "Exhibits: 1 (1 statement)") || et.previews.n != 2 {
		t.Errorf("after a change: %q, %d previews; want the new count and 2", et.sections.Text, et.previews.n)
	}
	et.pack.SetChecked(true)
	if len(queued) == 0 {
		t.Error("the pack's pre-flight checks ran on the UI goroutine")
	}
	drain()
	if et.checks.Text == "" || strings.Contains(et.checks.Text, "Checking") {
		t.Errorf("pre-flight checks read %q", et.checks.Text)
	}
}

// The Export tab writes the ICO form's text once the preview has its
// size, not beside it: both read every mark, and on a case of 100,000
// rows the size came seconds later while the two ran together.
func TestExportTabWritesTheFormAfterThePreview(t *testing.T) {
	g, c := openTestCase(t)
	if _, err := c.Add(context.Background(), casefile.TestFile(t, "note.txt", []byte("Statement: the texts came on 8 June 2015.")),
		casefile.Meta{Kind: casefile.KindStatement}); err != nil {
		t.Fatal(err)
	}
	g.cw.reload()
	var queued []func()
	g.background = func(f func()) { queued = append(queued, f) }
	g.cw.selectTab("Export")
	et := tabOf[*exportTab](g.cw)
	if !strings.Contains(et.size.Text, "counting") {
		t.Fatalf("no preview started when the tab was shown: %q", et.size.Text)
	}
	for len(queued) > 0 {
		q := queued[0]
		queued = queued[1:]
		q()
		if strings.Contains(et.size.Text, "counting") && et.summary.writes.n > 0 {
			t.Fatal("the form's text was being written while the preview was laid out")
		}
		if et.summary.text.Text == "" && (!et.summary.save.Disabled() || !strings.Contains(et.summary.text.PlaceHolder, "Writing")) {
			t.Fatalf("before its text is written the form offers Save (%v) and shows %q", !et.summary.save.Disabled(), et.summary.text.PlaceHolder)
		}
	}
	if !strings.Contains(et.size.Text, "pages") {
		t.Errorf("size reads %q after the preview", et.size.Text)
	}
	if et.summary.writes.n == 0 || et.summary.text.Text == "" {
		t.Errorf("the form's text was not written after the preview (%d writes): %q", et.summary.writes.n, et.summary.text.Text)
	}
}
