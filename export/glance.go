package export

import (
	"context"
	"slices"
	"strings"
	"time"

	"dossier/casefile"
)

// Glance is the evidence at a glance: the numbers behind the bundle's
// summary page and the app's charts, so both always show the same.
type Glance struct {
	// Period is "day", or "week" when the messages span more than
	// GlanceMaxDays (each week starts on a Monday).
	Period string
	// PerPeriod counts the messages received in each day (or week) from
	// the first to the last, empty ones included, by the date shown on
	// the phone (the zone each time was given in). The range reaches
	// polling day when that is within GlanceElectionReach of it.
	PerPeriod []PeriodCount
	// Election is polling day (YYYY-MM-DD) from the case details, or "";
	// ElectionIndex is its place in PerPeriod, -1 when outside it.
	Election      string
	ElectionIndex int
	// PerEstate has one entry per estate named on the sheets, by name,
	// then "(no estate)" for rows that name none.
	PerEstate []EstateCount
	Messages  int // all messages
	Linked    int // messages with a standing link to a sheet row
}

// PeriodCount is the messages received in one day or week.
type PeriodCount struct {
	Start    string // YYYY-MM-DD: the day, or the Monday of the week
	Messages int
}

// EstateCount is one estate's line of the charts.
type EstateCount struct {
	Estate string // as the reader may see it
	// Linked is the messages with a standing link to a row of the estate
	// (a message linked to two rows of one household counts once).
	Linked int
	// Numbers is the distinct phone numbers the sheets list for the
	// estate; Texted is how many of them received a message, that is,
	// belong to a row with a standing link.
	Numbers, Texted int
}

// Share is the fraction of the estate's sheet numbers that received a
// text, 0 when the sheets list none.
func (e EstateCount) Share() float64 {
	if e.Numbers == 0 {
		return 0
	}
	return float64(e.Texted) / float64(e.Numbers)
}

// GlanceMaxDays is the longest span shown day by day; longer ones are
// shown week by week so that the bars stay readable. GlanceElectionReach
// is how far from the messages polling day may be and still widen the
// chart to show it (a date further off is more likely a typing slip).
const (
	GlanceMaxDays       = 62
	GlanceElectionReach = 31
)

// NoEstate labels sheet rows that name no estate.
const NoEstate = "(no estate)"

// GlanceOf counts what case c holds for the charts. text turns an estate's
// name into what the reader may see (the bundle's stand-ins); nil leaves
// names as they are, for the complainant's own screen.
func GlanceOf(ctx context.Context, c *casefile.Case, text func(string) string) (Glance, error) {
	in, err := readGlance(ctx, c)
	if err != nil {
		return Glance{}, err
	}
	return in.glance(text), nil
}

// glanceInput is what the charts are counted from, read from the case in
// one go: the bundle reads it while the marks are read (see ahead).
type glanceInput struct {
	election string
	msgs     []casefile.Message
	rows     []casefile.RowEstate
	links    []casefile.Link
}

func readGlance(ctx context.Context, c *casefile.Case) (in glanceInput, err error) {
	if in.election, err = c.Setting(ctx, casefile.SettingElectionDate); err != nil {
		return in, err
	}
	if in.msgs, err = c.Messages(ctx); err != nil {
		return in, err
	}
	if in.rows, err = c.RowEstates(ctx); err != nil {
		return in, err
	}
	in.links, err = c.Links(ctx, false)
	return in, err
}

