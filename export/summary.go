package export

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"dossier/casefile"
	"dossier/casefile/pdf"
	"dossier/export/letter"
	"dossier/internal/numfmt"
)

// The ICO's online complaint form, its limits in one table. Read on 30
// November 2026: the form at ico.org.uk/make-a-complaint/
// data-protection-complaints/personal-information-complaint/ limits "what
// happened" to 2,000 characters and asks for a dated timeline and for the
// harm caused in questions of their own; its older version
// (.../personal-information-complaint-2/) took "a maximum of four files"
// of "up to 3 MB each", which the upload pack still keeps to.
const (
	FormWhatHappened = 2000    // characters, as FormLength counts them
	FormFiles        = 4       // attachments
	FormFileBytes    = 3 << 20 // bytes an attachment
)

// ErrTooLong means an edited "what happened" text is longer than the
// ICO's form takes.
var ErrTooLong = errors.New("longer than the ICO's form takes")

// FormLength counts s as a web form's text box does at its strictest: in
// UTF-16 code units (a character outside the Basic Multilingual Plane,
// such as an emoji, is two) with every line break two (CR LF, as a form
// submits it). A text within FormWhatHappened by this count fits however
// the form counts.
func FormLength(s string) int {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	n := 0
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r >= 0x10000:
			n += 2
		default:
			n++
		}
	}
	return n
}

// FormText is what the ICO's online form is given for a case.
type FormText struct {
	// WhatHappened is the "what happened" answer: the complainant's
	// edited text when there is one, else the text written from the case.
	WhatHappened string
	Length       int  // of WhatHappened, as FormLength counts it
	Edited       bool // WhatHappened is the complainant's edited text
	// Written is the text written from the case, to start an edit from.
	Written string
	// Missing lists what the case does not say yet, each shown in Written
	// as a bracketed reminder, never as a broken sentence; and says so
	// when the complainant's own summary had to be left out to fit.
	Missing []string
	// Harm is a prompt for the form's question on the harm caused.
	Harm string
	// Timeline is the dated timeline, one event a line.
	Timeline string
}

// Summary writes the ICO form's texts for case c as on day date, with
// the case's stand-ins for every marked value, as the bundle prints them.
func Summary(ctx context.Context, c *casefile.Case, date time.Time) (FormText, error) {
	app, err := previewApplier(ctx, c, pdf.New())
	if err != nil {
		return FormText{}, fmt.Errorf("summary: %w", err)
	}
	b := &builder{c: c, opt: Options{Date: date}, info: c.Info(), app: app}
	if b.settings, err = c.Settings(ctx); err != nil {
		return FormText{}, fmt.Errorf("summary: %w", err)
	}
	if b.exhibits, err = c.Exhibits(ctx); err != nil {
		return FormText{}, fmt.Errorf("summary: %w", err)
	}
	ft, err := b.formText(ctx)
	if err != nil {
		return FormText{}, fmt.Errorf("summary: %w", err)
	}
	return ft, nil
}

// formText writes the form's texts as the bundle's reader may see them.
func (b *builder) formText(ctx context.Context) (FormText, error) {
	written, missing, facts, err := b.whatHappened(ctx)
	if err != nil {
		return FormText{}, err
	}
	ft := FormText{WhatHappened: written, Written: written, Missing: missing}
	if edited := strings.TrimSpace(b.settings[casefile.SettingICOSummary]); edited != "" {
		ft.WhatHappened, ft.Edited = b.text(edited), true
	}
	ft.Length = FormLength(ft.WhatHappened)
	ft.Harm = b.harmPrompt(facts)
	if ft.Timeline, err = b.timeline(ctx); err != nil {
		return FormText{}, err
	}
	return ft, nil
}

// caseFacts are the counts the summary and the harm prompt speak of.
type caseFacts struct {
	org      string // "" when not set
	rows     int
	messages int
	linked   int
}

