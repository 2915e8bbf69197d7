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
