package casefile

import (
	"context"
	"testing"
)

// A name in a sheet row's notes that shares the row's resident's surname
// is suggested, with origin "household"; a title and surname alone is
// suggested as text; a name that shares no resident's surname, or another
// row's surname only, is not.
func TestSuggestMarksOffersRelativesInNotes(t *testing.T) {
	ctx := context.Background()
	c := TestCase(t)
	sheet := "Name,Phone,Notes\n" +
		"Ana Bello,07700 900611,daughter Kemi Bello rings on Sundays\n" +
		"ADEYEMI Tunde,07700 900612,\"son Femi Adeyemi, works nights\"\n" +
		"\"OKAFOR, Zoë\",07700 900613,Mrs Okafor senior answers the door\n" +
		"Harold Finch,020 7946 0555,neighbour Lena Marsh has a key; Sam Bello visits\n"
	if _, err := c.ImportRows(ctx, TestFile(t, "sheet.csv", []byte(sheet)), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.SuggestMarks(ctx); err != nil {
		t.Fatal(err)
	}
	got := map[string]Mark{}
	for _, m := range mustMarks(t, c, MarkSuggested) {
		got[m.Value] = m
	}
	for _, tc := range []struct {
		value, kind string
		want        bool
	}{
		{"Kemi Bello", "name", true},
		{"Femi Adeyemi", "name", true},
		{"Mrs Okafor", "text", true},
		{"Lena Marsh", "", false}, // no resident is a Marsh
		{"Sam Bello", "", false},  // a Bello, but not in a Bello's row
	} {
		m, ok := got[tc.value]
		if ok != tc.want {
			t.Errorf("%q suggested: %v, want %v", tc.value, ok, tc.want)
			continue
		}
		if ok && (m.ValueKind != tc.kind || m.Origin != "household") {
			t.Errorf("%q suggested as %s from %s, want %s from household", tc.value, m.ValueKind, m.Origin, tc.kind)
		}
	}
}
