package casefile

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// evidenceCase builds, once per test binary, a case holding every kind of
// record a bundle prints, each made the way the app and the CLI make it:
// rows imported, messages typed and one corrected, links made by phone,
// proposed, accepted, removed and added by hand, marks suggested,
// accepted, rejected, added, moved and removed, pseudonyms assigned,
// steps set and cleared, case details set, a letter saved and an exhibit
// described. It returns the closed case file's path; tests copy it.
func evidenceCase(t *testing.T) string {
	t.Helper()
	evidenceOnce.Do(func() {
		dir, err := os.MkdirTemp("", "dossier-evidence-*")
		if err != nil {
			evidenceErr = err
			return
		}
		evidencePath = filepath.Join(dir, "evidence.dossier")
		evidenceErr = buildEvidenceCase(evidencePath)
	})
	if evidenceErr != nil {
		t.Fatalf("build the evidence case: %v", evidenceErr)
	}
	return evidencePath
}

var (
	evidenceOnce sync.Once
	evidencePath string
	evidenceErr  error
)

// The ids the tamper tests aim at, as buildEvidenceCase makes them.
const (
	evTermMark   = "SELECT id FROM marks WHERE kind = 'term' AND origin = 'manual'"
	evMovedRect  = "SELECT id FROM marks WHERE kind = 'rect' AND supersedes IS NOT NULL"
	evManualLink = "SELECT id FROM links WHERE basis = 'manual'"
)

