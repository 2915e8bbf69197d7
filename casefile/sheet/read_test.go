package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"dossier/casefile/phone"
)

// TestGolden reads every good fixture and compares the whole Result with
// testdata/NAME.golden.json, so a change in detection, mapping, line
// numbers or ragged reporting shows up as a reviewable diff.
func TestGolden(t *testing.T) {
	for _, name := range []string{"utf8.csv", "utf8_bom_crlf.csv", "win1252_semicolon.csv", "tab.tsv", "utf16.txt", "messy.csv", "sheet.xlsx"} {
		t.Run(name, func(t *testing.T) {
			res, err := Read(bytes.NewReader(fixture(t, name)), name, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got, _ := json.MarshalIndent(res, "", "  ")
			got = append(got, '\n')
			golden := filepath.Join("testdata", name+".golden.json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("result differs from %s (rerun with -update and review the diff):\n%s", golden, got)
			}
		})
	}
}

// TestFixturePhonesNormalise checks that every phone in the good
// fixtures, written in the many ways sheets write them (spaces, hyphens,
// brackets, +44, 0044, an XLSX number that lost its zero), normalises.
func TestFixturePhonesNormalise(t *testing.T) {
	for _, name := range []string{"utf8.csv", "win1252_semicolon.csv", "tab.tsv", "utf16.txt", "messy.csv", "sheet.xlsx"} {
		res, err := Read(bytes.NewReader(fixture(t, name)), name, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res.Rows {
			if _, err := phone.Normalize(r.Phone); err != nil {
				t.Errorf("%s %s: %v", name, r.Ref, err)
			}
		}
	}
}

func TestDetection(t *testing.T) {
	tests := []struct {
		file, format, enc string
		delim             rune
		rows              int
	}{
		{"utf8.csv", "csv", EncUTF8, ',', 3},
		{"utf8_bom_crlf.csv", "csv", EncUTF8BOM, ',', 3},
		{"win1252_semicolon.csv", "csv", EncWindows1252, ';', 2},
		{"tab.tsv", "csv", EncUTF8, '\t', 2},
		{"utf16.txt", "csv", EncUTF16LE, '\t', 1},
		{"messy.csv", "csv", EncUTF8, ',', 4},
		{"sheet.xlsx", "xlsx", "", 0, 3},
	}
	for _, tt := range tests {
		// The name says nothing: the format comes from the content.
		res, err := Read(bytes.NewReader(fixture(t, tt.file)), "upload.dat", Options{})
		if err != nil {
			t.Errorf("%s: %v", tt.file, err)
			continue
		}
		if res.Format != tt.format || res.Encoding != tt.enc || res.Delimiter != tt.delim || len(res.Rows) != tt.rows {
			t.Errorf("%s: format %q encoding %q delimiter %q rows %d; want %q %q %q %d",
				tt.file, res.Format, res.Encoding, res.Delimiter, len(res.Rows), tt.format, tt.enc, tt.delim, tt.rows)
		}
	}
}

func TestSameRowsWhateverTheEncoding(t *testing.T) {
	a, err := Read(bytes.NewReader(fixture(t, "utf8.csv")), "a.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Read(bytes.NewReader(fixture(t, "utf8_bom_crlf.csv")), "b.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a.Rows, b.Rows) || !reflect.DeepEqual(a.Header, b.Header) {
		t.Errorf("BOM and CRLF changed the rows:\n%+v\n%+v", a.Rows, b.Rows)
	}
	want := Row{Line: 3, Ref: "line 3", UPRN: "100023456002", Address: "Flat 2, Ash House, Mill Lane", Estate: "Northside",
		Neighbourhood: "North", Name: "BAPTISTE, Desmond", Phone: "+44 7700 900124", Extra: map[string]string{"Tenure": "Secure"}}
	if !reflect.DeepEqual(a.Rows[1], want) {
		t.Errorf("row 2 = %+v\nwant %+v", a.Rows[1], want)
	}
}

func TestWindows1252(t *testing.T) {
	res, err := Read(bytes.NewReader(fixture(t, "win1252_semicolon.csv")), "w.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Rows[0]
	if r.Name != "Zoë Brontë" || r.Address != "12 Café Row, Southgate" || r.Extra["Arrears"] != "£96,50" || r.Phone != "07700-900-211" {
		t.Errorf("row = %+v", r)
	}
	if res.Rows[1].Name != "Siobhán Ó Floinn" {
		t.Errorf("name = %q", res.Rows[1].Name)
	}
}

func TestMessyLinesAndRagged(t *testing.T) {
	res, err := Read(bytes.NewReader(fixture(t, "messy.csv")), "messy.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.HeaderLine != 3 {
		t.Errorf("header line %d, want 3 (below the title and a blank line)", res.HeaderLine)
	}
	var lines []int
	for _, r := range res.Rows {
		lines = append(lines, r.Line)
	}
	// The quoted cell on line 4 spans two lines; line 6 is blank.
	if want := []int{4, 7, 8, 9}; !reflect.DeepEqual(lines, want) {
		t.Errorf("lines = %v, want %v", lines, want)
	}
	if got := res.Rows[0].Extra["Notes"]; got != "Moved in 2014,\nkey with neighbour" {
		t.Errorf("multi-line cell = %q", got)
	}
	wantRagged := []Ragged{{Line: 7, Got: 3, Want: 4}, {Line: 8, Got: 5, Want: 4}}
	if !reflect.DeepEqual(res.Ragged, wantRagged) {
		t.Errorf("ragged = %+v, want %+v", res.Ragged, wantRagged)
	}
	if got := res.Rows[2].Extra["column 5"]; got != "surplus cell" {
		t.Errorf("surplus cell kept as %q", got)
	}
}

func TestXLSX(t *testing.T) {
	data := fixture(t, "sheet.xlsx")
	res, err := Read(bytes.NewReader(data), "sheet.xlsx", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Sheet != "Data sheet" || res.HeaderLine != 3 || !reflect.DeepEqual(res.Sheets, []string{"Data sheet", "Canvass"}) {
		t.Errorf("sheet %q header line %d sheets %q", res.Sheet, res.HeaderLine, res.Sheets)
	}
	r := res.Rows[0]
	if r.Ref != "'Data sheet'!A4" || r.UPRN != "100023456071" || r.Phone != "7700900771" || r.Name != "Kwame Boateng" || r.Neighbourhood != "North" {
		t.Errorf("row 1 = %+v", r)
	}
	if last := res.Rows[2]; last.Line != 7 || last.Extra["column 8"] != "keyholder" {
		t.Errorf("last row = %+v", last)
	}
	if len(res.Ragged) != 1 || res.Ragged[0] != (Ragged{Line: 7, Got: 8, Want: 6}) {
		t.Errorf("ragged = %+v", res.Ragged)
	}
	res, err = Read(bytes.NewReader(data), "sheet.xlsx", Options{Sheet: "canvass"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Sheet != "Canvass" || len(res.Rows) != 1 || res.Rows[0].Name != "Nia Campbell" || res.Rows[0].Phone != "07700 900781" || res.Rows[0].Ref != "Canvass!A2" {
		t.Errorf("Canvass = %+v", res)
	}
}

func TestExcelSepHint(t *testing.T) {
	// The hint line is neither the header nor a row, and lines keep their numbers.
	data := []byte("sep=;\r\nUPRN;Name;Phone\r\n100023456093;Obi, Ada;07700 900993\r\n")
	res, err := Read(bytes.NewReader(data), "sep.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Delimiter != ';' || res.HeaderLine != 2 || len(res.Rows) != 1 || res.Rows[0].Line != 3 || res.Rows[0].Name != "Obi, Ada" {
		t.Errorf("result = %+v", res)
	}
}

func TestOldMacLineEndings(t *testing.T) {
	data := []byte("UPRN,Name,Phone\r100023456091,Ada Obi,07700 900991\r100023456092,Ben Obi,07700 900992\r")
	res, err := Read(bytes.NewReader(data), "mac.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 2 || res.Rows[1].Line != 3 || res.Rows[1].Phone != "07700 900992" {
		t.Errorf("rows = %+v", res.Rows)
	}
}

func TestMapOverrides(t *testing.T) {
	data := []byte("Ref,Who,Number,Area\n100023456081,Ada Obi,07700 900881,East\n")
	res, err := Read(bytes.NewReader(data), "m.csv", Options{Map: "Ref=uprn, who=name,Number=phone,Area=extra"})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Rows[0]
	if r.UPRN != "100023456081" || r.Name != "Ada Obi" || r.Phone != "07700 900881" || r.Neighbourhood != "" || r.Extra["Area"] != "East" {
		t.Errorf("row = %+v", r)
	}
	want := map[string]string{"Ref": "uprn", "Who": "name", "Number": "phone", "Area": ""}
	if !reflect.DeepEqual(res.Mapping, want) {
		t.Errorf("mapping = %v", res.Mapping)
	}
}

func TestMobilePreferred(t *testing.T) {
	data := []byte("Name,Tel,Mobile No,Phone\nAda Obi,020 7946 0101,07700 900101,07700 900102\n")
	res, err := Read(bytes.NewReader(data), "m.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Rows[0]
	if r.Phone != "07700 900101" || r.Extra["Tel"] != "020 7946 0101" || r.Extra["Phone"] != "07700 900102" {
		t.Errorf("row = %+v", r)
	}
	// An explicit mapping wins over the preference.
	res, err = Read(bytes.NewReader(data), "m.csv", Options{Map: "Tel=phone"})
	if err != nil {
		t.Fatal(err)
	}
	if r := res.Rows[0]; r.Phone != "020 7946 0101" || r.Extra["Mobile No"] != "07700 900101" {
		t.Errorf("row with Tel=phone = %+v", r)
	}
}

func TestLimit(t *testing.T) {
	res, err := Read(bytes.NewReader(fixture(t, "messy.csv")), "messy.csv", Options{Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 2 || res.Rows[1].Line != 7 {
		t.Errorf("rows = %+v", res.Rows)
	}
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		opt  Options
		is   error
		says []string
	}{
		{"empty.csv", fixture(t, "empty.csv"), Options{}, ErrBadSheet, []string{"empty.csv", "empty"}},
		{"blank.csv", []byte("\r\n,,\r\n\r\n"), Options{}, ErrBadSheet, []string{"blank.csv", "empty"}},
		{"header_only.csv", fixture(t, "header_only.csv"), Options{}, ErrBadSheet, []string{"header_only.csv: line 1", "no rows"}},
		{"binary.csv", fixture(t, "binary.csv"), Options{}, ErrBadSheet, []string{"binary.csv", "binary"}},
		{"no_columns.csv", fixture(t, "no_columns.csv"), Options{}, ErrBadSheet, []string{"no_columns.csv: line 1", `"Colour", "Size"`}},
		{"bad_quote.csv", fixture(t, "bad_quote.csv"), Options{}, ErrBadSheet, []string{"bad_quote.csv: line 2", "quote"}},
		{"unclosed_quote.csv", fixture(t, "unclosed_quote.csv"), Options{}, ErrBadSheet, []string{"unclosed_quote.csv: line 2", "never closed"}},
		{"encrypted.xlsx", fixture(t, "encrypted.xlsx"), Options{}, ErrBadSheet, []string{"encrypted.xlsx", "password"}},
		{"corrupt.xlsx", fixture(t, "corrupt.xlsx"), Options{}, ErrBadSheet, []string{"corrupt.xlsx", "damaged"}},
		{"notes.zip", zipOf(t, "notes.txt", "UPRN,Name\n1,A\n"), Options{}, ErrBadSheet, []string{"notes.zip", "zip archive, not an XLSX"}},
		{"sheet.ods", zipOf(t, "mimetype", "application/vnd.oasis.opendocument.spreadsheet"), Options{}, ErrBadSheet, []string{"sheet.ods", "OpenDocument", "Save As"}},
		{"sheet.pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), Options{}, ErrBadSheet, []string{"sheet.pdf", "is a PDF"}},
		{"export.xls", []byte("<html><body><table><tr><td>UPRN</td></tr></table></body></html>"), Options{}, ErrBadSheet, []string{"export.xls", "web page"}},
		{"sheet.xlsx", fixture(t, "sheet.xlsx"), Options{Sheet: "Summary"}, ErrBadSheet, []string{"sheet.xlsx", `"Summary"`, `"Data sheet", "Canvass"`}},
		{"utf8.csv", fixture(t, "utf8.csv"), Options{Map: "Contact Number=phone"}, ErrBadMap,
			[]string{"utf8.csv: line 1", `"Contact Number" is not in the header`, `"UPRN", "Address"`}},
		{"utf8.csv", fixture(t, "utf8.csv"), Options{Map: "Contact No=mobile"}, ErrBadMap, []string{"utf8.csv", `unknown field "mobile"`}},
		{"utf8.csv", fixture(t, "utf8.csv"), Options{Map: "Contact No"}, ErrBadMap, []string{"utf8.csv", "COLUMN=FIELD"}},
		{"utf8.csv", fixture(t, "utf8.csv"), Options{Map: "Contact No=phone,Tenure=phone"}, ErrBadMap, []string{"both mapped to phone"}},
	}
	for _, tt := range tests {
		res, err := Read(bytes.NewReader(tt.data), tt.name, tt.opt)
		if !errors.Is(err, tt.is) {
			t.Errorf("%s %+v: err = %v, result %+v; want %v", tt.name, tt.opt, err, res, tt.is)
			continue
		}
		for _, s := range tt.says {
			if !strings.Contains(err.Error(), s) {
				t.Errorf("%s: error %q does not say %q", tt.name, err, s)
			}
		}
	}
}

// zipOf makes a zip holding one stored (uncompressed) file.
func zipOf(t *testing.T, name, content string) []byte {
	t.Helper()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	w, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(content))
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestParseMap(t *testing.T) {
	got, err := ParseMap(" Contact No = Phone , Prop Ref=uprn,,Notes=extra")
	want := map[string]string{"Contact No": "phone", "Prop Ref": "uprn", "Notes": ""}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("ParseMap = %v, %v", got, err)
	}
	if got, err := ParseMap(""); err != nil || len(got) != 0 {
		t.Errorf("ParseMap(\"\") = %v, %v", got, err)
	}
}

func TestHeaderSynonyms(t *testing.T) {
	tests := map[string]string{
		"Prop Ref": FieldUPRN, "Property Reference": FieldUPRN, "uprn": FieldUPRN, "U.P.R.N.": FieldUPRN,
		"Tenant Name": FieldName, "Resident": FieldName, "NAME": FieldName, "Full Name": FieldName,
		"Contact No": FieldPhone, "Contact No.": FieldPhone, "Mobile": FieldPhone, "Tel": FieldPhone,
		"Telephone": FieldPhone, "phone": FieldPhone, "Mobile No": FieldPhone, "mobile_no": FieldPhone,
		"Nbhd": FieldNeighbourhood, "Neighbourhood": FieldNeighbourhood, "Neighborhood": FieldNeighbourhood, "Area": FieldNeighbourhood,
		"Estate": FieldEstate, "Address": FieldAddress, "Property Address": FieldAddress,
		"Tenure": "", "Notes": "",
	}
	for h, want := range tests {
		if got := synonyms[headerKey(h)]; got != want {
			t.Errorf("header %q maps to %q, want %q", h, got, want)
		}
	}
}

func TestSniffDelimiter(t *testing.T) {
	tests := []struct {
		text string
		want rune
	}{
		{"a,b,c\n1,2,3\n", ','},
		{"a;b;c\n1;2;3\n", ';'},
		{"a\tb\tc\n1\t2\t3\n", '\t'},
		// Addresses with commas in a semicolon file.
		{"UPRN;Address;Name\n1;Flat 1, Ash House, Mill Lane;A\n2;Flat 2, Ash House;B\n3;9 Elm Road;C\n", ';'},
		// Semicolons inside quotes do not count.
		{"a,b\n\"x;y;z\",2\n\"p;q;r\",3\n", ','},
		{"Name\nAda\n", ','},
		{"", ','},
	}
	for _, tt := range tests {
		if got := SniffDelimiter([]byte(tt.text)); got != tt.want {
			t.Errorf("SniffDelimiter(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestDecode(t *testing.T) {
	tests := []struct {
		in, out, enc string
	}{
		{"Zoë", "Zoë", EncUTF8},
		{"\xef\xbb\xbfZoë", "Zoë", EncUTF8BOM},
		{"Zo\xeb \xa396", "Zoë £96", EncWindows1252},
		{"\x93quoted\x94 \x96 dash", "“quoted” – dash", EncWindows1252},
		{"\xff\xfeZ\x00o\x00\xeb\x00", "Zoë", EncUTF16LE},
		{"\xfe\xff\x00Z\x00o\x00\xeb", "Zoë", EncUTF16BE},
		{"a,b\r1,2\r", "a,b\n1,2\n", EncUTF8},
		{"a,b\r\n1,\"x\ry\"\r\n", "a,b\r\n1,\"x\ry\"\r\n", EncUTF8},
		{"a,b\rZo\xeb,1\r", "a,b\nZoë,1\n", EncWindows1252},
		{"N\nZoë\nZo\xeb\n", "N\nZoë\nZoë\n", EncMixed},
	}
	for _, tt := range tests {
		out, dec := decodeCSV([]byte(tt.in))
		if enc := dec.Encoding; string(out) != tt.out || enc != tt.enc {
			t.Errorf("Decode(%q) = %q, %q; want %q, %q", tt.in, out, enc, tt.out, tt.enc)
		}
	}
}
