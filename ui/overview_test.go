package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/casefile"
)

// pinToday fixes the overview's today.
func pinToday(t *testing.T, day string) {
	t.Helper()
	d, err := time.Parse(time.DateOnly, day)
	if err != nil {
		t.Fatal(err)
	}
	orig := overviewToday
	overviewToday = func() time.Time { return d }
	t.Cleanup(func() { overviewToday = orig })
}

func stepStatus(t *testing.T, c *casefile.Case, id, day string) casefile.Step {
	t.Helper()
	steps, err := c.Steps(context.Background(), dayOf(day))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range steps {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("no step %s", id)
	return casefile.Step{}
}

func TestOverviewSetStep(t *testing.T) {
	pinToday(t, "2015-07-20")
	g, c := openTestCase(t)
	ov := tabOf[*overviewTab](g.cw)
	// A new case's first step is its evidence; the letters come after.
	if !strings.Contains(ov.next.Text, "add your evidence") || ov.goTab != "Exhibits" {
		t.Errorf("next step %q (go to %q), want the evidence", ov.next.Text, ov.goTab)
	}

	r := ov.rows[casefile.StepConcernSent]
	r.date.SetText("")
	test.Type(r.date, "2015-06-10")
	test.Tap(r.set)
	if s := stepStatus(t, c, casefile.StepConcernSent, "2015-07-20"); s.Date != "2015-06-10" || s.Status != casefile.StepDone {
		t.Errorf("concern step %+v, want done on 2015-06-10", s)
	}
	// A month later with no answer, the response is overdue.
	if !strings.HasPrefix(ov.next.Text, "Overdue: Reply expected") || ov.next.Importance != widget.DangerImportance {
		t.Errorf("next %q (importance %v), want a red overdue response", ov.next.Text, ov.next.Importance)
	}
	if got := ov.rows[casefile.StepResponseDue].when.Text; !strings.Contains(got, "due 2015-07-10") {
		t.Errorf("response due row says %q", got)
	}
	if ov.banner.Visible() {
		t.Error("deadline banner shown months before the ICO deadline")
	}

	// Close to the ICO deadline (2015-09-10), the banner warns in amber.
	pinToday(t, "2015-09-01")
	g.cw.reload()
	if !ov.banner.Visible() || ov.bannerBg.FillColor != bannerAmber || !strings.Contains(ov.bannerText.Text, "2015-09-10") {
		t.Errorf("banner visible %v, colour %v, text %q; want amber naming 2015-09-10",
			ov.banner.Visible(), ov.bannerBg.FillColor, ov.bannerText.Text)
	}
	pinToday(t, "2015-09-11")
	g.cw.reload()
	if ov.bannerBg.FillColor != bannerRed {
		t.Errorf("banner after the deadline is %v, want red", ov.bannerBg.FillColor)
	}

	// The ICO reference takes a reference too; a bad date changes nothing.
	ref := ov.rows[casefile.StepICOReference]
	ref.date.SetText("2015-10-01")
	ref.ref.SetText("RFA0123456")
	test.Tap(ref.set)
	if s := stepStatus(t, c, casefile.StepICOReference, "2015-10-02"); s.Ref != "RFA0123456" {
		t.Errorf("ICO reference step %+v", s)
	}
	sent := ov.rows[casefile.StepICOSent]
	sent.date.SetText("10 Sept")
	test.Tap(sent.set)
	if s := stepStatus(t, c, casefile.StepICOSent, "2015-10-02"); s.Date != "" {
		t.Errorf("bad date recorded: %+v", s)
	}
}

func TestOverviewSavesDetails(t *testing.T) {
	g, c := openTestCase(t)
	ov := tabOf[*overviewTab](g.cw)
	if !ov.save.Disabled() {
		t.Error("Save enabled before any edit")
	}
	test.Type(ov.fields[casefile.SettingComplainant], "Alex Example")
	test.Type(ov.fields[casefile.SettingOrganisation], "Example Homes")
	test.Tap(ov.save)
	for key, want := range map[string]string{casefile.SettingComplainant: "Alex Example", casefile.SettingOrganisation: "Example Homes"} {
		if got, _ := c.Setting(context.Background(), key); got != want {
			t.Errorf("setting %s = %q, want %q", key, got, want)
		}
	}
	if !ov.save.Disabled() {
		t.Error("Save still enabled after saving")
	}
	drop(g.cw, casefile.TestFile(t, "a.txt", []byte("evidence")))
	if !strings.Contains(ov.counts.Text, "1 exhibit\n") || !strings.Contains(ov.counts.Text, "0 rows transcribed") {
		t.Errorf("counts %q", ov.counts.Text)
	}
}

// The steps speak in words: no command-line key such as "(concern-sent)"
// in the explanations or the status line, and every status word fits its
// column instead of running into the step's title.
func TestOverviewStepsInPlainWords(t *testing.T) {
	pinToday(t, "2015-07-20")
	g, _ := openTestCase(t)
	g.cw.selectTab("Overview")
	ov := tabOf[*overviewTab](g.cw)
	var keys []string
	for _, s := range ov.steps {
		keys = append(keys, "("+s.ID+")")
	}
	text := visibleLabels(ov.timeline)
	if !strings.Contains(text, "Worked out once you record the day you sent your concern") {
		t.Fatalf("the explanation is missing:\n%s", text)
	}
	for _, k := range keys {
		if strings.Contains(text, k) {
			t.Errorf("the steps show the key %s:\n%s", k, text)
		}
	}
	r := ov.rows[casefile.StepConcernSent]
	r.date.SetText("2015-06-10")
	test.Tap(r.set)
	if got := g.cw.status.Text; strings.Contains(got, casefile.StepConcernSent) || !strings.Contains(got, "Concern sent") {
		t.Errorf("status line %q, want the step in words", got)
	}
	for status, w := range statusWords {
		l := widget.NewLabelWithStyle(w[0], fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		if l.MinSize().Width > 130 {
			t.Errorf("status %s (%q) needs %.0f, its column is 130 wide", status, w[0], l.MinSize().Width)
		}
	}
}

// At 1024×600 the Set buttons end left of the scroll bar that Fyne draws
// over the steps' right edge, so no part of them is cut off.
func TestOverviewSetButtonsClearTheScrollBar(t *testing.T) {
	g, _ := openTestCase(t)
	g.win.Resize(fyne.NewSize(1024, 600))
	g.cw.selectTab("Overview")
	ov := tabOf[*overviewTab](g.cw)
	d := fyne.CurrentApp().Driver()
	edge := d.AbsolutePositionForObject(ov.stepsScroll).X + ov.stepsScroll.Size().Width - theme.ScrollBarSize()
	n := 0
	for id, r := range ov.rows {
		if r.set == nil {
			continue
		}
		n++
		if right := d.AbsolutePositionForObject(r.set).X + r.set.Size().Width; right > edge+0.5 {
			t.Errorf("step %s: Set ends at %.0f, under the scroll bar from %.0f", id, right, edge)
		}
	}
	if n == 0 {
		t.Fatal("no Set buttons found")
	}
}
