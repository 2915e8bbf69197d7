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
	labels map[[2]string]string
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

// ValueKey is the normalised form of a value of a kind: E.164 for phones,
// names.Key for names, folded text otherwise. Two ways of writing the
// same number or name give the same key, and so the same pseudonym.
func ValueKey(kind, value string) string { return valueKey(kind, value) }

// Pseudonyms gives every person, number and address in the case a stable
// stand-in, numbering new ones after those already given, in a fixed
// order (rows, then messages, then marked terms, each by id), so the same
// case always yields the same labels.
func (c *Case) Pseudonyms(ctx context.Context) (*Pseudonyms, error) {
	p := &Pseudonyms{labels: map[[2]string]string{}}
	err := c.tx(ctx, func(tx *sql.Tx) error {
		next := map[string]int{}
		rows, err := tx.QueryContext(ctx, "SELECT kind, value_key, num FROM pseudonyms")
		if err != nil {
			return err
		}
		for rows.Next() {
			var kind, key string
			var num int
			if err := rows.Scan(&kind, &key, &num); err != nil {
				rows.Close()
				return err
			}
			p.labels[[2]string{kind, key}] = fmt.Sprintf("%s %d", labelPrefix[kind], num)
			next[kind] = max(next[kind], num)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		insert, err := tx.PrepareContext(ctx, "INSERT INTO pseudonyms (kind, value_key, num) VALUES (?, ?, ?)")
		if err != nil {
			return err
		}
		defer insert.Close()
		for _, src := range pseudonymSources {
			rs, err := tx.QueryContext(ctx, src.query)
			if err != nil {
				return err
			}
			var pending [][2]string
			for rs.Next() {
				var value string
				if err := rs.Scan(&value); err != nil {
					rs.Close()
					return err
				}
				key := value
				if !src.keyed {
					key = valueKey(src.kind, value)
				}
				if _, ok := p.labels[[2]string{src.kind, key}]; ok || key == "" {
					continue
				}
				next[src.kind]++
				p.labels[[2]string{src.kind, key}] = fmt.Sprintf("%s %d", labelPrefix[src.kind], next[src.kind])
				pending = append(pending, [2]string{key, fmt.Sprint(next[src.kind])})
			}
			rs.Close()
			if err := rs.Err(); err != nil {
				return err
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			bulk := bulkCtx(ctx)
			for _, kv := range pending {
				if _, err := insert.ExecContext(bulk, src.kind, kv[0], kv[1]); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("pseudonyms: %w", err)
	}
	return p, nil
}

// pseudonymSources list where values come from, in assignment order.
// Keyed sources select a column that already holds valueKey of the value
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
	{"name", "SELECT value FROM marks WHERE kind = 'term' AND status = 'accepted' AND value_kind = 'name' ORDER BY id", false},
	{"phone", "SELECT value FROM marks WHERE kind = 'term' AND status = 'accepted' AND value_kind = 'phone' ORDER BY id", false},
	{"address", "SELECT value FROM marks WHERE kind = 'term' AND status = 'accepted' AND value_kind = 'address' ORDER BY id", false},
	{"email", "SELECT value FROM marks WHERE kind = 'term' AND status = 'accepted' AND value_kind = 'email' ORDER BY id", false},
	{"postcode", "SELECT value FROM marks WHERE kind = 'term' AND status = 'accepted' AND value_kind = 'postcode' ORDER BY id", false},
	{"ni", "SELECT value FROM marks WHERE kind = 'term' AND status = 'accepted' AND value_kind = 'ni' ORDER BY id", false},
	{"uprn", "SELECT value FROM marks WHERE kind = 'term' AND status = 'accepted' AND value_kind = 'uprn' ORDER BY id", false},
	{"text", "SELECT value FROM marks WHERE kind = 'term' AND status = 'accepted' AND value_kind = 'text' ORDER BY id", false},
}
