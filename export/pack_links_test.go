package export

import (
	"context"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"dossier/internal/tooltest"
)

// qpdfLinks lists, with qpdf, each link annotation of a PDF as the page it
// is on and the page its destination names (0 when that is not a page of
// the file).
func qpdfLinks(t *testing.T, path string) (pages int, links [][2]int) {
	t.Helper()
	out, err := exec.Command("qpdf", "--json", "--json-key=pages", "--json-key=qpdf", path).Output()
	if err != nil {
		t.Fatalf("qpdf --json %s: %v", path, err)
	}
	var j struct {
		Pages []struct {
			Object string `json:"object"`
		} `json:"pages"`
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal(out, &j); err != nil || len(j.QPDF) < 2 {
		t.Fatalf("qpdf --json %s: %v", path, err)
	}
	var objs map[string]struct {
		Value any `json:"value"`
	}
	if err := json.Unmarshal(j.QPDF[1], &objs); err != nil {
		t.Fatal(err)
	}
	deref := func(v any) any {
		if s, ok := v.(string); ok && strings.HasSuffix(s, " R") {
			return objs["obj:"+s].Value
		}
		return v
	}
	pageNr := map[string]int{}
	for i, p := range j.Pages {
		pageNr[p.Object] = i + 1
	}
	for i, p := range j.Pages {
		page, _ := deref(p.Object).(map[string]any)
		annots, _ := deref(page["/Annots"]).([]any)
		for _, a := range annots {
			ad, _ := deref(a).(map[string]any)
			if ad["/Subtype"] != "/Link" {
				continue
			}
			dest, _ := deref(ad["/Dest"]).([]any)
			if act, ok := deref(ad["/A"]).(map[string]any); ok && dest == nil {
				dest, _ = deref(act["/D"]).([]any)
			}
			to := 0
			if len(dest) > 0 {
				ref, _ := dest[0].(string)
				to = pageNr[ref]
			}
			links = append(links, [2]int{i + 1, to})
		}
	}
	return len(j.Pages), links
}

// Every link in every part of an ICO pack points to a page of that part,
// and each part passes qpdf --check with no warning (issue: each part
// carried dozens of broken links after the split).
func TestPackPartsHaveNoBrokenLinks(t *testing.T) {
	tooltest.Need(t, "qpdf")
	ctx := context.Background()
	c := sampleCase(t)
	out := filepath.Join(t.TempDir(), "bundle.pdf")
	if _, err := Bundle(ctx, c, out, false, Options{Date: bundleDate}); err != nil {
		t.Fatal(err)
	}
	_, wholeLinks := qpdfLinks(t, out)
	if len(wholeLinks) == 0 {
		t.Fatal("the bundle has no links; the test proves nothing")
	}
	old := packLimit
	packLimit = 300 << 10
	defer func() { packLimit = old }()
	res, err := Pack(ctx, c, out, Options{Date: bundleDate})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Parts) < 2 {
		t.Fatalf("%d parts; the test needs a split", len(res.Parts))
	}
	kept := 0
	for i, p := range res.Parts {
		if msg, err := exec.Command("qpdf", "--check", p).CombinedOutput(); err != nil || strings.Contains(string(msg), "WARNING") {
			t.Errorf("qpdf --check part %d: %v\n%s", i+1, err, msg)
		}
		pages, links := qpdfLinks(t, p)
		for _, l := range links {
			if l[1] < 1 || l[1] > pages {
				t.Errorf("part %d page %d has a link to a page not in the part", i+1, l[0])
			}
		}
		kept += len(links)
	}
	// The index's links to pages in its own part are kept.
	if kept == 0 {
		t.Error("no link survived the split; links inside a part must be kept")
	}
}
