package casefile

import (
	"context"
	"errors"
	"slices"
	"strings"
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

// TestRuleDates is the table of dated cases for every derived date: month
// ends, leap years, concerns before and after the complaint duty began on
// 19 June 2026, weekends and bank holidays.
func TestRuleDates(t *testing.T) {
	type set = map[string][2]string
	d := func(pairs ...string) set {
		s := set{}
		for i := 0; i < len(pairs); i += 2 {
			s[pairs[i]] = [2]string{pairs[i+1], ""}
		}
		return s
	}
	tests := []struct {
		name   string
		set    set
		today  string
		id     string
		want   string // the due date, or the date of last-contact
		status string
	}{
		// Acknowledgement: 30 days from the day after receipt, then the next working day.
		{"ack: first day of the duty, lands on a Sunday", d(StepConcernSent, "2026-06-19"), "2026-06-20", StepAckDue, "2026-07-20", StepDue},
		{"ack: the day before the duty", d(StepConcernSent, "2026-06-18"), "2026-06-20", StepAckDue, "", StepNotApplicable},
		{"ack: a 2015 concern", d(StepConcernSent, "2015-06-10"), "2015-06-20", StepAckDue, "", StepNotApplicable},
		{"ack: sent before, received on the first day", d(StepConcernSent, "2026-06-16", StepConcernReceived, "2026-06-19"), "2026-06-20", StepAckDue, "2026-07-20", StepDue},
		{"ack: received later than sent", d(StepConcernSent, "2026-07-01", StepConcernReceived, "2026-07-03"), "2026-07-04", StepAckDue, "2026-08-03", StepDue},
		{"ack: lands on a Friday", d(StepConcernSent, "2026-07-01"), "2026-07-02", StepAckDue, "2026-07-31", StepDue},
		{"ack: lands on a Saturday", d(StepConcernSent, "2026-09-03"), "2026-09-04", StepAckDue, "2026-10-05", StepDue},
		{"ack: summer bank holiday", d(StepConcernSent, "2026-08-01"), "2026-08-02", StepAckDue, "2026-09-01", StepDue},
		{"ack: Christmas, Boxing Day on a Saturday", d(StepConcernSent, "2026-11-25"), "2026-11-26", StepAckDue, "2026-12-29", StepDue},
		{"ack: New Year's Day on a Friday", d(StepConcernSent, "2026-12-02"), "2026-12-03", StepAckDue, "2027-01-04", StepDue},
		{"ack: Good Friday then Easter Monday", d(StepConcernSent, "2027-02-24"), "2027-02-25", StepAckDue, "2027-03-30", StepDue},
		{"ack: early May bank holiday", d(StepConcernSent, "2027-04-03"), "2027-04-04", StepAckDue, "2027-05-04", StepDue},
		{"ack: spring bank holiday", d(StepConcernSent, "2027-05-01"), "2027-05-02", StepAckDue, "2027-06-01", StepDue},
		{"ack: leap day", d(StepConcernSent, "2028-01-30"), "2028-01-31", StepAckDue, "2028-02-29", StepDue},
		{"ack: across February in a common year", d(StepConcernSent, "2027-01-30"), "2027-01-31", StepAckDue, "2027-03-01", StepDue},
		{"ack: from a leap day", d(StepConcernSent, "2028-02-29"), "2028-03-01", StepAckDue, "2028-03-30", StepDue},
		{"ack: passed", d(StepConcernSent, "2026-07-01"), "2026-08-01", StepAckDue, "2026-07-31", StepOverdue},
		{"ack: acknowledged", d(StepConcernSent, "2026-07-01", StepAckReceived, "2026-07-06"), "2026-08-01", StepAckDue, "2026-07-31", StepMet},
		{"ack: answered without an acknowledgement", d(StepConcernSent, "2026-07-01", StepResponseReceived, "2026-07-20"), "2026-08-01", StepAckDue, "2026-07-31", StepMet},
		{"ack: nothing sent yet", nil, "2026-08-01", StepAckDue, "", StepNotKnown},
		// Reply expected: 30 days after the concern, never moved (practice, not law).
		{"reply: June", d(StepConcernSent, "2015-06-10"), "2015-06-20", StepResponseDue, "2015-07-10", StepDue},
		{"reply: across February in a common year", d(StepConcernSent, "2015-01-31"), "2015-02-01", StepResponseDue, "2015-03-02", StepDue},
		{"reply: across February in a leap year", d(StepConcernSent, "2016-01-31"), "2016-02-01", StepResponseDue, "2016-03-01", StepDue},
		{"reply: a Saturday stays a Saturday", d(StepConcernSent, "2026-09-03"), "2026-09-04", StepResponseDue, "2026-10-03", StepDue},
		{"reply: answered", d(StepConcernSent, "2026-09-03", StepResponseReceived, "2026-10-20"), "2026-11-01", StepResponseDue, "2026-10-03", StepMet},
		// Last contact: the latest of concern, follow-up and reply; an acknowledgement is not counted.
		{"last contact: the reply", d(StepConcernSent, "2015-06-10", StepFollowUpSent, "2015-07-13", StepResponseReceived, "2015-07-20"), "2015-08-01", StepLastContact, "2015-07-20", StepDone},
		{"last contact: not an acknowledgement", d(StepConcernSent, "2026-07-01", StepAckReceived, "2026-07-10"), "2026-08-01", StepLastContact, "2026-07-01", StepDone},
		// ICO deadline: three calendar months after the last contact, month ends kept.
		{"ico: month end into a leap February", d(StepConcernSent, "2015-11-30"), "2015-12-01", StepICODeadline, "2016-02-29", StepDue},
		{"ico: month end into a common February", d(StepConcernSent, "2014-11-30"), "2014-12-01", StepICODeadline, "2015-02-28", StepDue},
		{"ico: 31st into a 30-day month", d(StepConcernSent, "2015-08-31"), "2015-09-01", StepICODeadline, "2015-11-30", StepDue},
		{"ico: across the year end", d(StepConcernSent, "2026-10-31"), "2026-11-01", StepICODeadline, "2027-01-31", StepDue},
		{"ico: a Sunday is not moved", d(StepConcernSent, "2026-07-31"), "2026-08-01", StepICODeadline, "2026-10-31", StepDue},
		{"ico: runs from the follow-up, warning", d(StepConcernSent, "2015-06-10", StepFollowUpSent, "2015-07-21"), "2015-10-10", StepICODeadline, "2015-10-21", StepWarning},
		{"ico: not from an acknowledgement", d(StepConcernSent, "2026-07-01", StepAckReceived, "2026-07-10"), "2026-08-01", StepICODeadline, "2026-10-01", StepDue},
		{"ico: passed", d(StepConcernSent, "2026-07-01"), "2026-10-02", StepICODeadline, "2026-10-01", StepOverdue},
		{"ico: complained in time", d(StepConcernSent, "2026-07-01", StepICOSent, "2026-09-01"), "2027-01-01", StepICODeadline, "2026-10-01", StepMet},
		// Case review: three calendar months after the ICO's outcome.
		{"review: month end into February", d(StepOutcome, "2026-11-30"), "2026-12-01", StepReviewDeadline, "2027-02-28", StepDue},
		{"review: month end into a leap February", d(StepOutcome, "2027-11-30"), "2027-12-01", StepReviewDeadline, "2028-02-29", StepDue},
		{"review: close", d(StepOutcome, "2026-09-15"), "2026-12-10", StepReviewDeadline, "2026-12-15", StepWarning},
		{"review: requested", d(StepOutcome, "2026-09-15", StepReviewRequested, "2026-10-01"), "2027-01-01", StepReviewDeadline, "2026-12-15", StepMet},
		{"review: no outcome yet", d(StepConcernSent, "2026-07-01"), "2026-08-01", StepReviewDeadline, "", StepNotKnown},
	}
	if len(tests) < 30 {
		t.Fatalf("only %d dated cases", len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := stepByID(workflow(tt.set, day(tt.today)), tt.id)
			got := s.Due
			if tt.id == StepLastContact {
				got = s.Date
			}
			if got != tt.want || s.Status != tt.status {
				t.Errorf("%s = %q %s, want %q %s", tt.id, got, s.Status, tt.want, tt.status)
			}
			// Every derived date says how it was worked out, naming the
			// date it gives, and where the rule comes from.
			if s.Explain == "" || s.Source == "" {
				t.Errorf("%s has no explanation or source: %+v", tt.id, s)
			}
			if tt.want != "" && !strings.Contains(s.Explain, LongDate(day(tt.want))) {
				t.Errorf("%s explanation %q does not name %s", tt.id, s.Explain, tt.want)
			}
			if n := strings.Count(s.Explain, ". "); n > 0 {
				t.Errorf("explanation is more than one sentence: %q", s.Explain)
			}
		})
	}
}

