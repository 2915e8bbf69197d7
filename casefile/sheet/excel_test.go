package sheet

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestAddressParts is issue 15.4's table: an address split over columns,
// as Excel sheets split it, becomes the row's address in column order.
// Names and numbers are invented; phones are Ofcom drama numbers.
func TestAddressParts(t *testing.T) {
	tests := []struct {
		name, csv, mapSpec string
		address            string
		mapped             []string // headers mapped to address
		extra              map[string]string
	}{
		{"flat, block, street",
			"UPRN,Flat,Block,Street,Tenant Name,Mobile\n100023456201,23,Dellow House,Bigland Street,Zoë Okafor,07700 900201\n", "",
			"Flat 23, Dellow House, Bigland Street", []string{"Flat", "Block", "Street"}, nil},
		{"address 1/2/3",
			"Address 1,Address 2,Address 3,Name,Phone\nFlat 4,Wren House,Cable Street,Olu Adeyemi,07700 900202\n", "",
			"Flat 4, Wren House, Cable Street", []string{"Address 1", "Address 2", "Address 3"}, nil},
		{"address line 1 and 2, a blank part skipped",
			"Address Line 1,Address Line 2,Address Line 3,Name,Phone\nFlat 5 Heron Court,,Watney Road,Priya Natarajan,07700 900203\n", "",
			"Flat 5 Heron Court, Watney Road", []string{"Address Line 1", "Address Line 2", "Address Line 3"}, nil},
		{"block letter and flat number get their words",
			"Block,Flat,Street,Name,Phone\nC,12A,Mill Lane,Tomasz Wójcik,07700 900204\n", "",
			"Block C, Flat 12A, Mill Lane", []string{"Block", "Flat", "Street"}, nil},
		{"house number joins the street",
			"House No,Street,Name,Phone\n12,Bigland Street,Amara Okafor,07700 900205\n", "",
			"12 Bigland Street", []string{"House No", "Street"}, nil},
		{"a whole address with a flat column before it",
			"Flat,Address,Name,Phone\n7,\"Ash House, Mill Lane\",Hamid Karimi,07700 900206\n", "",
			"Flat 7, Ash House, Mill Lane", []string{"Flat", "Address"}, nil},
		{"two whole-address columns: the first is the address",
			"Address,Property Address,Name,Phone\n\"1 Elm Court\",\"1 Elm Court, Easton\",Kwame Mensah,07700 900207\n", "",
			"1 Elm Court", []string{"Address"}, map[string]string{"Property Address": "1 Elm Court, Easton"}},
		{"mapped by hand: several columns to address",
			"Unit,Bldg,Rd,Name,Phone\n9,Birch House,Cannon Row,Renée Müller,07700 900208\n", "Unit=address,Bldg=address,Rd=address",
			"9, Birch House, Cannon Row", []string{"Unit", "Bldg", "Rd"}, nil},
		{"mapped by hand: one column wins over the parts",
			"Flat,Street,Full,Name,Phone\n3,Mill Lane,\"Flat 3, Mill Lane\",Siobhán Ó Floinn,07700 900209\n", "Full=address",
			"Flat 3, Mill Lane", []string{"Full"}, map[string]string{"Flat": "3", "Street": "Mill Lane"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Read(strings.NewReader(tt.csv), "a.csv", Options{Map: tt.mapSpec})
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Rows[0].Address; got != tt.address {
				t.Errorf("address %q, want %q", got, tt.address)
			}
			var mapped []string
			for _, h := range res.Header {
				if res.Mapping[h] == FieldAddress {
					mapped = append(mapped, h)
				}
			}
			if !reflect.DeepEqual(mapped, tt.mapped) {
				t.Errorf("address columns %q, want %q", mapped, tt.mapped)
			}
			if !reflect.DeepEqual(res.Rows[0].Extra, tt.extra) {
				t.Errorf("extra %q, want %q", res.Rows[0].Extra, tt.extra)
			}
		})
	}
}

// TestBlockIsAddress: "Block" names a building, part of the address; it
// used to be read as the estate, so no address was ever marked.
func TestBlockIsAddress(t *testing.T) {
	res, err := Read(strings.NewReader("Block,Estate,Name,Phone\nDellow House,Martineau,Ada Obi,07700 900210\n"), "b.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r := res.Rows[0]; r.Address != "Dellow House" || r.Estate != "Martineau" {
		t.Errorf("row %+v", r)
	}
}

