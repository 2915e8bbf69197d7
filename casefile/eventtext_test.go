package casefile

import (
	"context"
	"strings"
	"testing"
)

// Each event of a small case reads as plain words, never as its JSON,
// and a marked value never appears in them.
func TestEventSummary(t *testing.T) {
	c := TestCase(t)
	ctx := context.Background()
	ex, err := c.Add(ctx, TestFile(t, "note.txt", []byte("Call Zoe Okafor on 07700 900123")), Meta{Source: "Anonymous employee"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Describe(ctx, ex.Ref, Meta{Kind: ex.Kind, Title: "A note", Source: "Anonymous employee", Obtained: "2015-06-10"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AddTermMark(ctx, "Zoe Okafor", "name"); err != nil {
		t.Fatal(err)
	}
	if err := c.Handover(ctx, ex.Ref, ActionTransferred, "ICO caseworker", ""); err != nil {
		t.Fatal(err)
	}
	if err := c.SetStep(ctx, StepConcernSent, "2015-06-22", ""); err != nil {
		t.Fatal(err)
	}
	log, err := c.Log(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`Case created: "Test case", exhibits numbered LW/1, LW/2, …`,
		"Added LW/1: note.txt (31 B); from Anonymous employee",
		"Details of LW/1 changed: obtained, title",
		"Marked: name term",
		"LW/1 handed to ICO caseworker",
		"Step concern sent on 2015-06-22",
	}
	if len(log) != len(want) {
		t.Fatalf("%d events, want %d", len(log), len(want))
	}
	for i, e := range log {
		got := EventSummary(e)
		if !strings.HasPrefix(got, want[i]) {
			t.Errorf("event %d (%s): %q, want it to start %q", e.Seq, e.Action, got, want[i])
		}
		if strings.ContainsAny(got, "{}") || strings.Contains(got, "Zoe") {
			t.Errorf("event %d: %q shows JSON or a marked value", e.Seq, got)
		}
	}
	if got := EventSummary(Event{Action: "something-new", Detail: []byte("not json")}); got != "Something-new" {
		t.Errorf("unknown action: %q", got)
	}
}
