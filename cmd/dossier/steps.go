package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"dossier/casefile"
)

// StepsOptions are the flags of 'dossier steps'.
type StepsOptions struct {
	Case  string
	JSON  bool
	Today time.Time
}

// StepsSetOptions are the flags of 'dossier steps set'.
type StepsSetOptions struct {
	Case, Step, Date, Ref, By string
}

var verbSteps = &verb{
	name:    "steps",
	args:    "CASE [--json] [--today YYYY-MM-DD]",
	summary: "show the complaint's steps: what is done, due, overdue, and next",
	help: `The ICO expects you to raise the concern with the organisation first,
follow up if there is no answer after 30 days, and complain to the ICO
within three months of your last meaningful contact with the
organisation. For a complaint the organisation received on or after 19
June 2026 the law (Data Protection Act 2018 s.164A) also gives it 30 days
to acknowledge it. After an ICO outcome you have three months to ask for
a case review.

Prints each step with its date (when done), due date (for the dates
worked out from yours), reference and status (done, due, overdue, met,
warning, pending, not-known, not-applicable), then how each date is
worked out and where the rule comes from, then what to do next. A
warning starts 14 days before the ICO and case-review deadlines.

With --json prints an array of objects with the keys id, label, date,
due, ref and status ("" for a date not known), which are a stable
contract, and also explain, source and legal. --today fixes the day the
statuses are worked out for.`,
	subs: []*verb{verbStepsSet},
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		var o StepsOptions
		var today string
		fs := flags(v)
		fs.BoolVar(&o.JSON, "json", false, "print JSON")
		fs.StringVar(&today, "today", "", "work statuses out as on `YYYY-MM-DD` (default today)")
		pos, err := parse(v, fs, args, out, 1, 1)
		if err != nil {
			return err
		}
		o.Today = time.Now()
		if today != "" {
			if o.Today, err = time.Parse(time.DateOnly, today); err != nil {
				return usagef(v, "--today %q is not a date in the form YYYY-MM-DD", today)
			}
		}
		o.Case = pos[0]
		return runSteps(ctx, o, out)
	},
}

// stepJSON is the stable JSON form of a workflow step.
type stepJSON struct {
	ID     string `json:"id"`
	Label  string `json:"label"`
	Date   string `json:"date"`
	Due    string `json:"due"`
	Ref    string `json:"ref"`
	Status string `json:"status"`
	// Added after the first release: how a derived date is worked out.
	Explain string `json:"explain"`
	Source  string `json:"source"`
	Legal   bool   `json:"legal"`
}

func runSteps(ctx context.Context, o StepsOptions, out io.Writer) error {
	c, err := openCaseReadOnly(o.Case)
	if err != nil {
		return err
	}
	defer c.Close()
	steps, err := c.Steps(ctx, o.Today)
	if err != nil {
		return err
	}
	if o.JSON {
		list := make([]stepJSON, 0, len(steps))
		for _, s := range steps {
			list = append(list, stepJSON{s.ID, s.Label, s.Date, s.Due, s.Ref, s.Status, s.Explain, s.Source, s.Legal})
		}
		return writeJSON(out, list)
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "STEP\tDATE\tDUE\tSTATUS\tREF\tWHAT")
	for _, s := range steps {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", s.ID, orDash(s.Date), orDash(s.Due), s.Status, orDash(s.Ref), s.Label)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(out, "\nhow the dates are worked out:")
	for _, s := range steps {
		if s.Explain != "" {
			fmt.Fprintf(out, "  %s: %s\n    source: %s\n", s.ID, s.Explain, s.Source)
		}
	}
	fmt.Fprintln(out)
	next, ok := casefile.NextStep(steps)
	switch {
	case !ok:
		fmt.Fprintln(out, "next: nothing; every step is done")
	case next.Derived && next.Status == casefile.StepOverdue:
		fmt.Fprintf(out, "next: %s was %s and has passed; %s\n", strings.ToLower(next.Label[:1])+next.Label[1:], next.Due, nextAdvice(next, o.Case))
	case next.Derived:
		fmt.Fprintf(out, "next: %s is %s; %s\n", strings.ToLower(next.Label[:1])+next.Label[1:], next.Due, nextAdvice(next, o.Case))
	default:
		fmt.Fprintf(out, "next: %s (record it with 'dossier steps set %s %s --date YYYY-MM-DD')\n", next.Label, o.Case, next.ID)
	}
	return nil
}

// nextAdvice says what to do about a deadline.
func nextAdvice(s casefile.Step, path string) string {
	if s.ID == casefile.StepAckDue {
		return fmt.Sprintf("the organisation has not acknowledged your complaint within the 30 days the law gives it; "+
			"follow it up, record that with 'dossier steps set %s follow-up-sent --date YYYY-MM-DD', and tell the ICO if you complain", path)
	}
	if s.ID == casefile.StepResponseDue {
		return fmt.Sprintf("send a follow-up and record it with 'dossier steps set %s follow-up-sent --date YYYY-MM-DD'", path)
	}
	return fmt.Sprintf("complain to the ICO and record it with 'dossier steps set %s ico-sent --date YYYY-MM-DD'", path)
}

var verbStepsSet = &verb{
	name:    "set",
	args:    "CASE STEP --date YYYY-MM-DD [--ref TEXT] [--by NAME]",
	summary: "record the date of a step you took",
	help: `STEP is one of concern-sent, concern-received (the day the organisation
received it, when you know it), ack-received (it acknowledged your
complaint), follow-up-sent, response-received, ico-sent, ico-reference,
outcome, review-requested. --ref keeps a reference with it (the ICO's case
reference, the outcome in a few words). An empty --date clears the step.
Due dates (ack-due, response-due, last-contact, ico-deadline,
review-deadline) are worked out from these and cannot be set. A custody
event.

Example:
  dossier steps set martineau.dossier concern-sent --date 2015-06-10`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		var o StepsSetOptions
		fs := flags(v)
		date := fs.String("date", "\x00", "the `YYYY-MM-DD` the step was taken (\"\" clears it)")
		fs.StringVar(&o.Ref, "ref", "", "a reference (`TEXT`) kept with the step")
		fs.StringVar(&o.By, "by", "", byUsage)
		pos, err := parse(v, fs, args, out, 2, 2)
		if err != nil {
			return err
		}
		if *date == "\x00" {
			return usagef(v, "steps set needs --date YYYY-MM-DD")
		}
		o.Case, o.Step, o.Date = pos[0], pos[1], *date
		if !slices.Contains(casefile.SettableSteps(), o.Step) {
			what := "is not a step"
			if slices.Contains(casefile.DerivedSteps(), o.Step) {
				what = "is worked out from the dates you set, not set itself"
			}
			return hinted{fmt.Errorf("step %q %s", o.Step, what), "steps you can set: " + strings.Join(casefile.SettableSteps(), ", ")}
		}
		return runStepsSet(ctx, o, out)
	},
}

func runStepsSet(ctx context.Context, o StepsSetOptions, out io.Writer) error {
	c, err := openCase(o.Case, o.By)
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.SetStep(ctx, o.Step, o.Date, o.Ref); err != nil {
		return err
	}
	if o.Date == "" {
		fmt.Fprintf(out, "%s cleared\n", o.Step)
	} else {
		fmt.Fprintf(out, "%s  %s%s\n", o.Step, o.Date, map[bool]string{true: "  " + o.Ref}[o.Ref != ""])
	}
	return c.Close()
}
