package export

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"dossier/casefile"
	"dossier/internal/tooltest"
)

// Every page of an exhibit, those a long text flowed onto included, says
// in its footer whose page it is; no other page names an exhibit there.
func TestFooterNamesTheExhibitOnEachOfItsPages(t *testing.T) {
	tooltest.Need(t, "pdftotext")
	c := pipeCase(t)
	var long strings.Builder
	for i := range 300 {
		fmt.Fprintf(&long, "Line %d of the council's reply.\n", i+1)
	}
	text := add(t, c, "reply.txt", []byte(long.String()), casefile.Meta{})
	note := add(t, c, "note.txt", []byte("A short note."), casefile.Meta{})
	_, out, _ := bundleText(t, c, Options{SkipOCRCheck: true})
	footer := regexp.MustCompile(`(?:Exhibit (\S+) · )?Page (\d+) of \d+`)
	pages := map[string]int{}
	for i, page := range strings.Split(strings.TrimRight(out, "\f"), "\f") {
		m := footer.FindAllStringSubmatch(page, -1)
		if len(m) == 0 {
			t.Fatalf("page %d has no footer:\n%s", i+1, page)
		}
		f := m[len(m)-1]
		if f[2] != fmt.Sprint(i+1) {
			t.Fatalf("page %d's footer says page %s", i+1, f[2])
		}
		heading := regexp.MustCompile(`(?m)^\s*Exhibit (\S+)\s+\S`).FindStringSubmatch(page)
		if heading != nil && f[1] != heading[1] {
			t.Errorf("page %d is %s's, its footer says %q", i+1, heading[1], f[1])
		}
		if f[1] != "" {
			pages[f[1]]++
		}
	}
	if pages[text.Ref] < 3 || pages[note.Ref] != 1 || len(pages) != 3 { // and the sheet
		t.Errorf("pages named in footers: %v; want %s on 3 or more, %s on 1", pages, text.Ref, note.Ref)
	}
}
