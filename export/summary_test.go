package export

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dossier/casefile"
	"dossier/sample"
)

var updateSummary = flag.Bool("update-summary", false, "rewrite testdata/summary/*.golden")

// openSample writes the sample case and opens it; it needs no external
// tool (without tesseract the sample has no boxes, which a summary never
// uses).
func openSample(t *testing.T) *casefile.Case {
	t.Helper()
	s, err := sample.Write(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	c, err := casefile.Open(s.Case, casefile.Options{Actor: "Test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// sampleValues are the sample's residents' names, numbers and addresses
// in forms people write them: none may reach a summary or a chart.
var sampleValues = []string{"Zoë Okafor", "Zoe Okafor", "Okafor", "Seán Murphy", "Sean Murphy", "Łucja Nowak", "Maureen Baptiste", "Delroy",
	"Priya Raman", "Harold Finch", "Wiśniewski", "07700 900123", "07700900123", "+447700900123", "07700 900456", "07700 900789",
	"020 7946 0321", "02079460321", "07700 900902", "07700 900315", "100023456701", "12 Martineau Walk", "Flat 1, Kestrel House"}

func noSampleValues(t *testing.T, where, text string) {
	t.Helper()
	for _, v := range sampleValues {
		if strings.Contains(strings.ToLower(text), strings.ToLower(v)) {
			t.Errorf("%q is in the %s", v, where)
		}
	}
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	golden := filepath.Join("testdata", "summary", name)
	if *updateSummary {
		os.MkdirAll(filepath.Dir(golden), 0o755)
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("differs from %s (run go test -run %s -update-summary and review the diff):\n%s", golden, t.Name(), got)
	}
}

// TestSampleSummaryAndGlance checks the sample case's charts, then its
// summary, then the summary with no organisation named and edited.
func TestSampleSummaryAndGlance(t *testing.T) {
	ctx := context.Background()
	c := openSample(t)
	t.Run("glance", func(t *testing.T) { checkSampleGlance(t, c) })
	ft, err := Summary(ctx, c, bundleDate)
	if err != nil {
		t.Fatal(err)
	}
	if ft.Length != FormLength(ft.WhatHappened) || ft.Length > FormWhatHappened || ft.Edited || len(ft.Missing) != 0 {
		t.Errorf("length %d, edited %v, missing %v", ft.Length, ft.Edited, ft.Missing)
	}
	for _, want := range []string{"I am complaining about Northfield Homes.", "Data sheets (LW/1, LW/2) that I believe come from Northfield Homes list 14 entries",
		"3 estates (Holloway, Kestrel and Martineau)", "between 8 June 2015 and 10 June 2015", "3 of them were received",
		"I raised my concern with Northfield Homes on 22 June 2015; they replied on 2 July 2015.", "the Data Protection Act 2018 (section 170: obtaining"} {
		if !strings.Contains(ft.WhatHappened, want) {
			t.Errorf("summary lacks %q", want)
		}
	}
	for where, text := range map[string]string{"summary": ft.WhatHappened, "timeline": ft.Timeline, "harm prompt": ft.Harm} {
		noSampleValues(t, where, text)
	}
	checkGolden(t, "sample.golden", ft.WhatHappened+"\n\n"+ft.Harm+"\n"+ft.Timeline)

	// The same case with no organisation named: no broken sentence, a
	// reminder saying what is missing, and a pre-flight warning.
	if err := c.SetSetting(ctx, casefile.SettingOrganisation, ""); err != nil {
		t.Fatal(err)
	}
	ft, err = Summary(ctx, c, bundleDate)
	if err != nil {
		t.Fatal(err)
	}
	if len(ft.Missing) != 1 || !strings.Contains(ft.WhatHappened, "I am complaining about "+ft.Missing[0]+".") {
		t.Errorf("missing %q in:\n%s", ft.Missing, ft.WhatHappened)
	}
	for _, broken := range []string{" of —", "  ", " .", " ,", "of the organisation list", "()"} {
		if strings.Contains(ft.WhatHappened, broken) {
			t.Errorf("broken text %q in:\n%s", broken, ft.WhatHappened)
		}
	}
	checkGolden(t, "sample-no-organisation.golden", ft.WhatHappened+"\n")
	ws, err := Preflight(ctx, c, bundleDate)
	if err != nil {
		t.Fatal(err)
	}
	if ids := warningIDs(t, ws); ids != CheckNoOrganisation {
		t.Errorf("warnings %s", ids)
	}

	// An edited text replaces the written one, through the stand-ins.
	edited := "Zoë Okafor and her neighbours received texts on numbers only their landlord held."
	if err := c.SetSetting(ctx, casefile.SettingICOSummary, edited); err != nil {
		t.Fatal(err)
	}
	ft, err = Summary(ctx, c, bundleDate)
	if err != nil {
		t.Fatal(err)
	}
	if !ft.Edited || !strings.HasPrefix(ft.WhatHappened, "[Resident 1] and her neighbours") || ft.Written == ft.WhatHappened {
		t.Errorf("edited summary: %+v", ft)
	}
	// Too long an edit is a warning before the pack, never cut.
	if err := c.SetSetting(ctx, casefile.SettingICOSummary, strings.Repeat("The residents were texted. ", 80)); err != nil {
		t.Fatal(err)
	}
	ws, _ = Preflight(ctx, c, bundleDate)
	if ids := warningIDs(t, ws); !strings.Contains(ids, CheckSummaryTooLong) {
		t.Errorf("warnings %s", ids)
	}
}

func warningIDs(t *testing.T, ws []Warning) string {
	t.Helper()
	var ids []string
	for _, w := range ws {
		ids = append(ids, w.ID)
		if w.Problem == "" || w.Do == "" {
			t.Errorf("warning %s says no problem or nothing to do", w.ID)
		}
	}
	return strings.Join(ids, " ")
}

func TestFormLength(t *testing.T) {
	tests := []struct {
		s    string
		want int
	}{
		{"", 0},
		{"Vote on Thursday", 16},
		{"Zoë Łucja Seán", 14}, // one unit each, however many bytes
		{"a\nb", 4},            // a line break is submitted as CR LF
		{"a\r\nb", 4},          // and counted once as two
		{"£20 voucher 🗳", 14},  // a character beyond the BMP is two UTF-16 units
		{strings.Repeat("x", 2000), 2000},
	}
	for _, tt := range tests {
		if got := FormLength(tt.s); got != tt.want {
			t.Errorf("FormLength(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}

// A case with nothing in it yet gets a summary of reminders, each saying
// what is missing, and every pre-flight warning that can apply.
func TestSummaryOfAnEmptyCase(t *testing.T) {
	ctx := context.Background()
	c := casefile.TestCase(t)
	ft, err := Summary(ctx, c, bundleDate)
	if err != nil {
		t.Fatal(err)
	}
	if len(ft.Missing) != 4 {
		t.Errorf("missing %q", ft.Missing)
	}
	for _, m := range ft.Missing {
		if !strings.Contains(ft.WhatHappened, m) {
			t.Errorf("%q is not in the text", m)
		}
	}
	checkGolden(t, "empty.golden", ft.WhatHappened+"\n")
	ws, err := Preflight(ctx, c, bundleDate)
	if err != nil {
		t.Fatal(err)
	}
	if ids := warningIDs(t, ws); ids != "no-organisation no-concern no-links" {
		t.Errorf("warnings %s", ids)
	}
}

// However much the case holds, the text fits the form and ends with a
// whole sentence: long lists are shortened, then the complainant's own
// summary is left out (and they are told).
func TestSummaryFitsTheForm(t *testing.T) {
	ctx := context.Background()
	c := casefile.TestCase(t)
	c.SetSetting(ctx, casefile.SettingOrganisation, "Northfield Homes")
	c.SetSetting(ctx, casefile.SettingSummary, strings.Repeat("Residents were texted on numbers only their landlord held. ", 30))
	var csv strings.Builder
	csv.WriteString("UPRN,Address,Estate,Neighbourhood,Name,Phone\n")
	for i := range 60 {
		fmt.Fprintf(&csv, "1000234567%02d,%d Long Estate Road,Estate number %d with a long name,Eastbrook,Resident %d,07700 900%03d\n", i, i, i, i, i)
	}
	if _, err := c.ImportRows(ctx, casefile.TestFile(t, "sheet.csv", []byte(csv.String())), casefile.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	shot, _ := c.AddReader(ctx, strings.NewReader("texts"), "texts.txt", 5, casefile.Meta{Kind: casefile.KindScreenshot}, nil)
	for i := range 40 {
		c.AddMessage(ctx, casefile.MessageInput{Exhibit: shot.Ref, From: fmt.Sprintf("Campaign sender number %d", i), To: fmt.Sprintf("07700 900%03d", i),
			At: time.Date(2026, 5, 1+i%20, 9, 0, 0, 0, time.UTC), Body: "Vote"})
	}
	c.AutoLink(ctx)
	ft, err := Summary(ctx, c, bundleDate)
	if err != nil {
		t.Fatal(err)
	}
	if ft.Length > FormWhatHappened || !strings.HasSuffix(ft.WhatHappened, ".") {
		t.Errorf("%d characters, ends %q", ft.Length, ft.WhatHappened[len(ft.WhatHappened)-20:])
	}
	if !strings.Contains(ft.WhatHappened, "and 54 others)") || !strings.Contains(ft.WhatHappened, "and 34 others, and 40 of them were received") {
		t.Errorf("lists not shortened:\n%s", ft.WhatHappened)
	}
	if len(ft.Missing) != 2 || !strings.Contains(ft.Missing[1], "your own summary") || strings.Contains(ft.WhatHappened, "164A") {
		t.Errorf("missing %q", ft.Missing)
	}
}

func TestPreflightDates(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		steps [][2]string
		today string
		want  string
	}{
		{"nothing sent", nil, "2026-07-01", "no-concern"},
		{"sent 10 days ago", [][2]string{{casefile.StepConcernSent, "2026-07-01"}}, "2026-07-11", "too-soon"},
		{"sent 30 days ago", [][2]string{{casefile.StepConcernSent, "2026-07-01"}}, "2026-07-31", ""},
		{"answered within days", [][2]string{{casefile.StepConcernSent, "2026-07-01"}, {casefile.StepResponseReceived, "2026-07-05"}}, "2026-07-06", ""},
		{"three months passed", [][2]string{{casefile.StepConcernSent, "2026-07-01"}}, "2026-10-02", "too-late"},
		{"three months from the follow-up", [][2]string{{casefile.StepConcernSent, "2026-07-01"}, {casefile.StepFollowUpSent, "2026-08-10"}}, "2026-10-02", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := casefile.TestCase(t)
			c.SetSetting(ctx, casefile.SettingOrganisation, "Northfield Homes")
			shot, _ := c.AddReader(ctx, strings.NewReader("x"), "x.txt", 1, casefile.Meta{Kind: casefile.KindScreenshot}, nil)
			c.ImportRows(ctx, casefile.TestFile(t, "s.csv", []byte("Name,Phone\nA Resident,07700 900123\n")), casefile.ImportOptions{})
			c.AddMessage(ctx, casefile.MessageInput{Exhibit: shot.Ref, From: "Party", To: "07700 900123", At: time.Now(), Body: "Vote"})
			c.AutoLink(ctx)
			for _, s := range tt.steps {
				if err := c.SetStep(ctx, s[0], s[1], ""); err != nil {
					t.Fatal(err)
				}
			}
			ws, err := Preflight(ctx, c, day(tt.today))
			if err != nil {
				t.Fatal(err)
			}
			if got := warningIDs(t, ws); got != tt.want {
				t.Errorf("warnings %q, want %q: %+v", got, tt.want, ws)
			}
		})
	}
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}
