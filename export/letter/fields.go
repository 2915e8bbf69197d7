package letter

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"dossier/casefile"
	"dossier/export/marks"
)

// Fields are a letter's merge values by field name (see KnownFields). A
// value is "" when the case does not know it yet; Render then merges the
// field's reminder instead.
type Fields map[string]string

// Field describes one merge field.
type Field struct {
	Name     string // as written in a template: {{.Name}}
	Help     string // what it holds, for the field list
	Reminder string // merged when the value is empty, e.g. "[your postal address]"
}

// The merge fields, in the order the field list shows them. Dates are in
// UK long form ("23 November 2026"); counts are decimal numbers.
var known = []Field{
	{"CaseTitle", "the case's title", "[case title]"},
	{"Complainant", "the complainant's name, as they sign letters (case details)", "[your name]"},
	{"ComplainantAddress", "the complainant's postal address, one line per line (case details)", "[your postal address]"},
	{"ComplainantContact", "the complainant's email or phone for replies (case details)", "[your email or phone]"},
	{"Organisation", "the organisation complained about (case details)", "[organisation]"},
	{"OrganisationAddress", "the organisation's postal address, one line per line (case details)", "[organisation's address]"},
	{"OrganisationAddressLine", "the organisation's postal address on one line, parts separated by commas", "[organisation's address]"},
	{"Summary", "a few sentences on what happened (case details)", "[say in a few sentences what happened]"},
	{"Today", "the letter's date", "[date]"},
	{"ResponseDate", "the date a reply is asked for: one calendar month after Today", "[reply date]"},
	{"ConcernSent", "step: the date the concern was sent to the organisation", "[date the concern was sent]"},
	{"ConcernReceived", "step: the date the organisation received the concern, when known", "[date they received the concern]"},
	{"AckDue", "step: the date the law required the organisation to acknowledge the concern by (complaints received from 19 June 2026)", "[date the acknowledgement was due]"},
	{"AckReceived", "step: the date the organisation acknowledged the concern", "[date of their acknowledgement]"},
	{"ResponseDue", "step: the date a reply was expected (concern sent + 30 days, the ICO's practice)", "[date the reply was due]"},
	{"FollowUpSent", "step: the date a follow-up was sent", "[date of the follow-up]"},
	{"ResponseReceived", "step: the date the organisation replied", "[date of their reply]"},
	{"LastContact", "step: the date of the last contact with the organisation", "[date of the last contact]"},
	{"ICODeadline", "step: the last day to complain to the ICO (last contact + three months)", "[ICO deadline]"},
	{"ICOSent", "step: the date the complaint was sent to the ICO", "[date of the complaint to the ICO]"},
	{"ICOReference", "step: the ICO's case reference", "[ICO case reference]"},
	{"ICOReferenceDate", "step: the date the ICO's reference was received", "[date of the ICO's reference]"},
	{"Outcome", "step: the ICO's outcome, as recorded", "[the ICO's decision]"},
	{"OutcomeDate", "step: the date of the ICO's outcome", "[date of the ICO's decision]"},
	{"ReviewDeadline", "step: the last day to ask for a case review (outcome + three months)", "[case review deadline]"},
	{"ReviewRequested", "step: the date a case review was requested", "[date the review was requested]"},
	{"Regulator", "the regulator as it is called on the letter's date (case setting 'regulator' to change it)", "[the regulator]"},
	{"Law", "the law the case's facts engage, one \"- \" line each, in plain English with the reference in brackets", "[the law that applies]"},
	{"PECRMessages", "every text message for the ICO's unsolicited-messages report, grouped by sender, receiving numbers as stand-ins", "[the messages: none recorded yet]"},
	{"RowCount", "number of data-sheet rows transcribed", "[number of rows]"},
	{"MessageCount", "number of text messages recorded", "[number of messages]"},
	{"LinkedMessageCount", "messages with a standing link to a row", "[number of linked messages]"},
	{"UnlinkedMessageCount", "messages with no standing link", "[number of unlinked messages]"},
	{"ExhibitCount", "number of exhibits", "[number of exhibits]"},
	{"SheetRefs", "references of the sheet exhibits, e.g. \"LW/1 and LW/2\"", "[data sheet exhibit references]"},
	{"ScreenshotRefs", "references of the screenshot exhibits", "[screenshot exhibit references]"},
	{"ExhibitList", "every exhibit, one a line: reference, title, date obtained", "[list of exhibits]"},
}

