package casefile

import (
	"context"
	"reflect"
	"testing"
)

// Each step done takes its count off the list.
func TestEvidenceTodo(t *testing.T) {
	c := TestCase(t)
	ctx := context.Background()
	if td, err := c.EvidenceTodo(ctx); err != nil || td.HasEvidence {
		t.Fatalf("empty case: %+v %v", td, err)
	}
	sheet, _ := c.Add(ctx, TestFile(t, "sheet.csv", []byte("Name,Phone\nZoe Okafor,07700 900123\n")), Meta{Kind: KindSheet})
	shot, _ := c.Add(ctx, TestFile(t, "shot.png", []byte("\x89PNG\r\n\x1a\n not really")), Meta{Kind: KindScreenshot})
	td, err := c.EvidenceTodo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(td.SheetsNotImported, []string{sheet.Ref}) || !reflect.DeepEqual(td.ShotsNoMessage, []string{shot.Ref}) {
		t.Errorf("todo %+v", td)
	}
	if _, err := c.ImportExhibitRows(ctx, sheet.Ref, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AddTermMark(ctx, "Zoe Okafor", "name"); err != nil {
		t.Fatal(err)
	}
	td, _ = c.EvidenceTodo(ctx)
	if len(td.SheetsNotImported) != 0 || td.AcceptedMarks != 1 || td.Exported {
		t.Errorf("after import: %+v", td)
	}
}
