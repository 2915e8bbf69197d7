package casefile

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// The complaint workflow's steps. A person sets the dates of the steps
// they took; the due dates are derived, never typed, by the rules of the
// table rules below.
const (
	StepConcernSent      = "concern-sent"
	StepConcernReceived  = "concern-received" // optional: the day the organisation received it, when known
	StepAckDue           = "ack-due"          // derived: receipt + 30 days, for complaints received from 19 June 2026
	StepAckReceived      = "ack-received"     // optional: the organisation acknowledged the complaint
	StepResponseDue      = "response-due"     // derived: concern-sent + 30 days (ICO practice, not law)
	StepFollowUpSent     = "follow-up-sent"
	StepResponseReceived = "response-received"
	StepLastContact      = "last-contact" // derived: the latest meaningful contact with the organisation
	StepICODeadline      = "ico-deadline" // derived: last contact + three months
	StepICOSent          = "ico-sent"
	StepICOReference     = "ico-reference"
	StepOutcome          = "outcome"
	StepReviewDeadline   = "review-deadline" // derived: outcome + three months
	StepReviewRequested  = "review-requested"
)

// ActionStep is the custody action for a workflow date being recorded.
const ActionStep = "step"

// Step statuses.
const (
	StepDone          = "done"
	StepDue           = "due"     // derived step, date in the future
	StepOverdue       = "overdue" // derived step, date passed, not yet dealt with
	StepMet           = "met"     // derived step whose purpose was served in time
	StepPending       = "pending" // not done, nothing due yet
	StepWarning       = "warning" // derived deadline within WarnBefore
	StepNotKnown      = "not-known"
	StepNotApplicable = "not-applicable" // a rule that does not apply to this case's dates
)

// WarnBefore is how long before the ICO deadline Steps starts warning.
const WarnBefore = 14 * 24 * time.Hour

// ComplaintDutyFrom is the day the organisation's duty to acknowledge a
// complaint within 30 days came into force: DPA 2018 s.164A, inserted by
// DUAA 2025 s.103 and commenced on 19 June 2026 by SI 2026/82 reg. 3, for
// complaints received on or after that day.
const ComplaintDutyFrom = "2026-06-19"

// stepOrder is the workflow in the order a complaint goes. Optional steps
// are recorded when known but never proposed as the next thing to do.
var stepOrder = []struct {
	id, label          string
	settable, optional bool
}{
	{StepConcernSent, "Concern sent to the organisation", true, false},
	{StepConcernReceived, "Concern received by the organisation (if known)", true, true},
	{StepAckDue, "Acknowledgement due (the law: 30 days after they received it)", false, false},
	{StepAckReceived, "Acknowledgement received", true, true},
	{StepResponseDue, "Reply expected (30 days: good practice, not a legal deadline)", false, false},
	{StepFollowUpSent, "Follow-up sent", true, false},
	{StepResponseReceived, "Response received", true, false},
	{StepLastContact, "Last contact with the organisation", false, false},
	{StepICODeadline, "Deadline to complain to the ICO (three months after last contact)", false, false},
	{StepICOSent, "Complaint sent to the ICO", true, false},
	{StepICOReference, "ICO case reference received", true, false},
	{StepOutcome, "ICO outcome", true, false},
	{StepReviewDeadline, "Deadline to ask for a case review (three months after the outcome)", false, false},
	{StepReviewRequested, "Case review requested", true, false},
}

// Sources of the rules, as printed after each explanation. Each was read
// on the page named; see the comment on each rule for what it says.
const (
	srcComplaintDuty = "Data Protection Act 2018 s.164A(3), inserted by the Data (Use and Access) Act 2025 s.103 " +
		"(in force 19 June 2026, SI 2026/82); ICO, How to deal with data protection complaints"
	srcBeforeICO = "ICO, What do I need to do before I can complain to the ICO? " +
		"(ico.org.uk/make-a-complaint/data-protection-complaints/what-to-expect/)"
	srcReview = "ICO, Complain about us: complaints about our decision making " +
		"(ico.org.uk/make-a-complaint/complaints-and-compliments-about-us/complain-about-us/)"
)

// rule is how one derived date is worked out: the latest of the set dates
// in from starts the clock, which runs for months and days; the date is
// met once any step in metBy is set. explain says it in one plain
// sentence: %[1]s is the start, %[2]s the date worked out.
type rule struct {
	id         string
	from       []string
	months     int
	days       int
	workingDay bool   // a date on a weekend or bank holiday moves to the next working day
	since      string // the rule applies only when the clock starts on or after this day
	metBy      []string
	warn       time.Duration
	legal      bool // a duty in law, not the ICO's practice
	explain    string
	unknown    string // what to record for the date to be worked out
	source     string
}

