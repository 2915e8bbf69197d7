package export

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"dossier/casefile"
	"dossier/casefile/phone"
	"dossier/internal/tooltest"
)

// independentCounts works the charts' numbers out another way: from the
// phone numbers as written, normalised here, and the messages' recipients,
// without the case's links. In a case linked only by phone (the sample)
// both ways must agree.
func independentCounts(t *testing.T, c *casefile.Case) (perDay map[string]int, perEstate map[string][3]int) {
	t.Helper()
	ctx := context.Background()
	msgs, _ := c.Messages(ctx)
	rows, _ := c.Rows(ctx, casefile.RowQuery{})
	perDay = map[string]int{}
	to := map[string][]int64{} // number -> messages received on it
	for _, m := range msgs {
		perDay[m.At.Format(time.DateOnly)]++
		n, err := phone.Normalize(m.To)
		if err != nil {
			t.Fatal(err)
		}
		to[n] = append(to[n], m.ID)
	}
	numbers := map[string]map[string]bool{}
	for _, r := range rows {
		e := r.Estate
		if e == "" {
			e = NoEstate
		}
		if numbers[e] == nil {
			numbers[e] = map[string]bool{}
		}
		if n, err := phone.Normalize(r.Phone); err == nil {
			numbers[e][n] = true
		}
	}
	perEstate = map[string][3]int{}
	for e, ns := range numbers {
		linked, texted := map[int64]bool{}, 0
		for n := range ns {
			if len(to[n]) > 0 {
				texted++
			}
			for _, id := range to[n] {
				linked[id] = true
			}
		}
		perEstate[e] = [3]int{len(linked), len(ns), texted}
	}
	return perDay, perEstate
}

// checkSampleGlance checks the charts' numbers of the sample case c (one
// sample, written once, serves this and the summary's checks: writing it
// reads every screenshot with OCR, which takes a while).
func checkSampleGlance(t *testing.T, c *casefile.Case) {
	ctx := context.Background()
	if err := c.SetSetting(ctx, casefile.SettingElectionDate, "2015-06-11"); err != nil {
		t.Fatal(err)
	}
	g, err := GlanceOf(ctx, c, nil)
	if err != nil {
		t.Fatal(err)
	}
	perDay, perEstate := independentCounts(t, c)

	// Messages per day: every day from the first message to polling day,
	// each with the count worked out independently.
	var days []string
	total := 0
	for _, p := range g.PerPeriod {
		days = append(days, p.Start)
		total += p.Messages
		if p.Messages != perDay[p.Start] {
			t.Errorf("%s: %d messages, counted independently %d", p.Start, p.Messages, perDay[p.Start])
		}
	}
	if want := "2015-06-08 2015-06-09 2015-06-10 2015-06-11"; strings.Join(days, " ") != want || g.Period != "day" {
		t.Errorf("days %v (%s), want %s", days, g.Period, want)
	}
	if total != g.Messages || g.Messages != 3 || g.Linked != 3 || g.ElectionIndex != 3 {
		t.Errorf("total %d, messages %d, linked %d, polling day at %d", total, g.Messages, g.Linked, g.ElectionIndex)
	}

	// Per estate: the same as counted independently, and as the sample's
	// people are written (Kestrel: two numbers, both texted; Martineau: a
	// shared landline and one texted mobile; Holloway: none texted).
	want := map[string][3]int{"Holloway": {0, 2, 0}, "Kestrel": {2, 2, 2}, "Martineau": {1, 2, 1}}
	if len(g.PerEstate) != len(want) {
		t.Fatalf("estates %+v", g.PerEstate)
	}
	for _, e := range g.PerEstate {
		got := [3]int{e.Linked, e.Numbers, e.Texted}
		if got != perEstate[e.Estate] || got != want[e.Estate] {
			t.Errorf("%s: linked, numbers, texted = %v; independently %v; want %v", e.Estate, got, perEstate[e.Estate], want[e.Estate])
		}
	}

	// The bundle's page after the cover carries the same numbers, as text.
	tooltest.Need(t, "pdftotext")
	out := filepath.Join(t.TempDir(), "b.pdf")
	if _, err := Bundle(ctx, c, out, false, Options{Date: bundleDate, SkipOCRCheck: true}); err != nil {
		t.Fatal(err)
	}
	page := pageTexts(t, mustRead(t, out))[1]
	for _, e := range g.PerEstate {
		row := fmt.Sprintf(`(?m)^\s*%s\s+%d\s+%d\s+%s\s*$`, e.Estate, e.Numbers, e.Texted, regexp.QuoteMeta(percent(e.Share())))
		if !regexp.MustCompile(row).MatchString(page) {
			t.Errorf("no table row %q on the page:\n%s", row, page)
		}
	}
	for _, want := range []string{"Evidence at a glance", "Text messages received per day", "Wed 10 Jun 2015", "polling day, 11 June 2015"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q:\n%s", want, page)
		}
	}
	noSampleValues(t, "evidence summary page", page)
	if err := c.SetSetting(ctx, casefile.SettingElectionDate, ""); err != nil {
		t.Fatal(err)
	}
}

