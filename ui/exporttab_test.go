package ui

import (
	"context"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/casefile"
	"dossier/export"
	"dossier/internal/tooltest"
)

func TestExportWritesTheBundle(t *testing.T) {
	tooltest.Need(t, "pdftotext")
	ctx := context.Background()
	g, c := openTestCase(t)
	c.Add(ctx, casefile.TestFile(t, "note.txt", []byte("Statement: the texts came on 8 June 2015.")), casefile.Meta{Kind: casefile.KindStatement})
	c.Add(ctx, casefile.TestFile(t, "reply.txt", []byte("Dear Alex, we have looked into it.")), casefile.Meta{Kind: casefile.KindLetter})
	g.cw.reload()
	et := tabOf[*exportTab](g.cw)
	if !strings.Contains(et.sections.Text, "Exhibits: 2 (1 letter, 1 statement)") {
		t.Errorf("sections: %q", et.sections.Text)
	}
	if len(et.letter.Options) != 2 {
		t.Fatalf("letter choices %v", et.letter.Options)
	}
	et.letter.SetSelectedIndex(1)
	et.date.SetText("2015-08-01")
	out := filepath.Join(t.TempDir(), "bundle.pdf")
	et.exportTo(out)
	if b, err := os.ReadFile(out); err != nil || !strings.HasPrefix(string(b), "%PDF") {
		t.Fatalf("no bundle written: %v", err)
	}
	if !strings.Contains(et.result.Text, "SHA-256") || !et.open.Visible() {
		t.Errorf("result: %q", et.result.Text)
	}
	log, _ := c.Log(ctx)
	if log[len(log)-1].Action != casefile.ActionExported {
		t.Error("export not in the custody log")
	}
	et.date.SetText("1 Aug 2015")
	if _, err := et.options(); err == nil {
		t.Error("a bad date was accepted")
	}
}

// The tab says how many pages the bundle will have, laid out when the tab
// is first seen and again when an option changes.
func TestExportTabPreviewsThePageCount(t *testing.T) {
	tooltest.Need(t, "pdftotext")
	ctx := context.Background()
	g, c := openTestCase(t)
	c.Add(ctx, casefile.TestFile(t, "note.txt", []byte(strings.Repeat("The texts came on 8 June 2015.\n", 200))), casefile.Meta{Kind: casefile.KindStatement})
	g.cw.reload()
	et := tabOf[*exportTab](g.cw)
	if et.size.Text != "" {
		t.Errorf("the preview ran before the tab was seen: %q", et.size.Text)
	}
	g.cw.selectTab("Export")
	want, err := export.Preview(ctx, c, export.Options{Date: overviewToday()})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(et.size.Text, fmt.Sprintf("Size: %d pages, ", want.Pages)) {
		t.Errorf("size %q, want %d pages", et.size.Text, want.Pages)
	}
	et.date.SetText("soon")
	if !strings.Contains(et.size.Text, "YYYY-MM-DD") {
		t.Errorf("a bad date: %q", et.size.Text)
	}
	et.date.SetText("2015-08-01")
	if !strings.Contains(et.size.Text, " pages, ") {
		t.Errorf("after the date was mended: %q", et.size.Text)
	}
}

// The bundle's contents list counts in words: "1 message", "3
// screenshots", never "1 messages" or "3 screenshot".
func TestExportSectionsCountInWords(t *testing.T) {
	ctx := context.Background()
	g, c := openTestCase(t)
	for i := range 3 {
		c.Add(ctx, casefile.TestFile(t, fmt.Sprintf("shot%d.png", i), pngBytes(t, 40+i, 40, color.White)), casefile.Meta{Kind: casefile.KindScreenshot})
	}
	c.Add(ctx, casefile.TestFile(t, "note.txt", []byte("Statement: the texts came on 8 June 2015.")), casefile.Meta{Kind: casefile.KindStatement})
	g.cw.reload()
	et := tabOf[*exportTab](g.cw)
	for _, want := range []string{"Link schedule: 0 messages, 0 links", "Exhibits: 4 (3 screenshots, 1 statement), with 0 accepted marks"} {
		if !strings.Contains(et.sections.Text, want) {
			t.Errorf("sections lack %q:\n%s", want, et.sections.Text)
		}
	}
	for n, want := range map[int]string{1: "1 sheet", 2: "2 sheets"} {
		if got := kindCount(n, casefile.KindSheet); got != want {
			t.Errorf("kindCount(%d) = %q, want %q", n, got, want)
		}
	}
	if got := kindCount(2, casefile.KindOther); got != "2 other" {
		t.Errorf("kindCount(other) = %q", got)
	}
}
