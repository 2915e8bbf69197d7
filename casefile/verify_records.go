package casefile

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// recordClaim is one table's span as a custody event recorded it.
type recordClaim struct {
	seq    int64
	table  *recordTable
	span   recordSpan
	fields map[string]json.RawMessage // plain columns of a single record
}

// parseClaims reads the "records" of an event's detail.
func parseClaims(seq int64, detail string) ([]recordClaim, error) {
	var d struct {
		Records map[string]map[string]json.RawMessage `json:"records"`
	}
	if err := json.Unmarshal([]byte(detail), &d); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(d.Records))
	for name := range d.Records {
		names = append(names, name)
	}
	sort.Strings(names)
	var out []recordClaim
	for _, name := range names {
		t := recordTableNamed(name)
		if t == nil {
			return out, fmt.Errorf("records of an unknown kind %q", name)
		}
		raw := d.Records[name]
		cl := recordClaim{seq: seq, table: t, fields: map[string]json.RawMessage{}}
		num := func(key string) int64 {
			var v int64
			if r, ok := raw[key]; ok {
				json.Unmarshal(r, &v)
			}
			return v
		}
		json.Unmarshal(raw["sha256"], &cl.span.Sum)
		if _, ok := raw["id"]; ok {
			cl.span.First, cl.span.Last, cl.span.Count = num("id"), num("id"), 1
			for k, v := range raw {
				if k != "id" && k != "sha256" {
					cl.fields[k] = v
				}
			}
		} else {
			cl.span.First, cl.span.Last, cl.span.Count = num("first"), num("last"), num("count")
		}
		if cl.span.Sum == "" || cl.span.Last < cl.span.First {
			return out, fmt.Errorf("records of %s are malformed", name)
		}
		out = append(out, cl)
	}
	return out, nil
}

// verifyRecords recomputes the digest of every span of records the log
// recorded and reports the records no event recorded. Each table is read
// once, in id order.
func verifyRecords(ctx context.Context, q dbtx, rep *Report, claims []recordClaim) error {
	key, err := digestKey(ctx, q)
	if err != nil && len(claims) > 0 {
		rep.add(Problem{Table: "schema", What: "the digest key that custody events use is missing, so no record's content can be checked"})
	}
	byTable := map[string][]recordClaim{}
	for _, cl := range claims {
		byTable[cl.table.name] = append(byTable[cl.table.name], cl)
	}
	for i := range recordTables {
		t := &recordTables[i]
		if err := verifyTable(ctx, q, rep, t, key, byTable[t.name]); err != nil {
			return fmt.Errorf("check %s: %w", t.plural, err)
		}
	}
	return nil
}

