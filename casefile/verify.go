package casefile

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Problem is one thing Verify found wrong.
type Problem struct {
	Exhibit  string // reference, if the problem concerns one exhibit
	Event    int64  // custody sequence number, if it concerns one event
	What     string
	Expected string
	Found    string
}

func (p Problem) String() string {
	var b strings.Builder
	if p.Exhibit != "" {
		fmt.Fprintf(&b, "exhibit %s: ", p.Exhibit)
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
	Bytes    int64  // original bytes re-hashed
	Head     string // hash of the last custody event
	Problems []Problem
}

// OK is true when nothing is wrong.
func (r Report) OK() bool { return len(r.Problems) == 0 }

// Verify re-hashes every original against its recorded SHA-256, recomputes
// the whole custody chain, checks for gaps in it, and checks each exhibit's
// recorded details against what the chain says happened to it. It changes
// nothing; see RecordVerification. progress, if not nil, is told how many
// original bytes have been re-hashed.
func (c *Case) Verify(ctx context.Context, progress Progress) (Report, error) {
	var rep Report
	want, err := c.verifyChain(ctx, &rep)
	if err != nil {
		return rep, fmt.Errorf("verify: %w", err)
	}
	if err := c.verifyExhibits(ctx, &rep, want, progress); err != nil {
		return rep, fmt.Errorf("verify: %w", err)
	}
	return rep, nil
}

// verifyChain walks the log, reporting broken links, and returns what the
// chain says each exhibit should look like (from "acquired" and
// "described" events).
func (c *Case) verifyChain(ctx context.Context, rep *Report) (map[string]map[string]string, error) {
	rows, err := c.db.QueryContext(ctx, `SELECT seq, at, actor, exhibit, action, detail, prev_hash, hash FROM custody ORDER BY seq`)
	if err != nil {
		return nil, dbErr(err)
	}
	defer rows.Close()
	want := map[string]map[string]string{}
	prev := genesisHash(c.info.UUID)
	var expectSeq int64 = 1
	add := func(p Problem) { rep.Problems = append(rep.Problems, p) }
	for rows.Next() {
		var seq int64
		var at, actor, exhibit, action, detail, prevHash, hash string
		if err := rows.Scan(&seq, &at, &actor, &exhibit, &action, &detail, &prevHash, &hash); err != nil {
			return nil, dbErr(err)
		}
		rep.Events++
		if seq != expectSeq {
			add(Problem{Event: seq, What: "custody log has a gap or is out of order", Expected: fmt.Sprintf("event %d", expectSeq), Found: fmt.Sprintf("event %d", seq)})
		}
		expectSeq = seq + 1
		if prevHash != prev {
			add(Problem{Event: seq, What: "does not follow the event before it (an event was removed, inserted or reordered)", Expected: short(prev), Found: short(prevHash)})
		}
		if got := eventHash(prevHash, seq, at, actor, exhibit, action, detail); got != hash {
			add(Problem{Event: seq, Exhibit: exhibit, What: "event was altered after it was recorded", Expected: short(got), Found: short(hash)})
		}
		prev = hash
		rep.Head = hash
		if err := replay(want, exhibit, action, detail); err != nil {
			add(Problem{Event: seq, Exhibit: exhibit, What: "event detail is unreadable: " + err.Error()})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, dbErr(err)
	}
	if rep.Events == 0 {
		add(Problem{What: "custody log is empty", Expected: "a case-created event"})
	}
	return want, nil
}

func replay(want map[string]map[string]string, exhibit, action, detail string) error {
	switch action {
	case ActionAcquired:
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
		want[exhibit] = m
	case ActionDescribed:
		var d struct {
			Changes map[string]fieldChange `json:"changes"`
		}
		if err := json.Unmarshal([]byte(detail), &d); err != nil {
			return err
		}
		if m := want[exhibit]; m != nil {
			for k, ch := range d.Changes {
				m[k] = ch.To
			}
		}
	}
	return nil
}

func (c *Case) verifyExhibits(ctx context.Context, rep *Report, want map[string]map[string]string, progress Progress) error {
	exs, err := c.Exhibits(ctx)
	if err != nil {
		return err
	}
	var total int64
	for _, ex := range exs {
		total += ex.Size
	}
	seen := map[string]bool{}
	counter := &countingWriter{progress: progress, total: total}
	for _, ex := range exs {
		rep.Exhibits++
		seen[ex.Ref] = true
		add := func(what, expected, found string) {
			rep.Problems = append(rep.Problems, Problem{Exhibit: ex.Ref, What: what, Expected: expected, Found: found})
		}
		sum, n, err := c.streamBlob(ctx, ex.ID, counter)
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
		w, ok := want[ex.Ref]
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
	refs := make([]string, 0, len(want))
	for ref := range want {
		refs = append(refs, ref)
	}
	sort.Strings(refs)
	for _, ref := range refs {
		if !seen[ref] {
			rep.Problems = append(rep.Problems, Problem{Exhibit: ref, What: "is in the custody log but missing from the case"})
		}
	}
	return nil
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