func (in glanceInput) glance(text func(string) string) Glance {
	if text == nil {
		text = func(s string) string { return s }
	}
	// A case of 100,000 rows names a few dozen estates: each is put
	// through text once.
	seen := map[string]string{}
	estateName := func(s string) string {
		t, ok := seen[s]
		if !ok {
			t = strings.TrimSpace(text(s))
			seen[s] = t
		}
		return t
	}
	g := Glance{Period: "day", ElectionIndex: -1}
	if _, err := time.Parse(time.DateOnly, strings.TrimSpace(in.election)); err == nil {
		g.Election = strings.TrimSpace(in.election)
	}
	msgs, rows, links := in.msgs, in.rows, in.links
	g.Messages = len(msgs)
	g.PerPeriod, g.Period = perPeriod(msgs, g.Election)
	for i, p := range g.PerPeriod {
		if inPeriod(g.Election, p.Start, g.Period) {
			g.ElectionIndex = i
		}
	}

	estateOf := map[int64]string{}
	type estate struct {
		linked          map[int64]bool
		numbers, texted map[string]bool
	}
	estates := map[string]*estate{}
	get := func(name string) *estate {
		e, ok := estates[name]
		if !ok {
			e = &estate{map[int64]bool{}, map[string]bool{}, map[string]bool{}}
			estates[name] = e
		}
		return e
	}
	rowPhone := map[int64]string{}
	for _, r := range rows {
		name := estateName(r.Estate)
		if strings.TrimSpace(r.Estate) == "" {
			name = NoEstate
		}
		estateOf[r.ID], rowPhone[r.ID] = name, r.PhoneE164
		e := get(name)
		if r.PhoneE164 != "" {
			e.numbers[r.PhoneE164] = true
		}
	}
	linkedMsgs := map[int64]bool{}
	for _, l := range links {
		if l.Status != casefile.StatusLinked {
			continue
		}
		linkedMsgs[l.MessageID] = true
		name, ok := estateOf[l.RowID]
		if !ok {
			continue
		}
		e := get(name)
		e.linked[l.MessageID] = true
		if p := rowPhone[l.RowID]; p != "" {
			e.texted[p] = true
		}
	}
	g.Linked = len(linkedMsgs)
	var names []string
	for name := range estates {
		names = append(names, name)
	}
	slices.SortFunc(names, func(a, b string) int {
		// "(no estate)" last, the rest by name.
		if (a == NoEstate) != (b == NoEstate) {
			if a == NoEstate {
				return 1
			}
			return -1
		}
		return strings.Compare(a, b)
	})
	for _, name := range names {
		e := estates[name]
		g.PerEstate = append(g.PerEstate, EstateCount{Estate: name, Linked: len(e.linked), Numbers: len(e.numbers), Texted: len(e.texted)})
	}
	return g
}

// perPeriod counts messages per day from the first to the last (widened
// to reach polling day when it is near), or per week when that is more
// than GlanceMaxDays.
func perPeriod(msgs []casefile.Message, election string) ([]PeriodCount, string) {
	if len(msgs) == 0 {
		return nil, "day"
	}
	day := func(m casefile.Message) time.Time {
		y, mo, d := m.At.Date() // the date shown on the phone
		return time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
	}
	first, last := day(msgs[0]), day(msgs[0])
	for _, m := range msgs {
		if d := day(m); d.Before(first) {
			first = d
		} else if d.After(last) {
			last = d
		}
	}
	if e, err := time.Parse(time.DateOnly, election); err == nil &&
		!e.Before(first.AddDate(0, 0, -GlanceElectionReach)) && !e.After(last.AddDate(0, 0, GlanceElectionReach)) {
		if e.Before(first) {
			first = e
		}
		if e.After(last) {
			last = e
		}
	}
	period, step := "day", 1
	if int(last.Sub(first).Hours()/24)+1 > GlanceMaxDays {
		period, step = "week", 7
		first = first.AddDate(0, 0, -((int(first.Weekday()) + 6) % 7)) // back to Monday
	}
	var out []PeriodCount
	index := map[string]int{}
	for d := first; !d.After(last); d = d.AddDate(0, 0, step) {
		index[d.Format(time.DateOnly)] = len(out)
		out = append(out, PeriodCount{Start: d.Format(time.DateOnly)})
	}
	for _, m := range msgs {
		d := day(m)
		if period == "week" {
			d = d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
		}
		out[index[d.Format(time.DateOnly)]].Messages++
	}
	return out, period
}

// inPeriod says whether day falls in the period (day or week) starting on
// start.
func inPeriod(day, start, period string) bool {
	if day == "" {
		return false
	}
	if period == "day" {
		return day == start
	}
	s, err1 := time.Parse(time.DateOnly, start)
	d, err2 := time.Parse(time.DateOnly, day)
	return err1 == nil && err2 == nil && !d.Before(s) && d.Before(s.AddDate(0, 0, 7))
}
