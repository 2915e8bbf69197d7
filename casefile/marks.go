package casefile

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/sync/errgroup"

	"dossier/casefile/detect"
	"dossier/casefile/names"
	"dossier/casefile/phone"
)

// Mark kinds, statuses and the custody action for marks.
const (
	MarkTerm = "term" // a value redacted everywhere it occurs in the case
	MarkSpan = "span" // a byte range of a text exhibit
	MarkRect = "rect" // a rectangle on a page or image of an exhibit

	MarkSuggested = "suggested"
	MarkAccepted  = "accepted"
	MarkRejected  = "rejected"
	MarkRemoved   = "removed"

	ActionMarked         = "marked"          // accepted, by hand or after review
	ActionUnmarked       = "unmarked"        // an accepted mark removed, with a reason
	ActionMarksSuggested = "marks-suggested" // suggestions made, waiting for review
	ActionMarkRejected   = "mark-rejected"   // suggestions turned down
	ActionMarkMoved      = "mark-moved"      // a rectangle replaced by one elsewhere
)

// Mark is one redaction. Rectangles are in fractions (0..1) of the page's
// or image's width and height, so they hold at any rendering resolution.
type Mark struct {
	ID         int64
	Kind       string
	Status     string
	Exhibit    string // reference; "" for a term
	ValueKind  string // phone, name, email, postcode, ni, uprn, address, text
	Value      string // the redacted value (never exported)
	ValueKey   string // normalised form, the pseudonym's key
	Page       int
	X, Y, W, H float64
	Start, End int
	Origin     string // manual, rows, detector, ocr
	Note       string
	By         string
	At         time.Time
	Supersedes int64 // the mark this one replaced (a moved rectangle), or 0
}

// valueKey normalises a value of a kind, so that every written form of a
// number or name maps to one mark and one pseudonym.
func valueKey(kind, value string) string {
	switch kind {
	case string(detect.Phone):
		if e, err := phone.Normalize(value); err == nil {
			return e
		}
	case string(detect.Name):
		return names.Key(value)
	case string(detect.Postcode), string(detect.NINumber):
		return strings.ToUpper(strings.Join(strings.Fields(value), ""))
	case string(detect.Email):
		return strings.ToLower(strings.TrimSpace(value))
	}
	return names.Fold(value)
}

// guessValueKind says what a typed term is: a phone number if it is one,
// an email if it has an @, else text (a name, an address, anything).
func guessValueKind(value string) string {
	if _, err := phone.Normalize(value); err == nil {
		return string(detect.Phone)
	}
	if strings.Contains(value, "@") {
		return string(detect.Email)
	}
	if len(strings.Fields(value)) >= 2 {
		return string(detect.Name)
	}
	return "text"
}

// AddTermMark redacts value everywhere in the case. kind "" guesses
// (phone, email, else name or text). A person adding it accepts it.
func (c *Case) AddTermMark(ctx context.Context, value, kind string) (Mark, error) {
	value = strings.TrimSpace(value)
	if value == "" {
		return Mark{}, fmt.Errorf("mark term: %w", invalid("the term is empty"))
	}
	if kind == "" {
		kind = guessValueKind(value)
	}
	m := Mark{Kind: MarkTerm, Status: MarkAccepted, ValueKind: kind, Value: value, ValueKey: valueKey(kind, value), Origin: "manual"}
	id, err := c.upsertTerm(ctx, m, true)
	if err != nil {
		return Mark{}, fmt.Errorf("mark term: %w", err)
	}
	return c.MarkByID(ctx, id)
}

