package casefile

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// schema4Case unpacks the case file written by Dossier at schema 4 into a
// temporary folder.
func schema4Case(t *testing.T) string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "schema4.dossier.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "old.dossier")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, zr); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// oldState is what a schema 4 case holds, as lines, read with plain SQL
// (the old schema has none of the views); newState is the same read
// through the API after the upgrade.
func oldState(t *testing.T, path string) []string {
	t.Helper()
	a := openAdversary(t, path) // plain SQL: the old schema has no views
	defer a.close()
	var out []string
	for _, q := range []string{
		"SELECT 'mark ' || id || ' ' || status || ' ' || note FROM marks",
		"SELECT 'link ' || message_id || '-' || row_id || ' ' || basis || ' ' || status || ' ' || reason FROM links",
		"SELECT 'step ' || id || ' ' || date || ' ' || ref FROM steps",
		"SELECT 'detail ' || key || ' ' || value FROM case_settings",
		"SELECT 'pseudonym ' || kind || ' ' || value_key || ' ' || num FROM pseudonyms",
		"SELECT 'message ' || id || ' ' || recipient_e164 || ' ' || at || ' ' || body FROM messages",
		"SELECT 'row ' || id || ' ' || name || ' ' || phone || ' ' || address FROM rows",
	} {
		rows, err := a.db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var s string
			rows.Scan(&s)
			out = append(out, s)
		}
		rows.Close()
	}
	sort.Strings(out)
	return out
}

func newState(t *testing.T, c *Case) []string {
	t.Helper()
	ctx := context.Background()
	var out []string
	marks, err := c.Marks(ctx, "all")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range marks {
		out = append(out, fmt.Sprintf("mark %d %s %s", m.ID, m.Status, m.Note))
	}
	links, err := c.Links(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range links {
		out = append(out, fmt.Sprintf("link %d-%d %s %s %s", l.MessageID, l.RowID, l.Basis, l.Status, l.Reason))
	}
	steps, err := c.Steps(ctx, Clock())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range steps {
		if !s.Derived && s.Date != "" {
			out = append(out, fmt.Sprintf("step %s %s %s", s.ID, s.Date, s.Ref))
		}
	}
	settings, err := c.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range settings {
		out = append(out, "detail "+k+" "+v)
	}
	a := openAdversary(t, c.Path())
	rows, err := a.db.Query("SELECT 'pseudonym ' || kind || ' ' || value_key || ' ' || num FROM pseudonyms")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var s string
		rows.Scan(&s)
		out = append(out, s)
	}
	rows.Close()
	a.close()
	msgs, err := c.Messages(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		out = append(out, fmt.Sprintf("message %d %s %s %s", m.ID, m.ToE164, m.At.Format("2006-01-02T15:04:05Z07:00"), m.Body))
	}
	rs, err := c.Rows(ctx, RowQuery{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		out = append(out, fmt.Sprintf("row %d %s %s %s", r.ID, r.Name, r.Phone, r.Address))
	}
	sort.Strings(out)
	return out
}

// TestUpgradeFromSchema4 opens a case made at schema 4: the upgrade keeps
// every record and its current state (statuses, reasons, steps, case
// details, pseudonyms), records them all in one records-baseline event,
// and the case verifies; a record changed afterwards is then found.
func TestUpgradeFromSchema4(t *testing.T) {
	ctx := context.Background()
	path := schema4Case(t)
	before := oldState(t, path)
	if len(before) < 40 {
		t.Fatalf("the schema 4 case holds only %d records", len(before))
	}
	c, err := Open(path, Options{Actor: "Checker", Upgrade: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	after := newState(t, c)
	if strings.Join(before, "\n") != strings.Join(after, "\n") {
		t.Errorf("the upgrade changed what the case holds:\nbefore:\n%s\nafter:\n%s", strings.Join(before, "\n"), strings.Join(after, "\n"))
	}
	rep, err := c.Verify(ctx, nil)
	if err != nil || !rep.OK() {
		t.Fatalf("the upgraded case does not verify: %v\n%s", err, problemLines(rep))
	}
	// The upgrade's events: the baseline, then "upgraded".
	log := mustLog(t, c)
	// The upgrade is recorded last, after the baseline of the records.
	if up := log[len(log)-1]; up.Action != ActionUpgraded || up.Actor != "Checker" {
		t.Errorf("last event %s by %s; want %s by Checker", up.Action, up.Actor, ActionUpgraded)
	}
	last := log[len(log)-2]
	var d struct {
		Schema  int                        `json:"schema"`
		From    int                        `json:"from_schema"`
		Records map[string]json.RawMessage `json:"records"`
	}
	if err := json.Unmarshal(last.Detail, &d); err != nil || last.Action != ActionBaseline || last.Actor != programActor || d.Schema != 5 || d.From != 4 {
		t.Fatalf("last event %s by %s: %s (%v)", last.Action, last.Actor, last.Detail, err)
	}
	for _, table := range []string{"imports", "rows", "messages", "links", "marks", "pseudonyms", "step_history", "setting_history"} {
		if d.Records[table] == nil {
			t.Errorf("the baseline does not record %s: %s", table, last.Detail)
		}
	}
	if rep.Records != int64(len(before))+1 { // and the sheet's import
		t.Errorf("%d records checked, want %d", rep.Records, len(before)+1)
	}

	// Work goes on in the upgraded case, and a change made behind its back
	// to a record from before the upgrade is found.
	if _, err := c.AddTermMark(ctx, "Pat Greene", "name"); err != nil {
		t.Fatal(err)
	}
	if err := c.RemoveLink(ctx, 1, 1, "wrong screenshot"); err != nil {
		t.Fatal(err)
	}
	if rep, err := c.Verify(ctx, nil); err != nil || !rep.OK() {
		t.Fatalf("verify after more work: %v\n%s", err, problemLines(rep))
	}
	c.Close()
	a := openAdversary(t, path)
	a.exec("DROP TRIGGER rows_no_update", "UPDATE rows SET phone = '07700 900999' WHERE id = 2")
	a.restoreTriggers()
	a.close()
	rep, err = verifyFile(t, path)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := problemLines(rep), fmt.Sprintf("rows 1-5: event %d: content differs from what the custody log recorded", last.Seq); !strings.HasPrefix(got, want) {
		t.Errorf("verify said:\n%s\nwant %s", got, want)
	}
}

// TestVerifyBeforeUpgrade checks a schema 4 case as a read-only opening
// would, without upgrading it: it is intact, and nothing is written.
func TestVerifyBeforeUpgrade(t *testing.T) {
	ctx := context.Background()
	path := schema4Case(t)
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open(driverName, "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	c := &Case{db: db, path: path}
	if err := db.QueryRow("SELECT uuid, title, prefix FROM case_info").Scan(&c.info.UUID, &c.info.Title, &c.info.Prefix); err != nil {
		t.Fatal(err)
	}
	rep, err := c.Verify(ctx, nil)
	db.Close()
	if err != nil || !rep.OK() || rep.Records != 0 || rep.Exhibits != 6 {
		t.Fatalf("verify: %v %+v\n%s", err, rep, problemLines(rep))
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("verifying changed the case file")
	}
}
