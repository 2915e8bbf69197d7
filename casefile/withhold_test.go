package casefile

import (
	"context"
	"errors"
	"testing"
)

func TestWithholdAndRestore(t *testing.T) {
	ctx := context.Background()
	c := TestCase(t)
	a, _ := c.Add(ctx, TestFile(t, "a.txt", []byte("first")), Meta{})
	b, _ := c.Add(ctx, TestFile(t, "IMG_0001.AVIF", []byte("\x00\x00\x00\x1cftypavif")), Meta{})

	steps := []struct {
		name    string
		do      func() error
		wantErr error
		want    []string // withheld refs afterwards
	}{
		{"no reason", func() error { _, err := c.Withhold(ctx, b.Ref, "  "); return err }, ErrInvalid, nil},
		{"unknown exhibit", func() error { _, err := c.Withhold(ctx, "LW/99", "x"); return err }, ErrUnknownExhibit, nil},
		{"restore one not withheld", func() error { _, err := c.Restore(ctx, b.Ref); return err }, ErrInvalid, nil},
		{"withhold", func() error { _, err := c.Withhold(ctx, b.Ref, "AVIF cannot be shown;\n convert it"); return err }, nil, []string{b.Ref}},
		{"withhold twice", func() error { _, err := c.Withhold(ctx, b.Ref, "again"); return err }, ErrInvalid, []string{b.Ref}},
		{"withhold another by its short form", func() error { _, err := c.Withhold(ctx, "1", "duplicate of a letter"); return err }, nil, []string{a.Ref, b.Ref}},
		{"restore", func() error { _, err := c.Restore(ctx, a.Ref); return err }, nil, []string{b.Ref}},
		{"withhold again after restore", func() error { _, err := c.Withhold(ctx, a.Ref, "second thoughts"); return err }, nil, []string{a.Ref, b.Ref}},
	}
	for _, s := range steps {
		err := s.do()
		if (s.wantErr == nil) != (err == nil) || (s.wantErr != nil && !errors.Is(err, s.wantErr)) {
			t.Fatalf("%s: err = %v, want %v", s.name, err, s.wantErr)
		}
		got, err := c.Withheld(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(s.want) {
			t.Fatalf("%s: withheld %v, want %v", s.name, got, s.want)
		}
		for _, ref := range s.want {
			if _, ok := got[ref]; !ok {
				t.Fatalf("%s: %s not withheld: %v", s.name, ref, got)
			}
		}
	}
	w, _ := c.Withheld(ctx)
	if r := w[b.Ref].Reason; r != "AVIF cannot be shown; convert it" {
		t.Errorf("reason = %q (spaces and line breaks folded)", r)
	}
	if w[a.Ref].Reason != "second thoughts" || w[a.Ref].By == "" || w[a.Ref].At.IsZero() {
		t.Errorf("withholding of %s = %+v", a.Ref, w[a.Ref])
	}
	// Every change is a custody event, and the chain still verifies.
	n := map[string]int{}
	log, _ := c.Log(ctx)
	for _, e := range log {
		n[e.Action]++
	}
	if n[ActionWithheld] != 3 || n[ActionRestored] != 1 {
		t.Errorf("custody has %d withheld and %d restored events, want 3 and 1", n[ActionWithheld], n[ActionRestored])
	}
	rep, err := c.Verify(ctx, nil)
	if err != nil || !rep.OK() {
		t.Errorf("verify after withholding: %v %+v", err, rep.Problems)
	}
}
