package casefile

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Problem is one thing Verify found wrong. It names what it concerns (an
// exhibit, a record by table and id, a custody event), what was expected
// and what was found.
type Problem struct {
	Exhibit string // reference, if the problem concerns one exhibit
	// Table names the kind of record concerned ("rows", "messages",
	// "links", "marks", "mark decisions", "pseudonyms", "step dates",
	// "case details", ...; "case" for the case's identity, "schema" for
	// the case file's own rules), or "" for an exhibit or the log itself.
	Table string
	// ID is the record's id; with LastID, the first and last of a run of
	// records (LastID is 0 for a single record).
	ID, LastID int64
	Event      int64 // custody sequence number, if it concerns one event
	What       string
	Expected   string
	Found      string
}

func (p Problem) String() string {
	var b strings.Builder
	if p.Exhibit != "" {
		fmt.Fprintf(&b, "exhibit %s: ", p.Exhibit)
	}
	if p.Table != "" {
		b.WriteString(recordName(p.Table, p.ID, p.LastID))
		b.WriteString(": ")
	}
	if p.Event != 0 {
		fmt.Fprintf(&b, "event %d: ", p.Event)
	}
	b.WriteString(p.What)
	if p.Expected != "" || p.Found != "" {
		fmt.Fprintf(&b, " (expected %s, found %s)", orNone(p.Expected), orNone(p.Found))
	}
	return b.String()
}

// recordName is "message 12", "rows 1-4", or the table alone.
func recordName(table string, id, last int64) string {
	switch {
	case id == 0 && last == 0:
		return table
	case last == 0 || last == id:
		for _, t := range recordTables {
			if t.plural == table {
				return fmt.Sprintf("%s %d", t.singular, id)
			}
		}
		return fmt.Sprintf("%s %d", table, id)
	}
	return fmt.Sprintf("%s %d-%d", table, id, last)
}

func orNone(s string) string {
	if s == "" {
		return "nothing"
	}
	return s
}

// Report is the result of Verify.
type Report struct {
	Exhibits int    // exhibits checked
	Events   int    // custody events checked
	Records  int64  // records (rows, messages, links, marks, ...) checked against their events
	Bytes    int64  // original bytes re-hashed
	Head     string // hash of the last custody event
	Problems []Problem
}

// OK is true when nothing is wrong.
func (r Report) OK() bool { return len(r.Problems) == 0 }

func (r *Report) add(p Problem) { r.Problems = append(r.Problems, p) }

// Verify re-hashes every original against its recorded SHA-256, recomputes
// the whole custody chain and checks it for gaps, checks the case's
// identity and each exhibit's details against what the chain says
// happened, recomputes the digest of every record (rows, messages, links,
// marks, pseudonyms, steps, case details) that custody events recorded
// and finds records no event recorded, and checks that the case file's
// own rules (the triggers that keep evidence append-only, the views of
// the current state) are Dossier's. It reads one snapshot of the case and
// changes nothing; see RecordVerification. progress, if not nil, is told
// how many original bytes have been re-hashed.
func (c *Case) Verify(ctx context.Context, progress Progress) (Report, error) {
	var rep Report
	err := c.read(ctx, func(q dbtx) error {
		ch, err := c.verifyChain(ctx, q, &rep)
		if err != nil {
			return err
		}
		if err := c.verifyIdentity(ctx, q, &rep, ch); err != nil {
			return err
		}
		if err := c.verifyExhibits(ctx, q, &rep, ch, progress); err != nil {
			return err
		}
		var version int
		if err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
			return err
		}
		// A case not yet upgraded has no records in custody to check (a
		// read-only check does not upgrade it); its rules still are.
		if version >= evidenceSchema {
			if err := verifyRecords(ctx, q, &rep, ch.claims); err != nil {
				return err
			}
		}
		return verifySchema(ctx, q, version, &rep)
	})
	if err != nil {
		return rep, fmt.Errorf("verify: %w", err)
	}
	return rep, nil
}

// chainState is what the chain says the case should hold.
type chainState struct {
	exhibits map[string]map[string]string // from "acquired" and "described"
	created  map[string]string            // the "case-created" event's detail
	letters  []letterClaim
	claims   []recordClaim
}

