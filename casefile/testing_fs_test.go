package casefile

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// fingerprint is what a read-only open must leave unchanged: the file's
// SHA-256, its modification time and size, and the folder's listing.
type fingerprint struct {
	sum   [32]byte
	mtime time.Time
	size  int64
	names string
}

func takeFingerprint(t *testing.T, path string) fingerprint {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	es, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	var names string
	for _, e := range es {
		names += e.Name() + "\n"
	}
	return fingerprint{fileSum(t, path), st.ModTime(), st.Size(), names}
}

// createAtSchema makes a case file as a Dossier whose schema stopped at
// version k made it, with its first custody event.
func createAtSchema(t *testing.T, path string, k int) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+url.PathEscape(path)+"?_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, q := range []string{"PRAGMA page_size = 65536", "PRAGMA journal_mode = DELETE",
		fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)} {
		mustExec(t, db, q)
	}
	ctx := context.Background()
	c := &Case{info: Info{UUID: "00000000-0000-4000-8000-000000000001"}}
	c.actor.set("Old Dossier")
	err = inTx(ctx, db, func(tx *sql.Tx) error {
		for _, m := range migrations[:k] {
			if _, err := tx.ExecContext(ctx, m); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", k)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO case_info (id, uuid, title, prefix, created_at) VALUES (1, ?, 'Old case', 'LW', '2015-06-01T09:00:00Z')`, c.info.UUID); err != nil {
			return err
		}
		return c.appendEvent(ctx, tx, ActionCreated, "", map[string]string{"uuid": c.info.UUID, "title": "Old case", "prefix": "LW"})
	})
	if err != nil {
		t.Fatal(err)
	}
}

func sha256hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
