package casefile

import "time"

// NextWorkingDay returns d itself when it is a working day in England and
// Wales, else the first working day after it: the ICO's guidance moves a
// deadline that falls on a weekend or public holiday to the next working
// day.
//
// Bank holidays are worked out from their standing rules (New Year's Day,
// Good Friday, Easter Monday, the first and last Mondays of May, the last
// Monday of August, Christmas Day and Boxing Day, with substitute days
// when those fall at a weekend). A one-off holiday proclaimed for a single
// year is not known to these rules; Scotland and Northern Ireland keep
// other holidays. Both can only make a deadline a day later than shown, so
// the date shown is never later than the true one.
func NextWorkingDay(d time.Time) time.Time {
	d = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	for !IsWorkingDay(d) {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// IsWorkingDay is false on Saturdays, Sundays and the bank holidays of
// England and Wales as NextWorkingDay counts them.
func IsWorkingDay(d time.Time) bool {
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	y, m, day := d.Date()
	for _, h := range bankHolidays(y) {
		if h.Month() == m && h.Day() == day {
			return false
		}
	}
	return true
}

// bankHolidays are the standing bank holidays of England and Wales in
// year y (Banking and Financial Dealings Act 1971, Schedule 1, and the
// substitute days gov.uk lists each year).
func bankHolidays(y int) []time.Time {
	date := func(m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	// onOrAfter is the first day on or after t that is a wd.
	onOrAfter := func(t time.Time, wd time.Weekday) time.Time {
		return t.AddDate(0, 0, (int(wd)-int(t.Weekday())+7)%7)
	}
	lastMonday := func(m time.Month) time.Time {
		end := date(m+1, 1).AddDate(0, 0, -1)
		return end.AddDate(0, 0, -((int(end.Weekday()) - int(time.Monday) + 7) % 7))
	}
	easter := easterSunday(y)
	out := []time.Time{
		onOrAfter(date(time.January, 1), time.Monday),
		easter.AddDate(0, 0, -2),
		easter.AddDate(0, 0, 1),
		onOrAfter(date(time.May, 1), time.Monday),
		lastMonday(time.May),
		lastMonday(time.August),
	}
	if nyd := date(time.January, 1); nyd.Weekday() != time.Saturday && nyd.Weekday() != time.Sunday {
		out[0] = nyd
	}
	// Christmas and Boxing Day, each moved to the next weekday that is not
	// already a holiday when it falls at a weekend.
	switch date(time.December, 25).Weekday() {
	case time.Friday: // Boxing Day on Saturday moves to Monday
		out = append(out, date(time.December, 25), date(time.December, 28))
	case time.Saturday:
		out = append(out, date(time.December, 27), date(time.December, 28))
	case time.Sunday:
		out = append(out, date(time.December, 26), date(time.December, 27))
	default:
		out = append(out, date(time.December, 25), date(time.December, 26))
	}
	return out
}

// easterSunday is Easter Day in the Gregorian calendar (the anonymous
// Gregorian algorithm, also known as Meeus/Jones/Butcher).
func easterSunday(y int) time.Time {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(y, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}
