package main

import (
	"bytes"
	"context"
	"testing"

	"dossier"
)

// TestVersionFlag checks that --version prints FyneApp.toml's version, the
// number the installers are named after.
func TestVersionFlag(t *testing.T) {
	for _, flag := range []string{"--version", "-version"} {
		var out bytes.Buffer
		if err := dispatch(context.Background(), []string{flag}, &out); err != nil {
			t.Fatalf("%s: %v", flag, err)
		}
		if want := "dossier " + dossier.Version + "\n"; out.String() != want || dossier.Version == "unknown" {
			t.Errorf("%s printed %q, want %q", flag, out.String(), want)
		}
	}
}