func buildEvidenceCase(path string) error {
	ctx := context.Background()
	c, err := Create(path, "Martineau Estate data sheets", "LW", Options{Actor: "Test Actor"})
	if err != nil {
		return err
	}
	defer c.Close()
	dir := filepath.Dir(path)
	file := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			panic(err)
		}
		return p
	}
	steps := []func() error{
		func() error {
			_, err := c.ImportRows(ctx, file("data sheet.csv", sampleSheet), ImportOptions{})
			return err
		},
		func() error {
			for i := 1; i <= 4; i++ {
				png := "\x89PNG\r\n\x1a\nshot " + string(rune('0'+i))
				if _, err := c.Add(ctx, file("shot"+string(rune('0'+i))+".png", png), Meta{}); err != nil {
					return err
				}
			}
			_, err := c.Add(ctx, file("statement.txt", "Statement of Maureen Baptiste, 1 Kestrel Court.\n"), Meta{Kind: KindStatement})
			return err
		},
		func() error {
			at := time.Date(2015, 6, 8, 9, 0, 0, 0, time.FixedZone("BST", 3600))
			for _, m := range []MessageInput{
				{Exhibit: "LW/2", From: "Northfield Forward", To: "+447700900123", At: at, Body: "Vote on Thursday, Maureen"},
				{Exhibit: "LW/3", From: "Northfield Forward", To: "0044 7700 900125", At: at, Body: "Vote on Thursday"},
				{Exhibit: "LW/4", From: "07700 900999", To: "07700 900777", At: at, Body: "Vote on Thursday"},
				{Exhibit: "LW/5", From: "Northfield Forward", To: "07700 900888", At: at, Body: "Vote on Thursday",
					ResidentName: "NOWAK, Lucja", ResidentAddress: "5 Holloway Road, Northfield"},
			} {
				if _, err := c.AddMessage(ctx, m); err != nil {
					return err
				}
			}
			return nil
		},
		func() error { _, err := c.AutoLink(ctx); return err },
		func() error { return c.AcceptLink(ctx, 4, 5) },
		func() error { return c.RemoveLink(ctx, 2, 4, "Aoife moved out in 2014") },
		func() error {
			// The first message was misread: its correction supersedes
			// it, and its link to row 1 moves to the correction.
			at := time.Date(2015, 6, 8, 9, 1, 0, 0, time.FixedZone("BST", 3600))
			_, err := c.SupersedeMessage(ctx, 1, MessageInput{From: "Northfield Forward", To: "07700 900123",
				At: at, Body: "Vote on Thursday, Maureen!"}, "the time and the last word were misread")
			return err
		},
		func() error { return c.AddLink(ctx, 3, 6, "resident confirmed by phone") },
		func() error { _, err := c.SuggestMarks(ctx); return err },
		func() error {
			ms, err := c.Marks(ctx, MarkSuggested)
			if err != nil {
				return err
			}
			if _, err := c.RejectMarks(ctx, []int64{ms[0].ID}, false); err != nil {
				return err
			}
			_, err = c.AcceptMarks(ctx, nil, true)
			return err
		},
		func() error { _, err := c.AddTermMark(ctx, "Pat Greene", "name"); return err },
		func() error {
			m, err := c.AddRectMark(ctx, "LW/2", 1, 0.1, 0.1, 0.2, 0.05)
			if err != nil {
				return err
			}
			if _, err := c.MoveRectMark(ctx, m.ID, 0.1, 0.2, 0.2, 0.05); err != nil {
				return err
			}
			gone, err := c.AddRectMark(ctx, "LW/3", 1, 0.5, 0.5, 0.1, 0.1)
			if err != nil {
				return err
			}
			return c.RemoveMark(ctx, gone.ID, "covers the sender, who is not a resident")
		},
		func() error { _, err := c.AddSpanMark(ctx, "LW/6", 13, 29); return err },
		func() error { return c.SetStep(ctx, StepConcernSent, "2015-06-22", "") },
		func() error { return c.SetStep(ctx, StepFollowUpSent, "2015-07-23", "") },
		func() error { return c.SetStep(ctx, StepFollowUpSent, "", "") },
		func() error { return c.SetSetting(ctx, SettingOrganisation, "Northfield Homes") },
		func() error { return c.SetSetting(ctx, SettingComplainant, "Alex Marsh") },
		func() error { _, err := c.AssignPseudonyms(ctx); return err },
		func() error {
			_, err := c.AddLetter(ctx, "Dear Northfield Homes,\nI write about my data.\n", "letter-concern-2015-06-22.txt",
				Meta{Title: "Concern", Source: "Alex Marsh", Obtained: "2015-06-22"}, "concern")
			return err
		},
		func() error {
			ex, err := c.Exhibit(ctx, "LW/2")
			if err != nil {
				return err
			}
			ex.Title = "Text received 8 June"
			_, err = c.Describe(ctx, "LW/2", ex.Meta)
			return err
		},
	}
	for _, s := range steps {
		if err := s(); err != nil {
			return err
		}
	}
	rep, err := c.Verify(ctx, nil)
	if err != nil {
		return err
	}
	if !rep.OK() {
		var ps []string
		for _, p := range rep.Problems {
			ps = append(ps, p.String())
		}
		return &verifyFailed{strings.Join(ps, "\n")}
	}
	return c.Close()
}

type verifyFailed struct{ problems string }

func (e *verifyFailed) Error() string { return "the untouched case does not verify:\n" + e.problems }

// copyCase copies a closed case file to a new temporary folder.
func copyCase(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return dst
}

// adversary is the sqlite3 shell in the hands of someone changing a case
// file behind Dossier's back: no foreign keys, no Dossier code, and any
// trigger in the way dropped first.
type adversary struct {
	t  *testing.T
	db *sql.DB
}

func openAdversary(t *testing.T, path string) *adversary {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	return &adversary{t, db}
}

// exec runs statements; "{term}" and the like in them are replaced by
// the ids of the evidence case's records (see the ev constants).
func (a *adversary) exec(stmts ...string) {
	a.t.Helper()
	for _, q := range stmts {
		q = a.expand(q)
		if _, err := a.db.Exec(q); err != nil {
			a.t.Fatalf("%s: %v", q, err)
		}
	}
}

func (a *adversary) expand(q string) string {
	for name, sel := range map[string]string{"{term}": evTermMark, "{moved}": evMovedRect, "{manual}": evManualLink} {
		if strings.Contains(q, name) {
			var id string
			if err := a.db.QueryRow(sel).Scan(&id); err != nil {
				a.t.Fatalf("%s: %v", sel, err)
			}
			q = strings.ReplaceAll(q, name, id)
		}
	}
	return q
}

