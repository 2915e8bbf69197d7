package casefile

import (
	"context"
	"errors"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestAddMonths(t *testing.T) {
	tests := []struct {
		from   string
		months int
		want   string
	}{
		{"2015-06-08", 1, "2015-07-08"},
		{"2015-01-31", 1, "2015-02-28"},
		{"2016-01-31", 1, "2016-02-29"}, // leap year
		{"2015-03-31", 1, "2015-04-30"},
		{"2015-11-30", 3, "2016-02-29"},
		{"2015-12-15", 1, "2016-01-15"},
		{"2015-08-31", 3, "2015-11-30"},
	}
	for _, tt := range tests {
		if got := AddMonths(day(tt.from), tt.months).Format(time.DateOnly); got != tt.want {
			t.Errorf("AddMonths(%s, %d) = %s, want %s", tt.from, tt.months, got, tt.want)
		}
	}
}

func stepByID(steps []Step, id string) Step {
	for _, s := range steps {
		if s.ID == id {
			return s
		}
	}
	return Step{}
}

func TestWorkflowDerivesDueDates(t *testing.T) {
	tests := []struct {
		name  string
		set   map[string][2]string
		today string
		want  map[string][2]string // id -> {due or date, status}
		next  string
	}{
		{"nothing yet", nil, "2015-06-10",
			map[string][2]string{StepResponseDue: {"", StepNotKnown}, StepICODeadline: {"", StepNotKnown}}, StepConcernSent},
		{"concern sent, waiting", map[string][2]string{StepConcernSent: {"2015-06-10", ""}}, "2015-06-20",
			map[string][2]string{StepResponseDue: {"2015-07-10", StepDue}, StepICODeadline: {"2015-09-10", StepDue}, StepLastContact: {"2015-06-10", StepDone}}, StepFollowUpSent},
		{"no answer after a month", map[string][2]string{StepConcernSent: {"2015-06-10", ""}}, "2015-07-11",
			map[string][2]string{StepResponseDue: {"2015-07-10", StepOverdue}}, StepResponseDue},
		{"answered; deadline runs from the answer", map[string][2]string{StepConcernSent: {"2015-06-10", ""}, StepResponseReceived: {"2015-07-01", ""}}, "2015-07-02",
			map[string][2]string{StepResponseDue: {"2015-07-10", StepMet}, StepICODeadline: {"2015-10-01", StepDue}}, StepICOSent},
		{"deadline close", map[string][2]string{StepConcernSent: {"2015-06-10", ""}, StepFollowUpSent: {"2015-07-15", ""}}, "2015-10-05",
			map[string][2]string{StepICODeadline: {"2015-10-15", StepWarning}}, StepICODeadline},
		{"deadline passed", map[string][2]string{StepConcernSent: {"2015-06-10", ""}}, "2015-09-11",
			map[string][2]string{StepICODeadline: {"2015-09-10", StepOverdue}}, StepResponseDue},
		{"complained in time", map[string][2]string{StepConcernSent: {"2015-06-10", ""}, StepResponseReceived: {"2015-07-01", ""}, StepICOSent: {"2015-08-01", ""}}, "2016-01-01",
			map[string][2]string{StepICODeadline: {"2015-10-01", StepMet}}, StepICOReference},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			steps := workflow(tt.set, day(tt.today))
			for id, w := range tt.want {
				s := stepByID(steps, id)
				got := s.Due
				if id == StepLastContact {
					got = s.Date
				}
				if got != w[0] || s.Status != w[1] {
					t.Errorf("%s = %q %s, want %q %s", id, got, s.Status, w[0], w[1])
				}
			}
			if n, ok := NextStep(steps); !ok || n.ID != tt.next {
				t.Errorf("next = %s, want %s", n.ID, tt.next)
			}
		})
	}
}

func TestSetStep(t *testing.T) {
	ctx := context.Background()
	c := TestCase(t)
	if err := c.SetStep(ctx, StepICOReference, "2015-09-01", " RFA0123456 "); err != nil {
		t.Fatal(err)
	}
	steps, err := c.Steps(ctx, day("2015-09-02"))
	if err != nil {
		t.Fatal(err)
	}
	if s := stepByID(steps, StepICOReference); s.Date != "2015-09-01" || s.Ref != "RFA0123456" || s.Status != StepDone {
		t.Fatalf("step = %+v", s)
	}
	for _, bad := range []struct{ id, date string }{{StepResponseDue, "2015-01-01"}, {"made-up", "2015-01-01"}, {StepConcernSent, "10/06/2015"}} {
		if err := c.SetStep(ctx, bad.id, bad.date, ""); !errors.Is(err, ErrInvalid) {
			t.Errorf("SetStep(%s, %s) = %v, want ErrInvalid", bad.id, bad.date, err)
		}
	}
	if err := c.SetStep(ctx, StepICOReference, "", ""); err != nil {
		t.Fatal(err)
	}
	steps, _ = c.Steps(ctx, day("2015-09-02"))
	if s := stepByID(steps, StepICOReference); s.Date != "" || s.Status != StepPending {
		t.Fatalf("cleared step = %+v", s)
	}
	log, _ := c.Log(ctx)
	if n := len(log); n != 3 || log[1].Action != ActionStep {
		t.Fatalf("log has %d events", n)
	}
}
