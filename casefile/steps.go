package casefile

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// The complaint workflow's steps. A person sets the dates of the steps
// they took; the due dates are derived, never typed.
const (
	StepConcernSent      = "concern-sent"
	StepResponseDue      = "response-due" // derived: concern-sent + one calendar month
	StepFollowUpSent     = "follow-up-sent"
	StepResponseReceived = "response-received"
	StepLastContact      = "last-contact" // derived: the latest contact with the organisation
	StepICODeadline      = "ico-deadline" // derived: last contact + three months
	StepICOSent          = "ico-sent"
	StepICOReference     = "ico-reference"
	StepOutcome          = "outcome"
	StepReviewRequested  = "review-requested"
)

// ActionStep is the custody action for a workflow date being recorded.
const ActionStep = "step"

// Step statuses.
const (
	StepDone     = "done"
	StepDue      = "due"     // derived step, date in the future
	StepOverdue  = "overdue" // derived step, date passed, not yet dealt with
	StepMet      = "met"     // derived step whose purpose was served in time
	StepPending  = "pending" // not done, nothing due yet
	StepWarning  = "warning" // derived deadline within WarnBefore
	StepNotKnown = "not-known"
)

// WarnBefore is how long before the ICO deadline Steps starts warning.
const WarnBefore = 14 * 24 * time.Hour

// stepOrder is the workflow in the order a complaint goes.
var stepOrder = []struct {
	id, label string
	settable  bool
}{
	{StepConcernSent, "Concern sent to the organisation", true},
	{StepResponseDue, "Response due (one calendar month later)", false},
	{StepFollowUpSent, "Follow-up sent", true},
	{StepResponseReceived, "Response received", true},
	{StepLastContact, "Last contact with the organisation", false},
	{StepICODeadline, "Deadline to complain to the ICO (three months after last contact)", false},
	{StepICOSent, "Complaint sent to the ICO", true},
	{StepICOReference, "ICO case reference received", true},
	{StepOutcome, "ICO outcome", true},
	{StepReviewRequested, "Case review requested", true},
}

// SettableSteps are the step ids a person can set.
func SettableSteps() []string {
	var out []string
	for _, s := range stepOrder {
		if s.settable {
			out = append(out, s.id)
		}
	}
	return out
}

// Step is one step of the workflow with its state on a given day.
type Step struct {
	ID      string
	Label   string
	Date    string // YYYY-MM-DD when done (settable steps), or "" if not yet
	Due     string // YYYY-MM-DD for derived steps, when it can be worked out
	Ref     string // e.g. the ICO's case reference
	Status  string
	Derived bool
}

// AddMonths adds calendar months the way deadlines are counted: the same
// day of the month, or the month's last day when it has no such day
// (31 January + one month = 28 or 29 February), never spilling over.
func AddMonths(t time.Time, months int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(months), 1, 0, 0, 0, 0, t.Location())
	last := first.AddDate(0, 1, -1).Day()
	return time.Date(first.Year(), first.Month(), min(d, last), 0, 0, 0, 0, t.Location())
}