func (a *adversary) value(q string) string {
	a.t.Helper()
	var v string
	if err := a.db.QueryRow(a.expand(q)).Scan(&v); err != nil {
		a.t.Fatalf("%s: %v", q, err)
	}
	return v
}

// dropAllTriggers drops every trigger, as a first step.
func (a *adversary) dropAllTriggers() {
	a.t.Helper()
	rows, err := a.db.Query("SELECT name FROM sqlite_master WHERE type = 'trigger'")
	if err != nil {
		a.t.Fatal(err)
	}
	var names []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		names = append(names, n)
	}
	rows.Close()
	for _, n := range names {
		a.exec("DROP TRIGGER " + n)
	}
}

// restoreTriggers puts back every trigger the schema files make, so that
// only the change itself is left to find.
func (a *adversary) restoreTriggers() {
	a.t.Helper()
	want, err := referenceSchema(SchemaVersion())
	if err != nil {
		a.t.Fatal(err)
	}
	for name, text := range want {
		if strings.HasPrefix(name, "trigger ") {
			a.db.Exec("DROP TRIGGER IF EXISTS " + strings.TrimPrefix(name, "trigger "))
			a.exec(text)
		}
	}
}

func (a *adversary) close() { a.db.Close() }

// verifyFile opens path and verifies it.
func verifyFile(t *testing.T, path string) (Report, error) {
	t.Helper()
	c, err := Open(path, Options{Actor: "Checker"})
	if err != nil {
		return Report{}, err
	}
	defer c.Close()
	return c.Verify(context.Background(), nil)
}

func problemLines(rep Report) string {
	var all []string
	for _, p := range rep.Problems {
		all = append(all, p.String())
	}
	return strings.Join(all, "\n")
}

func TestEvidenceCaseVerifies(t *testing.T) {
	rep, err := verifyFile(t, copyCase(t, evidenceCase(t)))
	if err != nil || !rep.OK() {
		t.Fatalf("verify: %v\n%s", err, problemLines(rep))
	}
	// Every kind of record is covered by some event.
	if rep.Records < 60 {
		t.Errorf("only %d records checked", rep.Records)
	}
}