// upsertTerm inserts a term mark or, if the value is already marked,
// accepts it when accept is set; it returns the mark's id.
func (c *Case) upsertTerm(ctx context.Context, m Mark, accept bool) (int64, error) {
	var id int64
	err := c.tx(ctx, func(tx *sql.Tx) error {
		rec, err := startRecords(ctx, tx, "marks", "mark_history")
		if err != nil {
			return err
		}
		var status string
		err = tx.QueryRowContext(ctx, `SELECT id, status FROM current_marks WHERE kind = 'term' AND value_kind = ? AND value_key = ?`,
			m.ValueKind, m.ValueKey).Scan(&id, &status)
		switch {
		case err == sql.ErrNoRows:
			id, err = c.insertMark(ctx, tx, m)
			if err != nil {
				return err
			}
			action := ActionMarked
			if m.Status != MarkAccepted {
				action = ActionMarksSuggested
			}
			return c.markEvent(ctx, tx, rec, action, id, m, "")
		case err != nil:
			return err
		case accept && status != MarkAccepted:
			old, err := c.markQ(ctx, tx, id)
			if err != nil {
				return err
			}
			if err := c.setMarkStatus(ctx, tx, old, MarkAccepted, ""); err != nil {
				return err
			}
			return c.markEvent(ctx, tx, rec, ActionMarked, id, old, "")
		}
		return nil
	})
	return id, err
}

