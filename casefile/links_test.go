package casefile

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dossier/casefile/names"
)

const sampleSheet = "Prop Ref,Address,Estate,Nbhd,Tenant Name,Contact No,Notes\r\n" +
	"100023456001,1 Kestrel Court,Martineau,North,\"BAPTISTE, Maureen\",07700 900123,\r\n" +
	"100023456002,2 Kestrel Court,Martineau,North,Zoë Okafor,+44 7700 900124,\r\n" +
	"100023456003,3 Kestrel Court,Martineau,North,Seán Murphy,(07700) 900125,shares with no.4\r\n" +
	"100023456004,3 Kestrel Court,Martineau,North,Aoife Murphy,07700-900-125,\r\n" +
	"\r\n" +
	"100023456005,5 Holloway Road,Holloway,South,Łucja Nowak,,no phone given\r\n" +
	"100023456006,6 Holloway Road,Holloway,South,Dev Patel,020 7946 0321,\r\n"

// linkFixture builds the end-to-end case: a sheet, four screenshots and
// messages written in several phone formats.
func linkFixture(t *testing.T) (*Case, ImportResult) {
	t.Helper()
	ctx := context.Background()
	c := TestCase(t)
	res, err := c.ImportRows(ctx, TestFile(t, "data sheet.csv", []byte(sampleSheet)), ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 4; i++ {
		if _, err := c.Add(ctx, TestFile(t, fmt.Sprintf("shot%d.png", i), []byte(fmt.Sprintf("\x89PNG\r\n\x1a\nshot %d", i))), Meta{}); err != nil {
			t.Fatal(err)
		}
	}
	at := time.Date(2015, 6, 8, 9, 0, 0, 0, time.FixedZone("BST", 3600))
	for _, m := range []MessageInput{
		{Exhibit: "LW/2", From: "Northfield Forward", To: "+447700900123", At: at, Body: "Vote on Thursday"},    // Maureen
		{Exhibit: "LW/3", From: "Northfield Forward", To: "0044 7700 900125", At: at, Body: "Vote on Thursday"}, // the Murphys' shared phone
		{Exhibit: "LW/4", From: "07700 900999", To: "07700 900777", At: at, Body: "Vote on Thursday"},           // not on the sheet
		{Exhibit: "LW/5", From: "Northfield Forward", To: "07700 900888", At: at, Body: "Vote on Thursday", // statement matches a row
			ResidentName: "NOWAK, Lucja", ResidentAddress: "5 Holloway Road, Northfield"},
	} {
		if _, err := c.AddMessage(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	return c, res
}

func TestImportRows(t *testing.T) {
	ctx := context.Background()
	c, res := linkFixture(t)
	if !res.Added || res.Exhibit.Ref != "LW/1" || res.Exhibit.Kind != KindSheet || res.Rows != 6 {
		t.Fatalf("import = %+v", res)
	}
	if len(res.NoPhone) != 1 || res.NoPhone[0] != 7 {
		t.Errorf("no-phone lines = %v, want [7]", res.NoPhone)
	}
	rows, _ := c.Rows(ctx, RowQuery{})
	want := []struct {
		line        int
		name, e164  string
		notes       string
		nameKeyFrom string
	}{
		{2, "BAPTISTE, Maureen", "+447700900123", "", "Maureen Baptiste"},
		{3, "Zoë Okafor", "+447700900124", "", "ZOE OKAFOR"},
		{4, "Seán Murphy", "+447700900125", "shares with no.4", "sean murphy"},
		{5, "Aoife Murphy", "+447700900125", "", "Murphy, Aoife"},
		{7, "Łucja Nowak", "", "no phone given", "Lucja NOWAK"},
		{8, "Dev Patel", "+442079460321", "", "Patel, Dev"},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows", len(rows))
	}
	for i, w := range want {
		r := rows[i]
		if r.SourceLine != w.line || r.Name != w.name || r.PhoneE164 != w.e164 || r.Extra["Notes"] != w.notes || r.Exhibit != "LW/1" {
			t.Errorf("row %d = %+v", i, r)
		}
		if r.NameKey == "" || r.NameKey != names.Key(w.nameKeyFrom) {
			t.Errorf("row %d name key %q, want key of %q", i, r.NameKey, w.nameKeyFrom)
		}
	}
	for _, tc := range []struct {
		search string
		lines  []int
	}{
		{"holloway", []int{7, 8}},
		{"HOLLOWAY patel", []int{8}},      // every word, in any field
		{"zoe okafor", []int{3}},          // accents folded in names
		{"okafor zoë", []int{3}},          // any order
		{"maureen baptiste", []int{2}},    // "BAPTISTE, Maureen" as written
		{"07700900125", []int{4, 5}},      // a number however it is written
		{"+44 (0)20 7946 0321", []int{8}}, // landline, another form
		{"900125", []int{4, 5}},           // part of a number
		{"murphy 900124", nil},            // no row has both
		{"100%", nil},                     // LIKE wildcards are literal
		{"kestrel_court", nil},            //
		{"  ", []int{2, 3, 4, 5, 7, 8}},   // blank: everything
	} {
		rows, err := c.Rows(ctx, RowQuery{Search: tc.search})
		if err != nil {
			t.Fatal(err)
		}
		var lines []int
		for _, r := range rows {
			lines = append(lines, r.SourceLine)
		}
		if fmt.Sprint(lines) != fmt.Sprint(tc.lines) {
			t.Errorf("search %q: lines %v, want %v", tc.search, lines, tc.lines)
		}
		if n, _ := c.CountRows(ctx, RowQuery{Search: tc.search}); n != len(tc.lines) {
			t.Errorf("search %q: count %d, want %d", tc.search, n, len(tc.lines))
		}
	}
	if n, _ := c.CountRows(ctx, RowQuery{NoPhone: true}); n != 1 {
		t.Errorf("no phone: %d rows", n)
	}
	log, _ := c.Log(ctx)
	var ev *Event
	for i := range log {
		if log[i].Action == ActionTranscribed && strings.Contains(string(log[i].Detail), `"what":"rows"`) {
			ev = &log[i]
		}
	}
	if ev == nil || ev.Exhibit != "LW/1" || !strings.Contains(string(ev.Detail), `"rows":6`) || !strings.Contains(string(ev.Detail), res.FileHash) ||
		!strings.Contains(string(ev.Detail), `"Contact No":"phone"`) {
		t.Fatalf("import event = %+v", ev)
	}
	// A second import of the same sheet is refused and changes nothing.
	before, _ := c.CountRows(ctx, RowQuery{})
	if _, err := c.ImportRows(ctx, TestFile(t, "again.csv", []byte(sampleSheet)), ImportOptions{}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("re-import: %v", err)
	}
	if after, _ := c.CountRows(ctx, RowQuery{}); after != before {
		t.Fatal("re-import wrote rows")
	}
}

func TestImportRowsBadInputChangesNothing(t *testing.T) {
	ctx := context.Background()
	c := TestCase(t)
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(data), 0o644)
		return p
	}
	tests := []struct {
		name string
		path string
		opt  ImportOptions
	}{
		{"missing file", filepath.Join(dir, "none.csv"), ImportOptions{}},
		{"empty file", write("empty.csv", ""), ImportOptions{}},
		{"header only", write("header.csv", "UPRN,Name,Mobile\r\n"), ImportOptions{}},
		{"binary", write("junk.csv", "\x00\x01\x02\xff\xfe binary \x00"), ImportOptions{}},
		{"map names a missing column", write("ok.csv", sampleSheet), ImportOptions{Map: "Telephone=phone"}},
		{"unknown exhibit", write("ok2.csv", sampleSheet), ImportOptions{Exhibit: "LW/9"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.ImportRows(ctx, tt.path, tt.opt)
			if err == nil {
				t.Fatal("import succeeded")
			}
			if !strings.Contains(err.Error(), filepath.Base(tt.path)) {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
	if n := countRows(t, c, "exhibits") + countRows(t, c, "rows") + countRows(t, c, "imports"); n != 0 {
		t.Fatalf("bad input left %d rows behind", n)
	}
}

func TestAutoLinkEndToEnd(t *testing.T) {
	ctx := context.Background()
	c, _ := linkFixture(t)
	res, err := c.AutoLink(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.Linked != 3 || res.Proposed != 1 {
		t.Fatalf("auto = %+v, want 3 linked, 1 proposed", res)
	}
	links, _ := c.Links(ctx, false)
	got := []string{}
	for _, l := range links {
		got = append(got, fmt.Sprintf("m%d-r%d %s %s", l.MessageID, l.RowID, l.Basis, l.Status))
	}
	want := []string{
		"m1-r1 phone linked",          // Maureen
		"m2-r3 phone linked",          // Seán and Aoife share a phone:
		"m2-r4 phone linked",          // both rows are linked
		"m4-r5 name+address proposed", // Łucja: no phone match, statement name and address match
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("links:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	msgs, rows, _ := c.Gaps(ctx)
	if fmt.Sprint(msgs) != "[3 4]" || fmt.Sprint(rows) != "[2 5 6]" {
		t.Errorf("gaps: messages %v rows %v", msgs, rows)
	}
	// Running again links nothing new.
	if again, _ := c.AutoLink(ctx); again != (AutoResult{}) {
		t.Errorf("second auto = %+v", again)
	}
	// Review: accept the proposal, remove a link with a reason, add one by hand.
	if err := c.AcceptLink(ctx, 4, 5); err != nil {
		t.Fatal(err)
	}
	if err := c.RemoveLink(ctx, 2, 4, "Aoife moved out in 2014"); err != nil {
		t.Fatal(err)
	}
	if err := c.AddLink(ctx, 3, 6, "resident confirmed by phone"); err != nil {
		t.Fatal(err)
	}
	if again, _ := c.AutoLink(ctx); again.Linked != 0 {
		t.Errorf("auto re-linked a removed link: %+v", again)
	}
	all, _ := c.Links(ctx, true)
	states := map[string]string{}
	for _, l := range all {
		states[fmt.Sprintf("m%d-r%d", l.MessageID, l.RowID)] = l.Basis + " " + l.Status + " " + l.Reason
	}
	for k, v := range map[string]string{
		"m4-r5": "name+address linked accepted after review",
		"m2-r4": "phone removed Aoife moved out in 2014",
		"m3-r6": "manual linked resident confirmed by phone",
	} {
		if states[k] != v {
			t.Errorf("%s = %q, want %q", k, states[k], v)
		}
	}
	log, _ := c.Log(ctx)
	actions := []string{}
	for _, e := range log[len(log)-4:] {
		actions = append(actions, e.Action)
	}
	if strings.Join(actions, ",") != "link-proposed,linked,unlinked,linked" {
		t.Errorf("last custody actions = %v", actions)
	}
	if rep, _ := c.Verify(ctx, nil); !rep.OK() {
		t.Fatalf("verify: %v", rep.Problems)
	}
}

func TestLinkBadInput(t *testing.T) {
	ctx := context.Background()
	c, _ := linkFixture(t)
	tests := []struct {
		name string
		err  error
		want error
	}{
		{"manual without reason", c.AddLink(ctx, 1, 2, " "), ErrInvalid},
		{"unknown message", c.AddLink(ctx, 99, 1, "x"), ErrUnknownMessage},
		{"unknown row", c.AddLink(ctx, 1, 99, "x"), ErrUnknownRow},
		{"remove a link that is not there", c.RemoveLink(ctx, 1, 2, "x"), ErrInvalid},
		{"accept what was not proposed", c.AcceptLink(ctx, 1, 2), ErrInvalid},
	}
	for _, tt := range tests {
		if !errors.Is(tt.err, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, tt.err, tt.want)
		}
	}
	_, err := c.AddMessage(ctx, MessageInput{Exhibit: "LW/2", From: "x", To: "not a number", At: time.Now(), Body: "b"})
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "not a number") {
		t.Errorf("bad phone: %v", err)
	}
	_, err = c.AddMessage(ctx, MessageInput{Exhibit: "LW/99", From: "x", To: "07700 900123", At: time.Now(), Body: "b"})
	if !errors.Is(err, ErrUnknownExhibit) {
		t.Errorf("unknown exhibit: %v", err)
	}
	if n := countRows(t, c, "messages"); n != 4 {
		t.Errorf("%d messages after bad input", n)
	}
}

// TestRowEstates checks that the glance's narrow read gives each row's
// estate and phone as the whole rows have them, in id order.
func TestRowEstates(t *testing.T) {
	c, _ := linkFixture(t)
	ctx := context.Background()
	rows, err := c.Rows(ctx, RowQuery{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.RowEstates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(rows) || len(rows) != 6 {
		t.Fatalf("RowEstates gave %d rows, Rows %d; want 6", len(got), len(rows))
	}
	for i, r := range rows {
		if want := (RowEstate{ID: r.ID, Estate: r.Estate, PhoneE164: r.PhoneE164}); got[i] != want {
			t.Errorf("row %d: RowEstates %+v, Rows %+v", i, got[i], want)
		}
	}
	if got[4].PhoneE164 != "" || got[0].PhoneE164 == "" || got[4].Estate != "Holloway" {
		t.Errorf("rows 1 and 5 read as %+v and %+v", got[0], got[4])
	}
}

// suggestedFixture is linkFixture with marks suggested, and the
// suggestions (at least four).
func suggestedFixture(t *testing.T) (*Case, []Mark) {
	t.Helper()
	c, _ := linkFixture(t)
	if _, err := c.SuggestMarks(context.Background()); err != nil {
		t.Fatal(err)
	}
	sug := mustMarks(t, c, MarkSuggested)
	if len(sug) < 4 {
		t.Fatalf("only %d suggestions", len(sug))
	}
	return c, sug
}

// TestMarkCounts checks that the counts by status are those of the marks
// themselves, after some are accepted and one rejected.
func TestMarkCounts(t *testing.T) {
	c, sug := suggestedFixture(t)
	ctx := context.Background()
	if _, err := c.AcceptMarks(ctx, []int64{sug[0].ID, sug[1].ID}, false); err != nil {
		t.Fatal(err)
	}
	if _, err := c.RejectMarks(ctx, []int64{sug[2].ID}, false); err != nil {
		t.Fatal(err)
	}
	got, err := c.MarkCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	for _, m := range mustMarks(t, c, "all") {
		want[m.Status]++
	}
	if fmt.Sprint(got) != fmt.Sprint(want) || got[MarkAccepted] != 2 || got[MarkSuggested] != len(sug)-3 {
		t.Errorf("MarkCounts %v, the marks themselves %v", got, want)
	}
}

// TestAcceptedMarks checks that the accepted marks and stand-ins read
// together are those Marks and Pseudonyms give, for terms, a rectangle,
// a span and a term added by hand, with one suggestion left and one
// rejected.
func TestAcceptedMarks(t *testing.T) {
	c, sug := suggestedFixture(t)
	ctx := context.Background()
	var ids []int64
	for _, m := range sug[2:] {
		ids = append(ids, m.ID)
	}
	if _, err := c.AcceptMarks(ctx, ids, false); err != nil {
		t.Fatal(err)
	}
	if _, err := c.RejectMarks(ctx, []int64{sug[1].ID}, false); err != nil {
		t.Fatal(err)
	}
	added := []func() (Mark, error){
		func() (Mark, error) { return c.AddRectMark(ctx, "LW/2", 1, 0.1, 0.2, 0.3, 0.05) },
		func() (Mark, error) { return c.AddSpanMark(ctx, "LW/1", 0, 4) },
		func() (Mark, error) { return c.AddTermMark(ctx, "Corinne Blackwood-Adeyemi", "name") },
	}
	for _, add := range added {
		m, err := add()
		if err != nil {
			t.Fatal(err)
		}
		if m.Status != MarkAccepted {
			t.Fatalf("a mark added by hand is %s", m.Status)
		}
	}
	marks, p, err := c.AcceptedMarks(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := mustMarks(t, c, MarkAccepted)
	if len(marks) != len(want) || len(want) != len(sug)-2+len(added) {
		t.Fatalf("AcceptedMarks gave %d marks, Marks %d; want %d", len(marks), len(want), len(sug)-2+len(added))
	}
	for i, w := range want {
		w.Origin, w.Note, w.By, w.At = "", "", "", time.Time{}
		if marks[i] != w {
			t.Errorf("mark %d: AcceptedMarks %+v, Marks %+v", i, marks[i], w)
		}
	}
	wantP, err := c.Pseudonyms(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if p.Len() != wantP.Len() || p.Unstored() != wantP.Unstored() {
		t.Errorf("AcceptedMarks labelled %d values (%d unstored), Pseudonyms %d (%d)", p.Len(), p.Unstored(), wantP.Len(), wantP.Unstored())
	}
	for _, m := range want {
		if m.Kind == MarkTerm && p.Label(m.ValueKind, m.ValueKey) != wantP.Label(m.ValueKind, m.ValueKey) {
			t.Errorf("%s %q: labelled %q, Pseudonyms %q", m.ValueKind, m.Value, p.Label(m.ValueKind, m.ValueKey), wantP.Label(m.ValueKind, m.ValueKey))
		}
	}
	if p.LabelFor("name", "Corinne Blackwood-Adeyemi") == "" {
		t.Error("the term added by hand has no stand-in")
	}
}