// verifyChain walks the log, reporting broken links, and returns what
// the chain says the case should hold.
func (c *Case) verifyChain(ctx context.Context, q dbtx, rep *Report) (*chainState, error) {
	rows, err := q.QueryContext(ctx, `SELECT seq, at, actor, exhibit, action, detail, prev_hash, hash FROM custody ORDER BY seq`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ch := &chainState{exhibits: map[string]map[string]string{}}
	prev := genesisHash(c.info.UUID)
	var expectSeq int64 = 1
	for rows.Next() {
		var seq int64
		var at, actor, exhibit, action, detail, prevHash, hash string
		if err := rows.Scan(&seq, &at, &actor, &exhibit, &action, &detail, &prevHash, &hash); err != nil {
			return nil, err
		}
		rep.Events++
		if seq != expectSeq {
			rep.add(Problem{Event: seq, What: "custody log has a gap or is out of order", Expected: fmt.Sprintf("event %d", expectSeq), Found: fmt.Sprintf("event %d", seq)})
		}
		expectSeq = seq + 1
		if prevHash != prev {
			what := "does not follow the event before it (an event was removed, inserted or reordered)"
			if seq == 1 {
				what = "does not start from this case's identity (the log, or the case's UUID, comes from another case)"
			}
			rep.add(Problem{Event: seq, What: what, Expected: short(prev), Found: short(prevHash)})
		}
		if got := eventHash(prevHash, seq, at, actor, exhibit, action, detail); got != hash {
			rep.add(Problem{Event: seq, Exhibit: exhibit, What: "event was altered after it was recorded", Expected: short(got), Found: short(hash)})
		}
		prev = hash
		rep.Head = hash
		if err := ch.replay(seq, exhibit, action, detail); err != nil {
			rep.add(Problem{Event: seq, Exhibit: exhibit, What: "event detail is unreadable: " + err.Error()})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if rep.Events == 0 {
		rep.add(Problem{What: "custody log is empty", Expected: "a case-created event"})
	}
	return ch, nil
}

func (ch *chainState) replay(seq int64, exhibit, action, detail string) error {
	switch action {
	case ActionCreated, ActionAcquired:
		var d map[string]any
		dec := json.NewDecoder(strings.NewReader(detail))
		dec.UseNumber() // sizes must read back as "1048576", not "1.048576e+06"
		if err := dec.Decode(&d); err != nil {
			return err
		}
		m := map[string]string{}
		for k, v := range d {
			m[k] = fmt.Sprint(v)
		}
		if action == ActionCreated {
			if ch.created == nil {
				m["seq"] = fmt.Sprint(seq)
				ch.created = m
			}
		} else {
			ch.exhibits[exhibit] = m
		}
	case ActionRetitled:
		var d struct {
			To string `json:"to"`
		}
		if err := json.Unmarshal([]byte(detail), &d); err != nil {
			return err
		}
		if ch.created != nil {
			ch.created["title"] = d.To
			ch.created["seq"] = fmt.Sprint(seq)
		}
	case ActionDescribed:
		var d struct {
			Changes map[string]fieldChange `json:"changes"`
		}
		if err := json.Unmarshal([]byte(detail), &d); err != nil {
			return err
		}
		if m := ch.exhibits[exhibit]; m != nil {
			for k, ch := range d.Changes {
				m[k] = ch.To
			}
		}
	case ActionLetterSaved:
		var d struct {
			SHA256 string `json:"sha256"`
		}
		if err := json.Unmarshal([]byte(detail), &d); err != nil {
			return err
		}
		ch.letters = append(ch.letters, letterClaim{seq: seq, ref: exhibit, sha256: d.SHA256})
	}
	if !strings.Contains(detail, `"records"`) {
		return nil
	}
	claims, err := parseClaims(seq, detail)
	ch.claims = append(ch.claims, claims...)
	return err
}

// verifyIdentity checks the case's UUID, title and prefix against the
// event that created it and the last that retitled it.
func (c *Case) verifyIdentity(ctx context.Context, q dbtx, rep *Report, ch *chainState) error {
	var id, title, prefix string
	err := q.QueryRowContext(ctx, "SELECT uuid, title, prefix FROM case_info WHERE id = 1").Scan(&id, &title, &prefix)
	if err != nil && err != sql.ErrNoRows {
		return err
	}
	if ch.created == nil {
		if rep.Events > 0 {
			rep.add(Problem{Table: "case", What: "custody log has no case-created event"})
		}
		return nil
	}
	var seq int64
	fmt.Sscan(ch.created["seq"], &seq)
	for _, f := range []struct{ key, got string }{{"uuid", id}, {"title", title}, {"prefix", prefix}} {
		if want := ch.created[f.key]; want != f.got {
			rep.add(Problem{Table: "case", Event: seq, What: f.key + " differs from the custody log", Expected: fmt.Sprintf("%q", want), Found: fmt.Sprintf("%q", f.got)})
		}
	}
	return nil
}

func (c *Case) verifyExhibits(ctx context.Context, q dbtx, rep *Report, ch *chainState, progress Progress) error {
	exs, err := queryAll(ctx, q, scanExhibit, `SELECT `+exhibitCols+` FROM exhibits e JOIN blobs b ON b.id = e.blob_id ORDER BY e.num`)
	if err != nil {
		return err
	}
	var total int64
	for _, ex := range exs {
		total += ex.Size
	}
	seen := map[string]Exhibit{}
	counter := &countingWriter{progress: progress, total: total}
	for _, ex := range exs {
		rep.Exhibits++
		seen[ex.Ref] = ex
		add := func(what, expected, found string) {
			rep.add(Problem{Exhibit: ex.Ref, What: what, Expected: expected, Found: found})
		}
		sum, n, err := hashBlob(ctx, q, ex.ID, counter)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			add("original could not be read: "+err.Error(), "", "")
			continue
		}
		rep.Bytes += n
		if sum != ex.SHA256 {
			add("original bytes do not match their recorded SHA-256", ex.SHA256, sum)
		}
		if n != ex.Size {
			add("original is not the recorded size", fmt.Sprint(ex.Size), fmt.Sprint(n))
		}
		w, ok := ch.exhibits[ex.Ref]
		if !ok {
			add("has no acquired event in the custody log", "", "")
			continue
		}
		got := metaFields(ex.Meta)
		got["sha256"], got["size"], got["filename"], got["media_type"] = ex.SHA256, fmt.Sprint(ex.Size), ex.Filename, ex.MediaType
		keys := make([]string, 0, len(got))
		for k := range got {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if w[k] != got[k] {
				add(k+" differs from the custody log", fmt.Sprintf("%q", w[k]), fmt.Sprintf("%q", got[k]))
			}
		}
	}
	refs := make([]string, 0, len(ch.exhibits))
	for ref := range ch.exhibits {
		refs = append(refs, ref)
	}
	sort.Strings(refs)
	for _, ref := range refs {
		if _, ok := seen[ref]; !ok {
			rep.add(Problem{Exhibit: ref, What: "is in the custody log but missing from the case"})
		}
	}
	for _, l := range ch.letters {
		if ex, ok := seen[l.ref]; ok && (ex.SHA256 != l.sha256 || ex.Kind != KindLetter) {
			rep.add(Problem{Exhibit: l.ref, Event: l.seq, What: "is not the letter that was saved", Expected: "letter " + short(l.sha256), Found: string(ex.Kind) + " " + short(ex.SHA256)})
		}
	}
	return nil
}

// hashBlob streams an exhibit's chunks, in order, through SHA-256 and w.
//
// Reading a chunk out of SQLite takes about as long as hashing it: one
// after the other, a case of 1 GB was verified at two thirds of openssl's
// speed. So each chunk is hashed on a goroutine of its own while the next
// is read, in one of two buffers passed back and forth.
func hashBlob(ctx context.Context, q dbtx, exhibitID int64, w io.Writer) (string, int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT ch.data FROM chunks ch
		JOIN exhibits e ON e.blob_id = ch.blob_id WHERE e.id = ? ORDER BY ch.seq`, exhibitID)
	if err != nil {
		return "", 0, err
	}
	defer rows.Close()
	h := sha256.New()
	mw := io.MultiWriter(h, w)
	free, full := make(chan []byte, 2), make(chan []byte, 2)
	free <- nil
	free <- nil
	hashed := make(chan int64)
	go func() {
		var n int64
		for b := range full {
			k, _ := mw.Write(b)
			n += int64(k)
			free <- b
		}
		hashed <- n
	}()
	read := func() error {
		defer close(full)
		for rows.Next() {
			var raw sql.RawBytes // valid until Next: copied into a free buffer
			if err := rows.Scan(&raw); err != nil {
				return err
			}
			full <- append((<-free)[:0], raw...)
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	err = read()
	n := <-hashed
	if err != nil {
		return "", n, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

type countingWriter struct {
	done, total int64
	progress    Progress
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.done += int64(len(p))
	if w.progress != nil {
		w.progress(w.done, w.total)
	}
	return len(p), nil
}

var _ io.Writer = (*countingWriter)(nil)

// RecordVerification appends a "verified" custody event with the report's
// outcome, so the log shows when the case was last checked and by whom.
func (c *Case) RecordVerification(ctx context.Context, rep Report) error {
	return c.tx(ctx, func(tx *sql.Tx) error {
		return c.appendEvent(ctx, tx, ActionVerified, "", map[string]any{
			"ok": rep.OK(), "exhibits": rep.Exhibits, "events": rep.Events,
			"bytes": rep.Bytes, "problems": len(rep.Problems), "head": rep.Head,
		})
	})
}

func short(h string) string {
	if len(h) > 16 {
		return h[:16]
	}
	return h
}
