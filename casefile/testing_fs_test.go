package casefile

import (
	"crypto/sha256"
	"encoding/hex"
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
// version k made it.
func createAtSchema(t *testing.T, path string, k int) { TestOldCase(t, path, k) }

func sha256hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
