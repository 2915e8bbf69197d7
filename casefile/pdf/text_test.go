package pdf

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// A document long enough to be read by several readers at once gives the
// same text, pages in order, as one reader gives.
func TestTextOfALongDocumentInParallel(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one core: Text reads with one reader")
	}
	pages := make([]string, parallelTextPages+37)
	for i := range pages {
		pages[i] = fmt.Sprintf("Page number %d of the letters", i+1)
	}
	data := TestPDF(pages...)
	ctx := context.Background()
	d, err := Open(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	serial, err := d.Text(ctx)
	if err != nil {
		t.Fatal(err)
	}
	par, err := parallelText(ctx, data, d, 3)
	if err != nil {
		t.Fatal(err)
	}
	if par != serial {
		t.Fatal("the text read in parallel differs from the text read in order")
	}
	got, err := New().Text(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	split := strings.Split(got, "\f")
	if len(split) != len(pages)+1 {
		t.Fatalf("%d pages of text, want %d", len(split)-1, len(pages))
	}
	for i, p := range pages {
		if !strings.Contains(split[i], p) {
			t.Fatalf("page %d reads %q, want %q", i+1, split[i], p)
		}
	}
}