// whatHappened writes the "what happened" text from the case: who the
// organisation is, what data the sheets hold, how it is known to have
// left, what was done, and what is asked. A value the case lacks is a
// bracketed reminder, listed in missing. The text is at most
// FormWhatHappened characters: the complainant's own summary is left out
// first, then long lists are shortened.
func (b *builder) whatHappened(ctx context.Context) (string, []string, caseFacts, error) {
	var missing []string
	remind := func(r string) string {
		if !slices.Contains(missing, r) {
			missing = append(missing, r)
		}
		return r
	}
	f := caseFacts{org: strings.TrimSpace(b.settings[casefile.SettingOrganisation])}
	orgName, org := f.org, "the organisation"
	if f.org == "" {
		orgName = remind("[the organisation's name: not recorded in the case yet]")
	} else {
		org = f.org
	}
	rows, err := b.c.Rows(ctx, casefile.RowQuery{})
	if err != nil {
		return "", nil, f, err
	}
	msgs, err := b.c.Messages(ctx)
	if err != nil {
		return "", nil, f, err
	}
	links, err := b.c.Links(ctx, false)
	if err != nil {
		return "", nil, f, err
	}
	linked := map[int64]bool{}
	for _, l := range links {
		if l.Status == casefile.StatusLinked {
			linked[l.MessageID] = true
		}
	}
	steps, err := b.c.Steps(ctx, b.opt.Date)
	if err != nil {
		return "", nil, f, err
	}
	step := map[string]casefile.Step{}
	for _, s := range steps {
		step[s.ID] = s
	}
	f.rows, f.messages, f.linked = len(rows), len(msgs), len(linked)

	who := "I am complaining about " + orgName + "."
	data := func(maxList int) string {
		if len(rows) == 0 {
			return remind("[the data sheets: no rows transcribed yet]")
		}
		return b.sheetSentence(rows, org, maxList)
	}
	left := func(maxList int) string {
		if len(msgs) == 0 {
			return remind("[the text messages residents received: none recorded yet]")
		}
		return b.messageSentence(msgs, len(linked), org, maxList)
	}
	var received time.Time // no concern yet: the complaint duty is not engaged
	for _, id := range []string{casefile.StepConcernSent, casefile.StepConcernReceived} {
		if t, err := time.Parse(time.DateOnly, step[id].Date); err == nil {
			received = t
		}
	}
	law := ""
	if cs := letter.Engaged(letter.Facts{Rows: len(rows), Messages: len(msgs), Linked: len(linked), Received: received}); len(cs) > 0 {
		law = "I believe this engages " + letter.Brief(cs) + "."
	}
	done := b.doneSentence(step, org, remind)
	ask := fmt.Sprintf("I ask you to investigate how the residents' data left %s and who received it, to require %s to stop any "+
		"further use of it and to tell the residents affected, and to take whatever action you consider appropriate.", org, org)
	own := strings.TrimSpace(b.text(strings.TrimSpace(b.settings[casefile.SettingSummary])))

	compose := func(own string, maxList int) string {
		text := strings.Join(nonEmpty(who, data(maxList), left(maxList), law, done, ask), " ")
		if own != "" {
			text = own + "\n\n" + text
		}
		return text
	}
	var text string
	for _, try := range []struct {
		own     string
		maxList int
	}{{own, 6}, {"", 6}, {"", 3}, {"", 1}} {
		text = compose(try.own, try.maxList)
		if FormLength(text) <= FormWhatHappened {
			if own != "" && try.own == "" {
				missing = append(missing, "your own summary (case details) was left out: with the facts it does not fit in the form's 2,000 characters; edit the text to fit it in")
			}
			break
		}
	}
	return clipForm(text, FormWhatHappened), missing, f, nil
}

// sheetSentence says what the data sheets hold.
func (b *builder) sheetSentence(rows []casefile.Row, org string, maxList int) string {
	var sheets, estates []string
	cols := map[string]bool{}
	extra := map[string]bool{}
	for _, r := range rows {
		if !slices.Contains(sheets, r.Exhibit) {
			sheets = append(sheets, r.Exhibit)
		}
		if e := strings.TrimSpace(b.text(r.Estate)); e != "" && !slices.Contains(estates, e) {
			estates = append(estates, e)
		}
		for name, v := range map[string]string{"name": r.Name, "address": r.Address, "phone": r.Phone, "uprn": r.UPRN,
			"estate": r.Estate, "neighbourhood": r.Neighbourhood} {
			cols[name] = cols[name] || strings.TrimSpace(v) != ""
		}
		for k, v := range r.Extra {
			extra[k] = extra[k] || strings.TrimSpace(v) != ""
		}
	}
	var what []string
	for _, c := range []struct{ key, words string }{{"name", "names"}, {"address", "addresses"}, {"phone", "phone numbers"},
		{"uprn", "property references (UPRN)"}, {"estate", "estates"}, {"neighbourhood", "neighbourhoods"}} {
		if cols[c.key] {
			what = append(what, c.words)
		}
	}
	var others []string
	for k, has := range extra {
		if has {
			others = append(others, strings.ToLower(b.text(k)))
		}
	}
	slices.Sort(others)
	what = append(what, others...)
	slices.Sort(estates)
	s := fmt.Sprintf("Data sheets (%s) that I believe come from %s list %s %s", strings.Join(sheets, ", "), org, numfmt.Thousands(len(rows)),
		plural(len(rows), "entry for a resident", "entries for residents"))
	if len(estates) > 0 {
		s += fmt.Sprintf(" of %d %s (%s)", len(estates), plural(len(estates), "estate", "estates"), shortList(estates, maxList))
	}
	if len(what) > 0 {
		s += ", with " + shortList(what, maxList+3)
	}
	return s + "."
}

