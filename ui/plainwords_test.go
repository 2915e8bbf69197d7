package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"dossier/casefile"
)

// The Export bar moves on across the export's stages and never goes back.
func TestExportProgressNeverFallsBack(t *testing.T) {
	g, _ := openTestCase(t)
	et := tabOf[*exportTab](g.cw)
	last := -1.0
	for _, st := range []struct {
		stage       string
		done, total int
	}{{"exhibits", 0, 9}, {"exhibits", 4, 9}, {"exhibits", 9, 9}, {"checking for leaks", 0, 1}, {"checking for leaks", 1, 1}} {
		et.progress(st.stage, st.done, st.total)
		if et.bar.Value < last {
			t.Errorf("%s %d/%d: bar fell from %.2f to %.2f", st.stage, st.done, st.total, last, et.bar.Value)
		}
		last = et.bar.Value
	}
	if last < 0.99 {
		t.Errorf("bar ends at %.2f", last)
	}
	if !strings.HasPrefix(et.stage.Text, "Checking for leaks") {
		t.Errorf("stage %q", et.stage.Text)
	}
}

// Terms the person reads are words, not codes.
func TestPlainWords(t *testing.T) {
	for in, want := range map[string]string{
		"OrganisationAddress": "Organisation address", "ICOSent": "ICO sent", "PECRMessages": "PECR messages",
		"Complainant": "Complainant", "ICOReferenceDate": "ICO reference date",
	} {
		if got := fieldLabel(in); got != want {
			t.Errorf("fieldLabel(%q) = %q, want %q", in, got, want)
		}
	}
	for _, st := range []string{casefile.StepPending, casefile.StepNotKnown, casefile.StepMet, casefile.StepWarning} {
		if got := statusText(st); got == st || strings.ToUpper(got) == got {
			t.Errorf("status %s shows as %q", st, got)
		}
	}
	g, _ := openTestCase(t)
	mt := tabOf[*messagesTab](g.cw)
	if !strings.HasPrefix(mt.at.PlaceHolder, "e.g. ") {
		t.Errorf("the Received placeholder %q looks like a value", mt.at.PlaceHolder)
	}
	// An empty time says what to type, not `received time ""`.
	addShot(t, g.cw.c)
	g.cw.reload()
	test.Type(mt.from, "Campaign")
	_, err := mt.input()
	if err == nil || strings.Contains(err.Error(), `""`) || !strings.Contains(err.Error(), "08/06/2015 09:00") {
		t.Errorf("empty time: %v", err)
	}
}
