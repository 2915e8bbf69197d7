package export

import (
	"context"
	"fmt"
	"time"

	"dossier/casefile"
)

// Warning is one pre-flight check that failed before a complaint goes to
// the ICO: what is wrong and what to do about it.
type Warning struct {
	ID      string `json:"id"`
	Problem string `json:"problem"`
	Do      string `json:"do"`
}

// Pre-flight check ids.
const (
	CheckNoOrganisation  = "no-organisation"
	CheckNoConcern       = "no-concern"
	CheckTooSoon         = "too-soon"
	CheckTooLate         = "too-late"
	CheckNoLinks         = "no-links"
	CheckMarksUnreviewed = "marks-unreviewed"
	CheckSummaryTooLong  = "summary-too-long"
)

// Preflight checks case c before the ICO letter or pack is made, as on day
// today: the organisation is named, the concern was raised with it and
// given time to answer, the ICO's three months have not run out, a
// message is linked to a sheet row, every suggested mark is reviewed and
// the "what happened" text fits the form. Each failure is a Warning;
// none stops anything.
func Preflight(ctx context.Context, c *casefile.Case, today time.Time) ([]Warning, error) {
	var out []Warning
	warn := func(id, problem, do string) { out = append(out, Warning{id, problem, do}) }
	path := c.Path()
	org, err := c.Setting(ctx, casefile.SettingOrganisation)
	if err != nil {
		return nil, err
	}
	if org == "" {
		warn(CheckNoOrganisation, "the organisation you complain about is not named in the case",
			fmt.Sprintf("name it with 'dossier case %s --organisation NAME', or on the Overview tab", path))
	}
	steps, err := c.Steps(ctx, today)
	if err != nil {
		return nil, err
	}
	step := map[string]casefile.Step{}
	for _, s := range steps {
		step[s.ID] = s
	}
	today = dayStart(today)
	sent, concern := dayOf(step[casefile.StepConcernSent].Date)
	_, answered := dayOf(step[casefile.StepResponseReceived].Date)
	replyDue, _ := dayOf(step[casefile.StepResponseDue].Due) // the ICO's 30 days, from casefile's rules
	switch {
	case !concern:
		warn(CheckNoConcern, "no concern to the organisation is logged; the ICO expects you to complain to the organisation first",
			fmt.Sprintf("send it the concern letter ('dossier letter new %s --template concern', or the Letters tab) and record the day "+
				"with 'dossier steps set %s concern-sent --date YYYY-MM-DD', or on the Overview tab", path, path))
	case !answered && today.Before(replyDue):
		days := int(today.Sub(sent).Hours() / 24)
		warn(CheckTooSoon, fmt.Sprintf("you raised your concern %d %s ago (%s) and have had no reply; the ICO expects you to give "+
			"the organisation 30 days", days, plural(days, "day", "days"), casefile.LongDate(sent)),
			fmt.Sprintf("wait until %s; if there is still no reply, follow it up, then complain",
				casefile.LongDate(replyDue)))
	}
	if d := step[casefile.StepICODeadline]; d.Status == casefile.StepOverdue {
		due, _ := dayOf(d.Due)
		last, _ := dayOf(step[casefile.StepLastContact].Date)
		warn(CheckTooLate, fmt.Sprintf("your last contact with the organisation was on %s, more than three months ago (the ICO asks "+
			"for complaints by %s)", casefile.LongDate(last), casefile.LongDate(due)),
			"complain as soon as you can and say why it took longer; the ICO may still look at it")
	}
	msgs, err := c.Messages(ctx)
	if err != nil {
		return nil, err
	}
	links, err := c.Links(ctx, false)
	if err != nil {
		return nil, err
	}
	linked := 0
	for _, l := range links {
		if l.Status == casefile.StatusLinked {
			linked++
		}
	}
	switch {
	case len(msgs) == 0:
		warn(CheckNoLinks, "no text message is recorded, so nothing links the messages to the sheets",
			fmt.Sprintf("add them ('dossier msg add' or 'dossier msg import %s FILE', or the Messages tab), then link them "+
				"('dossier link auto %s')", path, path))
	case linked == 0:
		warn(CheckNoLinks, "no message is linked to a sheet row, so nothing shows the numbers texted are the numbers on the sheets",
			fmt.Sprintf("run 'dossier link auto %s', or link them by hand on the Links tab", path))
	}
	suggested, err := c.Marks(ctx, casefile.MarkSuggested)
	if err != nil {
		return nil, err
	}
	if n := len(suggested); n > 0 {
		warn(CheckMarksUnreviewed, fmt.Sprintf("%d suggested %s not reviewed: what %s would hide is not redacted until you accept %s",
			n, plural(n, "mark is", "marks are"), plural(n, "it", "they"), plural(n, "it", "them")),
			fmt.Sprintf("review them: 'dossier marks list %s', then 'dossier marks accept' or 'dossier marks reject', or the Redact tab", path))
	}
	ft, err := Summary(ctx, c, today)
	if err != nil {
		return nil, err
	}
	if ft.Length > FormWhatHappened {
		warn(CheckSummaryTooLong, fmt.Sprintf("your edited \"what happened\" text is %d characters; the ICO's form takes %d", ft.Length, FormWhatHappened),
			fmt.Sprintf("shorten it with 'dossier summary %s --edit FILE.txt'", path))
	}
	return out, nil
}

func dayOf(s string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}

func dayStart(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
