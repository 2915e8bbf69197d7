package casefile

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dossier/internal/mediatest"
)

// richCase makes a closed case with something in every table a read-only
// screen or verb shows: exhibits, rows, a message, a link, marks, a step
// and settings.
func richCase(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "rich.dossier")
	c, err := Create(path, "Read-only test", "LW", Options{Actor: "Test Actor"})
	if err != nil {
		t.Fatal(err)
	}
	sheet := TestFile(t, "sheet.csv", []byte("UPRN,Address,Name,Phone\n100023456701,\"Flat 1, Kestrel House\",Zoe Okafor,07700 900123\n100023456702,\"Flat 2, Kestrel House\",Harold Pike,07700 900124\n"))
	if _, err := c.ImportRows(ctx, sheet, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	shot, err := c.Add(ctx, TestFile(t, "text.txt", []byte("Vote Northfield Forward on Thursday")), Meta{Kind: KindScreenshot})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.AddMessage(ctx, MessageInput{Exhibit: shot.Ref, To: "07700 900123", From: "Northfield Forward", At: time.Date(2015, 6, 8, 9, 0, 0, 0, time.UTC), Body: "Vote on Thursday"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AutoLink(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := c.SuggestMarks(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AcceptMarks(ctx, nil, true); err != nil {
		t.Fatal(err)
	}
	if err := c.SetSetting(ctx, SettingComplainant, "Alex Marsh"); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// readEverything calls every reading method a verb or screen uses.
func readEverything(t *testing.T, c *Case) {
	t.Helper()
	ctx := context.Background()
	exs, err := c.Exhibits(ctx)
	if err != nil || len(exs) != 2 {
		t.Fatalf("exhibits: %d, %v", len(exs), err)
	}
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	_, err = c.Exhibit(ctx, "LW/2")
	must("exhibit", err)
	_, _, err = c.ReadOriginal(ctx, "LW/1")
	must("read original", err)
	_, err = c.WriteOriginal(ctx, "LW/2", io.Discard)
	must("write original", err)
	_, err = c.Log(ctx)
	must("log", err)
	_, err = c.Head(ctx)
	must("head", err)
	rows, err := c.Rows(ctx, RowQuery{})
	must("rows", err)
	if len(rows) != 2 {
		t.Fatalf("%d rows", len(rows))
	}
	_, err = c.CountRows(ctx, RowQuery{Search: "kestrel"})
	must("count rows", err)
	_, err = c.Messages(ctx)
	must("messages", err)
	_, err = c.Links(ctx, true)
	must("links", err)
	_, _, err = c.Gaps(ctx)
	must("gaps", err)
	_, err = c.Marks(ctx, "")
	must("marks", err)
	_, err = c.TermCounts(ctx)
	must("term counts", err)
	_, err = c.Steps(ctx, time.Date(2015, 7, 1, 0, 0, 0, 0, time.UTC))
	must("steps", err)
	_, err = c.Settings(ctx)
	must("settings", err)
	_, _, err = c.ExhibitText(ctx, "LW/2")
	must("exhibit text", err)
	rep, err := c.Verify(ctx, nil)
	must("verify", err)
	if !rep.OK() {
		t.Fatalf("verify: %v", rep.Problems)
	}
}

func TestOpenReadOnlyChangesNothing(t *testing.T) {
	path := richCase(t)
	before := takeFingerprint(t, path)
	time.Sleep(10 * time.Millisecond) // a write now would show in the mtime
	c, err := OpenReadOnly(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !c.ReadOnly() {
		t.Fatal("ReadOnly() is false")
	}
	readEverything(t, c)
	// Every kind of write is refused, before touching the file.
	ctx := context.Background()
	writes := map[string]error{}
	_, writes["add"] = c.Add(ctx, TestFile(t, "new.txt", []byte("new")), Meta{})
	_, writes["describe"] = c.Describe(ctx, "LW/1", Meta{Kind: KindOther, Title: "Changed"})
	writes["record"] = c.Record(ctx, ActionVerified, "", nil)
	writes["verification"] = c.RecordVerification(ctx, Report{})
	writes["setting"] = c.SetSetting(ctx, SettingComplainant, "Someone Else")
	_, writes["suggest"] = c.SuggestMarks(ctx)
	for what, err := range writes {
		if !errors.Is(err, ErrReadOnly) {
			t.Errorf("%s on a read-only case: %v, want ErrReadOnly", what, err)
		}
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if after := takeFingerprint(t, path); after != before {
		t.Fatalf("read-only open changed the case or its folder:\nbefore %+v\nafter  %+v", before, after)
	}
}

// A case left in WAL mode by an older build, with no log beside it, is
// read from the file alone: SQLite's mode=ro would leave -wal and -shm.
func TestOpenReadOnlyWALFileLeavesNoFiles(t *testing.T) {
	path := richCase(t)
	db := rawDB(t, path)
	var mode string
	if err := db.QueryRow("PRAGMA journal_mode = WAL").Scan(&mode); err != nil || mode != "wal" {
		t.Fatalf("journal mode %q, %v", mode, err)
	}
	db.Close()
	if hd, err := readHeader(path); err != nil || !hd.wal {
		t.Fatalf("header %+v, %v: want a WAL-mode file", hd, err)
	}
	before := takeFingerprint(t, path)
	c, err := OpenReadOnly(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	readEverything(t, c)
	c.Close()
	if after := takeFingerprint(t, path); after != before {
		t.Fatalf("changed:\nbefore %+v\nafter  %+v", before, after)
	}
	// The next writer returns it to rollback mode.
	w, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	if hd, _ := readHeader(path); hd.wal {
		t.Fatal("a writer left the case in WAL mode")
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if exists(path + suffix) {
			t.Errorf("%s left after a clean close", suffix)
		}
	}
}

// While the app holds a case in WAL mode, a read-only open reads through
// the log (it sees the app's last commit) and adds no file.
func TestOpenReadOnlyWhileTheAppHasItOpen(t *testing.T) {
	path := richCase(t)
	app, err := Open(path, Options{ConcurrentReads: true})
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	ctx := context.Background()
	if _, err := app.Add(ctx, TestFile(t, "late.txt", []byte("added while open")), Meta{}); err != nil {
		t.Fatal(err)
	}
	if !app.wal() || !exists(path+"-wal") {
		t.Fatalf("ConcurrentReads did not put the case in WAL mode (wal %v, -wal file %v)", app.wal(), exists(path+"-wal"))
	}
	names := takeFingerprint(t, path).names
	c, err := OpenReadOnly(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	exs, err := c.Exhibits(ctx)
	if err != nil || len(exs) != 3 {
		t.Fatalf("read-only open sees %d exhibits (%v), want the app's 3", len(exs), err)
	}
	c.Close()
	if after := takeFingerprint(t, path).names; after != names {
		t.Fatalf("folder changed: %q -> %q", names, after)
	}
	if err := app.Close(); err != nil {
		t.Fatal(err)
	}
	if hd, _ := readHeader(path); hd.wal || exists(path+"-wal") || exists(path+"-shm") {
		t.Fatal("the app's Close left the case in WAL mode or its log behind")
	}
}

func TestReadOnlyMedia(t *testing.T) {
	src := richCase(t)
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dir := mediatest.ReadOnly(t, func(dir string) {
		if err := os.WriteFile(filepath.Join(dir, "case.dossier"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	})
	path := filepath.Join(dir, "case.dossier")
	before := takeFingerprint(t, path)

	_, err = Open(path, Options{})
	if !errors.Is(err, ErrReadOnly) {
		t.Fatalf("Open on read-only media: %v, want ErrReadOnly", err)
	}
	c, err := OpenReadOnly(path, Options{})
	if err != nil {
		t.Fatalf("OpenReadOnly on read-only media: %v", err)
	}
	defer c.Close()
	readEverything(t, c)
	out := filepath.Join(t.TempDir(), "copy.csv")
	ctx := context.Background()
	ex, err := c.Extract(ctx, "LW/1", out, false)
	if err != nil {
		t.Fatalf("extract from read-only media: %v", err)
	}
	got, _ := os.ReadFile(out)
	if sum := sha256hex(got); sum != ex.SHA256 {
		t.Fatalf("extracted %s, want %s", sum, ex.SHA256)
	}
	c.Close()
	if after := takeFingerprint(t, path); after != before {
		t.Fatalf("read-only media changed:\nbefore %+v\nafter  %+v", before, after)
	}
}

// An older case is neither read nor written until it is upgraded, and the
// upgrade is one custody event.
func TestOlderCaseIsUpgradedOnlyWhenAsked(t *testing.T) {
	k := SchemaVersion() - 1
	path := filepath.Join(t.TempDir(), "old.dossier")
	createAtSchema(t, path, k)
	before := takeFingerprint(t, path)
	if _, err := OpenReadOnly(path, Options{}); !errors.Is(err, ErrNeedsUpgrade) {
		t.Fatalf("OpenReadOnly of schema %d: %v, want ErrNeedsUpgrade", k, err)
	}
	if _, err := Open(path, Options{}); !errors.Is(err, ErrNeedsUpgrade) {
		t.Fatalf("Open without Upgrade: %v, want ErrNeedsUpgrade", err)
	}
	if after := takeFingerprint(t, path); after != before {
		t.Fatal("refusing an older case changed it")
	}
	if v, err := FileSchema(path); err != nil || v != k {
		t.Fatalf("FileSchema = %d, %v; want %d", v, err, k)
	}
	// It can be checked as it is, without being upgraded.
	old, err := OpenReadOnly(path, Options{ReadOlder: true})
	if err != nil {
		t.Fatalf("OpenReadOnly with ReadOlder: %v", err)
	}
	if rep, err := old.Verify(context.Background(), nil); err != nil || !rep.OK() {
		t.Fatalf("verify of the older case as it is: %+v %v", rep, err)
	}
	if log, err := old.Log(context.Background()); err != nil || len(log) != 1 {
		t.Fatalf("log of the older case: %d events, %v", len(log), err)
	}
	old.Close()
	if after := takeFingerprint(t, path); after != before {
		t.Fatal("reading an older case as it is changed it")
	}
	from, to, err := Upgrade(path, Options{Actor: "Alex Marsh"})
	if err != nil || from != k || to != SchemaVersion() {
		t.Fatalf("Upgrade = %d, %d, %v; want %d, %d", from, to, err, k, SchemaVersion())
	}
	c, err := OpenReadOnly(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()
	log, _ := c.Log(ctx)
	last := log[len(log)-1]
	if last.Action != ActionUpgraded || last.Actor != "Alex Marsh" ||
		!bytes.Contains(last.Detail, []byte(`"from":`)) || !strings.Contains(string(last.Detail), `"to":`) {
		t.Fatalf("last event %+v, want an upgraded event by Alex Marsh", last)
	}
	if rep, err := c.Verify(ctx, nil); err != nil || !rep.OK() {
		t.Fatalf("upgraded case does not verify: %+v %v", rep, err)
	}
	if from, to, err := Upgrade(path, Options{}); err != nil || from != to {
		t.Fatalf("second Upgrade = %d, %d, %v; want nothing to do", from, to, err)
	}
}

// A change cut off by a crash leaves a hot journal; reading the case then
// needs the change undone, which a read-only open cannot do: it says so
// and changes nothing, and the next writer repairs it.
func TestHotJournalReadOnly(t *testing.T) {
	path := richCase(t)
	ctx := context.Background()
	c, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	c.db.SetMaxOpenConns(1)
	conn, err := c.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	mustConn := func(q string) {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	mustConn("PRAGMA cache_size = 1")
	mustConn("BEGIN IMMEDIATE")
	mustConn("CREATE TABLE junk (b BLOB)")
	mustConn("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40) INSERT INTO junk SELECT randomblob(200000) FROM n")
	// Copy the file and its journal mid-transaction, as a power cut would
	// leave them.
	crashed := filepath.Join(t.TempDir(), "crashed.dossier")
	copyFile(t, path, crashed)
	copyFile(t, path+"-journal", crashed+"-journal")
	mustConn("ROLLBACK")
	conn.Close()
	c.Close()

	before := takeFingerprint(t, crashed)
	_, err = OpenReadOnly(crashed, Options{})
	if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), "cut off") {
		t.Fatalf("OpenReadOnly with a hot journal: %v", err)
	}
	if after := takeFingerprint(t, crashed); after != before {
		t.Fatal("read-only open of a crashed case changed it")
	}
	w, err := Open(crashed, Options{})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := w.Verify(ctx, nil)
	if err != nil || !rep.OK() {
		t.Fatalf("after repair: %+v %v", rep, err)
	}
	w.Close()
	if exists(crashed + "-journal") {
		t.Fatal("journal left after repair")
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// Generation moves with every write and with nothing else, and a case
// opened read-only, which another program may be writing, has none.
func TestGeneration(t *testing.T) {
	ctx := context.Background()
	c := TestCase(t)
	g0, ok := c.Generation()
	if !ok {
		t.Fatal("a writable case has no generation")
	}
	if _, err := c.Exhibits(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Marks(ctx, "all"); err != nil {
		t.Fatal(err)
	}
	if g, _ := c.Generation(); g != g0 {
		t.Errorf("reading moved the generation from %d to %d", g0, g)
	}
	if err := c.SetSetting(ctx, SettingComplainant, "Alex Marsh"); err != nil {
		t.Fatal(err)
	}
	g1, _ := c.Generation()
	if g1 == g0 {
		t.Error("a setting written did not move the generation")
	}
	if _, err := c.AddTermMark(ctx, "Corinne Blackwood", "name"); err != nil {
		t.Fatal(err)
	}
	if g, _ := c.Generation(); g == g1 {
		t.Error("a mark added did not move the generation")
	}
	path := c.Path()
	c.Close()
	ro, err := OpenReadOnly(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, ok := ro.Generation(); ok {
		t.Error("a case opened read-only has a generation")
	}
}
