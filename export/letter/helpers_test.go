package letter

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"testing"
	"time"

	"dossier/casefile"
)

// today is the fixed date letters in tests are written on.
var today = time.Date(2026, time.November, 23, 10, 30, 0, 0, time.UTC)

func TestMain(m *testing.M) {
	casefile.Clock = func() time.Time { return today }
	os.Exit(m.Run())
}

// fictionalCase builds a small invented case: a data sheet of three rows,
// two screenshots, three messages (two linked by phone), case details and
// workflow dates. Names are invented; numbers are Ofcom drama numbers.
func fictionalCase(t *testing.T) *casefile.Case {
	t.Helper()
	ctx := context.Background()
	c := casefile.TestCase(t)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	for k, v := range map[string]string{
		casefile.SettingComplainant:        "Zoë Okafor",
		casefile.SettingComplainantAddress: "Flat 1, Kestrel House\nKestrel Road\nNorthfield NF1 2AB",
		casefile.SettingComplainantContact: "zoe.okafor@example.org",
		casefile.SettingOrganisation:       "Northfield Homes",
		casefile.SettingOrganisationAddr:   "Civic Centre\nHigh Street\nNorthfield NF1 1AA",
		casefile.SettingSummary: "In June 2015 residents of the Kestrel and Martineau estates received election texts on " +
			"private mobile numbers they had given only to Northfield Homes. One text offered a £20 voucher for replying.",
	} {
		must(c.SetSetting(ctx, k, v))
	}
	csv := "UPRN,Address,Estate,Neighbourhood,Name,Phone\n" +
		"100023456701,\"Flat 1, Kestrel House, Kestrel Road\",Kestrel,Northfield Central,Zoë Okafor,07700 900123\n" +
		"100023456702,\"Flat 2, Kestrel House, Kestrel Road\",Kestrel,Northfield Central,Seán Murphy,07700 900456\n" +
		"100023456710,12 Martineau Walk,Martineau,Eastbrook,Łucja Nowak,07700 900789\n"
	res, err := c.ImportRows(ctx, casefile.TestFile(t, "data-sheet.csv", []byte(csv)), casefile.ImportOptions{})
	must(err)
	_, err = c.Describe(ctx, res.Exhibit.Ref, casefile.Meta{Kind: casefile.KindSheet,
		Title: "Data sheet, Martineau estate", Source: "Anonymous employee", Obtained: "2015-06-09", ObtainedBy: "Zoë Okafor"})
	must(err)
	for i, title := range []string{"Text message received by Zoë Okafor", "Text message received by Seán Murphy"} {
		img := image.NewGray(image.Rect(0, 0, 4, 4))
		img.SetGray(i, i, color.Gray{Y: 200})
		var b bytes.Buffer
		must(png.Encode(&b, img))
		_, err := c.AddReader(ctx, &b, "text.png", int64(b.Len()), casefile.Meta{Kind: casefile.KindScreenshot,
			Title: title, Source: "resident", Obtained: "2015-06-09"}, nil)
		must(err)
	}
	at := time.Date(2015, time.June, 8, 9, 0, 0, 0, time.UTC)
	for _, m := range []casefile.MessageInput{
		{Exhibit: "LW/2", From: "Northfield Forward", To: "07700 900123", At: at, Body: "Vote on Thursday!"},
		{Exhibit: "LW/3", From: "Northfield Forward", To: "07700 900456", At: at, Body: "Vote on Thursday!"},
		{Exhibit: "LW/3", From: "Northfield Forward", To: "07700 900999", At: at, Body: "Claim your £20 voucher"},
	} {
		_, err := c.AddMessage(ctx, m)
		must(err)
	}
	_, err = c.AutoLink(ctx)
	must(err)
	must(c.SetStep(ctx, casefile.StepConcernSent, "2015-06-10", ""))
	must(c.SetStep(ctx, casefile.StepFollowUpSent, "2015-07-13", ""))
	must(c.SetStep(ctx, casefile.StepICOSent, "2015-08-01", ""))
	must(c.SetStep(ctx, casefile.StepICOReference, "2015-08-05", "RFA0612345"))
	must(c.SetStep(ctx, casefile.StepOutcome, "2015-10-01", "no further action"))
	return c
}

// caseFields is CaseFields of the fictional case, dated today.
func caseFields(t *testing.T, c *casefile.Case) Fields {
	t.Helper()
	f, err := CaseFields(context.Background(), c, today)
	if err != nil {
		t.Fatal(err)
	}
	return f
}