// TestTamperSuite changes the evidence case as someone with the sqlite3
// shell would, one kind of change at a time, and checks that Verify finds
// each and names it: the record (kind and id), the event that recorded
// it, what was expected and what was found. Unless a case says otherwise
// every trigger is dropped before the change and put back after it, so
// the change itself, not the missing triggers, has to give it away.
func TestTamperSuite(t *testing.T) {
	src := evidenceCase(t)
	tests := []struct {
		name        string
		sql         []string
		keepDropped bool     // leave the triggers dropped
		want        []string // each must be in some problem
	}{
		// Marks: what a bundle blacks out or replaces by a stand-in.
		{"a mark's status", []string{"UPDATE marks SET status = 'rejected' WHERE id = {term}"},
			false, []string{`mark 26: event 22: status differs from the custody log (expected "accepted", found "rejected")`}},
		{"a mark's decision rewritten", []string{"UPDATE mark_history SET status = 'rejected' WHERE id = 5"},
			false, []string{"mark decisions 2-25: event 21: content differs from what the custody log recorded"}},
		{"a mark's decision deleted", []string{"DELETE FROM mark_history WHERE id = 27"},
			false, []string{"mark decision 27: event 26: missing: the custody log recorded it"}},
		{"a mark withdrawn by an added decision", []string{"INSERT INTO mark_history (mark_id, status, note, by, at) VALUES ({term}, 'removed', '', 'x', '2015-06-01T00:00:00Z')"},
			false, []string{"mark decision 28: not in the custody log"}},
		{"a mark's value", []string{"UPDATE marks SET value = 'Pat Green', value_key = 'green pat' WHERE id = {term}"},
			false, []string{"mark 26: event 22: content differs from what the custody log recorded: the digest of its marked value, note, author and time"}},
		{"a mark's rectangle", []string{"UPDATE marks SET y = 0.6 WHERE id = {moved}"},
			false, []string{"mark 28: event 24: y differs from the custody log (expected 0.2, found 0.6)"}},
		{"a span's bytes", []string{"UPDATE marks SET span_end = 20 WHERE kind = 'span'"},
			false, []string{"mark 30: event 27: span_end differs from the custody log (expected 29, found 20)"}},
		{"a suggested term's value", []string{"UPDATE marks SET value = 'someone else' WHERE id = 3"},
			false, []string{"marks 1-25: event 19: content differs from what the custody log recorded"}},
		// Messages: what was received, when, on which number.
		{"a message's body", []string{"UPDATE messages SET body = 'Vote on Friday' WHERE id = 2"},
			false, []string{"message 2: event 10: content differs from what the custody log recorded: the digest of its sender, recipient's number, body"}},
		{"a message's phone", []string{"UPDATE messages SET recipient = '07700 900124', recipient_e164 = '+447700900124' WHERE id = 2"},
			false, []string{"message 2: event 10: content differs"}},
		{"a message's time", []string{"UPDATE messages SET at = '2015-06-09T09:00:00+01:00' WHERE id = 2"},
			false, []string{`message 2: event 10: at differs from the custody log (expected "2015-06-08T09:00:00+01:00", found "2015-06-09T09:00:00+01:00")`}},
		{"a message's time and body", []string{"UPDATE messages SET at = '2015-06-09T09:00:00+01:00', body = 'Vote on Friday' WHERE id = 2"},
			false, []string{`message 2: event 10: at differs from the custody log`, "message 2: event 10: content differs from what the custody log recorded: the digest of its sender, recipient's number, body"}},
		{"a message's sender", []string{"UPDATE messages SET sender = 'Someone Else' WHERE id = 4"},
			false, []string{"message 4: event 12: content differs"}},
		{"a message's exhibit", []string{"UPDATE messages SET exhibit_id = 5 WHERE id = 2"},
			false, []string{"message 2: event 10: exhibit_id differs from the custody log (expected 3, found 5)"}},
		{"a correction's link to what it corrects", []string{"UPDATE messages SET supersedes = NULL WHERE id = 5"},
			false, []string{"message 5: event 17: supersedes differs from the custody log (expected 1, found nothing)"}},
		{"a forged correction", []string{`INSERT INTO messages (exhibit_id, sender, recipient, recipient_e164, at, zone, body, supersedes)
			VALUES (3, 'Northfield Forward', '07700 900125', '+447700900125', '2015-06-08T09:00:00+01:00', 'BST', 'Vote', 2)`},
			false, []string{"message 6: not in the custody log"}},
		// Links: the claim that a message reached the number in a row.
		{"a link's row", []string{"UPDATE links SET row_id = 2 WHERE id = 1"},
			false, []string{"links 1-3: event 13: content differs from what the custody log recorded"}},
		{"a hand-made link's row", []string{"UPDATE links SET row_id = 2 WHERE id = {manual}"},
			false, []string{"link 6: event 18: row_id differs from the custody log (expected 6, found 2)"}},
		{"a link's status", []string{"UPDATE link_history SET status = 'linked' WHERE id = 2"},
			false, []string{`link change 2: event 16: status differs from the custody log (expected "removed", found "linked")`}},
		{"a proposed link's basis", []string{"UPDATE links SET basis = 'phone' WHERE id = 4"},
			false, []string{`link 4: event 14: basis differs from the custody log (expected "name+address", found "phone")`}},
		{"a link deleted", []string{"DELETE FROM links WHERE id = 2"},
			false, []string{"links 1-3: event 13: not as many links as the custody log recorded (expected 3, found 2)"}},
		{"a link added", []string{"INSERT INTO links (message_id, row_id, basis, status, reason, by, at) VALUES (2, 2, 'manual', 'linked', 'x', 'x', 'x')"},
			false, []string{"link 7: not in the custody log"}},
		// Rows: the data sheet as transcribed.
		{"a row's phone", []string{"UPDATE rows SET phone = '07700 900777', phone_e164 = '+447700900777' WHERE id = 2"},
			false, []string{"rows 1-6: event 3: content differs from what the custody log recorded"}},
		{"a row's name", []string{"UPDATE rows SET name = 'Zoe Okafor-Smith' WHERE id = 2"},
			false, []string{"rows 1-6: event 3: content differs"}},
		{"a row's address", []string{"UPDATE rows SET address = '9 Kestrel Court' WHERE id = 2"},
			false, []string{"rows 1-6: event 3: content differs"}},
		{"a row deleted", []string{"DELETE FROM rows WHERE id = 6"},
			false, []string{"rows 1-6: event 3: not as many rows as the custody log recorded (expected 6, found 5)"}},
		{"a row added", []string{`INSERT INTO rows (import_id, exhibit_id, source_line, source_ref, name, phone, phone_e164)
			VALUES (1, 1, 9, 'line 9', 'New Person', '07700 900444', '+447700900444')`},
			false, []string{"row 7: not in the custody log"}},
		{"an import's recorded file", []string{"UPDATE imports SET file_sha256 = 'c0ffee' WHERE id = 1"},
			false, []string{"import 1: event 3: content differs"}},
		// Pseudonyms, steps, case details.
		{"two pseudonyms swapped", []string{"UPDATE pseudonyms SET num = -num WHERE id IN (1, 2)", "UPDATE pseudonyms SET num = 3 - (-num) WHERE num < 0"},
			false, []string{"pseudonyms 1-25: event 33: content differs"}},
		{"a step's date", []string{"UPDATE step_history SET date = '2015-06-01' WHERE id = 1"},
			false, []string{`step date 1: event 28: date differs from the custody log (expected "2015-06-22", found "2015-06-01")`}},
		{"a cleared step brought back", []string{"DELETE FROM step_history WHERE id = 3"},
			false, []string{"step date 3: event 30: missing: the custody log recorded it"}},
		{"the organisation on the cover", []string{"UPDATE setting_history SET value = 'Southfield Homes' WHERE key = 'organisation'"},
			false, []string{"case detail 1: event 31: content differs from what the custody log recorded: the digest of its value, author and time"}},
		{"the complainant on the cover", []string{"UPDATE setting_history SET value = 'Someone Else' WHERE key = 'complainant'"},
			false, []string{"case detail 2: event 32: content differs"}},
		// Exhibits, letters and originals.
		{"an exhibit's date obtained", []string{"UPDATE exhibits SET obtained = '2015-06-01' WHERE ref = 'LW/7'"},
			false, []string{`exhibit LW/7: obtained differs from the custody log (expected "2015-06-22", found "2015-06-01")`}},
		{"an exhibit's title", []string{"UPDATE exhibits SET title = 'Text received 9 June' WHERE ref = 'LW/2'"},
			false, []string{`exhibit LW/2: title differs from the custody log (expected "Text received 8 June", found "Text received 9 June")`}},
		{"a saved letter's text", []string{"UPDATE chunks SET data = CAST('Dear Northfield Homes,\nI write about your data.\n' AS BLOB) WHERE blob_id = 7"},
			false, []string{"exhibit LW/7: original bytes do not match their recorded SHA-256"}},
		{"a letter swapped for another exhibit", []string{"UPDATE exhibits SET blob_id = -1 WHERE ref = 'LW/7'", "UPDATE exhibits SET blob_id = 7 WHERE ref = 'LW/6'", "UPDATE exhibits SET blob_id = 6 WHERE ref = 'LW/7'"},
			false, []string{"exhibit LW/7: sha256 differs from the custody log", "exhibit LW/7: event 35: is not the letter that was saved"}},
		{"an original's chunk", []string{"UPDATE chunks SET data = CAST('Statement of Maureen Baptiste, 2 Kestrel Court.\n' AS BLOB) WHERE blob_id = 6"},
			false, []string{"exhibit LW/6: original bytes do not match their recorded SHA-256"}},
		// The case's identity and the chain.
		{"the case's UUID", []string{"UPDATE case_info SET uuid = '00000000-0000-4000-8000-000000000000'"},
			false, []string{"event 1: does not start from this case's identity", `case: event 1: uuid differs from the custody log`}},
		{"the case's title", []string{"UPDATE case_info SET title = 'Another case'"},
			false, []string{`case: event 1: title differs from the custody log (expected "Martineau Estate data sheets", found "Another case")`}},
		{"a custody event deleted", []string{"DELETE FROM custody WHERE seq = 16"},
			false, []string{"event 17: custody log has a gap", "event 17: does not follow the event before it", "link change 2: not in the custody log"}},
		{"custody events reordered", []string{"UPDATE custody SET seq = -9 WHERE seq = 9", "UPDATE custody SET seq = 9 WHERE seq = 10", "UPDATE custody SET seq = 10 WHERE seq = -9"},
			false, []string{"event 9: does not follow", "event 9: event was altered after it was recorded"}},
		{"a custody event edited", []string{`UPDATE custody SET detail = replace(detail, '"links":3', '"links":2') WHERE seq = 13`},
			false, []string{"event 13: event was altered after it was recorded"}},
		{"the last event deleted", []string{"DELETE FROM custody WHERE seq = 36"},
			false, []string{`exhibit LW/2: title differs from the custody log (expected "shot1", found "Text received 8 June")`}},
		{"a custody log copied from another case", []string{"UPDATE custody SET prev_hash = '" + strings.Repeat("ab", 32) + "' WHERE seq = 1"},
			false, []string{"event 1: does not start from this case's identity"}},
		// The file's own rules.
		{"every trigger dropped", []string{"SELECT 1"},
			true, []string{"rules are missing: the case file was changed outside Dossier (trigger blobs_no_delete, "}},
		{"a trigger dropped and an event deleted", []string{"DELETE FROM custody WHERE seq = 26"},
			true, []string{"custody_no_delete", "event 27: custody log has a gap", "mark decision 27: not in the custody log"}},
		{"a view changed to hide a mark", []string{"DROP VIEW current_marks", `CREATE VIEW current_marks AS
    SELECT m.id, m.kind, COALESCE(h.status, m.status) AS status, m.exhibit_id, m.value_kind, m.value, m.value_key,
        m.page, m.x, m.y, m.w, m.h, m.span_start, m.span_end, m.origin,
        COALESCE(h.note, m.note) AS note, COALESCE(h.by, m.by) AS by, COALESCE(h.at, m.at) AS at, m.supersedes
    FROM marks m LEFT JOIN mark_history h ON h.id = (SELECT MAX(id) FROM mark_history WHERE mark_id = m.id) WHERE m.id != 26`},
			false, []string{"schema: view current_marks differs from Dossier's"}},
		{"a trigger added that rewrites new marks", []string{"CREATE TRIGGER sneaky AFTER INSERT ON mark_history BEGIN SELECT 1; END"},
			false, []string{"schema: trigger sneaky is not Dossier's"}},
		{"the digest key replaced", []string{"UPDATE digest_key SET key = randomblob(32)"},
			false, []string{"rows 1-6: event 3: content differs", "message 2: event 10: content differs"}},
		{"the digest key deleted", []string{"DELETE FROM digest_key"},
			false, []string{"schema: the digest key that custody events use is missing"}},
	}
	if len(tests) < 25 {
		t.Fatalf("only %d kinds of tampering", len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := copyCase(t, src)
			a := openAdversary(t, path)
			a.dropAllTriggers()
			a.exec(tt.sql...)
			if !tt.keepDropped {
				a.restoreTriggers()
			}
			a.close()
			rep, err := verifyFile(t, path)
			if err != nil {
				t.Fatal(err)
			}
			if rep.OK() {
				t.Fatal("verify says intact")
			}
			got := problemLines(rep)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("no problem says %q; verify said:\n%s", w, got)
				}
			}
			if testing.Verbose() {
				t.Logf("verify said:\n%s", got)
			}
		})
	}
}

