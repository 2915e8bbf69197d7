package marks

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"dossier/casefile"
	"dossier/casefile/pdf"
	"dossier/export/redact"
)

// vectorSheet has a flat-level address, a short property reference, and
// columns beyond the six known fields.
const vectorSheet = "UPRN,Address,Estate,Neighbourhood,Name,Phone,Notes,Email\n" +
	"7,\"Flat 23, Dellow House, Bigland Street\",Dellow,Shadwell,Ana Bello,07700 900611,daughter on 07700 900612,ana.bello@example.org\n" +
	"100023456799,14 Martineau Walk,Martineau,Eastbrook,Harold Finch,020 7946 0555,,\n"

func vectorCase(t *testing.T) (*casefile.Case, *Applier) {
	t.Helper()
	ctx := context.Background()
	c := casefile.TestCase(t)
	if _, err := c.ImportRows(ctx, casefile.TestFile(t, "sheet.csv", []byte(vectorSheet)), casefile.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.SuggestMarks(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AcceptMarks(ctx, nil, true); err != nil {
		t.Fatal(err)
	}
	// A postcode and an email marked by hand, as a person accepts them
	// from a statement.
	c.AddTermMark(ctx, "E1 0QX", "postcode")
	c.AddTermMark(ctx, "h.finch@example.org", "email")
	a, err := New(ctx, c, pdf.New())
	if err != nil {
		t.Fatal(err)
	}
	return c, a
}

// Every way of writing a marked value in text is replaced, and what is
// left passes the leak check; estate and neighbourhood stay readable.
func TestTextVectors(t *testing.T) {
	_, a := vectorCase(t)
	tests := []struct{ name, in string }{
		{"address in full", "She lives at Flat 23, Dellow House, Bigland Street in Shadwell."},
		{"address without its street", "She lives at Flat 23, Dellow House now."},
		{"address in capitals across lines", "FLAT 23\nDELLOW HOUSE\nBIGLAND STREET"},
		{"house number and street", "at 14 Martineau Walk, Eastbrook"},
		{"name in either order", "BELLO, Ana and Harold Finch"},
		{"Cyrillic lookalike letter", "Аna Bellо rang"},
		{"soft hyphen and zero-width space", "Ana Bel\u00adlo and Har\u200bold Finch"},
		{"full-width digits", "ring ０７７００ ９００６１１"},
		{"Arabic-Indic digits", "ring ٠٧٧٠٠ ٩٠٠٦١١"},
		{"landline", "call 020 7946 0555 or +44 20 7946 0555"},
		{"second phone from the notes column", "her daughter is on 07700900612"},
		{"email from an extra column", "write to ana.bello@example.org"},
		{"long UPRN", "UPRN 100023456799 was printed"},
		{"name split over two lines", "signed by Ana\nBello on 8 June"},
		{"phone split over two lines", "ring 07700\n900611 after six"},
		{"international form of a landline", "or (+44) 20-7946-0555"},
		{"postcode without its space", "London E10QX"},
		{"email in capitals", "mail H.Finch@Example.org today"},
	}
	for _, tt := range tests {
		got, changed := a.Text(tt.in)
		if !changed {
			t.Errorf("%s: nothing replaced in %q", tt.name, tt.in)
		}
		if err := redact.LeakCheck(map[string][]byte{"copy": []byte(got)}, a.Needles()); err != nil {
			t.Errorf("%s: %q -> %q still leaks: %v", tt.name, tt.in, got, err)
		}
		// The original text is caught by the leak check: each vector is real.
		if err := redact.LeakCheck(map[string][]byte{"original": []byte(tt.in)}, a.Needles()); err == nil {
			t.Errorf("%s: the leak check does not see %q", tt.name, tt.in)
		}
	}
	got, _ := a.Text("Dellow estate, Shadwell, and Martineau in Eastbrook")
	if got != "Dellow estate, Shadwell, and Martineau in Eastbrook" {
		t.Errorf("estate and neighbourhood changed: %q", got)
	}
	if got, _ := a.Text("Flat 23, Dellow House"); got != "[Address 1]" {
		t.Errorf("short address form = %q, want [Address 1]", got)
	}
}

// A property reference of one digit is marked in its column only: it
// never matches the "7" of a date or an amount, and never makes an
// export refuse.
func TestShortValueIsScopedToItsColumn(t *testing.T) {
	_, a := vectorCase(t)
	for _, n := range a.Needles() {
		if n.Value == "7" {
			t.Fatalf("the short UPRN is a needle everywhere")
		}
	}
	if got, _ := a.Text("on 7 June, 7 people"); got != "on 7 June, 7 people" {
		t.Errorf("text with a 7: %q", got)
	}
	if got, ok := a.Cell("uprn", "7"); !ok || got != "[Property 1]" {
		t.Errorf("UPRN cell 7 = %q, %v", got, ok)
	}
	if got, ok := a.Cell("", "7"); ok || got != "7" {
		t.Errorf("another column's 7 = %q, %v", got, ok)
	}
}

// A sheet copy keeps every column in its order, cell by cell.
func TestSheetCopyKeepsEveryColumn(t *testing.T) {
	ctx := context.Background()
	c, a := vectorCase(t)
	exs, _ := c.Exhibits(ctx)
	orig, _, _ := c.ReadOriginal(ctx, exs[0].Ref)
	cp, err := a.Exhibit(ctx, exs[0], orig)
	if err != nil {
		t.Fatal(err)
	}
	if len(cp.Sheets) != 1 || !cp.Marked {
		t.Fatalf("copy: %+v", cp)
	}
	rows := cp.Sheets[0].Rows
	want := [][]string{
		{"UPRN", "Address", "Estate", "Neighbourhood", "Name", "Phone", "Notes", "Email"},
		{"[Property 1]", "[Address 1]", "Dellow", "Shadwell", "[Resident 1]", "[Phone 1]", "daughter on [Phone 3]", "[Email 1]"},
		{"[Property 2]", "[Address 2]", "Martineau", "Eastbrook", "[Resident 2]", "[Phone 2]", "", ""},
	}
	if len(rows) != len(want) {
		t.Fatalf("rows = %q", rows)
	}
	for i := range want {
		if strings.Join(rows[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d = %q, want %q", i, rows[i], want[i])
		}
	}
}

// An XLSX copy has every column of every sheet, not six fixed fields.
func TestWorkbookCopy(t *testing.T) {
	ctx := context.Background()
	c, _ := vectorCase(t)
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Tenant Name", "Prop Ref", "Contact No", "Email", "DOB"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"Ana Bello", "100023456799", "07700 900611", "ana.bello@example.org", "01/02/1960"})
	f.NewSheet("Hidden")
	f.SetSheetRow("Hidden", "A1", &[]any{"Name", "Phone", "Note"})
	f.SetSheetRow("Hidden", "A2", &[]any{"Kemi Bello", "07700 900613", "Harold Finch rang from 020 7946 0555"})
	f.SetSheetVisible("Hidden", false)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	file := casefile.TestFile(t, "sheet.xlsx", buf.Bytes())
	res, err := c.ImportRows(ctx, file, casefile.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ex := res.Exhibit
	copyOf := func() Copy {
		t.Helper()
		a, _ := New(ctx, c, pdf.New())
		cp, err := a.Exhibit(ctx, ex, buf.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		if len(cp.Sheets) != 2 {
			t.Fatalf("%d sheets", len(cp.Sheets))
		}
		return cp
	}
	cp := copyOf()
	got := strings.Join(cp.Sheets[0].Rows[1], "|")
	if got != "[Resident 1]|[Property 2]|[Phone 1]|[Email 1]|01/02/1960" {
		t.Errorf("sheet 1 row 2 = %q", got)
	}
	// The hidden worksheet's rows are not transcribed, so nothing on it is
	// marked ("Kemi Bello" is not a term): it is not reproduced.
	if len(cp.Sheets[1].Rows) != 1 || cp.Sheets[1].Rows[0][0] != NotTranscribed || !cp.Marked {
		t.Errorf("hidden sheet = %q", cp.Sheets[1].Rows)
	}
	// Transcribed by name, it is reproduced, its name and phone marked.
	if _, err := c.ImportRows(ctx, file, casefile.ImportOptions{Sheet: "Hidden"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ImportRows(ctx, file, casefile.ImportOptions{Sheet: "Hidden"}); !errors.Is(err, casefile.ErrInvalid) {
		t.Errorf("a worksheet imported twice: %v", err)
	}
	if _, err := c.SuggestMarks(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AcceptMarks(ctx, nil, true); err != nil {
		t.Fatal(err)
	}
	cp = copyOf()
	got = strings.Join(cp.Sheets[1].Rows[1], "|")
	if strings.Contains(got, "Bello") || strings.Contains(got, "900613") || strings.Contains(got, "Finch") || !strings.Contains(got, "[Resident") {
		t.Errorf("hidden sheet row 2 = %q", got)
	}
}

// A name stored as mojibake on a sheet is still found in a letter that
// spells it right, and the other way round.
func TestMojibakeName(t *testing.T) {
	ctx := context.Background()
	c := casefile.TestCase(t)
	if _, err := c.AddTermMark(ctx, "ZoÃ« Okafor", "name"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AddTermMark(ctx, "Seán Murphy", "name"); err != nil {
		t.Fatal(err)
	}
	a, _ := New(ctx, c, pdf.New())
	for _, in := range []string{"Dear Zoë Okafor,", "Dear SeÃ¡n Murphy,"} {
		got, changed := a.Text(in)
		if !changed || strings.Contains(got, "Okafor") || strings.Contains(got, "Murphy") {
			t.Errorf("Text(%q) = %q", in, got)
		}
		if err := redact.LeakCheck(map[string][]byte{"letter": []byte(in)}, a.Needles()); err == nil {
			t.Errorf("the leak check misses %q", in)
		}
	}
}

// Formats the pipeline cannot look inside are never reproduced.
func TestFormatsNotReproduced(t *testing.T) {
	ctx := context.Background()
	c, a := vectorCase(t)
	for name, data := range map[string][]byte{
		"statement.docx": append([]byte("PK\x03\x04"), []byte("[Content_Types].xml word/document.xml Ana Bello")...),
		"IMG_0001.AVIF":  []byte("\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf\x00\x00\x00\x00"),
		"voicemail.mp3":  append([]byte("ID3\x03\x00\x00\x00\x00\x00\x00"), make([]byte, 64)...),
		"blob.bin":       {0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x10, 0x80, 0x81, 0x82, 0x00, 0x00, 0x07},
	} {
		ex, err := c.Add(ctx, casefile.TestFile(t, name, data), casefile.Meta{})
		if err != nil {
			t.Fatal(err)
		}
		cp, err := a.Exhibit(ctx, ex, data)
		if err != nil || cp.NotReproduced == "" || cp.Pages != nil || cp.PDF != nil || cp.Text != "" || cp.Sheets != nil {
			t.Errorf("%s (%s): copy %+v, %v", name, ex.MediaType, cp.NotReproduced, err)
		}
	}
}

// A sheet row's notes naming a relative of the resident ("daughter Kemi
// Bello") refuse the copy until that name is marked: only the resident is
// on the sheet, so nothing else would hide the daughter's name. marks
// suggest offers it (origin "household"); here that suggestion is
// rejected, as a user may.
func TestSheetNotesNamingARelative(t *testing.T) {
	ctx := context.Background()
	c := casefile.TestCase(t)
	data := []byte("Name,Phone,Notes\nAna Bello,07700 900611,daughter Kemi Bello rings on Sundays\nHarold Finch,020 7946 0555,Mrs Okafor next door\n")
	res, err := c.ImportRows(ctx, casefile.TestFile(t, "sheet.csv", data), casefile.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.SuggestMarks(ctx); err != nil {
		t.Fatal(err)
	}
	ms, err := c.Marks(ctx, casefile.MarkSuggested)
	if err != nil {
		t.Fatal(err)
	}
	var household []int64
	for _, m := range ms {
		if m.Origin == "household" {
			household = append(household, m.ID)
		}
	}
	if len(household) != 1 {
		t.Fatalf("%d household suggestions, want 1 (Kemi Bello)", len(household))
	}
	if _, err := c.RejectMarks(ctx, household, false); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AcceptMarks(ctx, nil, true); err != nil {
		t.Fatal(err)
	}
	a, _ := New(ctx, c, pdf.New())
	_, err = a.Exhibit(ctx, res.Exhibit, data)
	if !errors.Is(err, ErrUnmarkedRelative) || !strings.Contains(err.Error(), "row 2, column 3") || strings.Contains(err.Error(), "Kemi") {
		t.Fatalf("err = %v", err)
	}
	if _, err := c.AddTermMark(ctx, "Kemi Bello", "name"); err != nil {
		t.Fatal(err)
	}
	a, _ = New(ctx, c, pdf.New())
	cp, err := a.Exhibit(ctx, res.Exhibit, data)
	if err != nil {
		t.Fatal(err)
	}
	// "Mrs Okafor" is no relative of Harold Finch: his row is left alone.
	if got := strings.Join(cp.Sheets[0].Rows[1], "|") + "\n" + strings.Join(cp.Sheets[0].Rows[2], "|"); strings.Contains(got, "Bello") ||
		!strings.Contains(got, "daughter [Resident") || !strings.Contains(got, "Mrs Okafor next door") {
		t.Errorf("copy = %q", got)
	}
}
