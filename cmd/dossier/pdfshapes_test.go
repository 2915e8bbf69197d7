package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/casefile/pdf/pdftest"
)

// run runs one dossier command line and returns its exit code, stdout and
// stderr.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := report(&stderr, dispatch(context.Background(), args, &stdout))
	return code, stdout.String(), stderr.String()
}

// PDFs of modern and awkward shapes go through the command line with no
// PDF program needed: added, exported, checked; one that needs a password
// refuses the export with a problem line naming the exhibit.
func TestCLIWithPDFShapes(t *testing.T) {
	t.Setenv("DOSSIER_USER", "Test Person")
	tests := []struct {
		shape   string
		code    int
		message string // in the one stderr line when code is 1
	}{
		{"object-streams", 0, ""},
		{"encrypted-aes256-empty-password", 0, ""},
		{"damaged-xref", 0, ""},
		{"image-only", 0, ""},
		{"encrypted-user-password", 1, "password"},
	}
	for _, tt := range tests {
		t.Run(tt.shape, func(t *testing.T) {
			s := pdftest.Get(t, tt.shape)
			dir := t.TempDir()
			c := filepath.Join(dir, "c.dossier")
			in := filepath.Join(dir, tt.shape+".pdf")
			if err := os.WriteFile(in, s.Data, 0o600); err != nil {
				t.Fatal(err)
			}
			if code, _, errs := runCLI(t, "new", c, "--title", "Shapes", "--prefix", "LW"); code != 0 {
				t.Fatal(errs)
			}
			if code, _, errs := runCLI(t, "add", c, in); code != 0 {
				t.Fatal(errs)
			}
			out := filepath.Join(dir, "bundle.pdf")
			code, stdout, errs := runCLI(t, "export", c, "--out", out, "--date", "2015-08-01")
			if code != tt.code {
				t.Fatalf("export exit %d, want %d: %s", code, tt.code, errs)
			}
			if tt.code != 0 {
				// The export lists each problem on a line of its own.
				found := false
				for _, l := range strings.Split(stdout, "\n") {
					found = found || strings.HasPrefix(l, "problem: LW/1") && strings.Contains(l, tt.message)
				}
				if !found || !strings.HasPrefix(errs, "dossier: ") || strings.Count(errs, "\n") != 1 {
					t.Errorf("stdout %q, stderr %q; want a problem line naming LW/1 and %q", stdout, errs, tt.message)
				}
				if _, err := os.Stat(out); err == nil {
					t.Error("a refused export wrote its bundle")
				}
				return
			}
			if code, stdout, errs := runCLI(t, "verify-bundle", out, "--case", c); code != 0 || !strings.HasPrefix(stdout, "intact: ") {
				t.Errorf("verify-bundle: exit %d %s %s", code, stdout, errs)
			}
		})
	}
}

// A rectangle given in points is measured against the page as displayed:
// on a page rotated to landscape, x = 700 pt is inside it.
func TestMarkRectOnRotatedPage(t *testing.T) {
	t.Setenv("DOSSIER_USER", "Test Person")
	s := pdftest.Get(t, "rotated")
	dir := t.TempDir()
	c := filepath.Join(dir, "c.dossier")
	in := filepath.Join(dir, "rotated.pdf")
	if err := os.WriteFile(in, s.Data, 0o600); err != nil {
		t.Fatal(err)
	}
	runCLI(t, "new", c, "--title", "Shapes", "--prefix", "LW")
	runCLI(t, "add", c, in)
	if code, stdout, errs := runCLI(t, "marks", "add", c, "--exhibit", "LW/1", "--rect", "1,700,100,84,59.5"); code != 0 || !strings.Contains(stdout, "page 1 at 0.831,0.168 size 0.100x0.100") {
		t.Errorf("exit %d\n%s%s", code, stdout, errs)
	}
	if code, _, errs := runCLI(t, "marks", "add", c, "--exhibit", "LW/1", "--rect", "1,100,700,84,59.5"); code != 1 || !strings.Contains(errs, "outside") {
		t.Errorf("a rectangle below a landscape page: exit %d %s", code, errs)
	}
}
