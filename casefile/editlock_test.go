package casefile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// A second window is refused while the first holds the case, and gets it
// once the first lets go; the lock file goes with the lock.
func TestLockForEditing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.dossier")
	first, err := LockForEditing(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LockForEditing(path); !errors.Is(err, ErrOpenElsewhere) {
		t.Fatalf("second lock: %v, want ErrOpenElsewhere", err)
	}
	first.Release()
	first.Release()
	if _, err := os.Stat(path + LockSuffix); !os.IsNotExist(err) {
		t.Errorf("lock file left behind: %v", err)
	}
	second, err := LockForEditing(path)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	second.Release()
}