func (c *Case) insertMark(ctx context.Context, tx *sql.Tx, m Mark) (int64, error) {
	var exID, sup any
	if m.Exhibit != "" {
		ex, err := c.exhibitQ(ctx, tx, m.Exhibit)
		if err != nil {
			return 0, err
		}
		exID = ex.ID
	}
	if m.Supersedes != 0 {
		sup = m.Supersedes
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO marks (kind, status, exhibit_id, value_kind, value, value_key, page, x, y, w, h,
		span_start, span_end, origin, note, by, at, supersedes) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		m.Kind, m.Status, exID, m.ValueKind, m.Value, m.ValueKey, m.Page, m.X, m.Y, m.W, m.H, m.Start, m.End,
		m.Origin, m.Note, c.Actor(), formatTime(Clock()), sup)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// markEvent records what happened to a mark in custody, with the records
// added since rec started, but without its value: the log is printed in
// bundles, and a redacted value must appear nowhere in them.
func (c *Case) markEvent(ctx context.Context, tx *sql.Tx, rec *recorder, action string, id int64, m Mark, reason string) error {
	d := map[string]any{"mark": id, "kind": m.Kind, "value_kind": m.ValueKind, "origin": m.Origin}
	if m.Kind == MarkRect {
		d["rect"] = []any{m.Page, m.X, m.Y, m.W, m.H}
	}
	if m.Kind == MarkSpan {
		d["span"] = []int{m.Start, m.End}
	}
	if reason != "" {
		d["reason"] = reason
	}
	return c.recordEvent(ctx, tx, rec, action, m.Exhibit, d)
}

// AddRectMark blacks out a rectangle of an exhibit's page (1 for an
// image). X, Y, W, H are fractions of the page (0..1).
func (c *Case) AddRectMark(ctx context.Context, ref string, page int, x, y, w, h float64) (Mark, error) {
	if err := checkRect(page, x, y, w, h); err != nil {
		return Mark{}, fmt.Errorf("mark %s: %w", ref, err)
	}
	return c.addExhibitMark(ctx, ref, Mark{Kind: MarkRect, Page: page, X: x, Y: y, W: w, H: h})
}

func checkRect(page int, x, y, w, h float64) error {
	if page < 1 || w <= 0 || h <= 0 || x < 0 || y < 0 || x+w > 1.0000001 || y+h > 1.0000001 {
		return fmt.Errorf("%w: rectangle %d,%g,%g,%g,%g is outside the page (x, y, width and height are fractions 0..1 of the page; pages count from 1)",
			ErrInvalid, page, x, y, w, h)
	}
	return nil
}

// MoveRectMark puts rectangle mark id at x, y, w, h on the same page, in
// one transaction: a new accepted mark that supersedes the old, which is
// recorded as removed (rejected, if it was a suggestion) with the reason
// "moved to box N". One "mark-moved" custody event records both, so a
// failure part way can never leave the exhibit without its box.
func (c *Case) MoveRectMark(ctx context.Context, id int64, x, y, w, h float64) (Mark, error) {
	var newID int64
	err := c.tx(ctx, func(tx *sql.Tx) error {
		old, err := c.markQ(ctx, tx, id)
		if err != nil {
			return err
		}
		if old.Kind != MarkRect {
			return invalid("mark %d is a %s, not a rectangle", id, old.Kind)
		}
		if old.Status != MarkAccepted && old.Status != MarkSuggested {
			return invalid("mark %d is %s; only a standing rectangle can be moved", id, old.Status)
		}
		if err := checkRect(old.Page, x, y, w, h); err != nil {
			return err
		}
		rec, err := startRecords(ctx, tx, "marks", "mark_history")
		if err != nil {
			return err
		}
		m := old
		m.X, m.Y, m.W, m.H = x, y, w, h
		m.Status, m.Origin, m.Supersedes = MarkAccepted, "manual", id
		m.Note = fmt.Sprintf("moved from box %d", id)
		if newID, err = c.insertMark(ctx, tx, m); err != nil {
			return err
		}
		status := MarkRemoved
		if old.Status == MarkSuggested {
			status = MarkRejected
		}
		if err := c.setMarkStatus(ctx, tx, old, status, fmt.Sprintf("moved to box %d", newID)); err != nil {
			return err
		}
		d := map[string]any{"mark": id, "to": newID, "kind": MarkRect, "value_kind": m.ValueKind,
			"from_rect": []any{old.Page, old.X, old.Y, old.W, old.H}, "rect": []any{m.Page, x, y, w, h}}
		return c.recordEvent(ctx, tx, rec, ActionMarkMoved, old.Exhibit, d)
	})
	if err != nil {
		return Mark{}, fmt.Errorf("move mark %d: %w", id, err)
	}
	return c.MarkByID(ctx, newID)
}

// AddSpanMark redacts the bytes start..end of a text exhibit's decoded
// text (DecodeText: the UTF-8 text that 'dossier scan --json' reports
// offsets into, whatever the file's encoding).
func (c *Case) AddSpanMark(ctx context.Context, ref string, start, end int) (Mark, error) {
	data, ex, err := c.ReadOriginal(ctx, ref)
	if err != nil {
		return Mark{}, fmt.Errorf("mark %s: %w", ref, err)
	}
	if !IsText(ex.MediaType) {
		return Mark{}, fmt.Errorf("mark %s: %w", ex.Ref, invalid("a span needs a text exhibit; this is %s (mark a rectangle instead)", ex.MediaType))
	}
	text := DecodeText(data)
	if start < 0 || end <= start || end > len(text) || !utf8.RuneStart(text[start]) || (end < len(text) && !utf8.RuneStart(text[end])) {
		return Mark{}, fmt.Errorf("mark %s: %w", ex.Ref, invalid("span %d,%d is outside the text (0..%d bytes of its UTF-8 form) or splits a character", start, end, len(text)))
	}
	return c.addExhibitMark(ctx, ex.Ref, Mark{Kind: MarkSpan, Start: start, End: end, Value: text[start:end], ValueKind: "text"})
}

func (c *Case) addExhibitMark(ctx context.Context, ref string, m Mark) (Mark, error) {
	m.Status, m.Origin, m.Exhibit = MarkAccepted, "manual", c.NormalizeRef(ref)
	if m.ValueKind == "" {
		m.ValueKind = "text"
	}
	var id int64
	err := c.tx(ctx, func(tx *sql.Tx) error {
		rec, err := startRecords(ctx, tx, "marks")
		if err != nil {
			return err
		}
		if id, err = c.insertMark(ctx, tx, m); err != nil {
			return err
		}
		return c.markEvent(ctx, tx, rec, ActionMarked, id, m, "")
	})
	if err != nil {
		return Mark{}, fmt.Errorf("mark %s: %w", ref, err)
	}
	return c.MarkByID(ctx, id)
}

// IsText says whether a media type is read as text for marks and bundles.
func IsText(mediaType string) bool {
	return strings.HasPrefix(mediaType, "text/") || mediaType == "message/rfc822" || mediaType == "application/json"
}

// AcceptMarks accepts suggested marks; all accepts every suggestion.
func (c *Case) AcceptMarks(ctx context.Context, ids []int64, all bool) (int, error) {
	return c.decideMarks(ctx, ids, all, MarkAccepted)
}

// RejectMarks turns suggestions down; rejected terms are not suggested again.
func (c *Case) RejectMarks(ctx context.Context, ids []int64, all bool) (int, error) {
	return c.decideMarks(ctx, ids, all, MarkRejected)
}

func (c *Case) decideMarks(ctx context.Context, ids []int64, all bool, status string) (int, error) {
	action := ActionMarked
	if status == MarkRejected {
		action = ActionMarkRejected
	}
	n := 0
	err := c.tx(ctx, func(tx *sql.Tx) error {
		// All suggestions are read in one query: a sheet of 100,000 rows
		// has over 100,000, and reading them one by one took most of the
		// time of accepting them.
		var marks []Mark
		if all {
			var err error
			marks, err = queryAll(ctx, tx, scanMark, `SELECT `+markCols+` FROM current_marks m
				LEFT JOIN exhibits e ON e.id = m.exhibit_id WHERE m.status = 'suggested' ORDER BY m.id`)
			if err != nil {
				return err
			}
		} else {
			for _, id := range ids {
				m, err := c.markQ(ctx, tx, id)
				if err != nil {
					return err
				}
				marks = append(marks, m)
			}
		}
		// One event per exhibit (terms together), so 'dossier show REF'
		// lists the decisions on REF's boxes, and accepting thousands of
		// suggestions does not write thousands of events.
		var order []string
		groups := map[string][]Mark{}
		for _, m := range marks {
			if m.Status != MarkSuggested {
				return invalid("mark %d is %s, not a suggestion", m.ID, m.Status)
			}
			if _, ok := groups[m.Exhibit]; !ok {
				order = append(order, m.Exhibit)
			}
			groups[m.Exhibit] = append(groups[m.Exhibit], m)
		}
		for _, ref := range order {
			ms := groups[ref]
			rec, err := startRecords(ctx, tx, "mark_history")
			if err != nil {
				return err
			}
			kinds := map[string]int{}
			for _, m := range ms {
				if err := c.setMarkStatus(ctx, tx, m, status, ""); err != nil {
					return err
				}
				kinds[m.Kind]++
				n++
			}
			if len(ms) == 1 {
				err = c.markEvent(ctx, tx, rec, action, ms[0].ID, ms[0], "")
			} else {
				err = c.recordEvent(ctx, tx, rec, action, ref, map[string]any{"marks": len(ms), "kinds": kinds})
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	return n, err
}

// setMarkStatus records a mark's new state; its earlier states stay on
// record. The note is the reason, if given, else the note it had.
func (c *Case) setMarkStatus(ctx context.Context, tx *sql.Tx, m Mark, status, reason string) error {
	note := m.Note
	if reason != "" {
		note = reason
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO mark_history (mark_id, status, note, by, at) VALUES (?,?,?,?,?)`,
		m.ID, status, note, c.Actor(), formatTime(Clock()))
	return err
}

// RemoveMark withdraws an accepted mark, with a reason, as a custody event.
func (c *Case) RemoveMark(ctx context.Context, id int64, reason string) error {
	if strings.TrimSpace(reason) == "" {
		return fmt.Errorf("remove mark %d: %w", id, invalid("give a reason for removing a mark"))
	}
	err := c.tx(ctx, func(tx *sql.Tx) error {
		m, err := c.markQ(ctx, tx, id)
		if err != nil {
			return err
		}
		if m.Status == MarkRemoved {
			return invalid("mark %d is already removed", id)
		}
		rec, err := startRecords(ctx, tx, "mark_history")
		if err != nil {
			return err
		}
		if err := c.setMarkStatus(ctx, tx, m, MarkRemoved, reason); err != nil {
			return err
		}
		return c.markEvent(ctx, tx, rec, ActionUnmarked, id, m, reason)
	})
	if err != nil {
		return fmt.Errorf("remove mark %d: %w", id, err)
	}
	return nil
}

// ErrUnknownMark means no mark has the given id.
var ErrUnknownMark = errors.New("no such mark")

const markCols = `m.id, m.kind, m.status, COALESCE(e.ref, ''), m.value_kind, m.value, m.value_key, m.page, m.x, m.y, m.w, m.h,
	m.span_start, m.span_end, m.origin, m.note, m.by, m.at, COALESCE(m.supersedes, 0)`

func scanMark(s scanner) (Mark, error) {
	var m Mark
	var at string
	err := s.Scan(&m.ID, &m.Kind, &m.Status, &m.Exhibit, &m.ValueKind, &m.Value, &m.ValueKey, &m.Page, &m.X, &m.Y, &m.W, &m.H,
		&m.Start, &m.End, &m.Origin, &m.Note, &m.By, &at, &m.Supersedes)
	m.At, _ = time.Parse(time.RFC3339, at)
	return m, err
}

func (c *Case) markQ(ctx context.Context, q querier, id int64) (Mark, error) {
	m, err := scanMark(q.QueryRowContext(ctx, `SELECT `+markCols+` FROM current_marks m LEFT JOIN exhibits e ON e.id = m.exhibit_id WHERE m.id = ?`, id))
	if err == sql.ErrNoRows {
		return Mark{}, fmt.Errorf("mark %d: %w (see 'dossier marks list')", id, ErrUnknownMark)
	}
	return m, err
}

// MarkByID returns one mark.
func (c *Case) MarkByID(ctx context.Context, id int64) (Mark, error) {
	m, err := c.markQ(ctx, c.db, id)
	return m, dbErr(err)
}

// MarkCounts counts the current marks by status ("suggested",
// "accepted", "rejected"...) without reading them: the app's counts of a
// case of 130,000 marks read every one of them to count it.
func (c *Case) MarkCounts(ctx context.Context) (map[string]int, error) {
	rows, err := c.db.QueryContext(ctx, `SELECT status, COUNT(*) FROM current_marks GROUP BY status`)
	if err != nil {
		return nil, dbErr(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var status string
		var n int
		if err := rows.Scan(&status, &n); err != nil {
			return nil, dbErr(err)
		}
		out[status] = n
	}
	return out, dbErr(rows.Err())
}

// AcceptedMarks returns the accepted marks in id order with what applying
// them needs (Origin, Note, By and At are left empty), and the stand-ins
// Pseudonyms gives, both from one reading of the marks: on a case of
// 130,000 marks, Marks and Pseudonyms read every one of them each. The
// rows' and messages' values are labelled while the marks are read.
func (c *Case) AcceptedMarks(ctx context.Context) ([]Mark, *Pseudonyms, error) {
	var (
		marks []Mark
		l     *labeller
	)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		return c.read(gctx, func(q dbtx) (err error) {
			marks, err = queryAll(gctx, q, func(s scanner) (Mark, error) {
				m := Mark{Status: MarkAccepted}
				err := s.Scan(&m.ID, &m.Kind, &m.Exhibit, &m.ValueKind, &m.Value, &m.ValueKey, &m.Page, &m.X, &m.Y, &m.W, &m.H,
					&m.Start, &m.End)
				return m, err
			}, `SELECT m.id, m.kind, COALESCE(e.ref, ''), m.value_kind, m.value, m.value_key, m.page, m.x, m.y, m.w, m.h,
				m.span_start, m.span_end
				FROM current_marks m LEFT JOIN exhibits e ON e.id = m.exhibit_id WHERE m.status = 'accepted' ORDER BY m.id`)
			return err
		})
	})
	g.Go(func() error {
		return c.read(gctx, func(q dbtx) (err error) {
			l, err = labelSourcesQ(gctx, q)
			return err
		})
	})
	if err := g.Wait(); err != nil {
		return nil, nil, fmt.Errorf("accepted marks: %w", dbErr(err))
	}
	byKind := map[string][]string{}
	for _, m := range marks {
		if m.Kind == MarkTerm {
			byKind[m.ValueKind] = append(byKind[m.ValueKind], m.Value)
		}
	}
	p, _ := l.terms(byKind)
	return marks, p, nil
}

// Marks returns marks in id order: with status "" those suggested or
// accepted, else those with that status ("all" for every mark).
func (c *Case) Marks(ctx context.Context, status string) ([]Mark, error) {
	q := `SELECT ` + markCols + ` FROM current_marks m LEFT JOIN exhibits e ON e.id = m.exhibit_id`
	var args []any
	switch status {
	case "":
		q += ` WHERE m.status IN ('suggested', 'accepted')`
	case "all":
	default:
		q += ` WHERE m.status = ?`
		args = append(args, status)
	}
	return queryAll(ctx, c.db, scanMark, q+` ORDER BY m.id`, args...)
}