// messageSentence says how the data is known to have left: messages
// received on numbers the sheets list.
func (b *builder) messageSentence(msgs []casefile.Message, linked int, org string, maxList int) string {
	first, last := msgs[0].At, msgs[0].At
	var senders []string
	for _, m := range msgs {
		if m.At.Before(first) {
			first = m.At
		}
		if m.At.After(last) {
			last = m.At
		}
		if s := strings.TrimSpace(b.text(m.From)); s != "" && !slices.Contains(senders, s) {
			senders = append(senders, s)
		}
	}
	when := "on " + casefile.LongDate(first)
	if casefile.LongDate(first) != casefile.LongDate(last) {
		when = "between " + casefile.LongDate(first) + " and " + casefile.LongDate(last)
	}
	from := ""
	if len(senders) > 0 {
		from = " from " + shortList(senders, maxList)
	}
	n := fmt.Sprintf("%d text %s%s", len(msgs), plural(len(msgs), "message", "messages"), from)
	if linked == 0 {
		return fmt.Sprintf("Residents received %s %s; none is linked to a sheet entry yet.", n, when)
	}
	return fmt.Sprintf("This is why I believe the data left %s: %s, residents received %s, and %d of them %s received on the "+
		"phone number those sheets list for the resident who received it (see the link schedule in the bundle).",
		org, when, n, linked, plural(linked, "was", "were"))
}

// doneSentence says what the complainant did and what the organisation
// answered.
func (b *builder) doneSentence(step map[string]casefile.Step, org string, remind func(string) string) string {
	long := func(id string) string {
		t, err := time.Parse(time.DateOnly, step[id].Date)
		if err != nil {
			return ""
		}
		return casefile.LongDate(t)
	}
	if long(casefile.StepConcernSent) == "" {
		return remind("[raising the concern with the organisation: not recorded in the case yet]")
	}
	s := "I raised my concern with " + org + " on " + long(casefile.StepConcernSent)
	if d := long(casefile.StepFollowUpSent); d != "" {
		s += " and followed it up on " + d
	}
	if d := long(casefile.StepAckReceived); d != "" {
		s += "; they acknowledged it on " + d
	}
	if d := long(casefile.StepResponseReceived); d != "" {
		s += "; they replied on " + d + "."
	} else {
		s += "; I have had no reply."
	}
	if ack := step[casefile.StepAckDue]; ack.Status == casefile.StepOverdue && long(casefile.StepAckReceived) == "" {
		t, _ := time.Parse(time.DateOnly, ack.Due)
		s += " They did not acknowledge it within the 30 days the law allows (by " + casefile.LongDate(t) + ")."
	}
	return s
}

// harmPrompt helps the complainant answer the form's question on harm:
// questions drawn from what the case holds, for their own words.
func (b *builder) harmPrompt(f caseFacts) string {
	org := f.org
	if org == "" {
		org = "the organisation"
	}
	var q []string
	if f.messages > 0 {
		q = append(q, fmt.Sprintf("Residents received %d text %s they did not ask for: how did they feel about who had their "+
			"private number, and what else that sender might know about them?", f.messages, plural(f.messages, "message", "messages")))
	}
	if f.rows > 0 {
		q = append(q, fmt.Sprintf("The data sheets hold %d %s: what could someone holding them do with the names, addresses "+
			"and numbers (call, text or visit people)?", f.rows, plural(f.rows, "entry", "entries")))
	}
	q = append(q,
		"Did anyone change their number, stop answering calls, or spend time and money dealing with it?",
		"Has it affected anyone's trust in "+org+", or how safe they feel at home?",
		"Were any of the people affected vulnerable, for example elderly, disabled, or at risk from someone who could now find them?")
	var s strings.Builder
	s.WriteString("The harm caused (the ICO's form asks for it in a question of its own). Say in your own words who was " +
		"affected and how. Questions that may help:\n")
	for _, line := range q {
		s.WriteString("- " + line + "\n")
	}
	s.WriteString("Keep residents' names and numbers out of it: say \"a resident\", or use the stand-ins in the bundle such as [Resident 3].\n")
	return s.String()
}

// timeline is the dated timeline: the chronology as plain lines.
func (b *builder) timeline(ctx context.Context) (string, error) {
	evs, err := b.events(ctx)
	if err != nil {
		return "", err
	}
	var t strings.Builder
	for _, e := range evs {
		ref := ""
		if e.ref != "" {
			ref = " (" + e.ref + ")"
		}
		fmt.Fprintf(&t, "%s  %s%s\n", ukDate(e.when), e.what, ref)
	}
	return t.String(), nil
}

// shortList joins at most max items as "a, b and c", naming how many
// more there are beyond that.
func shortList(xs []string, max int) string {
	if max > 0 && len(xs) > max {
		rest := len(xs) - max
		return strings.Join(xs[:max], ", ") + fmt.Sprintf(" and %d %s", rest, plural(rest, "other", "others"))
	}
	return andJoin(xs)
}

// andJoin joins "a", "b", "c" as "a, b and c".
func andJoin(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// clipForm shortens s to at most n characters as FormLength counts them,
// at the end of a sentence: a last guard, since whatHappened shortens
// lists first.
func clipForm(s string, n int) string {
	for FormLength(s) > n {
		i := strings.LastIndex(strings.TrimRight(s, ". "), ". ")
		if i < 0 {
			r := []rune(s)
			return string(r[:n/2]) + "…"
		}
		s = s[:i+1]
	}
	return s
}
