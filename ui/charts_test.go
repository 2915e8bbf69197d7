package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"

	"dossier/casefile"
)

// labelTexts is every label's text under o, in order.
func labelTexts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.Label:
			out = append(out, o.Text)
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

func TestOverviewCharts(t *testing.T) {
	ctx := context.Background()
	g, c := openTestCase(t)
	ov := tabOf[*overviewTab](g.cw)
	if got := strings.Join(labelTexts(ov.charts.box), "|"); !strings.Contains(got, "No messages are recorded yet.") {
		t.Errorf("empty case charts: %s", got)
	}
	c.ImportRows(ctx, casefile.TestFile(t, "s.csv", []byte("Estate,Name,Phone\nKestrel,A Resident,07700 900123\nKestrel,B Resident,07700 900456\nHolloway,C Resident,07700 900789\n")), casefile.ImportOptions{})
	shot, _ := c.AddReader(ctx, strings.NewReader("x"), "x.txt", 1, casefile.Meta{Kind: casefile.KindScreenshot}, nil)
	for _, m := range []struct{ to, at string }{{"07700 900123", "2026-05-01T09:00:00+01:00"}, {"07700 900123", "2026-05-01T10:00:00+01:00"}, {"07700 900456", "2026-05-03T09:00:00+01:00"}} {
		at, _ := time.Parse(time.RFC3339, m.at)
		c.AddMessage(ctx, casefile.MessageInput{Exhibit: shot.Ref, From: "Party", To: m.to, At: at, Body: "Vote"})
	}
	c.AutoLink(ctx)
	c.SetSetting(ctx, casefile.SettingElectionDate, "2026-05-07")
	g.cw.reload()

	// The numbers shown are the ones counted here by hand: two messages
	// on 1 May, one on 3 May, polling day on 7 May; Kestrel has two
	// numbers, both texted, by three messages; Holloway's one was not.
	got := strings.Join(labelTexts(ov.charts.box), "|")
	for _, want := range []string{
		"Fri 1 May 2026|2|", "Sat 2 May 2026|0|", "Sun 3 May 2026|1|", "Thu 7 May 2026|0|polling day",
		"Holloway|0|", "Kestrel|3|", "Holloway|1|0|0%", "Kestrel|2|2|100%", "most in one day: 2",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("charts lack %q in %s", want, got)
		}
	}
	// The columns stand in proportion to the counts, polling day's line
	// over the seventh day.
	var chart *fyne.Container
	var find func(fyne.CanvasObject)
	find = func(o fyne.CanvasObject) {
		if c, ok := o.(*fyne.Container); ok {
			if _, ok := c.Layout.(*columnsLayout); ok {
				chart = c
				return
			}
			for _, x := range c.Objects {
				find(x)
			}
		}
	}
	find(ov.charts.box)
	if chart == nil {
		t.Fatal("no column chart")
	}
	chart.Layout.Layout(chart.Objects, fyne.NewSize(700, 100))
	heights := []float32{}
	for _, o := range chart.Objects[:7] {
		heights = append(heights, o.Size().Height)
	}
	if heights[0] != 100 || heights[1] != 0 || heights[2] != 50 || heights[6] != 0 {
		t.Errorf("column heights %v", heights)
	}
	if line := chart.Objects[7].(*canvas.Line); !line.Visible() || line.Position().X != 650 {
		t.Errorf("polling day line at %v, visible %v", line.Position(), line.Visible())
	}
}

// The Letters and Export tabs show the pre-flight checks before an ICO
// complaint or pack, each with what to do.
func TestPreflightInTheApp(t *testing.T) {
	g, _ := openTestCase(t)
	lt := tabOf[*lettersTab](g.cw)
	for i, tp := range lt.templates {
		if tp.ID == "ico-complaint" {
			lt.pick.SetSelectedIndex(i)
		}
	}
	if !strings.Contains(lt.note.Text, "Warning: no concern to the organisation is logged") || !strings.Contains(lt.note.Text, "What to do: send it the concern letter") {
		t.Errorf("letters note: %q", lt.note.Text)
	}
	lt.pick.SetSelectedIndex(0) // the concern letter: no checks
	if lt.note.Text != reminderNote {
		t.Errorf("concern letter note: %q", lt.note.Text)
	}
	et := tabOf[*exportTab](g.cw)
	if et.checks.Text != "" {
		t.Errorf("checks shown without the pack: %q", et.checks.Text)
	}
	et.pack.SetChecked(true)
	if !strings.Contains(et.checks.Text, "Warning: the organisation you complain about is not named in the case") {
		t.Errorf("export checks: %q", et.checks.Text)
	}
}
