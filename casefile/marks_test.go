package casefile

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"dossier/casefile/names"
)

func markValues(ms []Mark) map[string]string {
	out := map[string]string{}
	for _, m := range ms {
		out[m.ValueKind+":"+m.ValueKey] = m.Status
	}
	return out
}

func TestSuggestMarksFromRowsMessagesAndText(t *testing.T) {
	ctx := context.Background()
	c, _ := linkFixture(t)
	letter := "Dear Sir,\nMy neighbour Zoe Okafor (zoe.okafor@example.org, NF1 2AB) got a text on 07700-900-124.\n" +
		"NI number AB 12 34 56 C. Dated 11/06/2015, costs £96,000, para 635.\n"
	if _, err := c.Add(ctx, TestFile(t, "letter.txt", []byte(letter)), Meta{Kind: KindLetter}); err != nil {
		t.Fatal(err)
	}
	res, err := c.SuggestMarks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.New == 0 || res.Scanned < 5 {
		t.Fatalf("suggest = %+v", res)
	}
	got := markValues(mustMarks(t, c, ""))
	for _, want := range []string{
		"name:baptiste maureen", "name:okafor zoe", "name:lucja nowak", // rows (accents folded, order-free)
		"phone:+447700900123", "phone:+447700900125", "phone:+442079460321", // rows
		"phone:+447700900777",          // a message recipient on no sheet
		"address:1 kestrel court",      // rows
		"uprn:100023456001",            // rows
		"email:zoe.okafor@example.org", // detector, in the letter
		"postcode:NF12AB",              // detector
		"ni:AB123456C",                 // detector
	} {
		if got[want] != MarkSuggested {
			t.Errorf("no suggestion %s (have %d suggestions)", want, len(got))
		}
	}
	for k := range got {
		for _, bad := range []string{"11/06/2015", "96,000", "635"} {
			if strings.Contains(k, bad) {
				t.Errorf("false positive suggestion %s", k)
			}
		}
	}
	// The phone in the letter is the row's phone written another way:
	// one mark, not two.
	n := 0
	for k := range got {
		if k == "phone:+447700900124" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("07700-900-124 and +44 7700 900124 gave %d marks", n)
	}
	// Suggesting again adds nothing; rejected values stay rejected.
	if again, _ := c.SuggestMarks(ctx); again.New != 0 {
		t.Errorf("second suggest added %d", again.New)
	}
	var rejectID int64
	for _, m := range mustMarks(t, c, "") {
		if m.ValueKey == "NF12AB" {
			rejectID = m.ID
		}
	}
	if n, err := c.RejectMarks(ctx, []int64{rejectID}, false); err != nil || n != 1 {
		t.Fatalf("reject: %d %v", n, err)
	}
	c.SuggestMarks(ctx)
	if m, _ := c.MarkByID(ctx, rejectID); m.Status != MarkRejected {
		t.Errorf("rejected mark is now %s", m.Status)
	}
	before := len(mustLog(t, c))
	accepted, err := c.AcceptMarks(ctx, nil, true)
	if err != nil || accepted != len(got)-1 {
		t.Fatalf("accept all: %d of %d, %v", accepted, len(got)-1, err)
	}
	// Terms belong to no exhibit: accepting them all is one event that
	// counts them and records their decisions' digest.
	log := mustLog(t, c)
	if len(log) != before+1 || log[len(log)-1].Action != ActionMarked ||
		!strings.Contains(string(log[len(log)-1].Detail), fmt.Sprintf(`"marks":%d`, accepted)) {
		t.Errorf("accepting %d marks made %d custody events, the last %s", accepted, len(log)-before, log[len(log)-1].Detail)
	}
	// Custody is printed in bundles: no marked value may appear in it.
	for _, e := range log {
		for _, v := range []string{"07700", "7700900", "Okafor", "OKAFOR", "Baptiste", "BAPTISTE", "zoe.okafor", "Kestrel"} {
			if strings.Contains(string(e.Detail), v) {
				t.Errorf("custody event %d (%s) holds %q: %s", e.Seq, e.Action, v, e.Detail)
			}
		}
	}
}

