package export

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"dossier/casefile"
)

// event is one dated line of the chronology.
type event struct{ when, what, ref string }

// events are the case's dated events in time order: exhibits obtained,
// messages received and the complaint's steps, as the reader may see them.
func (b *builder) events(ctx context.Context) ([]event, error) {
	var evs []event
	for _, ex := range b.exhibits {
		if ex.Obtained != "" {
			what := "Obtained: " + b.text(ex.Title)
			if ex.Source != "" {
				what += " (from " + b.text(ex.Source) + ")"
			}
			evs = append(evs, event{ex.Obtained, what, ex.Ref})
		}
	}
	msgs, err := b.c.Messages(ctx)
	if err != nil {
		return nil, err
	}
	for _, m := range msgs {
		evs = append(evs, event{m.At.Format("2006-01-02 15:04"), fmt.Sprintf("Text message from %s to %s", b.text(m.From), b.phone(m.To)), m.Exhibit})
	}
	steps, err := b.c.Steps(ctx, b.opt.Date)
	if err != nil {
		return nil, err
	}
	for _, s := range steps {
		if s.Date != "" && !s.Derived {
			what := s.Label
			if s.Ref != "" {
				what += " (" + s.Ref + ")"
			}
			evs = append(evs, event{s.Date, what, ""})
		}
	}
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].when < evs[j].when })
	return evs, nil
}

// chronology is the section listing events.
func (b *builder) chronology(ctx context.Context) error {
	evs, err := b.events(ctx)
	if err != nil {
		return err
	}
	b.d.heading("Chronology")
	if len(evs) == 0 {
		b.d.para("No dated events are recorded in this case.", 10)
		return nil
	}
	rows := [][]string{{"When", "What happened", "Exhibit"}}
	for _, e := range evs {
		rows = append(rows, []string{ukDate(e.when), e.what, e.ref})
	}
	b.d.table([]float64{0.2, 0.68, 0.12}, rows, 9, nil)
	return nil
}

// phone shows a recipient number as the bundle's reader may see it.
func (b *builder) phone(raw string) string { return b.text(raw) }

// ukDate turns 2015-06-08 (and 2015-06-08 09:00) into 8 Jun 2015 (09:00).
func ukDate(s string) string {
	for _, f := range []string{"2006-01-02 15:04", time.DateOnly} {
		if t, err := time.Parse(f, s); err == nil {
			if len(s) > 10 {
				return t.Format("2 Jan 2006 15:04")
			}
			return t.Format("2 Jan 2006")
		}
	}
	return s
}

// schedule is the link schedule: each message with the sheet row(s) its
// recipient's phone is listed on, in pseudonyms, with the basis.
func (b *builder) schedule(in scheduleInput) {
	msgs, byMsg, nRows := in.msgs, in.byMsg, in.nRows
	linkedRows := map[int64]bool{}
	for _, ls := range byMsg {
		for _, l := range ls {
			linkedRows[l.RowID] = true
		}
	}
	linked := 0
	for _, m := range msgs {
		if len(byMsg[m.ID]) > 0 {
			linked++
		}
	}
	b.d.heading("Link schedule")
	b.d.para(fmt.Sprintf("%d of %d text messages are linked to a row of a data sheet; %d messages are not. "+
		"%d of %d sheet rows have a message linked to them. A link by phone means the number the message was "+
		"received on is the number the sheet lists for that row.", linked, len(msgs), len(msgs)-linked, len(linkedRows), nRows), 9.5)
	b.d.Ln(2)
	if len(msgs) == 0 {
		b.d.para("No messages are recorded in this case.", 10)
		return
	}
	rows := [][]string{{"Message", "Received on", "Sheet row", "Listed for", "Basis"}}
	for _, m := range msgs {
		msg := fmt.Sprintf("%d (%s)\n%s\nfrom %s", m.ID, m.Exhibit, m.At.Format("2 Jan 2006 15:04"), b.text(m.From))
		ls := byMsg[m.ID]
		if len(ls) == 0 {
			rows = append(rows, []string{msg, b.phone(m.To), "not linked", "", ""})
			continue
		}
		for _, l := range ls {
			r := in.rows[l.RowID]
			who := strings.Join(nonEmpty(b.text(r.Name), b.text(r.Address), estate(r.Estate)), ", ")
			basis := l.Basis
			if l.Reason != "" {
				basis += ": " + l.Reason
			}
			rows = append(rows, []string{msg, b.phone(m.To), fmt.Sprintf("%s %s", r.Exhibit, r.SourceRef), who, basis})
		}
	}
	b.d.table([]float64{0.25, 0.15, 0.17, 0.28, 0.15}, rows, 8.5, nil)
}