// SetStep records the date of a step (and a reference, for ico-reference
// or outcome). An empty date clears the step. It is a custody event.
func (c *Case) SetStep(ctx context.Context, id, date, ref string) error {
	ok := false
	for _, s := range SettableSteps() {
		ok = ok || s == id
	}
	if !ok {
		return fmt.Errorf("step %s: %w", id, invalid("unknown step; use one of %s (due dates are worked out, not set)", strings.Join(SettableSteps(), ", ")))
	}
	if date != "" {
		if _, err := time.Parse(time.DateOnly, date); err != nil {
			return fmt.Errorf("step %s: %w", id, invalid("date %q is not in the form YYYY-MM-DD", date))
		}
	}
	err := c.tx(ctx, func(tx *sql.Tx) error {
		// Setting or clearing a date adds to the step's history; the
		// steps view shows the latest date of each step.
		rec, err := startRecords(ctx, tx, "step_history")
		if err != nil {
			return err
		}
		if date == "" {
			ref = ""
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO step_history (step, date, ref, by, at) VALUES (?, ?, ?, ?, ?)`,
			id, date, strings.TrimSpace(ref), c.Actor(), formatTime(Clock())); err != nil {
			return err
		}
		return c.recordEvent(ctx, tx, rec, ActionStep, "", map[string]any{"step": id, "date": date, "ref": strings.TrimSpace(ref)})
	})
	if err != nil {
		return fmt.Errorf("step %s: %w", id, err)
	}
	return nil
}

// Steps returns the whole workflow as it stands on the day today.
func (c *Case) Steps(ctx context.Context, today time.Time) ([]Step, error) {
	rows, err := c.db.QueryContext(ctx, "SELECT id, date, ref FROM steps")
	if err != nil {
		return nil, dbErr(err)
	}
	defer rows.Close()
	set := map[string][2]string{}
	for rows.Next() {
		var id, date, ref string
		if err := rows.Scan(&id, &date, &ref); err != nil {
			return nil, dbErr(err)
		}
		set[id] = [2]string{date, ref}
	}
	if err := rows.Err(); err != nil {
		return nil, dbErr(err)
	}
	return workflow(set, today), nil
}

// workflow derives every step's due date and status from the dates set.
func workflow(set map[string][2]string, today time.Time) []Step {
	day := func(id string) (time.Time, bool) {
		t, err := time.Parse(time.DateOnly, set[id][0])
		return t, err == nil
	}
	today = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	var last time.Time
	for _, id := range []string{StepConcernSent, StepFollowUpSent, StepResponseReceived} {
		if t, ok := day(id); ok && t.After(last) {
			last = t
		}
	}
	_, icoSent := day(StepICOSent)
	_, answered := day(StepResponseReceived)
	var out []Step
	for _, s := range stepOrder {
		st := Step{ID: s.id, Label: s.label, Derived: !s.settable, Date: set[s.id][0], Ref: set[s.id][1], Status: StepPending}
		switch s.id {
		case StepResponseDue:
			if t, ok := day(StepConcernSent); ok {
				due := AddMonths(t, 1)
				st.Due = due.Format(time.DateOnly)
				st.Status = deadlineStatus(due, today, answered, 0)
			} else {
				st.Status = StepNotKnown
			}
		case StepLastContact:
			if !last.IsZero() {
				st.Date, st.Status = last.Format(time.DateOnly), StepDone
			} else {
				st.Status = StepNotKnown
			}
		case StepICODeadline:
			if !last.IsZero() {
				due := AddMonths(last, 3)
				st.Due = due.Format(time.DateOnly)
				st.Status = deadlineStatus(due, today, icoSent, WarnBefore)
			} else {
				st.Status = StepNotKnown
			}
		default:
			if st.Date != "" {
				st.Status = StepDone
			}
		}
		out = append(out, st)
	}
	return out
}

func deadlineStatus(due, today time.Time, dealtWith bool, warn time.Duration) string {
	switch {
	case dealtWith:
		return StepMet
	case today.After(due):
		return StepOverdue
	case warn > 0 && !today.Before(due.Add(-warn)):
		return StepWarning
	}
	return StepDue
}

// NextStep is the first step that needs attention: an overdue or warning
// deadline, else the first settable step not yet done.
func NextStep(steps []Step) (Step, bool) {
	done := map[string]bool{}
	for _, s := range steps {
		done[s.ID] = s.Status == StepDone
	}
	answered := done[StepResponseReceived]
	for _, s := range steps {
		// A late answer has been chased once a follow-up is sent.
		if s.ID == StepResponseDue && done[StepFollowUpSent] {
			continue
		}
		if s.Status == StepOverdue || s.Status == StepWarning {
			return s, true
		}
	}
	for _, s := range steps {
		// Once the organisation has answered there is nothing to chase.
		if s.ID == StepFollowUpSent && answered {
			continue
		}
		if !s.Derived && s.Status == StepPending {
			return s, true
		}
	}
	return Step{}, false
}