func mustMarks(t *testing.T, c *Case, status string) []Mark {
	t.Helper()
	ms, err := c.Marks(context.Background(), status)
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

func mustLog(t *testing.T, c *Case) []Event {
	t.Helper()
	log, err := c.Log(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return log
}

func TestManualMarks(t *testing.T) {
	ctx := context.Background()
	c := TestCase(t)
	png, _ := c.Add(ctx, TestFile(t, "s.png", []byte("\x89PNG\r\n\x1a\nxx")), Meta{})
	txt, _ := c.Add(ctx, TestFile(t, "s.txt", []byte("Zoë Okafor rang 07700 900123.")), Meta{})

	term, err := c.AddTermMark(ctx, "+44 7700 900123", "")
	if err != nil || term.ValueKind != "phone" || term.ValueKey != "+447700900123" || term.Status != MarkAccepted {
		t.Fatalf("term = %+v, %v", term, err)
	}
	// The same number written another way is the same mark.
	again, err := c.AddTermMark(ctx, "07700-900-123", "")
	if err != nil || again.ID != term.ID {
		t.Fatalf("same number gave mark %d, want %d (%v)", again.ID, term.ID, err)
	}
	rect, err := c.AddRectMark(ctx, png.Ref, 1, 0.1, 0.2, 0.5, 0.1)
	if err != nil || rect.Exhibit != "LW/1" || rect.W != 0.5 {
		t.Fatalf("rect = %+v, %v", rect, err)
	}
	span, err := c.AddSpanMark(ctx, txt.Ref, 0, len("Zoë Okafor"))
	if err != nil || span.Value != "Zoë Okafor" {
		t.Fatalf("span = %+v, %v", span, err)
	}
	bad := []struct {
		name string
		err  error
		want error
	}{
		{"empty term", second(c.AddTermMark(ctx, "  ", "")), ErrInvalid},
		{"rect outside the page", second(c.AddRectMark(ctx, png.Ref, 1, 0.8, 0.2, 0.5, 0.1)), ErrInvalid},
		{"rect on page 0", second(c.AddRectMark(ctx, png.Ref, 0, 0.1, 0.1, 0.1, 0.1)), ErrInvalid},
		{"rect on unknown exhibit", second(c.AddRectMark(ctx, "LW/9", 1, 0.1, 0.1, 0.1, 0.1)), ErrUnknownExhibit},
		{"span splitting a character", second(c.AddSpanMark(ctx, txt.Ref, 0, 3)), ErrInvalid},
		{"span past the end", second(c.AddSpanMark(ctx, txt.Ref, 5, 500)), ErrInvalid},
		{"span on an image", second(c.AddSpanMark(ctx, png.Ref, 0, 2)), ErrInvalid},
		{"remove without reason", c.RemoveMark(ctx, rect.ID, ""), ErrInvalid},
		{"remove unknown", c.RemoveMark(ctx, 99, "x"), ErrUnknownMark},
		{"accept an accepted mark", second(c.AcceptMarks(ctx, []int64{rect.ID}, false)), ErrInvalid},
	}
	for _, b := range bad {
		if !errors.Is(b.err, b.want) {
			t.Errorf("%s: %v, want %v", b.name, b.err, b.want)
		}
	}
	if n := len(mustMarks(t, c, "all")); n != 3 {
		t.Errorf("%d marks after bad input, want 3", n)
	}
	if err := c.RemoveMark(ctx, rect.ID, "covered the wrong line"); err != nil {
		t.Fatal(err)
	}
	if m, _ := c.MarkByID(ctx, rect.ID); m.Status != MarkRemoved || m.Note != "covered the wrong line" {
		t.Errorf("removed mark = %+v", m)
	}
	log := mustLog(t, c)
	last := log[len(log)-1]
	if last.Action != ActionUnmarked || last.Exhibit != "LW/1" || !strings.Contains(string(last.Detail), "covered the wrong line") {
		t.Errorf("last event = %+v", last)
	}
}

func second[T any](_ T, err error) error { return err }

func TestPseudonymsAreStableAndShared(t *testing.T) {
	ctx := context.Background()
	c, _ := linkFixture(t)
	p, err := c.Pseudonyms(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ kind, value, want string }{
		{"name", "BAPTISTE, Maureen", "Resident 1"},
		{"name", "maureen baptiste", "Resident 1"},
		{"name", "Zoe Okafor", "Resident 2"},
		{"phone", "07700 900123", "Phone 1"},
		{"phone", "+44 7700 900125", "Phone 3"}, // the Murphys share it
		{"phone", "07700 900777", "Phone 5"},    // only in a message, numbered after the sheet's
		{"address", "1 Kestrel Court", "Address 1"},
		{"address", "3 KESTREL COURT", "Address 3"},
		{"uprn", "100023456006", "Property 6"},
	}
	for _, tt := range tests {
		if got := p.LabelFor(tt.kind, tt.value); got != tt.want {
			t.Errorf("LabelFor(%s, %q) = %q, want %q", tt.kind, tt.value, got, tt.want)
		}
	}
	// New values get new numbers; old ones keep theirs.
	c.AddTermMark(ctx, "Priya Shah", "name")
	p2, _ := c.Pseudonyms(ctx)
	want := fmt.Sprintf("Resident %d", countKind(p, "Resident ")+1)
	if p2.LabelFor("name", "Maureen Baptiste") != "Resident 1" || p2.LabelFor("name", "Priya Shah") != want {
		t.Errorf("labels: %q %q, want Resident 1 and %s", p2.LabelFor("name", "Maureen Baptiste"), p2.LabelFor("name", "Priya Shah"), want)
	}
	if p2.Len() != p.Len()+1 {
		t.Errorf("%d labels, want %d", p2.Len(), p.Len()+1)
	}
}

func countKind(p *Pseudonyms, prefix string) int {
	n := 0
	for _, l := range p.labels {
		if strings.HasPrefix(l, prefix) {
			n++
		}
	}
	return n
}

func TestForenameInALinkedMessageIsSuggested(t *testing.T) {
	ctx := context.Background()
	c, _ := linkFixture(t)
	// Message 1 reached Maureen Baptiste's phone; this one greets her.
	at := time.Date(2015, 6, 9, 9, 0, 0, 0, time.UTC)
	if _, err := c.AddMessage(ctx, MessageInput{Exhibit: "LW/2", From: "Northfield Forward", To: "07700 900123", At: at,
		Body: "Hi Maureen, see you at the polling station. Ann says hi."}); err != nil {
		t.Fatal(err)
	}
	c.AutoLink(ctx)
	if _, err := c.SuggestMarks(ctx); err != nil {
		t.Fatal(err)
	}
	var got []Mark
	for _, m := range mustMarks(t, c, MarkSuggested) {
		if m.ValueKind == KindForename {
			got = append(got, m)
		}
	}
	if len(got) != 1 || got[0].Value != "Maureen" || got[0].ValueKey != names.Key("BAPTISTE, Maureen") {
		t.Fatalf("forename suggestions = %+v", got)
	}
	c.AcceptMarks(ctx, []int64{got[0].ID}, false)
	p, _ := c.Pseudonyms(ctx)
	if l := p.Label(KindForename, got[0].ValueKey); l == "" || l != p.LabelFor("name", "Maureen Baptiste") {
		t.Errorf("forename label %q, full name label %q", l, p.LabelFor("name", "Maureen Baptiste"))
	}
	for in, want := range map[string]string{"BAPTISTE, Maureen": "Maureen", "Mrs Zoë Okafor": "Zoë", "Dev": "Dev", "": ""} {
		if got := Forename(in); got != want {
			t.Errorf("Forename(%q) = %q, want %q", in, got, want)
		}
	}
}

// A statement that names its writer in full and their household by first
// names gets those first names suggested; a neighbour's first name does
// not, nor a first name used only within full names.
func TestHouseholdForenamesInAStatementAreSuggested(t *testing.T) {
	ctx := context.Background()
	c, _ := linkFixture(t)
	statement := "Statement of Seán Murphy, 3 Kestrel Court.\n" +
		"My wife Aoife and I both had the text. Dev from number 6 did not.\n" +
		"AOIFE has kept her phone.\nSigned: Seán Murphy\n"
	if _, err := c.Add(ctx, TestFile(t, "statement.txt", []byte(statement)), Meta{Kind: KindStatement}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.SuggestMarks(ctx); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range mustMarks(t, c, MarkSuggested) {
		if m.ValueKind == KindForename {
			got = append(got, m.Value+" "+m.ValueKey)
		}
	}
	if want := []string{"Aoife " + names.Key("Aoife Murphy")}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("forename suggestions %q, want %q", got, want)
	}
}

// A sheet that writes "FINCH Harold" makes FINCH look like a first name;
// used only within the full name, it is not suggested on its own.
func TestNoForenameFromAFullNameAlone(t *testing.T) {
	ctx := context.Background()
	c := TestCase(t)
	sheet := "UPRN,Address,Name,Phone\n100023456703,\"Flat 3, Kestrel House\",FINCH Harold,020 7946 0987\n"
	if _, err := c.ImportRows(ctx, TestFile(t, "sheet.csv", []byte(sheet)), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	c.Add(ctx, TestFile(t, "s.txt", []byte("Harold Finch says: my number was on the sheet. Signed Harold Finch")), Meta{Kind: KindStatement})
	if _, err := c.SuggestMarks(ctx); err != nil {
		t.Fatal(err)
	}
	for _, m := range mustMarks(t, c, MarkSuggested) {
		if m.ValueKind == KindForename {
			t.Errorf("suggested %q as a first name on its own", m.Value)
		}
	}
}
