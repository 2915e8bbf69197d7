package casefile

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strings"

	"dossier/casefile/detect"
	"dossier/casefile/names"
	"dossier/casefile/textenc"
)

// SuggestResult counts what SuggestMarks proposed.
type SuggestResult struct {
	New      int // suggestions added now
	Scanned  int // texts scanned with the detectors
	Findings int // detector findings (before merging repeats)
}

// AddDictionaryName adds a name to look for beyond those on the sheets
// (someone named in a letter or statement who is on no sheet).
func (c *Case) AddDictionaryName(ctx context.Context, name string) error {
	key := names.Key(name)
	if key == "" {
		return fmt.Errorf("dictionary: %w", invalid("%q has no letters to match", name))
	}
	return c.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO dictionary (term, term_key, added_by, at) VALUES (?,?,?,?)
			ON CONFLICT (term_key) DO NOTHING`, strings.TrimSpace(name), key, c.Actor(), formatTime(Clock()))
		return err
	})
}

// CaseNames lists every resident name in the case (rows, messages,
// dictionary), as written, once per person.
func (c *Case) CaseNames(ctx context.Context) ([]string, error) {
	rows, err := c.db.QueryContext(ctx, `SELECT name FROM rows WHERE name != ''
		UNION ALL SELECT resident_name FROM messages WHERE resident_name != ''
		UNION ALL SELECT term FROM dictionary`)
	if err != nil {
		return nil, dbErr(err)
	}
	defer rows.Close()
	seen := map[string]bool{}
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, dbErr(err)
		}
		if k := names.Key(n); k != "" && !seen[k] {
			seen[k] = true
			out = append(out, n)
		}
	}
	return out, dbErr(rows.Err())
}

// Detector builds a detector that knows the case's names.
func (c *Case) Detector(ctx context.Context) (*detect.Detector, error) {
	ns, err := c.CaseNames(ctx)
	if err != nil {
		return nil, err
	}
	return detect.New(detect.Options{Names: ns})
}

// ExhibitText returns an exhibit's original as text if it is a text
// exhibit (decoded by DecodeText), else ok is false.
func (c *Case) ExhibitText(ctx context.Context, ref string) (text string, ok bool, err error) {
	ex, err := c.Exhibit(ctx, ref)
	if err != nil || !IsText(ex.MediaType) {
		return "", false, err
	}
	data, _, err := c.ReadOriginal(ctx, ex.Ref)
	if err != nil {
		return "", false, err
	}
	return DecodeText(data), true, nil
}

// DecodeText reads the bytes of a text exhibit or file as text with
// package textenc: UTF-8 (a byte-order mark dropped), UTF-16, or
// Windows-1252, line by line where lines disagree. It is the one decoder
// behind text exhibits, so offsets into its result mean the same
// everywhere.
func DecodeText(data []byte) string {
	return textenc.String(data)
}

type termSuggestion struct {
	kind, value, note, origin string
	key                       string // normalised value; "" means valueKey(kind, value)
}

// SuggestMarks proposes term marks for every value that should not reach
// a bundle's reader: each name, phone, address and UPRN on the sheets and
// in messages, and whatever the detectors find in every other column of
// the sheets, in text exhibits and in message bodies (phones, emails,
// postcodes, National Insurance numbers, case names) in text exhibits and
// message bodies. Suggestions wait for a person to accept or reject them;
// values already marked, or rejected, are not suggested again.
func (c *Case) SuggestMarks(ctx context.Context) (SuggestResult, error) {
	var res SuggestResult
	var sugg []termSuggestion
	rows, err := c.Rows(ctx, RowQuery{})
	if err != nil {
		return res, err
	}
	for _, r := range rows {
		where := r.Exhibit + " " + r.SourceRef
		if strings.TrimSpace(r.Name) != "" {
			sugg = append(sugg, termSuggestion{"name", r.Name, where, "rows", ""})
		}
		sugg = append(sugg, phoneTerms(r.Phone, where)...)
		for _, s := range []termSuggestion{{"address", r.Address, where, "rows", ""}, {"uprn", r.UPRN, where, "rows", ""}} {
			if strings.TrimSpace(s.value) != "" {
				sugg = append(sugg, s)
			}
		}
	}
	msgs, err := c.Messages(ctx)
	if err != nil {
		return res, err
	}
	det, err := c.Detector(ctx)
	if err != nil {
		return res, err
	}
	homes := newHouseholds(rows)
	var forenames []termSuggestion
	scan := func(text, where string) {
		res.Scanned++
		found := det.Scan(text)
		for _, f := range found {
			res.Findings++
			sugg = append(sugg, termSuggestion{string(f.Kind), f.Text, fmt.Sprintf("%s bytes %d-%d", where, f.Start, f.End), "detector", ""})
		}
		forenames = append(forenames, homes.forenames(text, where, found)...)
	}
	// Every other column of a sheet too: notes naming a daughter, a
	// second phone, an email address.
	for _, r := range rows {
		sur := detect.SurnamesOf(r.Name)
		for _, k := range slices.Sorted(maps.Keys(r.Extra)) {
			if v := strings.TrimSpace(r.Extra[k]); v != "" {
				where := fmt.Sprintf("%s %s column %q", r.Exhibit, r.SourceRef, k)
				scan(v, where)
				sugg = append(sugg, relatives(v, where, sur)...)
			}
		}
	}
	for _, m := range msgs {
		where := fmt.Sprintf("message %d (%s)", m.ID, m.Exhibit)
		sugg = append(sugg, termSuggestion{"phone", m.To, where, "messages", ""})
		if m.ResidentName != "" {
			sugg = append(sugg, termSuggestion{"name", m.ResidentName, where, "messages", ""})
		}
		if m.ResidentAddress != "" {
			sugg = append(sugg, termSuggestion{"address", m.ResidentAddress, where, "messages", ""})
		}
		scan(m.Body, where)
	}
	linked, err := c.linkedForenames(ctx, msgs)
	if err != nil {
		return res, err
	}
	forenames = append(forenames, linked...)
	exs, err := c.Exhibits(ctx)
	if err != nil {
		return res, err
	}
	for _, ex := range exs {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		// Sheets are covered row by row; scanning their raw bytes would
		// only find the same values again.
		if !IsText(ex.MediaType) || ex.Kind == KindSheet {
			continue
		}
		text, _, err := c.ExhibitText(ctx, ex.Ref)
		if err != nil {
			return res, err
		}
		scan(text, ex.Ref)
	}
	err = c.tx(ctx, func(tx *sql.Tx) error {
		rec, err := startRecords(ctx, tx, "marks")
		if err != nil {
			return err
		}
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO marks (kind, status, value_kind, value, value_key, origin, note, by, at)
			VALUES ('term', 'suggested', ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		now, actor := formatTime(Clock()), c.Actor()
		bulk := bulkCtx(ctx)
		// A value is suggested once, with the note of its first place:
		// asking the database about each repeat (a phone or an address on
		// many rows: 390,000 values give 130,000 marks on 100,000 rows)
		// took longer than everything else.
		seen := make(map[[2]string]bool, len(sugg))
		for i, s := range append(sugg, forenames...) {
			if err := bulkErr(ctx, i); err != nil {
				return err
			}
			key := s.key
			if key == "" {
				key = valueKey(s.kind, s.value)
			}
			if key == "" || seen[[2]string{s.kind, key}] {
				continue
			}
			seen[[2]string{s.kind, key}] = true
			r, err := stmt.ExecContext(bulk, s.kind, strings.TrimSpace(s.value), key, s.origin, s.note, actor, now)
			if err != nil {
				return err
			}
			n, _ := r.RowsAffected()
			res.New += int(n)
		}
		if res.New == 0 {
			return nil
		}
		return c.recordEvent(ctx, tx, rec, ActionMarksSuggested, "", map[string]any{"marks": res.New, "kind": MarkTerm})
	})
	if err != nil {
		return res, fmt.Errorf("suggest marks: %w", err)
	}
	return res, nil
}

// relatives suggests the names in a sheet row's other columns that share
// the resident's surname ("daughter Kemi Bello" beside Ana Bello): the
// export refuses such a cell until the name is marked
// (marks.ErrUnmarkedRelative), so the same rule, detect.Relatives, offers
// it here. A name with a given name is a name mark; a title and surname
// alone ("Mrs Bello") has one word to match as a name, too few for a name
// mark, so it is suggested as text, replaced wherever it is written.
func relatives(text, where string, sur detect.Surnames) []termSuggestion {
	if len(sur) == 0 {
		return nil
	}
	var out []termSuggestion
	for _, f := range detect.Relatives(text, sur) {
		kind := string(detect.Name)
		if len(names.Tokens(f.Text)) < 2 {
			kind = "text"
		}
		out = append(out, termSuggestion{kind: kind, value: f.Text, origin: "household",
			note: fmt.Sprintf("%s bytes %d-%d: shares the resident's surname", where, f.Start, f.End)})
	}
	return out
}

// KindForename is the value kind of a resident's first name used alone.
// Its key is the whole name's key, so it shares that resident's pseudonym.
const KindForename = "forename"

// linkedForenames suggests a resident's first name where a message linked
// to their row greets them by it ("Hi Łucja, ..."): on its own a first
// name is too common a word to mark everywhere, but beside the evidence
// that it reached that resident it identifies them.
func (c *Case) linkedForenames(ctx context.Context, msgs []Message) ([]termSuggestion, error) {
	links, err := c.Links(ctx, false)
	if err != nil {
		return nil, err
	}
	body := map[int64]string{}
	for _, m := range msgs {
		body[m.ID] = " " + names.Fold(m.Body) + " "
	}
	var out []termSuggestion
	for _, l := range links {
		if l.Status != StatusLinked {
			continue
		}
		r, err := c.RowByID(ctx, l.RowID)
		if err != nil {
			return nil, err
		}
		first := Forename(r.Name)
		if f := names.Fold(first); len([]rune(f)) >= 3 && strings.Contains(body[l.MessageID], " "+f+" ") {
			out = append(out, termSuggestion{kind: KindForename, value: first, key: names.Key(r.Name),
				note: fmt.Sprintf("first name of the resident on %s %s, in message %d", r.Exhibit, r.SourceRef, l.MessageID), origin: "links"})
		}
	}
	return out, nil
}

// households finds the people who share a home, from the sheets' rows.
type households struct {
	byName map[string][]Row // rows by names.Key of the resident
	byHome map[string][]Row // rows by folded address
}

func newHouseholds(rows []Row) households {
	h := households{byName: map[string][]Row{}, byHome: map[string][]Row{}}
	for _, r := range rows {
		if r.NameKey == "" {
			continue
		}
		h.byName[r.NameKey] = append(h.byName[r.NameKey], r)
		if a := names.Fold(r.Address); a != "" {
			h.byHome[a] = append(h.byHome[a], r)
		}
	}
	return h
}

// forenames suggests the first names of the people who live with someone
// a text names in full, where the text uses such a first name alone
// ("Statement of Maureen Baptiste ... my husband Delroy"): a resident
// tells of their household by first names, and beside the full name of
// one of them the first name identifies the other. A first name alone
// elsewhere is too common a word to suggest.
func (h households) forenames(text, where string, found []detect.Finding) []termSuggestion {
	var folded string
	var out []termSuggestion
	seen := map[string]bool{}
	for _, f := range found {
		if f.Kind != detect.Name {
			continue
		}
		for _, r := range h.byName[f.Value] {
			home := h.byHome[names.Fold(r.Address)]
			if len(home) == 0 {
				home = []Row{r}
			}
			for _, m := range home {
				first := Forename(m.Name)
				ff := names.Fold(first)
				if len([]rune(ff)) < 3 || seen[m.NameKey] {
					continue
				}
				if folded == "" {
					folded = " " + names.Fold(outsideNames(text, found)) + " "
				}
				if strings.Contains(folded, " "+ff+" ") {
					seen[m.NameKey] = true
					out = append(out, termSuggestion{kind: KindForename, value: first, key: m.NameKey, origin: "household",
						note: fmt.Sprintf("first name of the resident on %s %s, who lives with %s named in %s", m.Exhibit, m.SourceRef, f.Text, where)})
				}
			}
		}
	}
	return out
}

// outsideNames is text with every name found blanked out, so that what
// is left shows the words used on their own.
func outsideNames(text string, found []detect.Finding) string {
	b := []byte(text)
	for _, f := range found {
		if f.Kind == detect.Name && f.Start >= 0 && f.End <= len(b) {
			for i := f.Start; i < f.End; i++ {
				b[i] = ' '
			}
		}
	}
	return string(b)
}

// Forename is the first name in a name as sheets write it: the words after
// the comma in "BAPTISTE, Maureen", else the first word ("Maureen
// Baptiste"), skipping a title such as Mrs.
func Forename(name string) string {
	if _, after, ok := strings.Cut(name, ","); ok {
		name = after
	}
	for _, w := range strings.Fields(name) {
		if !names.IsHonorific(names.Fold(w)) {
			return strings.Trim(w, ".,")
		}
	}
	return ""
}