func verifyTable(ctx context.Context, q dbtx, rep *Report, t *recordTable, key []byte, claims []recordClaim) error {
	sort.SliceStable(claims, func(i, j int) bool { return claims[i].span.First < claims[j].span.First })
	for i := 1; i < len(claims); i++ {
		a, b := claims[i-1], claims[i]
		if b.span.First <= a.span.Last {
			rep.add(Problem{Table: t.plural, ID: b.span.First, LastID: min(a.span.Last, b.span.Last), Event: b.seq,
				What: fmt.Sprintf("recorded by two events, %d and %d", a.seq, b.seq)})
		}
	}
	type tally struct {
		d     *recordDigest
		count int64
		plain []any // a single record's columns
	}
	tallies := make([]tally, len(claims))
	for i := range tallies {
		if key != nil {
			tallies[i].d = newRecordDigest(key, t.name)
		}
	}
	var run []int64 // ids of consecutive records no event recorded
	flush := func() {
		if len(run) == 0 {
			return
		}
		what := fmt.Sprintf("%d %s not in the custody log (added outside Dossier, or the event that added them is gone)", len(run), t.plural)
		if len(run) == 1 {
			what = "not in the custody log (added outside Dossier, or the event that added it is gone)"
		}
		p := Problem{Table: t.plural, ID: run[0], What: what}
		if len(run) > 1 {
			p.LastID = run[len(run)-1]
		}
		rep.add(p)
		run = run[:0]
	}
	rows, err := q.QueryContext(bulkCtx(ctx), "SELECT "+strings.Join(t.cols, ", ")+" FROM "+t.name+" ORDER BY id")
	if err != nil {
		return err
	}
	defer rows.Close()
	vals, ptrs := scanSlots(len(t.cols))
	k, n := 0, 0
	for rows.Next() {
		if err := bulkErr(ctx, n); err != nil {
			return err
		}
		n++
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		id, _ := vals[0].(int64)
		for k < len(claims) && claims[k].span.Last < id {
			k++
		}
		if k == len(claims) || claims[k].span.First > id {
			run = append(run, id)
			continue
		}
		flush()
		rep.Records++
		tl := &tallies[k]
		tl.count++
		if tl.d != nil {
			tl.d.add(vals)
		}
		if claims[k].span.Count == 1 {
			tl.plain = append([]any(nil), vals...)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	flush()
	for i, cl := range claims {
		tl := tallies[i]
		p := Problem{Table: t.plural, ID: cl.span.First, Event: cl.seq}
		if cl.span.Last != cl.span.First {
			p.LastID = cl.span.Last
		}
		switch {
		case tl.count != cl.span.Count:
			if cl.span.Count == 1 {
				p.What = "missing: the custody log recorded it"
			} else {
				p.What = fmt.Sprintf("not as many %s as the custody log recorded", t.plural)
				p.Expected, p.Found = fmt.Sprint(cl.span.Count), fmt.Sprint(tl.count)
			}
			rep.add(p)
		case tl.d == nil:
		case tl.d.sum() != cl.span.Sum:
			// Name each printable field that changed; then, if putting
			// those back does not give the recorded digest, the hidden
			// content changed too.
			if restored := comparePlain(rep, p, t, cl, tl.plain); restored != nil {
				d := newRecordDigest(key, t.name)
				d.add(restored)
				if d.sum() == cl.span.Sum {
					continue
				}
			}
			p.What = "content differs from what the custody log recorded"
			if cl.span.Count == 1 {
				p.What += ": the digest of its " + t.hidden
			}
			p.Expected, p.Found = "digest "+short(cl.span.Sum), "digest "+short(tl.d.sum())
			rep.add(p)
		}
	}
	return nil
}

// comparePlain reports each printable column of a single record that
// differs from what its event recorded. If any did, it returns the
// record's values with those columns as recorded; else nil.
func comparePlain(rep *Report, p Problem, t *recordTable, cl recordClaim, vals []any) []any {
	if vals == nil {
		return nil
	}
	var restored []any
	for _, col := range t.plain {
		want, ok := cl.fields[col]
		if !ok {
			want = json.RawMessage("null")
		}
		i := slices.Index(t.cols, col)
		got := vals[i]
		if b, ok := got.([]byte); ok {
			got = string(b)
		}
		gotJSON, _ := json.Marshal(got)
		if bytes.Equal(bytes.TrimSpace(want), gotJSON) {
			continue
		}
		q := p
		q.What = col + " differs from the custody log"
		q.Expected, q.Found = showJSON(want), showJSON(gotJSON)
		rep.add(q)
		if restored == nil {
			restored = append([]any(nil), vals...)
		}
		restored[i] = decodeLike(want, vals[i])
	}
	return restored
}

// decodeLike reads a recorded JSON value as the Go type SQLite gives its
// column (like, the value found), so the record's digest can be redone.
func decodeLike(raw json.RawMessage, like any) any {
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if dec.Decode(&v) != nil {
		return nil
	}
	n, isNum := v.(json.Number)
	switch {
	case v == nil:
		return nil
	case !isNum:
		if _, ok := like.([]byte); ok {
			return []byte(fmt.Sprint(v))
		}
		return v
	}
	if _, ok := like.(float64); ok {
		f, _ := n.Float64()
		return f
	}
	if i, err := n.Int64(); err == nil {
		return i
	}
	f, _ := n.Float64()
	return f
}

// showJSON prints a JSON value for a problem: strings quoted, null as
// nothing.
func showJSON(raw []byte) string {
	if string(raw) == "null" {
		return ""
	}
	return string(raw)
}
