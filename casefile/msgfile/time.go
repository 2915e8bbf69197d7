package msgfile

import (
	"errors"
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // Europe/London must load on Windows, which has no zoneinfo files
)

// ErrBadTime means a text is not a date and time ParseTime understands.
var ErrBadTime = errors.New("not a date and time")

// London is the zone of times written without an offset: the messages
// are UK texts, shown on UK phones.
var London = mustLoad("Europe/London")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err) // time/tzdata is linked in, so this cannot happen
	}
	return loc
}

// zoned are layouts that carry their own offset; the offset is kept.
var zoned = []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04Z07:00"}

// local are layouts read as UK local time (day first, always). Go's
// one-digit layout elements also accept two digits, so "2/1/2006" reads
// both "8/6/2015" and "08/06/2015". Input is upper-cased first, so "PM"
// matches "pm" and month names match in any case.
var local = func() []string {
	var out []string
	clocks := []string{"15:04", "15:04:05", "3:04PM", "3:04 PM", "3:04:05PM", "3:04:05 PM"}
	var dates []string
	for _, sep := range []string{"/", "-", "."} {
		dates = append(dates, "2"+sep+"1"+sep+"2006", "2"+sep+"1"+sep+"06")
	}
	dates = append(dates, "2006-01-02", "2006/01/02", "2 January 2006", "2 Jan 2006", "Monday 2 January 2006", "Mon 2 Jan 2006")
	for _, d := range dates {
		for _, c := range clocks {
			out = append(out, d+" "+c)
		}
	}
	out = append(out, "2006-01-02T15:04:05", "2006-01-02T15:04")
	return out
}()

// ParseTime reads the time a message was received. RFC 3339
// ("2015-06-08T09:00:00+01:00") keeps its offset. UK forms without an
// offset ("08/06/2015 09:00", "8/6/2015 9:00", "08/06/2015 09:00:05",
// "08-06-2015 09:00", "2015-06-08 09:00", "8 June 2015 09:00",
// "08/06/15 09:00", "8 June 2015 at 9:00 pm") are read day first, in
// Europe/London: summer dates get +01:00 (BST), winter dates +00:00.
// A time the clocks skip (01:30 on the last Sunday of March) is refused;
// a time that happens twice (01:30 on the last Sunday of October) is the
// first, in BST. A date without a time is refused: a message needs both.
// Errors wrap ErrBadTime and quote s.
func ParseTime(s string) (time.Time, error) {
	in := strings.TrimSpace(s)
	for _, l := range zoned {
		if t, err := time.Parse(l, in); err == nil {
			return t, nil
		}
	}
	norm := normalise(in)
	for _, l := range local {
		t, err := time.ParseInLocation(l, norm, London)
		if err != nil {
			continue
		}
		// ParseInLocation moves a wall time that does not exist (the hour
		// skipped in spring) to another hour; a phone never shows it.
		w, _ := time.Parse(l, norm)
		if t.Hour() != w.Hour() || t.Minute() != w.Minute() || t.Day() != w.Day() {
			return time.Time{}, fmt.Errorf("%q is %w: the clocks went forward that night and %s did not happen in the UK", s, ErrBadTime, w.Format("15:04"))
		}
		// A wall time that happens twice (the hour repeated in autumn) is
		// taken as the first, in BST, whatever ParseInLocation chose.
		if e := t.Add(-time.Hour); e.Hour() == t.Hour() && e.Minute() == t.Minute() {
			t = e
		}
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is %w; use 08/06/2015 09:00 or 2015-06-08T09:00:00+01:00", s, ErrBadTime)
}

// normalise folds the ways people join a date and a time: "8 June 2015,
// 09:00", "8 June 2015 at 09:00", several spaces, "9:00 p.m.".
func normalise(s string) string {
	s = strings.ToUpper(s)
	s = strings.NewReplacer(",", " ", " AT ", " ", "P.M.", "PM", "A.M.", "AM", "\u00a0", " ", "\u202f", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}
