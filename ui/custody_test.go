package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"dossier/casefile"
)

func TestVerifyShowsResultAndRecordsIt(t *testing.T) {
	g, c := openTestCase(t)
	drop(g.cw, casefile.TestFile(t, "a.txt", []byte("evidence")))
	g.cw.onVerify()
	cust := tabOf[*custodyTab](g.cw)
	if !strings.HasPrefix(cust.result.Text, "Intact: 1 exhibit") || cust.result.Importance != widget.SuccessImportance {
		t.Errorf("result %q (importance %v), want green Intact", cust.result.Text, cust.result.Importance)
	}
	log, _ := c.Log(context.Background())
	if last := log[len(log)-1]; last.Action != casefile.ActionVerified {
		t.Errorf("last event %s, want verified", last.Action)
	}
	if rows, _ := cust.table.Length(); rows != len(log) {
		t.Errorf("custody table %d rows, log %d", rows, len(log))
	}
	if cust.verify.Disabled() {
		t.Error("verify button left disabled")
	}

	cust.showReport(casefile.Report{Problems: []casefile.Problem{
		{Exhibit: "LW/1", What: "original bytes do not match their recorded SHA-256", Expected: "aa", Found: "bb"},
		{Event: 3, What: "event was altered after it was recorded"},
	}})
	if cust.result.Text != "2 problems found" || cust.result.Importance != widget.DangerImportance {
		t.Errorf("result %q, want red 2 problems", cust.result.Text)
	}
	for _, want := range []string{"exhibit LW/1: original bytes", "event 3: event was altered"} {
		if !strings.Contains(cust.problems.Text, want) {
			t.Errorf("problems %q lack %q", cust.problems.Text, want)
		}
	}
}
