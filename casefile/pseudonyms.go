package casefile

import (
	"context"
	"database/sql"
	"fmt"
)

// labelPrefix is how each kind of value is named in a bundle.
var labelPrefix = map[string]string{
	"name":     "Resident",
	"phone":    "Phone",
	"address":  "Address",
	"email":    "Email",
	"postcode": "Postcode",
	"ni":       "NI number",
	"uprn":     "Property",
	"text":     "Redacted",
}

// Pseudonyms maps redacted values to their stand-ins (Resident 12,
// Phone 7). The mapping is stored in the case and never exported.
type Pseudonyms struct {
	labels  map[[2]string]string
	pending []pseudonym // worked out, not stored yet
}

// Label is the stand-in for a value of a kind, by its normalised key
// (see ValueKey); "" if the value has none.
func (p *Pseudonyms) Label(kind, key string) string {
	if p == nil {
		return ""
	}
	if kind == KindForename { // a first name stands for the whole person
		kind = "name"
	}
	return p.labels[[2]string{kind, key}]
}

// LabelFor normalises value as kind and returns its stand-in.
func (p *Pseudonyms) LabelFor(kind, value string) string {
	return p.Label(kind, ValueKey(kind, value))
}

// Len is the number of values with a stand-in.
func (p *Pseudonyms) Len() int { return len(p.labels) }

// Unstored is how many of the stand-ins were worked out but are not yet
// stored in the case (see StorePseudonyms).
func (p *Pseudonyms) Unstored() int {
	if p == nil {
		return 0
	}
	return len(p.pending)
}

// ValueKey is the normalised form of a value of a kind: E.164 for phones,
// names.Key for names, folded text otherwise. Two ways of writing the
// same number or name give the same key, and so the same pseudonym.
func ValueKey(kind, value string) string { return valueKey(kind, value) }

// ActionPseudonyms is the custody action for stand-ins given: the event
// records how many of each kind and their digest, never the values.
const ActionPseudonyms = "pseudonyms-assigned"

// Pseudonyms gives every person, number and address in the case a stable
// stand-in: those already stored keep theirs, and new ones are numbered
// after them in a fixed order (rows, then messages, then marked terms,
// each by id), so the same case always yields the same labels. It only
// reads: the new labels are worked out in memory, exactly as
// AssignPseudonyms would store them, so previews, dry runs and read-only
// checks change nothing. A writing export stores what it used with
// StorePseudonyms.
func (c *Case) Pseudonyms(ctx context.Context) (*Pseudonyms, error) {
	var p *Pseudonyms
	err := c.read(ctx, func(q dbtx) error {
		var err error
		p, _, err = pseudonymsQ(ctx, q)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("pseudonyms: %w", err)
	}
	return p, nil
}

// AssignPseudonyms is Pseudonyms, storing the labels not stored yet and
// recording them in custody ("pseudonyms-assigned"), so that once a
// redacted copy has shown a label, the value keeps it for good.
func (c *Case) AssignPseudonyms(ctx context.Context) (*Pseudonyms, error) {
	var p *Pseudonyms
	err := c.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if p, _, err = pseudonymsQ(ctx, tx); err != nil {
			return err
		}
		return c.storePseudonyms(ctx, tx, p.pending)
	})
	if err != nil {
		return nil, fmt.Errorf("pseudonyms: %w", err)
	}
	p.pending = nil
	return p, nil
}

// StorePseudonyms stores the labels p worked out (see Pseudonyms) and
// records them in custody, as a writing export does once its bundle is
// laid out: the stored labels are then exactly those the bundle shows.
// If the case changed meanwhile so that the labels would differ, it
// stores nothing and says to try again.
func (c *Case) StorePseudonyms(ctx context.Context, p *Pseudonyms) error {
	if p.Unstored() == 0 {
		return nil
	}
	err := c.tx(ctx, func(tx *sql.Tx) error {
		now, _, err := pseudonymsQ(ctx, tx)
		if err != nil {
			return err
		}
		if len(now.pending) != len(p.pending) {
			return fmt.Errorf("%w: the case changed while its stand-ins were being used; do it again", ErrInvalid)
		}
		for i := range p.pending {
			if now.pending[i] != p.pending[i] {
				return fmt.Errorf("%w: the case changed while its stand-ins were being used; do it again", ErrInvalid)
			}
		}
		return c.storePseudonyms(ctx, tx, p.pending)
	})
	if err != nil {
		return fmt.Errorf("pseudonyms: %w", err)
	}
	p.pending = nil
	return nil
}

// storePseudonyms inserts pending labels and records them in custody.
func (c *Case) storePseudonyms(ctx context.Context, tx *sql.Tx, pending []pseudonym) error {
	if len(pending) == 0 {
		return nil
	}
	rec, err := startRecords(ctx, tx, "pseudonyms")
	if err != nil {
		return err
	}
	insert, err := tx.PrepareContext(ctx, "INSERT INTO pseudonyms (kind, value_key, num) VALUES (?, ?, ?)")
	if err != nil {
		return err
	}
	defer insert.Close()
	bulk := bulkCtx(ctx)
	kinds := map[string]int{}
	for i, n := range pending {
		if err := bulkErr(ctx, i); err != nil {
			return err
		}
		if _, err := insert.ExecContext(bulk, n.kind, n.key, n.num); err != nil {
			return err
		}
		kinds[labelPrefix[n.kind]]++
	}
	spans, err := rec.spans(ctx, tx)
	if err != nil {
		return err
	}
	// The labels follow from the case alone, whoever exports: the program
	// is named, so the same case gives the same log.
	return appendEventQ(ctx, tx, c.info.UUID, programActor, ActionPseudonyms, "",
		withRecords(map[string]any{"assigned": len(pending), "kinds": kinds}, spans))
}

