package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"dossier/casefile"
)

func TestWithholdAndRestoreFromTheExhibitsTab(t *testing.T) {
	g, c := openTestCase(t)
	ctx := context.Background()
	drop(g.cw, casefile.TestFile(t, "IMG_0001.AVIF", []byte("\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf")))
	ex := tabOf[*exhibitsTab](g.cw)
	ex.selectRef("LW/1")
	if ex.hold.button.Text != "Withhold from bundles…" || ex.hold.status.Text != "Shown in bundles." {
		t.Fatalf("bar before: %q / %q", ex.hold.status.Text, ex.hold.button.Text)
	}

	// The button asks for a reason; an empty one cannot be confirmed.
	test.Tap(ex.hold.button)
	ok := dialogButton(g.cw.win, "Withhold")
	if ok == nil {
		t.Fatal("no withhold dialog")
	}
	if !ok.Disabled() {
		t.Error("Withhold can be confirmed without a reason")
	}
	if b := dialogButton(g.cw.win, "Cancel"); b != nil {
		test.Tap(b)
	}

	ex.hold.withhold("LW/1", "AVIF cannot be shown; JPEG copy to follow")
	w, _ := c.Withheld(ctx)
	if w["LW/1"].Reason != "AVIF cannot be shown; JPEG copy to follow" {
		t.Fatalf("withheld = %+v", w)
	}
	if !strings.HasPrefix(ex.hold.status.Text, "Withheld from bundles: AVIF") || ex.hold.button.Text != "Restore to bundles" {
		t.Errorf("bar after withholding: %q / %q", ex.hold.status.Text, ex.hold.button.Text)
	}
	if got := ex.cell(0, 2); !strings.HasPrefix(got, withheldMark) {
		t.Errorf("title cell %q does not say withheld", got)
	}

	test.Tap(ex.hold.button)
	yes := dialogButton(g.cw.win, "Yes")
	if yes == nil {
		t.Fatal("no restore confirmation")
	}
	test.Tap(yes)
	if w, _ := c.Withheld(ctx); len(w) != 0 {
		t.Errorf("still withheld after restore: %+v", w)
	}
	if ex.hold.button.Text != "Withhold from bundles…" {
		t.Errorf("bar after restore: %q", ex.hold.button.Text)
	}
}
