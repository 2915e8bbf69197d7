package pdf

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// linkTargets lists, page by page, the pages that each page's links point
// to (0 for a link whose target is not a page of the document), and counts
// the page objects the file holds, reachable or not.
func linkTargets(t *testing.T, data []byte) (targets [][]int, pageObjects int) {
	t.Helper()
	ctx, err := api.ReadContext(bytes.NewReader(data), pdfcpuConf())
	if err != nil {
		t.Fatal(err)
	}
	if err := ctx.EnsurePageCount(); err != nil {
		t.Fatal(err)
	}
	nr := map[int]int{}
	for p := 1; p <= ctx.PageCount; p++ {
		_, ir, _, _ := ctx.PageDict(p, false)
		nr[ir.ObjectNumber.Value()] = p
	}
	for _, e := range ctx.Table {
		if d, ok := e.Object.(types.Dict); ok && d.Type() != nil && *d.Type() == "Page" {
			pageObjects++
		}
	}
	for p := 1; p <= ctx.PageCount; p++ {
		d, _, _, _ := ctx.PageDict(p, false)
		var to []int
		annots, _ := ctx.DereferenceArray(d["Annots"])
		for _, a := range annots {
			ad, _ := ctx.DereferenceDict(a)
			dest := ad.ArrayEntry("Dest")
			if len(dest) == 0 {
				continue
			}
			ir, _ := dest[0].(types.IndirectRef)
			to = append(to, nr[ir.ObjectNumber.Value()])
		}
		targets = append(targets, to)
	}
	return targets, pageObjects
}

func TestAssemble(t *testing.T) {
	ctx := context.Background()
	doc := testPDF([]any{"Doc one", "Doc two", "Doc three", "Doc four", "Doc five"},
		map[int]int{1: 4, 2: 5, 3: 1, 4: 3, 5: 2})
	front := testPDF([]any{"Front page"}, map[int]int{1: 1})
	out, err := Assemble(ctx, Pages{PDF: front}, Pages{PDF: doc, First: 2, Last: 4})
	if err != nil {
		t.Fatal(err)
	}
	text, err := New().Text(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(text, "\f")
	want := []string{"Front page", "Doc two", "Doc three", "Doc four"}
	if len(pages) != len(want)+1 {
		t.Fatalf("%d pages, want %d: %q", len(pages)-1, len(want), pages)
	}
	for i, w := range want {
		if strings.TrimSpace(pages[i]) != w {
			t.Errorf("page %d = %q, want %q", i+1, pages[i], w)
		}
	}
	targets, objs := linkTargets(t, out)
	// Page 1 (front) links to itself; doc page 2 -> 5 and 3 -> 1 leave the
	// run and are removed; doc page 4 -> 3 is now page 4 -> page 3.
	wantLinks := [][]int{{1}, nil, nil, {3}}
	for i := range wantLinks {
		if len(targets[i]) != len(wantLinks[i]) || (len(wantLinks[i]) > 0 && targets[i][0] != wantLinks[i][0]) {
			t.Errorf("page %d links to %v, want %v", i+1, targets[i], wantLinks[i])
		}
	}
	if objs != 4 {
		t.Errorf("the file holds %d page objects, want 4 (no stray copies of link targets)", objs)
	}
	// The source is unchanged, so it can be cut again.
	again, err := Assemble(ctx, Pages{PDF: doc, First: 1, Last: 5})
	if err != nil {
		t.Fatal(err)
	}
	if targets, _ := linkTargets(t, again); len(targets[1]) != 1 || targets[1][0] != 5 {
		t.Errorf("whole document: page 2 links to %v, want [5]", targets[1])
	}
}

func TestAssembleBadInput(t *testing.T) {
	ctx := context.Background()
	doc := TestPDF("a", "b")
	if _, err := Assemble(ctx, Pages{PDF: doc, First: 2, Last: 3}); !errors.Is(err, ErrPage) {
		t.Errorf("pages past the end: err = %v, want ErrPage", err)
	}
	if _, err := Assemble(ctx, Pages{PDF: []byte("garbage")}); !errors.Is(err, ErrDamaged) {
		t.Errorf("garbage: err = %v, want ErrDamaged", err)
	}
}

func TestAttachments(t *testing.T) {
	ctx := context.Background()
	if a, err := Attachments(ctx, TestPDF("no attachments")); err != nil || len(a) != 0 {
		t.Errorf("Attachments = %v, %v; want none", a, err)
	}
	if _, err := Attachments(ctx, []byte("garbage")); !errors.Is(err, ErrDamaged) {
		t.Errorf("Attachments of garbage: err = %v, want ErrDamaged", err)
	}
}
