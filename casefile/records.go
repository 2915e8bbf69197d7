package casefile

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"strconv"
	"strings"
)

// Records are the rows of the tables that hold evidence: what a bundle
// prints besides the originals (rows, messages, links, marks, pseudonyms,
// steps, case details). Each write that adds records appends, in the same
// transaction, a custody event whose "records" detail names the ids it
// added and a keyed digest of their content:
//
//	"records": {"marks": {"id": 12, "sha256": "…", "status": "accepted", …},
//	            "rows": {"first": 1, "last": 4, "count": 4, "sha256": "…"}}
//
// A single record also carries its plain, printable fields (statuses,
// ids, rectangles, dates), so Verify can say which one changed; values a
// mark may redact (names, numbers, bodies, addresses) are only in the
// digest. Verify recomputes every digest from the tables and checks that
// every record belongs to exactly one event.

// recordTable describes one evidence table. cols are the digested columns
// in a fixed order, id first: naming them (rather than SELECT *) keeps old
// digests valid when a later schema adds a column.
type recordTable struct {
	name     string // the SQL table
	plural   string // how problems and the API name them
	singular string
	cols     []string
	plain    []string // printable columns recorded with a single record
	hidden   string   // what only the digest covers, as problems name it
}

var recordTables = []recordTable{
	{"imports", "imports", "import",
		[]string{"id", "exhibit_id", "file_name", "file_sha256", "format", "encoding", "delimiter", "mapping", "row_count", "at"},
		[]string{"exhibit_id", "row_count"},
		"file name, file SHA-256, format, encoding, delimiter, column mapping and time"},
	{"rows", "rows", "row",
		[]string{"id", "import_id", "exhibit_id", "source_line", "source_ref", "uprn", "address", "estate", "neighbourhood",
			"name", "name_key", "phone", "phone_e164", "extra"},
		[]string{"import_id", "exhibit_id", "source_line"},
		"UPRN, address, estate, neighbourhood, name, phone and other columns"},
	{"messages", "messages", "message",
		[]string{"id", "exhibit_id", "sender", "recipient", "recipient_e164", "at", "zone", "body",
			"resident_name", "resident_address", "source", "supersedes"},
		[]string{"exhibit_id", "at", "supersedes"},
		"sender, recipient's number, body, resident's name and address, and source"},
	{"links", "links", "link",
		[]string{"id", "message_id", "row_id", "basis", "status", "reason", "by", "at"},
		[]string{"message_id", "row_id", "basis", "status"},
		"reason, author and time"},
	{"link_history", "link changes", "link change",
		[]string{"id", "link_id", "basis", "status", "reason", "by", "at"},
		[]string{"link_id", "basis", "status"},
		"reason, author and time"},
	{"marks", "marks", "mark",
		[]string{"id", "kind", "status", "exhibit_id", "value_kind", "value", "value_key", "page", "x", "y", "w", "h",
			"span_start", "span_end", "origin", "note", "by", "at", "supersedes"},
		[]string{"kind", "status", "exhibit_id", "value_kind", "page", "x", "y", "w", "h", "span_start", "span_end", "origin", "supersedes"},
		"marked value, note, author and time"},
	{"mark_history", "mark decisions", "mark decision",
		[]string{"id", "mark_id", "status", "note", "by", "at"},
		[]string{"mark_id", "status"},
		"note, author and time"},
	{"pseudonyms", "pseudonyms", "pseudonym",
		[]string{"id", "kind", "value_key", "num"},
		[]string{"kind", "num"},
		"value it stands for"},
	{"step_history", "step dates", "step date",
		[]string{"id", "step", "date", "ref", "by", "at"},
		[]string{"step", "date", "ref"},
		"author and time"},
	{"setting_history", "case details", "case detail",
		[]string{"id", "key", "value", "by", "at"},
		[]string{"key"},
		"value, author and time"},
}

func recordTableNamed(name string) *recordTable {
	for i := range recordTables {
		if recordTables[i].name == name {
			return &recordTables[i]
		}
	}
	return nil
}

// dbtx is what reads and writes run on: *sql.Tx, or the *sql.Conn of a
// schema upgrade or of a read snapshot.
type dbtx interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// recordSpan is what an event records of the records one table gained:
// their ids, how many, and their keyed digest.
type recordSpan struct {
	First, Last, Count int64
	Sum                string
	Fields             map[string]any // plain columns, for a single record
}

