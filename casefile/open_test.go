package casefile

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// rawDB opens a case file with plain SQLite, bypassing casefile, the way a
// tamperer (or a test) would.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func mustExec(t *testing.T, db *sql.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func TestCreateAndReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leak.dossier")
	c, err := Create(path, "  Data sheets leak ", "lw", Options{Actor: "Alex Marsh"})
	if err != nil {
		t.Fatal(err)
	}
	info := c.Info()
	c.Close()
	if info.Title != "Data sheets leak" || info.Prefix != "LW" || len(info.UUID) != 36 {
		t.Fatalf("info = %+v", info)
	}
	c, err = Open(path, Options{Actor: "Alex Marsh"})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c.Info() != info {
		t.Fatalf("reopened info %+v, want %+v", c.Info(), info)
	}
	log, err := c.Log(context.Background())
	if err != nil || len(log) != 1 || log[0].Action != ActionCreated || log[0].Actor != "Alex Marsh" {
		t.Fatalf("log = %+v, %v", log, err)
	}
	if log[0].PrevHash != genesisHash(info.UUID) {
		t.Fatalf("first event does not chain from the case UUID")
	}
	var mode string
	c.db.QueryRow("PRAGMA journal_mode").Scan(&mode)
	if mode != "delete" {
		t.Fatalf("journal_mode = %q, want delete (rollback journal, how a case rests)", mode)
	}
}

func TestCreateRefuses(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "taken.dossier")
	os.WriteFile(existing, []byte("keep me"), 0o644)
	tests := []struct {
		name, path, title, prefix string
		want                      error
	}{
		{"empty title", filepath.Join(dir, "a.dossier"), " ", "LW", ErrInvalid},
		{"bad prefix", filepath.Join(dir, "b.dossier"), "T", "L/W", ErrInvalid},
		{"numeric prefix", filepath.Join(dir, "c.dossier"), "T", "9A", ErrInvalid},
		{"existing file", existing, "T", "LW", ErrExists},
		{"missing folder", filepath.Join(dir, "nope", "d.dossier"), "T", "LW", os.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Create(tt.path, tt.title, tt.prefix, Options{})
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
	if b, _ := os.ReadFile(existing); string(b) != "keep me" {
		t.Fatal("existing file was changed")
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*"))
	if len(left) != 0 {
		t.Fatalf("temporary files left behind: %v", left)
	}
}

func TestOpenRefusesWithoutChanging(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	random := make([]byte, 64<<10)
	rand.Read(random)

	other := filepath.Join(dir, "other.db")
	db := rawDB(t, other)
	mustExec(t, db, "CREATE TABLE notes (x TEXT)")
	mustExec(t, db, "INSERT INTO notes VALUES ('hello')")
	db.Close()

	real := TestCase(t)
	ctx := context.Background()
	if _, err := real.Add(ctx, TestFile(t, "a.txt", bytes.Repeat([]byte("evidence "), 100000)), Meta{}); err != nil {
		t.Fatal(err)
	}
	real.Close()
	good, _ := os.ReadFile(real.Path())

	newer := write("newer.dossier", good)
	ndb := rawDB(t, newer)
	mustExec(t, ndb, "PRAGMA user_version = 999")
	ndb.Close()

	tests := []struct {
		name string
		path string
		want error
	}{
		{"random bytes", write("random.dossier", random), ErrNotCaseFile},
		{"empty file", write("empty.dossier", nil), ErrNotCaseFile},
		{"text file", write("notes.dossier", []byte("UPRN,Name\n1,A\n")), ErrNotCaseFile},
		{"another SQLite database", other, ErrNotCaseFile},
		{"newer schema", newer, ErrNewerVersion},
		{"truncated", write("truncated.dossier", good[:len(good)/2]), ErrDamaged},
		{"folder", dir, ErrNotCaseFile},
		{"missing", filepath.Join(dir, "missing.dossier"), os.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before [32]byte
			isFile := false
			if st, err := os.Stat(tt.path); err == nil && st.Mode().IsRegular() {
				isFile = true
				before = fileSum(t, tt.path)
			}
			c, err := Open(tt.path, Options{})
			if err == nil {
				c.Close()
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.path) {
				t.Errorf("error %q does not name the file", err)
			}
			if isFile && fileSum(t, tt.path) != before {
				t.Error("file was modified")
			}
			if _, err := os.Stat(tt.path + "-wal"); err == nil && tt.want != ErrNewerVersion {
				t.Error("a -wal file was created")
			}
		})
	}
}