// Long spans go week by week; polling day widens the chart only when it
// is near the messages; estate names go through the stand-ins.
func TestGlancePeriodsAndStandIns(t *testing.T) {
	ctx := context.Background()
	c := casefile.TestCase(t)
	c.ImportRows(ctx, casefile.TestFile(t, "s.csv", []byte("Estate,Name,Phone\nKestrel,A Resident,07700 900123\n,B Resident,07700 900456\n")), casefile.ImportOptions{})
	shot, _ := c.AddReader(ctx, strings.NewReader("x"), "x.txt", 1, casefile.Meta{Kind: casefile.KindScreenshot}, nil)
	for i, day := range []string{"2026-01-05", "2026-01-07", "2026-04-20"} {
		at, _ := time.Parse(time.DateOnly, day)
		to := []string{"07700 900123", "07700 900456", "07700 900123"}[i]
		c.AddMessage(ctx, casefile.MessageInput{Exhibit: shot.Ref, From: "Party", To: to, At: at.Add(9 * time.Hour), Body: "Vote"})
	}
	c.AutoLink(ctx)
	c.SetSetting(ctx, casefile.SettingElectionDate, "2026-05-07")
	g, err := GlanceOf(ctx, c, func(s string) string { return strings.ReplaceAll(s, "Kestrel", "[Address 1]") })
	if err != nil {
		t.Fatal(err)
	}
	// 5 January to 7 May 2026: Mondays 5 January to 4 May, 18 weeks.
	if g.Period != "week" || len(g.PerPeriod) != 18 || g.PerPeriod[0].Start != "2026-01-05" || g.PerPeriod[0].Messages != 2 ||
		g.PerPeriod[15].Start != "2026-04-20" || g.PerPeriod[15].Messages != 1 || g.ElectionIndex != 17 {
		t.Errorf("weeks: %s %d %+v, polling day at %d", g.Period, len(g.PerPeriod), g.PerPeriod, g.ElectionIndex)
	}
	if len(g.PerEstate) != 2 || g.PerEstate[0] != (EstateCount{"[Address 1]", 2, 1, 1}) || g.PerEstate[1] != (EstateCount{NoEstate, 1, 1, 1}) {
		t.Errorf("estates %+v", g.PerEstate)
	}
	// Polling day far from the messages is not drawn and does not widen it.
	c.SetSetting(ctx, casefile.SettingElectionDate, "2027-05-06")
	g, _ = GlanceOf(ctx, c, nil)
	if g.ElectionIndex != -1 || g.PerPeriod[len(g.PerPeriod)-1].Start != "2026-04-20" {
		t.Errorf("far polling day: at %d, last week %s", g.ElectionIndex, g.PerPeriod[len(g.PerPeriod)-1].Start)
	}
	// A case with nothing yet draws no bars and says so.
	g, err = GlanceOf(ctx, casefile.TestCase(t), nil)
	if err != nil || len(g.PerPeriod) != 0 || len(g.PerEstate) != 0 {
		t.Errorf("empty case: %+v %v", g, err)
	}
}