// MarshalJSON writes a single record as {"id", fields..., "sha256"} and a
// range as {"first", "last", "count", "sha256"}.
func (s recordSpan) MarshalJSON() ([]byte, error) {
	m := map[string]any{"sha256": s.Sum}
	if s.Count == 1 && s.First == s.Last {
		for k, v := range s.Fields {
			m[k] = v
		}
		m["id"] = s.First
	} else {
		m["first"], m["last"], m["count"] = s.First, s.Last, s.Count
	}
	return json.Marshal(m)
}

// recordDigest is the keyed digest of a run of records of one table:
// HMAC-SHA256 under the case's digest key of the table's name and each
// column's value, typed and length-prefixed, row after row.
type recordDigest struct {
	h   hash.Hash
	buf []byte
}

func newRecordDigest(key []byte, table string) *recordDigest {
	d := &recordDigest{h: hmac.New(sha256.New, key)}
	d.h.Write([]byte("dossier records v1\x00" + table + "\x00"))
	return d
}

func (d *recordDigest) add(vals []any) {
	b := d.buf[:0]
	for _, v := range vals {
		var tag byte
		var text []byte
		switch x := v.(type) {
		case nil:
			tag = 'n'
		case int64:
			tag, text = 'i', strconv.AppendInt(nil, x, 10)
		case float64:
			tag, text = 'f', strconv.AppendFloat(nil, x, 'g', -1, 64)
		case string: // text and blobs alike: SQLite gives either for a text column
			tag, text = 's', []byte(x)
		case []byte:
			tag, text = 's', x
		default:
			tag, text = '?', fmt.Append(nil, x)
		}
		b = append(b, tag)
		b = binary.AppendUvarint(b, uint64(len(text)))
		b = append(b, text...)
	}
	d.h.Write(b)
	d.buf = b
}

func (d *recordDigest) sum() string { return hex.EncodeToString(d.h.Sum(nil)) }

// digestKey reads the case's digest key.
func digestKey(ctx context.Context, q dbtx) ([]byte, error) {
	var key []byte
	if err := q.QueryRowContext(ctx, "SELECT key FROM digest_key WHERE id = 1").Scan(&key); err != nil {
		if err == sql.ErrNoRows {
			return nil, fmt.Errorf("%w: the digest key is missing", ErrDamaged)
		}
		return nil, err
	}
	return key, nil
}

// recorder notes where evidence tables end before a write, so that the
// records the write adds can be named and digested for its custody event.
type recorder struct {
	tables []*recordTable
	before []int64
}

// startRecords is called inside a write transaction, before the writes.
func startRecords(ctx context.Context, q dbtx, tables ...string) (*recorder, error) {
	r := &recorder{}
	for _, name := range tables {
		t := recordTableNamed(name)
		if t == nil {
			return nil, fmt.Errorf("records: no evidence table %q", name)
		}
		var max int64
		if err := q.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) FROM "+t.name).Scan(&max); err != nil {
			return nil, err
		}
		r.tables = append(r.tables, t)
		r.before = append(r.before, max)
	}
	return r, nil
}

// spans digests the records added since startRecords, by table; tables
// that gained nothing are left out.
func (r *recorder) spans(ctx context.Context, q dbtx) (map[string]recordSpan, error) {
	key, err := writeDigestKey(ctx, q)
	if err != nil {
		return nil, err
	}
	out := map[string]recordSpan{}
	for i, t := range r.tables {
		s, err := t.span(ctx, q, key, r.before[i]+1, -1)
		if err != nil {
			return nil, err
		}
		if s.Count > 0 {
			out[t.name] = s
		}
	}
	return out, nil
}

// span digests the records with first <= id (<= last, unless last < 0).
func (t *recordTable) span(ctx context.Context, q dbtx, key []byte, first, last int64) (recordSpan, error) {
	query := "SELECT " + strings.Join(t.cols, ", ") + " FROM " + t.name + " WHERE id >= ?"
	args := []any{first}
	if last >= 0 {
		query += " AND id <= ?"
		args = append(args, last)
	}
	rows, err := q.QueryContext(bulkCtx(ctx), query+" ORDER BY id", args...)
	if err != nil {
		return recordSpan{}, err
	}
	defer rows.Close()
	s := recordSpan{}
	d := newRecordDigest(key, t.name)
	vals, ptrs := scanSlots(len(t.cols))
	for rows.Next() {
		if err := bulkErr(ctx, int(s.Count)); err != nil {
			return recordSpan{}, err
		}
		if err := rows.Scan(ptrs...); err != nil {
			return recordSpan{}, err
		}
		id, _ := vals[0].(int64)
		if s.Count == 0 {
			s.First = id
		}
		s.Last = id
		s.Count++
		d.add(vals)
		if s.Count == 1 {
			s.Fields = t.plainFields(vals)
		}
	}
	if err := rows.Err(); err != nil {
		return recordSpan{}, err
	}
	if s.Count != 1 {
		s.Fields = nil
	}
	s.Sum = d.sum()
	return s, nil
}

