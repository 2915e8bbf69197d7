package casefile

import (
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