// KnownFields returns every merge field a template may use, in display
// order.
func KnownFields() []Field { return append([]Field(nil), known...) }

func field(name string) (Field, bool) {
	for _, f := range known {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

func fieldNames() string {
	names := make([]string, len(known))
	for i, f := range known {
		names[i] = f.Name
	}
	return strings.Join(names, ", ")
}

// LongDate formats a day the way UK letters do: "23 November 2026".
func LongDate(t time.Time) string { return casefile.LongDate(t) }

// longDay turns a YYYY-MM-DD step date into a long date ("" stays "").
func longDay(s string) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return LongDate(t)
}

// settingFields maps case details to fields.
var settingFields = []struct{ field, key string }{
	{"Complainant", casefile.SettingComplainant},
	{"ComplainantAddress", casefile.SettingComplainantAddress},
	{"ComplainantContact", casefile.SettingComplainantContact},
	{"Organisation", casefile.SettingOrganisation},
	{"OrganisationAddress", casefile.SettingOrganisationAddr},
	{"Summary", casefile.SettingSummary},
}

// stepFields maps workflow steps to fields: a step's date, or its date
// and its reference text.
var stepFields = []struct{ step, date, ref string }{
	{casefile.StepConcernSent, "ConcernSent", ""},
	{casefile.StepConcernReceived, "ConcernReceived", ""},
	{casefile.StepAckDue, "AckDue", ""},
	{casefile.StepAckReceived, "AckReceived", ""},
	{casefile.StepResponseDue, "ResponseDue", ""},
	{casefile.StepFollowUpSent, "FollowUpSent", ""},
	{casefile.StepResponseReceived, "ResponseReceived", ""},
	{casefile.StepLastContact, "LastContact", ""},
	{casefile.StepICODeadline, "ICODeadline", ""},
	{casefile.StepICOSent, "ICOSent", ""},
	{casefile.StepICOReference, "ICOReferenceDate", "ICOReference"},
	{casefile.StepOutcome, "OutcomeDate", "Outcome"},
	{casefile.StepReviewDeadline, "ReviewDeadline", ""},
	{casefile.StepReviewRequested, "ReviewRequested", ""},
}

// FieldOptions change how CaseFieldsWith draws values from a case.
type FieldOptions struct {
	// ShowNumbers are the ids of messages whose resident has agreed that
	// the number they received it on may be shown in the PECR report; any
	// other receiving number appears as its stand-in.
	ShowNumbers map[int64]bool
}

// CaseFields gathers every merge value from case c for a letter dated
// today. Every known field is present in the result, "" when the case does
// not know it.
//
// Values drawn from the evidence (the case title, summary, exhibit
// titles, messages) pass through the case's redaction stand-ins, as the
// bundle's text does, so a resident's name or number never reaches a
// letter. The complainant's and organisation's own details are a letter's
// sender and recipient and are merged as they are.
func CaseFields(ctx context.Context, c *casefile.Case, today time.Time) (Fields, error) {
	return CaseFieldsWith(ctx, c, today, FieldOptions{})
}

// CaseFieldsWith is CaseFields with options.
func CaseFieldsWith(ctx context.Context, c *casefile.Case, today time.Time, opt FieldOptions) (Fields, error) {
	app, err := marks.New(ctx, c, nil)
	if err != nil {
		return nil, fmt.Errorf("letter fields: %w", err)
	}
	text := func(s string) string { out, _ := app.Text(s); return out }
	f := Fields{}
	for _, k := range known {
		f[k.Name] = ""
	}
	f["CaseTitle"] = text(c.Info().Title)
	for _, s := range settingFields {
		v, err := c.Setting(ctx, s.key)
		if err != nil {
			return nil, fmt.Errorf("letter fields: %w", err)
		}
		f[s.field] = strings.TrimSpace(v)
	}
	f["Summary"] = text(f["Summary"])
	regulator, err := c.Setting(ctx, casefile.SettingRegulator)
	if err != nil {
		return nil, fmt.Errorf("letter fields: %w", err)
	}
	f["OrganisationAddressLine"] = oneLine(f["OrganisationAddress"])
	day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	f["Today"] = LongDate(day)
	f["Regulator"] = casefile.RegulatorName(day, regulator)
	f["ResponseDate"] = LongDate(casefile.AddMonths(day, 1))

	steps, err := c.Steps(ctx, day)
	if err != nil {
		return nil, fmt.Errorf("letter fields: %w", err)
	}
	byID := map[string]casefile.Step{}
	for _, s := range steps {
		byID[s.ID] = s
	}
	for _, sf := range stepFields {
		s := byID[sf.step]
		date := s.Date
		if s.Derived && s.Due != "" {
			date = s.Due
		}
		f[sf.date] = longDay(date)
		if sf.ref != "" {
			f[sf.ref] = s.Ref
		}
	}

	// Residents, not rows: a scanned sheet transcribed beside the data
	// sheet lists the same people again.
	all, err := c.Rows(ctx, casefile.RowQuery{})
	if err != nil {
		return nil, fmt.Errorf("letter fields: %w", err)
	}
	people := map[string]bool{}
	for _, r := range all {
		key := r.NameKey + "|" + r.Address
		if r.NameKey == "" {
			key = fmt.Sprint("row ", r.ID)
		}
		people[key] = true
	}
	rows := len(people)
	msgs, err := c.Messages(ctx)
	if err != nil {
		return nil, fmt.Errorf("letter fields: %w", err)
	}
	links, err := c.Links(ctx, false)
	if err != nil {
		return nil, fmt.Errorf("letter fields: %w", err)
	}
	linked := map[int64]bool{}
	for _, l := range links {
		if l.Status == casefile.StatusLinked {
			linked[l.MessageID] = true
		}
	}
	received := day
	for _, id := range []string{casefile.StepConcernSent, casefile.StepConcernReceived} {
		if t, err := time.Parse(time.DateOnly, byID[id].Date); err == nil {
			received = t
		}
	}
	f["Law"] = lawList(Facts{Rows: rows, Messages: len(msgs), Linked: len(linked), Received: received})
	f["PECRMessages"] = pecrMessages(msgs, text, opt.ShowNumbers)
	f["RowCount"] = strconv.Itoa(rows)
	f["MessageCount"] = strconv.Itoa(len(msgs))
	f["LinkedMessageCount"] = strconv.Itoa(len(linked))
	f["UnlinkedMessageCount"] = strconv.Itoa(len(msgs) - len(linked))

	exs, err := c.Exhibits(ctx)
	if err != nil {
		return nil, fmt.Errorf("letter fields: %w", err)
	}
	f["ExhibitCount"] = strconv.Itoa(len(exs))
	var sheets, shots, list []string
	for _, e := range exs {
		switch e.Kind {
		case casefile.KindSheet:
			sheets = append(sheets, e.Ref)
		case casefile.KindScreenshot:
			shots = append(shots, e.Ref)
		}
		e.Title = text(e.Title)
		list = append(list, ExhibitLine(e))
	}
	f["SheetRefs"] = andList(sheets)
	f["ScreenshotRefs"] = andList(shots)
	f["ExhibitList"] = strings.Join(list, "\n")
	return f, nil
}

// ExhibitLine is an exhibit as a letter lists it:
// "LW/1 Data sheet, Martineau estate (obtained 9 June 2015)".
func ExhibitLine(e casefile.Exhibit) string {
	s := e.Ref + " " + strings.Join(strings.Fields(e.Title), " ")
	if e.Obtained != "" {
		s += " (obtained " + longDay(e.Obtained) + ")"
	}
	return s
}

// oneLine joins the lines of an address with commas.
func oneLine(s string) string {
	var parts []string
	for _, ln := range strings.Split(s, "\n") {
		if ln = strings.Trim(strings.TrimSpace(ln), ","); ln != "" {
			parts = append(parts, ln)
		}
	}
	return strings.Join(parts, ", ")
}

// andList joins "LW/1", "LW/2", "LW/3" as "LW/1, LW/2 and LW/3".
func andList(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// Unfilled returns the reminders still in a letter's text ("[your postal
// address]"), each once, in the order they first appear, so that a letter
// is not saved or sent with gaps its writer meant to fill.
func Unfilled(text string) []string {
	type hit struct {
		at int
		r  string
	}
	var hits []hit
	seen := map[string]bool{}
	reminders := slices.Clone(pecrReminders)
	for _, f := range known {
		reminders = append(reminders, f.Reminder)
	}
	for _, r := range reminders {
		if i := strings.Index(text, r); i >= 0 && !seen[r] {
			seen[r] = true
			hits = append(hits, hit{i, r})
		}
	}
	slices.SortFunc(hits, func(a, b hit) int { return a.at - b.at })
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.r
	}
	return out
}
