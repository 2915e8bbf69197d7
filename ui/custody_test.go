package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
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
	if want := fmt.Sprintf("recorded in the custody log as event %d.", log[len(log)-1].Seq); !strings.Contains(cust.problems.Text, want) {
		t.Errorf("report %q does not say %q", cust.problems.Text, want)
	}
	if rows := cust.list.Length(); rows != len(log) {
		t.Errorf("custody table %d rows, log %d", rows, len(log))
	}
	if cust.verify.Disabled() {
		t.Error("verify button left disabled")
	}

	cust.showReport(casefile.Report{Problems: []casefile.Problem{
		{Exhibit: "LW/1", What: "original bytes do not match their recorded SHA-256", Expected: "aa", Found: "bb"},
		{Event: 3, What: "event was altered after it was recorded"},
	}}, "")
	if cust.result.Text != "2 problems found" || cust.result.Importance != widget.DangerImportance {
		t.Errorf("result %q, want red 2 problems", cust.result.Text)
	}
	for _, want := range []string{"exhibit LW/1: original bytes", "event 3: event was altered", "do not rely on it"} {
		if !strings.Contains(cust.problems.Text, want) {
			t.Errorf("problems %q lack %q", cust.problems.Text, want)
		}
	}
	if strings.Contains(strings.ToLower(cust.problems.Text), "keep this copy") {
		t.Errorf("a failed check tells the user to keep the copy: %q", cust.problems.Text)
	}
}

// A case open read-only (on read-only media) is verified and says the
// check is not recorded, and the file is not changed.
func TestVerifyOnReadOnlyCaseRecordsNothing(t *testing.T) {
	c := casefile.TestCase(t)
	ctx := context.Background()
	if _, err := c.Add(ctx, casefile.TestFile(t, "a.txt", []byte("evidence")), casefile.Meta{}); err != nil {
		t.Fatal(err)
	}
	path := c.Path()
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	ro, err := casefile.OpenReadOnly(path, casefile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	rep, err := ro.Verify(ctx, nil)
	if err != nil || !rep.OK() {
		t.Fatalf("verify: %+v %v", rep, err)
	}
	if note := recordVerification(ctx, ro, rep); !strings.Contains(note, "not recorded") {
		t.Errorf("note %q", note)
	}
	if log, _ := ro.Log(ctx); log[len(log)-1].Action == casefile.ActionVerified {
		t.Error("a read-only case recorded a verification")
	}
}

// The log shows every event at any count, each in plain words, with the
// stored detail only behind the Details disclosure.
func TestCustodyShowsEveryEventInPlainWords(t *testing.T) {
	for _, n := range []int{1, 3, 30} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			g, c := openTestCase(t)
			g.win.Resize(fyne.NewSize(1024, 600))
			ctx := context.Background()
			for i := 1; i < n; i++ {
				if err := c.SetSetting(ctx, casefile.SettingSummary, fmt.Sprint("summary ", i)); err != nil {
					t.Fatal(err)
				}
			}
			g.cw.reload()
			g.cw.selectTab("Custody")
			cust := tabOf[*custodyTab](g.cw)
			log, _ := c.Log(ctx)
			if len(log) != n || cust.list.Length() != n {
				t.Fatalf("log %d, list %d, want %d", len(log), cust.list.Length(), n)
			}
			// Every row the list draws carries its event's words.
			shown := visibleLabels(cust.list)
			if n <= 3 && !strings.Contains(shown, "1.  Case created") {
				t.Errorf("the first event is not on screen: %q", shown)
			}
			if !strings.Contains(shown, fmt.Sprintf("%d.  ", n)) {
				t.Errorf("the newest event is not on screen: %q", shown)
			}
			if strings.Contains(shown, "{") {
				t.Errorf("the list shows JSON: %q", shown)
			}
			cust.list.Select(n - 1)
			if !strings.HasPrefix(cust.heading.Text, fmt.Sprintf("Event %d: ", n)) || !cust.details.Visible() {
				t.Errorf("detail heading %q (details shown %v)", cust.heading.Text, cust.details.Visible())
			}
			if cust.details.Items[0].Open {
				t.Error("the stored detail is open before it is asked for")
			}
			if !strings.Contains(cust.json.Text, "\"") {
				t.Errorf("details %q are not the stored JSON", cust.json.Text)
			}
		})
	}
}

// visibleLabels is the text of every label a widget draws now.
func visibleLabels(o fyne.CanvasObject) string {
	var out []string
	walk(o, func(o fyne.CanvasObject) bool {
		if !o.Visible() {
			return false
		}
		if l, ok := o.(*widget.Label); ok {
			out = append(out, l.Text)
			return false
		}
		return true
	})
	return strings.Join(out, "\n")
}
