package letter

import (
	"context"
	"testing"
	"time"

	"dossier/casefile"
)

func TestCaseFields(t *testing.T) {
	f := caseFields(t, fictionalCase(t))
	want := map[string]string{
		"CaseTitle":               "Test case",
		"Complainant":             "Zoë Okafor",
		"OrganisationAddressLine": "Civic Centre, High Street, Northfield NF1 1AA",
		"Today":                   "23 November 2026",
		"ResponseDate":            "23 December 2026",
		"ConcernSent":             "10 June 2015",
		"ResponseDue":             "10 July 2015",
		"FollowUpSent":            "13 July 2015",
		"ResponseReceived":        "",
		"LastContact":             "13 July 2015",
		"ICODeadline":             "13 October 2015",
		"ICOSent":                 "1 August 2015",
		"ICOReference":            "RFA0612345",
		"ICOReferenceDate":        "5 August 2015",
		"Outcome":                 "no further action",
		"OutcomeDate":             "1 October 2015",
		"ReviewRequested":         "",
		"RowCount":                "3",
		"MessageCount":            "3",
		"LinkedMessageCount":      "2",
		"UnlinkedMessageCount":    "1",
		"ExhibitCount":            "3",
		"SheetRefs":               "LW/1",
		"ScreenshotRefs":          "LW/2 and LW/3",
		"ExhibitList": "LW/1 Data sheet, Martineau estate (obtained 9 June 2015)\n" +
			"LW/2 Text message received by Zoë Okafor (obtained 9 June 2015)\n" +
			"LW/3 Text message received by Seán Murphy (obtained 9 June 2015)",
	}
	for k, v := range want {
		if f[k] != v {
			t.Errorf("%s = %q, want %q", k, f[k], v)
		}
	}
	for _, k := range KnownFields() {
		if _, ok := f[k.Name]; !ok {
			t.Errorf("field %s missing", k.Name)
		}
		if k.Help == "" || k.Reminder == "" {
			t.Errorf("field %s undocumented", k.Name)
		}
	}
	if len(f) != len(KnownFields()) {
		t.Errorf("CaseFields gave %d fields, KnownFields lists %d", len(f), len(KnownFields()))
	}
}

// A link a person removed does not count; a household's two rows linked
// to one message count the message once.
func TestCaseFieldsLinkedCounts(t *testing.T) {
	ctx := context.Background()
	c := fictionalCase(t)
	rows, err := c.Rows(ctx, casefile.RowQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddLink(ctx, 1, rows[1].ID, "same household"); err != nil {
		t.Fatal(err)
	}
	links, _ := c.Links(ctx, false)
	var second casefile.Link
	for _, l := range links {
		if l.MessageID == 2 {
			second = l
		}
	}
	if err := c.RemoveLink(ctx, second.MessageID, second.RowID, "wrong number"); err != nil {
		t.Fatal(err)
	}
	f := caseFields(t, c)
	if f["LinkedMessageCount"] != "1" || f["UnlinkedMessageCount"] != "2" {
		t.Errorf("linked %s, unlinked %s; want 1 and 2", f["LinkedMessageCount"], f["UnlinkedMessageCount"])
	}
}

func TestCaseFieldsEmptyCase(t *testing.T) {
	c := casefile.TestCase(t)
	jan31 := time.Date(2027, time.January, 31, 23, 0, 0, 0, time.UTC)
	f, err := CaseFields(context.Background(), c, jan31)
	if err != nil {
		t.Fatal(err)
	}
	if f["ResponseDate"] != "28 February 2027" || f["RowCount"] != "0" || f["ExhibitList"] != "" || f["ConcernSent"] != "" {
		t.Errorf("fields of an empty case: %v", f)
	}
	got, err := Render(mustLookup(t, "concern"), f)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []string{"[your name]", "[organisation]", "[say in a few sentences what happened]"} {
		if !contains(got, r) {
			t.Errorf("letter of an empty case lacks reminder %s", r)
		}
	}
}

func mustLookup(t *testing.T, id string) Template {
	t.Helper()
	tp, err := Lookup(id)
	if err != nil {
		t.Fatal(err)
	}
	return tp
}