func TestBankHolidays(t *testing.T) {
	// gov.uk's published bank holidays of England and Wales.
	want := map[int][]string{
		2026: {"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"},
		2027: {"2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"},
		2028: {"2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26"},
		2021: {"2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28"},
	}
	for y, days := range want {
		var got []string
		for _, h := range bankHolidays(y) {
			got = append(got, h.Format(time.DateOnly))
		}
		slices.Sort(got)
		if !slices.Equal(got, days) {
			t.Errorf("%d: got %v, want %v", y, got, days)
		}
	}
	for _, tt := range []struct{ from, want string }{
		{"2026-12-24", "2026-12-24"}, {"2026-12-25", "2026-12-29"}, {"2026-06-20", "2026-06-22"}, {"2027-03-26", "2027-03-30"},
	} {
		if got := NextWorkingDay(day(tt.from)).Format(time.DateOnly); got != tt.want {
			t.Errorf("NextWorkingDay(%s) = %s, want %s", tt.from, got, tt.want)
		}
	}
}

func TestRegulatorName(t *testing.T) {
	defer func(old string) { InformationCommissionFrom = old }(InformationCommissionFrom)
	InformationCommissionFrom = ""
	if got := RegulatorName(day("2030-01-01"), ""); got != RegulatorICO {
		t.Errorf("with no date set: %q", got)
	}
	InformationCommissionFrom = "2027-01-05"
	for _, tt := range []struct{ on, setting, want string }{
		{"2027-01-04", "", RegulatorICO},
		{"2027-01-05", "", RegulatorCommission},
		{"2027-01-05", " Information Commissioner's Office ", RegulatorICO},
	} {
		if got := RegulatorName(day(tt.on), tt.setting); got != tt.want {
			t.Errorf("RegulatorName(%s, %q) = %q, want %q", tt.on, tt.setting, got, tt.want)
		}
	}
}