// plainFields picks the printable columns of one record, leaving out NULLs.
func (t *recordTable) plainFields(vals []any) map[string]any {
	m := map[string]any{}
	for _, p := range t.plain {
		for i, c := range t.cols {
			if c == p && vals[i] != nil {
				v := vals[i]
				if b, ok := v.([]byte); ok {
					v = string(b)
				}
				m[p] = v
			}
		}
	}
	return m
}

func scanSlots(n int) ([]any, []any) {
	vals := make([]any, n)
	ptrs := make([]any, n)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	return vals, ptrs
}

// withRecords returns detail with the spans added under "records" (detail
// itself is not changed).
func withRecords(detail map[string]any, spans map[string]recordSpan) map[string]any {
	out := make(map[string]any, len(detail)+1)
	for k, v := range detail {
		out[k] = v
	}
	if len(spans) > 0 {
		out["records"] = spans
	}
	return out
}

// recordEvent appends a custody event for records added since r started,
// with detail and the records' spans.
func (c *Case) recordEvent(ctx context.Context, tx dbtx, r *recorder, action, exhibit string, detail map[string]any) error {
	spans, err := r.spans(ctx, tx)
	if err != nil {
		return err
	}
	return c.appendEvent(ctx, tx, action, exhibit, withRecords(detail, spans))
}

// recordStream digests records as they are inserted, for a bulk write
// whose records would otherwise have to be read back: it gives the span
// that recorder.spans would, at no cost beyond the hashing. The values
// given for each record are those inserted, in the table's column order
// after the id, as Go ints, int64s, float64s, strings or nil.
type recordStream struct {
	t    *recordTable
	d    *recordDigest
	s    recordSpan
	vals []any
}

// streamRecords starts a stream of table's records inside a write
// transaction, before the first is inserted.
func streamRecords(ctx context.Context, tx dbtx, table string) (*recordStream, error) {
	t := recordTableNamed(table)
	if t == nil {
		return nil, fmt.Errorf("records: no evidence table %q", table)
	}
	key, err := writeDigestKey(ctx, tx)
	if err != nil {
		return nil, err
	}
	return &recordStream{t: t, d: newRecordDigest(key, t.name), vals: make([]any, len(t.cols))}, nil
}

// exec runs stmt, which inserts one record with args, and adds it.
func (rs *recordStream) exec(ctx context.Context, stmt *sql.Stmt, args ...any) error {
	res, err := stmt.ExecContext(ctx, args...)
	if err != nil {
		return err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return err
	}
	rs.add(id, args...)
	return nil
}

// add adds the record with id and values vals.
func (rs *recordStream) add(id int64, vals ...any) {
	rs.vals[0] = id
	for i, v := range vals {
		if n, ok := v.(int); ok {
			v = int64(n)
		}
		rs.vals[i+1] = v
	}
	if rs.s.Count == 0 {
		rs.s.First = id
		rs.s.Fields = rs.t.plainFields(rs.vals)
	}
	rs.s.Last = id
	rs.s.Count++
	rs.d.add(rs.vals)
}

// span is the stream's span, once the table is checked to hold exactly
// the records added (so a digest can never name records it did not see).
func (rs *recordStream) span(ctx context.Context, tx dbtx) (recordSpan, error) {
	var n, first, last int64
	err := tx.QueryRowContext(ctx, "SELECT COUNT(*), COALESCE(MIN(id), 0), COALESCE(MAX(id), 0) FROM "+rs.t.name+" WHERE id >= ?",
		rs.s.First).Scan(&n, &first, &last)
	if err != nil {
		return recordSpan{}, err
	}
	if n != rs.s.Count || first != rs.s.First || last != rs.s.Last {
		return recordSpan{}, fmt.Errorf("records: %s holds %d records %d-%d, %d were added", rs.t.plural, n, first, last, rs.s.Count)
	}
	s := rs.s
	if s.Count != 1 {
		s.Fields = nil
	}
	s.Sum = rs.d.sum()
	return s, nil
}