// rules is every derived date, in one table.
var rules = []rule{
	// DPA 2018 s.164A(3): "the controller must acknowledge receipt of the
	// complaint within the period of 30 days beginning when the complaint
	// is received". The ICO's guidance counts the 30 days from the day
	// after receipt and moves a date on a weekend or public holiday to the
	// next working day. Receipt is concern-received when recorded, else
	// the day it was sent (an email arrives the day it is sent).
	{id: StepAckDue, from: []string{StepConcernSent, StepConcernReceived}, days: 30, workingDay: true,
		since: ComplaintDutyFrom, metBy: []string{StepAckReceived, StepResponseReceived}, legal: true,
		explain: "The organisation must acknowledge a data protection complaint within 30 days of receiving it " +
			"(counted from the day after %[1]s), so by %[2]s, or the next working day if that is a weekend or bank holiday.",
		unknown: "Worked out once you record the day you sent your concern (concern-sent).",
		source:  srcComplaintDuty},
	// ICO: before complaining to us you need to have "followed up with the
	// organisation if you have not received a response after 30 days".
	// There is no legal deadline for the organisation's answer (s.164A(4):
	// "without undue delay").
	{id: StepResponseDue, from: []string{StepConcernSent}, days: 30, metBy: []string{StepResponseReceived},
		explain: "The ICO asks you to follow up if the organisation has not replied 30 days after your concern of %[1]s, " +
			"so on %[2]s; this is good practice, not a legal deadline for their answer.",
		unknown: "Worked out once you record the day you sent your concern (concern-sent).",
		source:  srcBeforeICO},
	// The last meaningful contact: the concern, a follow-up, their reply.
	// An acknowledgement alone is left out: it says nothing about the
	// concern, and the earlier deadline it leaves is the safe one.
	{id: StepLastContact, from: []string{StepConcernSent, StepFollowUpSent, StepResponseReceived},
		explain: "Your last meaningful contact with the organisation was on %[2]s: the latest of your concern, " +
			"a follow-up and their reply (an acknowledgement alone is not counted).",
		unknown: "Worked out once you record your concern, a follow-up or their reply.",
		source:  srcBeforeICO},
	// ICO: "You should do this within three months of your last contact
	// with the organisation."
	{id: StepICODeadline, from: []string{StepConcernSent, StepFollowUpSent, StepResponseReceived}, months: 3,
		metBy: []string{StepICOSent}, warn: WarnBefore,
		explain: "The ICO asks you to complain within three months of your last meaningful contact with the " +
			"organisation (%[1]s), so by %[2]s.",
		unknown: "Worked out once you record your concern, a follow-up or their reply.",
		source:  srcBeforeICO},
	// ICO: "If you disagree with the outcome of a data protection
	// complaint you should contact us within three months for
	// consideration under our case review process."
	{id: StepReviewDeadline, from: []string{StepOutcome}, months: 3, metBy: []string{StepReviewRequested}, warn: WarnBefore,
		explain: "If you disagree with the ICO's outcome of %[1]s, ask it for a case review within three months, so by %[2]s.",
		unknown: "Worked out once you record the ICO's outcome (outcome).",
		source:  srcReview},
}

func ruleFor(id string) (rule, bool) {
	for _, r := range rules {
		if r.id == id {
			return r, true
		}
	}
	return rule{}, false
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

// DerivedSteps are the step ids worked out from the others, never set.
func DerivedSteps() []string {
	var out []string
	for _, s := range stepOrder {
		if !s.settable {
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
	// Explain says in one plain sentence how Date or Due was worked out
	// (or what is needed to work it out), for derived steps; Source names
	// the law or guidance the rule comes from, and Legal says whether it
	// is a duty in law rather than the ICO's practice.
	Explain string
	Source  string
	Legal   bool
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
	var out []Step
	for _, s := range stepOrder {
		st := Step{ID: s.id, Label: s.label, Derived: !s.settable, Date: set[s.id][0], Ref: set[s.id][1], Status: StepPending}
		r, derived := ruleFor(s.id)
		if !derived {
			if st.Date != "" {
				st.Status = StepDone
			}
			out = append(out, st)
			continue
		}
		st.Source, st.Legal = r.source, r.legal
		var start time.Time
		for _, id := range r.from {
			if t, ok := day(id); ok && t.After(start) {
				start = t
			}
		}
		if start.IsZero() {
			st.Status, st.Explain = StepNotKnown, r.unknown
			out = append(out, st)
			continue
		}
		if r.since != "" && start.Format(time.DateOnly) < r.since {
			st.Status = StepNotApplicable
			st.Explain = fmt.Sprintf("This duty applies to complaints received on or after %s; this one was received on %s.",
				LongDate(mustDay(r.since)), LongDate(start))
			out = append(out, st)
			continue
		}
		due := AddMonths(start, r.months).AddDate(0, 0, r.days)
		if r.workingDay {
			due = NextWorkingDay(due)
		}
		st.Explain = fmt.Sprintf(r.explain, LongDate(start), LongDate(due))
		if r.months == 0 && r.days == 0 {
			// A date worked out, not a deadline: last contact.
			st.Date, st.Status = due.Format(time.DateOnly), StepDone
			out = append(out, st)
			continue
		}
		met := false
		for _, id := range r.metBy {
			_, ok := day(id)
			met = met || ok
		}
		st.Due = due.Format(time.DateOnly)
		st.Status = deadlineStatus(due, today, met, r.warn)
		out = append(out, st)
	}
	return out
}

// LongDate formats a day the way UK letters do: "23 November 2026".
func LongDate(t time.Time) string { return t.Format("2 January 2006") }

func mustDay(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err) // only ever called on the constants above
	}
	return t
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
// deadline, else the first settable step not yet done. Optional steps and
// the case-review deadline (which matters only to someone who disagrees
// with the outcome) are never proposed.
func NextStep(steps []Step) (Step, bool) {
	done := map[string]bool{}
	for _, s := range steps {
		done[s.ID] = s.Status == StepDone
	}
	answered := done[StepResponseReceived]
	optional := map[string]bool{StepReviewDeadline: true}
	for _, s := range stepOrder {
		optional[s.id] = optional[s.id] || s.optional
	}
	for _, s := range steps {
		// A late answer or acknowledgement has been chased once a
		// follow-up is sent.
		if (s.ID == StepResponseDue || s.ID == StepAckDue) && done[StepFollowUpSent] {
			continue
		}
		if optional[s.ID] {
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
		if !s.Derived && !optional[s.ID] && s.Status == StepPending {
			return s, true
		}
	}
	return Step{}, false
}
