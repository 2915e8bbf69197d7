package ui

import (
	"context"
	"strings"
	"testing"

	"dossier/casefile"
)

// The preview of a text exhibit shows the stand-ins exactly as the bundle
// will print them: terms replaced, spans blocked out.
func TestTextPreviewShowsStandIns(t *testing.T) {
	g, c := openTestCase(t)
	drop(g.cw, casefile.TestFile(t, "note.txt", []byte("Zoë Okafor rang 07700 900123 from Flat 2, Kestrel House.")))
	g.cw.selectTab("Redact")
	rt := tabOf[*redactTab](g.cw)
	ctx := context.Background()
	for _, tm := range []struct{ v, k string }{{"Zoë Okafor", "name"}, {"07700 900123", "phone"}, {"Flat 2, Kestrel House", "address"}} {
		if _, err := c.AddTermMark(ctx, tm.v, tm.k); err != nil {
			t.Fatal(err)
		}
	}
	rt.changed(0)
	rt.previewChk.SetChecked(true)
	got := rt.textView.Text
	if got != "[Resident 1] rang [Phone 1] from [Address 1]." {
		t.Errorf("preview %q", got)
	}
	rt.previewChk.SetChecked(false)
	if !strings.Contains(rt.textView.Text, "Zoë Okafor") {
		t.Error("turning the preview off did not bring back the text")
	}
}

// The exhibit list counts what the bundle's pipeline does to each
// exhibit: terms marked everywhere count in a text with no marks of its
// own, and a sheet is listed and previewed as the bundle prints it.
func TestRedactListCountsFromThePipeline(t *testing.T) {
	g, c := openTestCase(t)
	drop(g.cw, casefile.TestFile(t, "note.txt", []byte("Zoë Okafor rang. Zoë Okafor again.")),
		casefile.TestFile(t, "sheet.csv", []byte("Name,Phone\nZoë Okafor,07700 900123\n")))
	rt := tabOf[*redactTab](g.cw)
	if got := rt.exhibitSummary(rt.exs[0]); got != "text · nothing redacted" {
		t.Errorf("before marking: %q", got)
	}
	if _, err := c.AddTermMark(context.Background(), "Zoë Okafor", "name"); err != nil {
		t.Fatal(err)
	}
	g.cw.reload()
	if got := rt.exhibitSummary(rt.exs[0]); got != "text · 2 values hidden in the bundle" {
		t.Errorf("after a term: %q", got)
	}
	if got := rt.exhibitSummary(rt.exs[1]); got != "sheet · 1 value hidden in the bundle" {
		t.Errorf("the sheet: %q", got)
	}
	rt.selectExhibit(rt.exs[1].Ref)
	rt.previewChk.SetChecked(true)
	if got := rt.textView.Text; strings.Contains(got, "Zoë") || !strings.Contains(got, "[Resident 1]") {
		t.Errorf("sheet preview %q", got)
	}
}
