package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestOpenTarget checks which lone arguments open the app on a case, with
// the paths Windows and macOS file managers pass as well as Linux ones.
func TestOpenTarget(t *testing.T) {
	dir := t.TempDir()
	bare := filepath.Join(dir, "leak")
	if err := os.WriteFile(bare, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	tests := []struct {
		arg, want string
	}{
		{"leak.dossier", "leak.dossier"},
		{"LEAK.DOSSIER", "LEAK.DOSSIER"},
		{"Leak.Dossier", "Leak.Dossier"},
		{`C:\Users\Alex\Documents\Martineau case.dossier`, `C:\Users\Alex\Documents\Martineau case.dossier`},
		{`C:\Users\Alex\Documents\MARTINEAU.DOSSIER`, `C:\Users\Alex\Documents\MARTINEAU.DOSSIER`},
		{`D:/Cases/leak`, `D:/Cases/leak`},
		{`\\nas\evidence\leak`, `\\nas\evidence\leak`},
		{"/Users/alex/Documents/leak.dossier", "/Users/alex/Documents/leak.dossier"},
		{"leak", "leak"}, // an existing file without the extension
		{"list", ""},     // a verb
		{"missing", ""},  // neither a verb nor a file: unknown verb
		{"leak.dossierx", ""},
	}
	for _, tt := range tests {
		if got := openTarget([]string{tt.arg}); got != tt.want {
			t.Errorf("openTarget(%q) = %q, want %q", tt.arg, got, tt.want)
		}
	}
	if got := openTarget([]string{"a.dossier", "b.dossier"}); got != "" {
		t.Errorf("two arguments gave %q, want a verb", got)
	}
}