// scheduleInput is what the link schedule is made from, read from the
// case in one go: the bundle reads it while the marks are read (see
// ahead).
type scheduleInput struct {
	msgs  []casefile.Message
	byMsg map[int64][]casefile.Link // linked only
	rows  map[int64]casefile.Row    // the rows they link to
	nRows int
}

func readSchedule(ctx context.Context, c *casefile.Case) (in scheduleInput, err error) {
	if in.msgs, err = c.Messages(ctx); err != nil {
		return in, err
	}
	links, err := c.Links(ctx, false)
	if err != nil {
		return in, err
	}
	in.byMsg, in.rows = map[int64][]casefile.Link{}, map[int64]casefile.Row{}
	for _, l := range links {
		if l.Status != casefile.StatusLinked {
			continue
		}
		in.byMsg[l.MessageID] = append(in.byMsg[l.MessageID], l)
		if _, ok := in.rows[l.RowID]; !ok {
			if in.rows[l.RowID], err = c.RowByID(ctx, l.RowID); err != nil {
				return in, err
			}
		}
	}
	in.nRows, err = c.CountRows(ctx, casefile.RowQuery{})
	return in, err
}

func estate(s string) string {
	if s == "" {
		return ""
	}
	return "Estate " + s
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// custody prints the custody log with its hashes, as far as the last
// evidence event (see evidenceLog): each event in plain words
// (casefile.EventSummary), as the app's Custody tab shows it. The detail
// as stored, from which each hash is computed, is in the attached
// manifest (custodyEvents).
func (b *builder) custody() {
	b.d.heading("Custody log")
	b.d.para("Each event's hash is SHA-256 of the previous event's hash and this event's fields; the first event "+
		"chains from the case's UUID. Changing, removing or reordering any event changes every hash after it. "+
		"The fields of every event, as stored, are in the manifest attached to this PDF ("+ManifestName+").", 9)
	b.d.Ln(2)
	rows := [][]string{{"#", "When (UTC)", "Who", "What happened", "Hash"}}
	for _, e := range b.log {
		rows = append(rows, []string{fmt.Sprint(e.Seq), e.At.UTC().Format("2006-01-02 15:04:05"), b.text(e.Actor),
			b.text(casefile.EventSummary(e)), e.Hash})
	}
	b.d.table([]float64{0.05, 0.13, 0.12, 0.45, 0.25}, rows, 6.5, []bool{false, false, false, false, true})
}

// custodyEvents are the events of the custody appendix as the case stores
// them, for the attached manifest: whoever holds the bundle can recompute
// each hash from them. A field that holds a marked value is shown with
// its stand-in instead, and the event says so (such an event's hash can
// then be checked only against the case).
func (b *builder) custodyEvents() []manifestEvent {
	out := make([]manifestEvent, 0, len(b.log))
	for _, e := range b.log {
		me := manifestEvent{Seq: e.Seq, At: e.At.UTC().Format(time.RFC3339), Actor: e.Actor, Exhibit: e.Exhibit,
			Action: e.Action, Detail: string(e.Detail), Hash: e.Hash}
		if b.app != nil {
			var a, d bool
			if out, ok := b.app.Text(me.Actor); ok {
				me.Actor, a = out, true
			}
			if out, ok := b.app.Text(me.Detail); ok {
				me.Detail, d = out, true
			}
			me.StandIns = a || d
		}
		out = append(out, me)
	}
	return out
}
