package casefile

import (
	"context"
	"database/sql"
	"strings"
	"testing"
)

// tamperedCase makes a case with three exhibits and a described event,
// closes it, applies tamper with plain SQL (triggers dropped, as a
// determined tamperer would), and returns the verify report.
func tamperedCase(t *testing.T, tamper func(t *testing.T, db rawExec)) Report {
	t.Helper()
	ctx := context.Background()
	c := TestCase(t)
	for _, f := range []struct{ name, data string }{
		{"sheet.csv", "UPRN,Name\n100023456789,Maureen Baptiste\n"},
		{"text1.txt", "Vote on Thursday"},
		{"text2.txt", strings.Repeat("Second message ", 100000)}, // two chunks
	} {
		if _, err := c.Add(ctx, TestFile(t, f.name, []byte(f.data)), Meta{}); err != nil {
			t.Fatal(err)
		}
	}
	ex, _ := c.Exhibit(ctx, "LW/2")
	ex.Title = "Text received 8 June"
	if _, err := c.Describe(ctx, "LW/2", ex.Meta); err != nil {
		t.Fatal(err)
	}
	if rep, err := c.Verify(ctx, nil); err != nil || !rep.OK() {
		t.Fatalf("untouched case does not verify: %+v %v", rep, err)
	}
	path := c.Path()
	c.Close()

	db := rawDB(t, path)
	for _, trg := range []string{"blobs_no_update", "chunks_no_update", "custody_no_update", "custody_no_delete", "exhibits_fixed"} {
		mustExec(t, db, "DROP TRIGGER "+trg)
	}
	tamper(t, rawExec{t, db})
	db.Close()

	c, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	rep, err := c.Verify(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

type rawExec struct {
	t  *testing.T
	db *sql.DB
}

func (r rawExec) exec(q string) { r.t.Helper(); mustExec(r.t, r.db, q) }

func TestVerifyDetectsTampering(t *testing.T) {
	tests := []struct {
		name   string
		tamper []string
		want   []string // each must appear in some problem
	}{
		{"one byte of an original chunk",
			[]string{"UPDATE chunks SET data = CAST('Vote on Friday__' AS BLOB) WHERE blob_id = 2"},
			[]string{"exhibit LW/2: original bytes do not match their recorded SHA-256"}},
		{"chunk rewritten and its recorded hash updated to match",
			[]string{"UPDATE chunks SET data = CAST('Vote on Friday__' AS BLOB) WHERE blob_id = 2",
				"UPDATE blobs SET sha256 = 'c0ffee' WHERE id = 2"},
			[]string{"exhibit LW/2: sha256 differs from the custody log"}},
		{"an edited event",
			[]string{"UPDATE custody SET actor = 'Mallory' WHERE seq = 3"},
			[]string{"event 3: event was altered after it was recorded"}},
		{"an edited event detail",
			[]string{`UPDATE custody SET detail = replace(detail, 'Text received 8 June', 'Text received 9 June') WHERE seq = 5`},
			[]string{"event 5: event was altered", "exhibit LW/2: title differs from the custody log"}},
		{"a deleted event",
			[]string{"DELETE FROM custody WHERE seq = 3"},
			[]string{"event 4: custody log has a gap", "event 4: does not follow the event before it", "exhibit LW/2: has no acquired event"}},
		{"the last event deleted",
			[]string{"DELETE FROM custody WHERE seq = 5"},
			[]string{"exhibit LW/2: title differs from the custody log"}},
		{"two events reordered",
			[]string{"UPDATE custody SET seq = -3 WHERE seq = 3", "UPDATE custody SET seq = 3 WHERE seq = 4", "UPDATE custody SET seq = 4 WHERE seq = -3"},
			[]string{"event 3: does not follow", "event 3: event was altered"}},
		{"two originals swapped between exhibits",
			[]string{"UPDATE exhibits SET blob_id = -1 WHERE blob_id = 1", "UPDATE exhibits SET blob_id = 1 WHERE blob_id = 2", "UPDATE exhibits SET blob_id = 2 WHERE blob_id = -1"},
			[]string{"exhibit LW/1: sha256 differs from the custody log", "exhibit LW/2: sha256 differs from the custody log"}},
		{"metadata edited behind the log's back",
			[]string{"UPDATE exhibits SET source = 'someone else' WHERE ref = 'LW/1'"},
			[]string{`exhibit LW/1: source differs from the custody log (expected "", found "someone else")`}},
		{"an exhibit row removed",
			[]string{"DROP TRIGGER exhibits_no_delete", "DELETE FROM exhibits WHERE ref = 'LW/3'"},
			[]string{"exhibit LW/3: is in the custody log but missing from the case"}},
		{"a chunk removed",
			[]string{"DROP TRIGGER chunks_no_delete", "DELETE FROM chunks WHERE blob_id = 3 AND seq = 1"},
			[]string{"exhibit LW/3: original bytes do not match", "exhibit LW/3: original is not the recorded size"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := tamperedCase(t, func(t *testing.T, db rawExec) {
				for _, q := range tt.tamper {
					db.exec(q)
				}
			})
			if rep.OK() {
				t.Fatal("tampering was not detected")
			}
			var all []string
			for _, p := range rep.Problems {
				all = append(all, p.String())
			}
			joined := strings.Join(all, "\n")
			for _, w := range tt.want {
				if !strings.Contains(joined, w) {
					t.Errorf("no problem mentions %q; got:\n%s", w, joined)
				}
			}
		})
	}
}

func TestVerifyProgressCoversAllBytes(t *testing.T) {
	ctx := context.Background()
	c := TestCase(t)
	c.Add(ctx, TestFile(t, "a.txt", []byte(strings.Repeat("a", 3*chunkSize))), Meta{})
	c.Add(ctx, TestFile(t, "b.txt", []byte("b")), Meta{})
	var done, total int64
	rep, err := c.Verify(ctx, func(d, tot int64) { done, total = d, tot })
	if err != nil || !rep.OK() {
		t.Fatal(rep, err)
	}
	if done != 3*chunkSize+1 || total != done || rep.Bytes != done {
		t.Fatalf("progress %d/%d, report %d bytes", done, total, rep.Bytes)
	}
	if err := c.RecordVerification(ctx, rep); err != nil {
		t.Fatal(err)
	}
	log, _ := c.Log(ctx)
	last := log[len(log)-1]
	if last.Action != ActionVerified || !strings.Contains(string(last.Detail), `"ok":true`) || !strings.Contains(string(last.Detail), rep.Head) {
		t.Fatalf("verified event = %+v", last)
	}
	if head, _ := c.Head(ctx); head != last.Hash {
		t.Fatalf("head %s, last event %s", head, last.Hash)
	}
}