func TestVerifyNamesADroppedTrigger(t *testing.T) {
	path := copyCase(t, evidenceCase(t))
	a := openAdversary(t, path)
	a.exec("DROP TRIGGER marks_no_update")
	a.close()
	rep, err := verifyFile(t, path)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := problemLines(rep), "schema: trigger marks_no_update is missing: the case file was changed outside Dossier"; got != want {
		t.Errorf("verify said:\n%s\nwant:\n%s", got, want)
	}
}

// TestTamperWithTheFile changes the case file's bytes rather than its
// tables: cut short, a byte changed on disk, the whole file replaced by
// another case's or by an older copy of itself. The last two leave a
// case that is intact on its own: only a head known from elsewhere (a
// bundle's, or one written down) shows the swap, through EventByHash.
func TestTamperWithTheFile(t *testing.T) {
	ctx := context.Background()
	src := evidenceCase(t)
	c, err := Open(copyCase(t, src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	head, err := c.Head(ctx)
	c.Close()
	if err != nil {
		t.Fatal(err)
	}

	t.Run("truncated", func(t *testing.T) {
		path := copyCase(t, src)
		st, _ := os.Stat(path)
		if err := os.Truncate(path, st.Size()/2); err != nil {
			t.Fatal(err)
		}
		_, err := verifyFile(t, path)
		if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "truncated") {
			t.Errorf("verify of a truncated file: %v", err)
		}
	})

	t.Run("a byte changed on disk", func(t *testing.T) {
		path := copyCase(t, src)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		i := bytes.Index(data, []byte("0044 7700 900125"))
		if i < 0 || bytes.Count(data, []byte("0044 7700 900125")) != 1 {
			t.Fatal("the message's number is not once in the file")
		}
		data[i+15] = '6' // 0044 7700 900126
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		rep, err := verifyFile(t, path)
		if err != nil {
			t.Fatal(err)
		}
		if got := problemLines(rep); !strings.HasPrefix(got, "message 2: event 10: content differs from what the custody log recorded") {
			t.Errorf("verify said:\n%s", got)
		}
	})

	swapped := func(t *testing.T, path string) {
		t.Helper()
		rep, err := verifyFile(t, path)
		if err != nil || !rep.OK() {
			t.Fatalf("the swapped-in file is not intact on its own: %v\n%s", err, problemLines(rep))
		}
		c, err := Open(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if _, err := c.EventByHash(ctx, head[:12]); !errors.Is(err, ErrUnknownEvent) {
			t.Errorf("the head %s is found in the swapped-in file: %v", head[:12], err)
		}
	}
	t.Run("replaced by another case", func(t *testing.T) {
		other := TestCase(t)
		if _, err := other.Add(ctx, TestFile(t, "a.txt", []byte("another case")), Meta{}); err != nil {
			t.Fatal(err)
		}
		other.Close()
		path := copyCase(t, src)
		data, err := os.ReadFile(other.Path())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		swapped(t, path)
	})
	t.Run("replaced by an older copy", func(t *testing.T) {
		path := copyCase(t, src)
		c, err := Open(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.EventByHash(ctx, head); err != nil {
			t.Fatalf("the head is not found in the case itself: %v", err)
		}
		c.Close()
		older, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		c, err = Open(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := c.RemoveMark(ctx, 26, "not personal data after all"); err != nil {
			t.Fatal(err)
		}
		head, err = c.Head(ctx)
		if err != nil {
			t.Fatal(err)
		}
		c.Close()
		if err := os.WriteFile(path, older, 0o600); err != nil {
			t.Fatal(err)
		}
		swapped(t, path)
	})
}
