package dossier

import (
	"os"
	"strings"
	"testing"
)

func TestParseAppFile(t *testing.T) {
	tests := []struct {
		name, file string
		version    string
		build      int
		wantErr    string
	}{
		{"release", "[Details]\nVersion = \"1.2.3\"\nBuild = 7\n", "1.2.3", 7, ""},
		{"other keys", "Website = \"x\"\n[Details]\nName = \"Dossier\"\nVersion = \"0.10.0\"\nBuild = 12\n", "0.10.0", 12, ""},
		{"two parts", "[Details]\nVersion = \"1.2\"\nBuild = 1\n", "", 0, "not MAJOR.MINOR.PATCH"},
		{"suffix", "[Details]\nVersion = \"1.2.3-rc1\"\nBuild = 1\n", "", 0, "not MAJOR.MINOR.PATCH"},
		{"leading zero", "[Details]\nVersion = \"1.02.3\"\nBuild = 1\n", "", 0, "not MAJOR.MINOR.PATCH"},
		{"no version", "[Details]\nBuild = 1\n", "", 0, "not MAJOR.MINOR.PATCH"},
		{"no build", "[Details]\nVersion = \"1.2.3\"\n", "", 0, "not a positive number"},
		{"not toml", "[Details\n", "", 0, "FyneApp.toml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, b, err := parseAppFile([]byte(tt.file))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || v != tt.version || b != tt.build {
				t.Fatalf("got %q %d %v, want %q %d", v, b, err, tt.version, tt.build)
			}
		})
	}
}

// TestAppFile checks the FyneApp.toml that ships: it parses, and
// CHANGELOG.md has a section for its version, so a release cannot go out
// with a number nobody described.
func TestAppFile(t *testing.T) {
	v, b, err := parseAppFile(fyneApp)
	if err != nil {
		t.Fatal(err)
	}
	if Version != v || Build != b {
		t.Fatalf("Version, Build = %q, %d; FyneApp.toml says %q, %d", Version, Build, v, b)
	}
	log, err := os.ReadFile("CHANGELOG.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(log), "\n## "+v+" ") && !strings.Contains(string(log), "\n## "+v+"\n") {
		t.Errorf("CHANGELOG.md has no \"## %s\" section", v)
	}
}