// pseudonym is one stand-in not stored yet.
type pseudonym struct {
	kind, key string
	num       int
}

// pseudonymsQ reads the stored labels and works out the missing ones.
func pseudonymsQ(ctx context.Context, q dbtx) (*Pseudonyms, []pseudonym, error) {
	l, err := labelSourcesQ(ctx, q)
	if err != nil {
		return nil, nil, err
	}
	// The accepted terms, kind after kind, each in id order: read in one
	// pass, since each reading of current_marks works out every mark's
	// state (a third of a second on a case of 130,000 marks).
	byKind := map[string][]string{}
	rs, err := q.QueryContext(ctx, "SELECT value_kind, value FROM current_marks WHERE kind = 'term' AND status = 'accepted' ORDER BY id")
	if err != nil {
		return nil, nil, err
	}
	for rs.Next() {
		var kind, value string
		if err := rs.Scan(&kind, &value); err != nil {
			rs.Close()
			return nil, nil, err
		}
		byKind[kind] = append(byKind[kind], value)
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return nil, nil, err
	}
	p, pending := l.terms(byKind)
	return p, pending, nil
}

// labeller works out stand-ins: the stored labels first, then new ones
// numbered after them in the order values are given.
type labeller struct {
	p       *Pseudonyms
	next    map[string]int
	pending []pseudonym
}

// give labels a value not labelled yet; keyed says value is its key.
func (l *labeller) give(kind, value string, keyed bool) {
	key := value
	if !keyed {
		key = valueKey(kind, value)
	}
	if _, ok := l.p.labels[[2]string{kind, key}]; ok || key == "" {
		return
	}
	l.next[kind]++
	l.p.labels[[2]string{kind, key}] = fmt.Sprintf("%s %d", labelPrefix[kind], l.next[kind])
	l.pending = append(l.pending, pseudonym{kind, key, l.next[kind]})
}

// terms labels the accepted terms' values, byKind in id order, kind
// after kind, and returns the labels and those not stored yet.
func (l *labeller) terms(byKind map[string][]string) (*Pseudonyms, []pseudonym) {
	for _, kind := range markedKinds {
		for _, value := range byKind[kind] {
			l.give(kind, value, false)
		}
	}
	l.p.pending = l.pending
	return l.p, l.pending
}

// labelSourcesQ reads the stored labels and labels the rows' and
// messages' values (pseudonymSources).
func labelSourcesQ(ctx context.Context, q dbtx) (*labeller, error) {
	l := &labeller{p: &Pseudonyms{labels: map[[2]string]string{}}, next: map[string]int{}}
	rows, err := q.QueryContext(ctx, "SELECT kind, value_key, num FROM pseudonyms ORDER BY id")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var kind, key string
		var num int
		if err := rows.Scan(&kind, &key, &num); err != nil {
			rows.Close()
			return nil, err
		}
		l.p.labels[[2]string{kind, key}] = fmt.Sprintf("%s %d", labelPrefix[kind], num)
		l.next[kind] = max(l.next[kind], num)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, src := range pseudonymSources {
		rs, err := q.QueryContext(ctx, src.query)
		if err != nil {
			return nil, err
		}
		for rs.Next() {
			var value string
			if err := rs.Scan(&value); err != nil {
				rs.Close()
				return nil, err
			}
			l.give(src.kind, value, src.keyed)
		}
		rs.Close()
		if err := rs.Err(); err != nil {
			return nil, err
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	return l, nil
}

// pseudonymSources list where values come from, in assignment order
// (then the accepted terms, by markedKinds). Keyed sources select a column that already holds valueKey of the value
// (rows.name_key, the E.164 columns): a sheet of 100,000 rows would
// otherwise be parsed again on every call, which took seconds.
var pseudonymSources = []struct {
	kind, query string
	keyed       bool
}{
	{"name", "SELECT name_key FROM rows WHERE name_key != '' ORDER BY id", true},
	{"name", "SELECT resident_name FROM messages WHERE resident_name != '' ORDER BY id", false},
	{"phone", "SELECT phone_e164 FROM rows WHERE phone_e164 != '' ORDER BY id", true},
	{"phone", "SELECT recipient_e164 FROM messages WHERE recipient_e164 != '' ORDER BY id", true},
	{"address", "SELECT address FROM rows WHERE address != '' ORDER BY id", false},
	{"address", "SELECT resident_address FROM messages WHERE resident_address != '' ORDER BY id", false},
	{"uprn", "SELECT uprn FROM rows WHERE uprn != '' ORDER BY id", false},
}

// markedKinds are the kinds of accepted term that get stand-ins after the
// rows' and messages' values, in this order.
var markedKinds = []string{"name", "phone", "address", "email", "postcode", "ni", "uprn", "text"}
