package casefile

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestSupersedeMessage(t *testing.T) {
	ctx := context.Background()
	c, _ := linkFixture(t)
	if _, err := c.AutoLink(ctx); err != nil {
		t.Fatal(err)
	}
	if err := c.AddLink(ctx, 1, 2, "the resident says she forwarded it"); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2015, 6, 8, 9, 30, 0, 0, time.FixedZone("BST", 3600))
	// Message 2 went to the Murphys' number (rows 3 and 4); the
	// correction says it went to Zoë Okafor's (row 2): the phone links no
	// longer hold and are dropped; none is made by itself.
	m, err := c.SupersedeMessage(ctx, 2, MessageInput{From: "Northfield Forward", To: "07700 900124", At: at, Body: "Vote on Thursday"}, "number misread")
	if err != nil {
		t.Fatal(err)
	}
	if m.ID != 5 || m.Supersedes != 2 || m.Exhibit != "LW/3" || m.Source != "typed" {
		t.Errorf("correction = %+v", m)
	}
	// Message 1's correction keeps its number: both its links move.
	m1, err := c.SupersedeMessage(ctx, 1, MessageInput{From: "Northfield Forward", To: "+447700900123", At: at, Body: "Vote on Thursday!"}, "body misread")
	if err != nil {
		t.Fatal(err)
	}
	msgs, _ := c.Messages(ctx)
	var ids []int64
	for _, m := range msgs {
		ids = append(ids, m.ID)
	}
	if fmt.Sprint(ids) != "[3 4 5 6]" {
		t.Errorf("standing messages %v", ids)
	}
	links, _ := c.Links(ctx, false)
	var got []string
	for _, l := range links {
		got = append(got, fmt.Sprintf("m%d-r%d %s %s", l.MessageID, l.RowID, l.Basis, l.Status))
	}
	if want := "m4-r5 name+address proposed, m6-r1 phone linked, m6-r2 manual linked"; strings.Join(got, ", ") != want {
		t.Errorf("links after corrections:\n%s\nwant %s", strings.Join(got, ", "), want)
	}
	all, _ := c.Links(ctx, true)
	for _, l := range all {
		if l.MessageID == 2 && (l.Status != StatusRemoved || l.Reason != "message 2 was corrected as message 5") {
			t.Errorf("old link %+v", l)
		}
	}
	hist, err := c.MessageHistory(ctx, 6)
	if err != nil || len(hist) != 2 || hist[0].ID != 1 || hist[0].SupersededBy != m1.ID || hist[1].Body != "Vote on Thursday!" {
		t.Errorf("history of message 6: %+v %v", hist, err)
	}
	// A superseded message is history: it is not corrected again, nor linked.
	if _, err := c.SupersedeMessage(ctx, 1, MessageInput{From: "x", To: "07700 900123", At: at}, "again"); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "as message 6") {
		t.Errorf("correcting a corrected message: %v", err)
	}
	if err := c.AddLink(ctx, 2, 2, "by hand"); !errors.Is(err, ErrInvalid) {
		t.Errorf("linking a corrected message: %v", err)
	}
	if _, err := c.SupersedeMessage(ctx, 3, MessageInput{From: "x", To: "07700 900123", At: at}, " "); !errors.Is(err, ErrInvalid) {
		t.Errorf("a correction without a reason: %v", err)
	}
	if _, err := c.SupersedeMessage(ctx, 99, MessageInput{From: "x", To: "07700 900123", At: at}, "r"); !errors.Is(err, ErrUnknownMessage) {
		t.Errorf("correcting no message: %v", err)
	}
	log := mustLog(t, c)
	last := log[len(log)-1]
	if last.Action != ActionTranscribed || !strings.Contains(string(last.Detail), `"supersedes":1`) || !strings.Contains(string(last.Detail), `"links_moved":2`) {
		t.Errorf("last event %s %s", last.Action, last.Detail)
	}
	if strings.Contains(string(last.Detail), "Thursday") || strings.Contains(string(last.Detail), "7700") {
		t.Errorf("the event holds the message's content: %s", last.Detail)
	}
	if rep, err := c.Verify(ctx, nil); err != nil || !rep.OK() {
		t.Fatalf("verify: %v\n%s", err, problemLines(rep))
	}
}

