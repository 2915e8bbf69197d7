package detect

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/corpus")

// TestCorpus scans every text in testdata/corpus with the names in
// names.txt and compares the findings with the text's .golden.json. Texts
// whose name contains "sheet" are scanned with Options.UPRNs.
func TestCorpus(t *testing.T) {
	dir := filepath.Join("testdata", "corpus")
	list, err := os.ReadFile(filepath.Join(dir, "names.txt"))
	if err != nil {
		t.Fatal(err)
	}
	nameList := strings.Split(strings.TrimSpace(string(list)), "\n")
	texts, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range texts {
		if filepath.Base(path) == "names.txt" {
			continue
		}
		t.Run(filepath.Base(path), func(t *testing.T) {
			text, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			d := mustNew(t, Options{Names: nameList, UPRNs: strings.Contains(filepath.Base(path), "sheet")})
			got := d.Scan(string(text))
			for _, f := range got {
				if string(text[f.Start:f.End]) != f.Text {
					t.Errorf("%s: Text %q but text[%d:%d] is %q", path, f.Text, f.Start, f.End, text[f.Start:f.End])
				}
			}
			js, err := json.MarshalIndent(got, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			js = append(js, '\n')
			golden := strings.TrimSuffix(path, ".txt") + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, js, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(js, want) {
				t.Errorf("findings for %s differ from %s:\n%s", path, golden, js)
			}
		})
	}
}
