package casefile

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"
)

// TestCase creates a new case file in a temporary folder for a test and
// closes it when the test ends. The actor is "Test Actor".
func TestCase(t testing.TB) *Case {
	t.Helper()
	c, err := Create(filepath.Join(t.TempDir(), "test.dossier"), "Test case", "LW", Options{Actor: "Test Actor"})
	if err != nil {
		t.Fatalf("create test case: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// TestFile writes data to a file named name in a temporary folder and
// returns its path.
func TestFile(t testing.TB, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestOldCase writes at path a case file as a Dossier whose schema stopped
// at version schema made it, with its first custody event, for tests of
// upgrading and of reading older cases.
func TestOldCase(t testing.TB, path string, schema int) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+url.PathEscape(path)+"?_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	ctx := context.Background()
	for _, q := range []string{"PRAGMA page_size = 65536", "PRAGMA journal_mode = DELETE",
		fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	c := &Case{info: Info{UUID: "00000000-0000-4000-8000-000000000001"}}
	c.actor.set("Old Dossier")
	err = inTx(ctx, db, func(tx *sql.Tx) error {
		for _, m := range migrations[:schema] {
			if _, err := tx.ExecContext(ctx, m); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", schema)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO case_info (id, uuid, title, prefix, created_at) VALUES (1, ?, 'Old case', 'LW', '2015-06-01T09:00:00Z')`, c.info.UUID); err != nil {
			return err
		}
		return c.appendEvent(ctx, tx, ActionCreated, "", map[string]string{"uuid": c.info.UUID, "title": "Old case", "prefix": "LW"})
	})
	if err != nil {
		t.Fatalf("old case: %v", err)
	}
}