func TestMoveRectMark(t *testing.T) {
	ctx := context.Background()
	c := TestCase(t)
	if _, err := c.Add(ctx, TestFile(t, "shot.png", []byte("\x89PNG\r\n\x1a\nshot")), Meta{}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Add(ctx, TestFile(t, "note.txt", []byte("Call Maureen Baptiste")), Meta{}); err != nil {
		t.Fatal(err)
	}
	m, err := c.AddRectMark(ctx, "LW/1", 1, 0.1, 0.1, 0.2, 0.1)
	if err != nil {
		t.Fatal(err)
	}
	before := len(mustLog(t, c))
	moved, err := c.MoveRectMark(ctx, m.ID, 0.3, 0.4, 0.2, 0.1)
	if err != nil {
		t.Fatal(err)
	}
	if moved.Status != MarkAccepted || moved.Supersedes != m.ID || moved.X != 0.3 || moved.Y != 0.4 || moved.Page != 1 || moved.Exhibit != "LW/1" {
		t.Errorf("moved mark %+v", moved)
	}
	old, _ := c.MarkByID(ctx, m.ID)
	if old.Status != MarkRemoved || old.Note != fmt.Sprintf("moved to box %d", moved.ID) || old.X != 0.1 {
		t.Errorf("old mark %+v", old)
	}
	log := mustLog(t, c)
	if len(log) != before+1 || log[len(log)-1].Action != ActionMarkMoved || log[len(log)-1].Exhibit != "LW/1" {
		t.Errorf("moving made %d events, the last %+v", len(log)-before, log[len(log)-1])
	}
	if live, _ := c.Marks(ctx, ""); len(live) != 1 || live[0].ID != moved.ID {
		t.Errorf("standing marks %+v", live)
	}
	for _, tt := range []struct {
		name       string
		id         int64
		x, y, w, h float64
		want       error
	}{
		{"the old box again", m.ID, 0.5, 0.5, 0.1, 0.1, ErrInvalid},
		{"off the page", moved.ID, 0.95, 0.5, 0.1, 0.1, ErrInvalid},
		{"no such mark", 999, 0.5, 0.5, 0.1, 0.1, ErrUnknownMark},
	} {
		if _, err := c.MoveRectMark(ctx, tt.id, tt.x, tt.y, tt.w, tt.h); !errors.Is(err, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
		}
	}
	span, err := c.AddSpanMark(ctx, "LW/2", 5, 12)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.MoveRectMark(ctx, span.ID, 0.1, 0.1, 0.1, 0.1); !errors.Is(err, ErrInvalid) {
		t.Errorf("moving a span: %v", err)
	}
	if len(mustLog(t, c)) != before+2 {
		t.Errorf("a refused move was recorded")
	}
	if rep, err := c.Verify(ctx, nil); err != nil || !rep.OK() {
		t.Fatalf("verify: %v\n%s", err, problemLines(rep))
	}
}

// TestPseudonymsOnlyRead: working labels out writes nothing; storing
// them writes exactly those labels, once, with a custody event; labels
// worked out before the case changed are refused.
func TestPseudonymsOnlyRead(t *testing.T) {
	ctx := context.Background()
	c, _ := linkFixture(t)
	events := len(mustLog(t, c))
	p, err := c.Pseudonyms(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if p.Unstored() == 0 || p.Unstored() != p.Len() {
		t.Fatalf("%d labels, %d unstored", p.Len(), p.Unstored())
	}
	if len(mustLog(t, c)) != events || storedPseudonyms(t, c) != 0 {
		t.Fatal("Pseudonyms wrote to the case")
	}
	again, _ := c.Pseudonyms(ctx)
	if again.LabelFor("phone", "07700 900125") != p.LabelFor("phone", "07700 900125") || p.LabelFor("phone", "07700 900125") == "" {
		t.Errorf("labels differ between two reads")
	}
	if err := c.StorePseudonyms(ctx, p); err != nil {
		t.Fatal(err)
	}
	if n := storedPseudonyms(t, c); n != p.Len() || p.Unstored() != 0 {
		t.Errorf("%d stored of %d, %d still unstored", n, p.Len(), p.Unstored())
	}
	log := mustLog(t, c)
	if len(log) != events+1 || log[len(log)-1].Action != ActionPseudonyms || log[len(log)-1].Actor != programActor {
		t.Errorf("storing made %d events, the last %+v", len(log)-events, log[len(log)-1])
	}
	stored, _ := c.AssignPseudonyms(ctx)
	if stored.LabelFor("phone", "07700 900125") != p.LabelFor("phone", "07700 900125") || len(mustLog(t, c)) != events+1 {
		t.Errorf("assigning again changed labels or wrote an event")
	}

	// Labels worked out, then the case changes: storing them is refused.
	if _, err := c.AddTermMark(ctx, "Pat Greene", "name"); err != nil {
		t.Fatal(err)
	}
	p2, _ := c.Pseudonyms(ctx)
	if _, err := c.AddTermMark(ctx, "Robin Hale", "name"); err != nil {
		t.Fatal(err)
	}
	if err := c.StorePseudonyms(ctx, p2); !errors.Is(err, ErrInvalid) {
		t.Errorf("storing stale labels: %v", err)
	}
	if rep, err := c.Verify(ctx, nil); err != nil || !rep.OK() {
		t.Fatalf("verify: %v\n%s", err, problemLines(rep))
	}
}

func storedPseudonyms(t *testing.T, c *Case) int {
	t.Helper()
	var n int
	if err := c.db.QueryRow("SELECT COUNT(*) FROM pseudonyms").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestSetActorWhileWriting changes the actor while other goroutines
// record events (run with -race): every event names one of the actors.
func TestSetActorWhileWriting(t *testing.T) {
	ctx := context.Background()
	c := TestCase(t)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 10; j++ {
				if err := c.Record(ctx, "noted", "", map[string]int{"n": j}); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	for i := 0; i < 50; i++ {
		c.SetActor(fmt.Sprintf("Person %d", i%2))
	}
	wg.Wait()
	for _, e := range mustLog(t, c)[1:] {
		if e.Actor != "Test Actor" && e.Actor != "Person 0" && e.Actor != "Person 1" {
			t.Errorf("event %d names %q", e.Seq, e.Actor)
		}
	}
}

// TestRowsDigestedAsInserted: an import digests its rows as it inserts
// them; the digest must be the one read back from the table, for every
// kind of value a sheet gives (empty cells, extra columns, no phone,
// accents, numbers kept as text).
func TestRowsDigestedAsInserted(t *testing.T) {
	ctx := context.Background()
	c := TestCase(t)
	sheet := "UPRN,Address,Name,Phone,Notes,Floor\n" +
		"0100023456001,\"1 Kestrel Court, Martineau\",\"BAPTISTE, Maureen\",07700 900123,,2\n" +
		",,,,,\n" +
		"100023456003,3 Kestrel Court,Seán Murphy,not known,\"said \"\"no\"\"\",\n" +
		"12,Flat ½,Łucja Nowak,+44 (0)20 7946 0321,ünïcödé,-1\n"
	res, err := c.ImportRows(ctx, TestFile(t, "odd.csv", []byte(sheet)), ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	log := mustLog(t, c)
	claims, err := parseClaims(0, string(log[len(log)-1].Detail))
	if err != nil {
		t.Fatal(err)
	}
	key, err := digestKey(ctx, c.db)
	if err != nil {
		t.Fatal(err)
	}
	var rows *recordClaim
	for i := range claims {
		if claims[i].table.name == "rows" {
			rows = &claims[i]
		}
	}
	if rows == nil || rows.span.Count != int64(res.Rows) {
		t.Fatalf("the import event records %+v for %d rows", rows, res.Rows)
	}
	read, err := rows.table.span(ctx, c.db, key, rows.span.First, rows.span.Last)
	if err != nil {
		t.Fatal(err)
	}
	if read.Sum != rows.span.Sum || read.Count != rows.span.Count {
		t.Errorf("streamed %+v, read back %+v", rows.span, read)
	}
}
