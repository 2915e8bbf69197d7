package casefile

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Kind is what sort of document an exhibit is.
type Kind string

// The kinds of exhibit.
const (
	KindSheet      Kind = "sheet"
	KindScreenshot Kind = "screenshot"
	KindLetter     Kind = "letter"
	KindEmail      Kind = "email"
	KindPhoto      Kind = "photo"
	KindStatement  Kind = "statement"
	KindOther      Kind = "other"
)

// Kinds lists every kind, in the order menus show them.
var Kinds = []Kind{KindSheet, KindScreenshot, KindLetter, KindEmail, KindPhoto, KindStatement, KindOther}

// ParseKind accepts a kind's name in any case; "" means "guess from the
// content" and is returned as "".
func ParseKind(s string) (Kind, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return "", nil
	}
	for _, k := range Kinds {
		if string(k) == s {
			return k, nil
		}
	}
	return "", invalid("unknown kind %q (use one of %s)", s, kindList())
}

func kindList() string {
	var ks []string
	for _, k := range Kinds {
		ks = append(ks, string(k))
	}
	return strings.Join(ks, ", ")
}

// Meta is what a person says about an exhibit. Empty Kind and Title are
// filled in from the file at intake.
type Meta struct {
	Kind       Kind
	Title      string
	Source     string // who it came from
	Obtained   string // date obtained, YYYY-MM-DD, or ""
	ObtainedBy string
}

func (m Meta) validate() error {
	if m.Kind != "" {
		if _, err := ParseKind(string(m.Kind)); err != nil {
			return err
		}
	}
	if m.Obtained != "" {
		if _, err := time.Parse(time.DateOnly, m.Obtained); err != nil {
			return invalid("date obtained %q is not a date in the form YYYY-MM-DD", m.Obtained)
		}
	}
	return nil
}

// Exhibit is one logged document.
type Exhibit struct {
	ID  int64
	Ref string // e.g. LW/3
	Meta
	Filename  string // the original file's name, as added
	Size      int64
	SHA256    string // hex SHA-256 of the original bytes
	MediaType string // sniffed from the bytes, e.g. image/png
	AddedAt   time.Time
}

const exhibitCols = `e.id, e.ref, e.kind, e.title, e.source, e.obtained, e.obtained_by,
	e.filename, b.size, b.sha256, e.media_type, e.added_at`

func scanExhibit(s scanner) (Exhibit, error) {
	var e Exhibit
	var added string
	err := s.Scan(&e.ID, &e.Ref, &e.Kind, &e.Title, &e.Source, &e.Obtained, &e.ObtainedBy,
		&e.Filename, &e.Size, &e.SHA256, &e.MediaType, &added)
	e.AddedAt, _ = time.Parse(time.RFC3339, added)
	return e, err
}

// Exhibits lists every exhibit in reference order.
func (c *Case) Exhibits(ctx context.Context) ([]Exhibit, error) {
	return queryAll(ctx, c.db, scanExhibit, `SELECT `+exhibitCols+`
		FROM exhibits e JOIN blobs b ON b.id = e.blob_id ORDER BY e.num`)
}

// NormalizeRef turns what a person types ("lw3", "LW/3", " lw / 3 ") into
// the canonical reference form, given the case's prefix; a bare number
// ("3") is taken as an exhibit number.
func (c *Case) NormalizeRef(ref string) string {
	r := strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(ref), " ", ""))
	p := c.info.Prefix
	switch {
	case strings.HasPrefix(r, p+"/"):
		return r
	case strings.HasPrefix(r, p) && len(r) > len(p):
		return p + "/" + r[len(p):]
	case r != "" && strings.Trim(r, "0123456789") == "":
		return p + "/" + strings.TrimLeft(r, "0")
	}
	return r
}

// Exhibit finds an exhibit by reference (see NormalizeRef for the forms
// accepted). It returns an error wrapping ErrUnknownExhibit if there is none.
func (c *Case) Exhibit(ctx context.Context, ref string) (Exhibit, error) {
	return c.exhibitQ(ctx, c.db, ref)
}

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func (c *Case) exhibitQ(ctx context.Context, q querier, ref string) (Exhibit, error) {
	norm := c.NormalizeRef(ref)
	e, err := scanExhibit(q.QueryRowContext(ctx, `SELECT `+exhibitCols+`
		FROM exhibits e JOIN blobs b ON b.id = e.blob_id WHERE e.ref = ?`, norm))
	if errors.Is(err, sql.ErrNoRows) {
		return Exhibit{}, fmt.Errorf("exhibit %s: %w (see 'dossier list' for the references in this case)", ref, ErrUnknownExhibit)
	}
	return e, dbErr(err)
}

// fieldChange is how a described event records one changed field.
type fieldChange struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// Describe replaces an exhibit's metadata with m and records what changed
// as one "described" custody event. Nothing is recorded if nothing changed.
func (c *Case) Describe(ctx context.Context, ref string, m Meta) (Exhibit, error) {
	m.Title = strings.TrimSpace(m.Title)
	if err := m.validate(); err != nil {
		return Exhibit{}, fmt.Errorf("describe %s: %w", ref, err)
	}
	if m.Kind == "" || m.Title == "" {
		return Exhibit{}, fmt.Errorf("describe %s: %w", ref, invalid("an exhibit needs a kind and a title"))
	}
	var out Exhibit
	err := c.tx(ctx, func(tx *sql.Tx) error {
		old, err := c.exhibitQ(ctx, tx, ref)
		if err != nil {
			return err
		}
		changes := diffMeta(old.Meta, m)
		out = old
		out.Meta = m
		if len(changes) == 0 {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE exhibits SET kind=?, title=?, source=?, obtained=?, obtained_by=? WHERE id=?`,
			m.Kind, m.Title, m.Source, m.Obtained, m.ObtainedBy, old.ID); err != nil {
			return err
		}
		return c.appendEvent(ctx, tx, ActionDescribed, old.Ref, map[string]any{"changes": changes})
	})
	if err != nil {
		return Exhibit{}, fmt.Errorf("describe %s: %w", ref, err)
	}
	return out, nil
}

func metaFields(m Meta) map[string]string {
	return map[string]string{
		"kind": string(m.Kind), "title": m.Title, "source": m.Source,
		"obtained": m.Obtained, "obtained_by": m.ObtainedBy,
	}
}

func diffMeta(a, b Meta) map[string]fieldChange {
	fa, fb := metaFields(a), metaFields(b)
	out := map[string]fieldChange{}
	for k, v := range fa {
		if fb[k] != v {
			out[k] = fieldChange{From: v, To: fb[k]}
		}
	}
	return out
}
