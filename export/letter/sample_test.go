package letter

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/casefile"
	"dossier/sample"
)

// sampleResidents are the sample case's residents' names and numbers, in
// forms people write them: none may reach a letter.
var sampleResidents = []string{"Zoë Okafor", "Zoe Okafor", "Okafor", "Seán Murphy", "Łucja Nowak", "Maureen Baptiste", "Delroy",
	"Priya Raman", "Harold Finch", "Wiśniewski", "07700 900123", "07700900123", "07700 900456", "07700 900789",
	"020 7946 0321", "07700 900902", "07700 900315", "100023456701", "12 Martineau Walk"}

// TestSampleLetters renders every template on the built-in sample case and
// compares it with testdata/sample/ID.golden; run with -update to rewrite
// them after a deliberate change, then read the diff.
func TestSampleLetters(t *testing.T) {
	ctx := context.Background()
	s, err := sample.Write(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	c, err := casefile.Open(s.Case, casefile.Options{Actor: "Test"})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	f, err := CaseFields(ctx, c, today)
	if err != nil {
		t.Fatal(err)
	}
	for _, tp := range Templates() {
		t.Run(tp.ID, func(t *testing.T) {
			got, err := Render(tp, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range sampleResidents {
				if strings.Contains(strings.ToLower(got), strings.ToLower(v)) {
					t.Errorf("%q is in the %s letter", v, tp.ID)
				}
			}
			golden := filepath.Join("testdata", "sample", tp.ID+".golden")
			if *update {
				os.MkdirAll(filepath.Dir(golden), 0o755)
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("render differs from %s (run go test -update and review the diff):\n%s", golden, got)
			}
		})
	}
}