// hiddenWorkbook has a visible sheet, a hidden one and a very hidden one;
// first hidden makes the first sheet a hidden one.
func hiddenWorkbook(t testing.TB, firstHidden bool) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sheets := []struct {
		name, state string
		rows        [][]any
	}{
		{"Tenants", Visible, [][]any{{"Name", "Mobile"}, {"Ada Obi", "07700 900211"}}},
		{"Archive", Hidden, [][]any{{"Name", "Mobile"}, {"Ben Obi", "07700 900212"}, {"Cy Obi", "07700 900213"}}},
		{"Secret", VeryHidden, [][]any{{"Name", "Mobile"}, {"Di Obi", "07700 900214"}}},
	}
	if firstHidden {
		sheets[0], sheets[1] = sheets[1], sheets[0]
	}
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for j, r := range s.rows {
			if err := f.SetSheetRow(s.name, fmt.Sprintf("A%d", j+1), &r); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, s := range sheets {
		if s.state == Visible {
			f.SetActiveSheet(must(f.GetSheetIndex(s.name)))
		}
	}
	for _, s := range sheets {
		if s.state != Visible {
			if err := f.SetSheetVisible(s.name, false, s.state == VeryHidden); err != nil {
				t.Fatal(err)
			}
		}
	}
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestHiddenSheets(t *testing.T) {
	for _, firstHidden := range []bool{false, true} {
		data := hiddenWorkbook(t, firstHidden)
		res, err := Read(bytes.NewReader(data), "h.xlsx", Options{})
		if err != nil {
			t.Fatal(err)
		}
		// The default is the first visible sheet, as Excel shows it.
		if res.Sheet != "Tenants" || len(res.Rows) != 1 || res.Rows[0].Name != "Ada Obi" {
			t.Errorf("first hidden %v: read %q: %+v", firstHidden, res.Sheet, res.Rows)
		}
		states := map[string]string{}
		for _, w := range res.Workbook {
			states[w.Name] = w.State
		}
		if want := map[string]string{"Tenants": Visible, "Archive": Hidden, "Secret": VeryHidden}; !reflect.DeepEqual(states, want) {
			t.Errorf("workbook %v, want %v", states, want)
		}
		if got := res.HiddenSheets(); !reflect.DeepEqual(got, []string{"Archive", "Secret"}) && !reflect.DeepEqual(got, []string{"Secret", "Archive"}) {
			t.Errorf("hidden sheets %q", got)
		}
		if len(res.Sheets) != 3 {
			t.Errorf("sheets %q", res.Sheets)
		}
	}
	// A hidden sheet is read when asked for by name.
	data := hiddenWorkbook(t, false)
	for name, rows := range map[string]int{"Archive": 2, "secret": 1} {
		res, err := Read(bytes.NewReader(data), "h.xlsx", Options{Sheet: name})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.EqualFold(res.Sheet, name) || len(res.Rows) != rows {
			t.Errorf("--sheet %s read %q with %d rows", name, res.Sheet, len(res.Rows))
		}
	}
	_, err := Read(bytes.NewReader(data), "h.xlsx", Options{Sheet: "Nope"})
	if !errors.Is(err, ErrBadSheet) || !strings.Contains(err.Error(), `the sheets are "Tenants", "Archive", "Secret"`) {
		t.Errorf("unknown sheet: %v", err)
	}
}

func TestRowLimit(t *testing.T) {
	var csv strings.Builder
	csv.WriteString("Title line\nName,Phone\n")
	for i := 0; i < 30; i++ {
		fmt.Fprintf(&csv, "Resident %d,07700 900%03d\n", i, i)
	}
	// 30 rows: within a limit of 30, refused with 20.
	if res, err := Read(strings.NewReader(csv.String()), "r.csv", Options{MaxRows: 30}); err != nil || len(res.Rows) != 30 {
		t.Fatalf("limit 30: %v", err)
	}
	_, err := Read(strings.NewReader(csv.String()), "r.csv", Options{MaxRows: 20})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "r.csv: line 23: sheet too large: the sheet has more than 20 rows, the limit") || !strings.Contains(err.Error(), "--max-rows") {
		t.Errorf("csv over the limit: %v", err)
	}
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Name", "Phone"})
	for i := 2; i <= 31; i++ {
		f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i), &[]any{fmt.Sprintf("Resident %d", i), "07700 900123"})
	}
	var x bytes.Buffer
	f.Write(&x)
	_, err = Read(bytes.NewReader(x.Bytes()), "r.xlsx", Options{MaxRows: 20})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "r.xlsx: Sheet1!A22: sheet too large: the sheet has more than 20 rows") {
		t.Errorf("xlsx over the limit: %v", err)
	}
	// The file itself is refused before it is parsed when it is far larger
	// than the rows allowed need.
	_, err = Read(strings.NewReader(strings.Repeat("x", 64<<20+1)), "big.csv", Options{MaxRows: 1000})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "big.csv: sheet too large: the file is larger than 64 MB") {
		t.Errorf("huge file: %.300v", err)
	}
	// A huge header is not quoted whole in the message.
	_, err = Read(strings.NewReader(strings.Repeat("x", 1<<20)+"\n1\n"), "wide.csv", Options{})
	if !errors.Is(err, ErrBadSheet) || len(err.Error()) > 1000 {
		t.Errorf("huge header: %.300v", err)
	}
}

// TestReadTable checks the API sheet copies use: every original column,
// in order, as written, for CSV and XLSX alike.
func TestReadTable(t *testing.T) {
	want := [][]string{
		{"UPRN", "Email", "Tenant Name", "Date of birth", "Mobile"},
		{"100023456221", "z.okafor@example.org", "Zoë Okafor", "01/02/1980", "07700 900221"},
		{"100023456222", "", "Olu Adeyemi", "", "07700 900222"},
	}
	var csv strings.Builder
	for _, r := range want {
		csv.WriteString(strings.Join(r, ",") + "\n")
	}
	f := excelize.NewFile()
	for i, r := range want {
		row := make([]any, len(r))
		for j, v := range r {
			row[j] = v
		}
		f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+1), &row)
	}
	var x bytes.Buffer
	f.Write(&x)
	for name, data := range map[string][]byte{"t.csv": []byte("\n" + csv.String()), "t.xlsx": x.Bytes()} {
		tab, err := ReadTable(bytes.NewReader(data), name, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var got [][]string
		for _, r := range tab.Records {
			got = append(got, r.Cells)
		}
		// XLSX stores no trailing empty cells, so compare cell by cell.
		if len(got) != len(want) {
			t.Fatalf("%s: %d records", name, len(got))
		}
		for i := range want {
			for j := range want[i] {
				cell := ""
				if j < len(got[i]) {
					cell = got[i][j]
				}
				if cell != want[i][j] {
					t.Errorf("%s record %d cell %d = %q, want %q", name, i, j, cell, want[i][j])
				}
			}
		}
		if tab.Records[0].Line != 2 && name == "t.csv" {
			t.Errorf("%s: header on line %d", name, tab.Records[0].Line)
		}
	}
}
