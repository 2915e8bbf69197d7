package export

import (
	"context"
	"strings"
	"testing"
	"time"

	"dossier/casefile"
)

// Previews of a case share one reading of its marks until the case
// changes, and never show a state the case has left: a mark accepted
// after a preview is applied by the next.
func TestPreviewsShareTheMarksUntilTheCaseChanges(t *testing.T) {
	ctx := context.Background()
	c := casefile.TestCase(t)
	sheet := "UPRN,Address,Estate,Name,Mobile\n100023456701,14 Martineau Walk,Martineau,Maureen Baptiste,07700 900123\n"
	if _, err := c.ImportRows(ctx, casefile.TestFile(t, "sheet.csv", []byte(sheet)), casefile.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	st, err := c.Add(ctx, casefile.TestFile(t, "statement.txt", []byte("Maureen Baptiste had a text from Pat Greene's campaign.\n")),
		casefile.Meta{Kind: casefile.KindStatement})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.SuggestMarks(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AcceptMarks(ctx, nil, true); err != nil {
		t.Fatal(err)
	}
	p, err := PreviewExhibit(ctx, c, st.Ref, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(p.Text, "Maureen") || !strings.Contains(p.Text, "Pat Greene") {
		t.Fatalf("first preview: %q", p.Text)
	}
	made := lastApplier.app
	if made == nil {
		t.Fatal("no Applier kept for the next preview")
	}
	if _, err := Summary(ctx, c, time.Date(2015, 8, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if _, err := MarkCounts(ctx, c, Options{}); err != nil {
		t.Fatal(err)
	}
	if lastApplier.app != made {
		t.Error("the form's text or the counts read the marks again though the case had not changed")
	}
	if _, err := c.AddTermMark(ctx, "Pat Greene", "name"); err != nil {
		t.Fatal(err)
	}
	p, err = PreviewExhibit(ctx, c, st.Ref, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(p.Text, "Pat Greene") {
		t.Errorf("a preview after a term was marked still shows it: %q", p.Text)
	}
	if lastApplier.app == made {
		t.Error("the Applier made before the change was used after it")
	}
}
