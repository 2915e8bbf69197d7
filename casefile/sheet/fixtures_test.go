package sheet

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// update rewrites the fixtures in testdata/ and the golden results:
//
//	go test ./casefile/sheet -run 'TestWriteFixtures|TestGolden' -update
//
// Text fixtures are written from the strings below so that their bytes
// (BOM, CRLF, Windows-1252, UTF-16) are exact and reviewable here.
var update = flag.Bool("update", false, "rewrite testdata fixtures and goldens")

// Names and numbers are invented; phones are Ofcom drama numbers.
const plainCSV = `UPRN,Address,Estate,Nbhd,Tenant Name,Contact No,Tenure
100023456001,"Flat 1, Ash House, Mill Lane",Northside,North,Maureen Baptiste,07700 900123,Secure
100023456002,"Flat 2, Ash House, Mill Lane",Northside,North,"BAPTISTE, Desmond",+44 7700 900124,Secure
100023456003,"Flat 3, Ash House, Mill Lane",Northside,North,Olu Adeyemi,(020) 7946 0123,Introductory
`

var fixtures = map[string]func() []byte{
	"utf8.csv": func() []byte { return []byte(plainCSV) },
	"utf8_bom_crlf.csv": func() []byte {
		return []byte("\xef\xbb\xbf" + strings.ReplaceAll(plainCSV, "\n", "\r\n"))
	},
	// Excel on Windows in a decimal-comma locale: Windows-1252, semicolons, CRLF.
	"win1252_semicolon.csv": func() []byte {
		s := "Prop Ref;Property Address;Estate;Neighbourhood;Resident;Mobile;Arrears\r\n" +
			"100023456011;12 Café Row, Southgate;Southgate;South;Zoë Brontë;07700-900-211;£96,50\r\n" +
			"100023456012;14 Café Row, Southgate;Southgate;South;Siobhán Ó Floinn;0044 7700900212;£0,00\r\n"
		out, err := charmap.Windows1252.NewEncoder().String(s)
		if err != nil {
			panic(err)
		}
		return []byte(out)
	},
	"tab.tsv": func() []byte {
		return []byte("UPRN\tAddress\tName\tTel\n" +
			"100023456021\t3 Elm Court, Riverside, Easton\tPriya Natarajan\t07700 900321\n" +
			"100023456022\t5 Elm Court, Riverside, Easton\tTomasz Wójcik\t+447700900322\n")
	},
	// Excel's "Unicode text": UTF-16LE with BOM, tab-delimited.
	"utf16.txt": func() []byte {
		s := "UPRN\tName\tPhone\r\n100023456031\tAmara Okafor\t07700 900431\r\n"
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(s)
		if err != nil {
			panic(err)
		}
		return []byte(out)
	},
	// A title line, blank lines, a cell with a newline, and ragged rows.
	"messy.csv": func() []byte {
		return []byte("Data sheet - Northside estate - printed 08/06/2015,,,\r\n" +
			",,,\r\n" +
			"Prop Ref,Full Name,Mobile No,Notes\r\n" +
			"100023456041,Grace Mensah,07700 900541,\"Moved in 2014,\r\nkey with neighbour\"\r\n" +
			"\r\n" +
			"100023456042,Ivan Petrov,07700 900542\r\n" +
			"100023456043,Li Wei,07700 900543,,surplus cell\r\n" +
			"100023456044,Fatima Hussain,07700 900544,,\r\n" +
			",,,\r\n")
	},
	"header_only.csv": func() []byte { return []byte("UPRN,Name,Phone\r\n") },
	"empty.csv":       func() []byte { return nil },
	"no_columns.csv":  func() []byte { return []byte("Colour,Size\nred,9\n") },
	"binary.csv":      func() []byte { return []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00") },
	"bad_quote.csv": func() []byte {
		return []byte("UPRN,Name,Phone\n100023456051,Ann \"Nan\" Lee,07700 900551\n")
	},
	"unclosed_quote.csv": func() []byte {
		return []byte("UPRN,Name,Phone\n100023456061,\"Ann Lee,07700 900561\n100023456062,Bo Ng,07700 900562\n")
	},
	"sheet.xlsx":     func() []byte { return xlsxFixture("") },
	"encrypted.xlsx": func() []byte { return xlsxFixture("secret") },
	"corrupt.xlsx": func() []byte {
		b := xlsxFixture("")
		return b[:len(b)/2]
	},
}

// xlsxFixture builds a two-sheet workbook: "Data sheet" with a title row
// and phones and UPRNs stored as numbers (as when typed into Excel), and
// "Canvass" with a different header.
func xlsxFixture(password string) []byte {
	f := excelize.NewFile()
	defer f.Close()
	const sh = "Data sheet"
	if err := f.SetSheetName("Sheet1", sh); err != nil {
		panic(err)
	}
	rows := [][]any{
		{"Northside estate - data sheet"},
		nil,
		{"UPRN", "Property Address", "Estate", "Area", "Tenant Name", "Telephone"},
		{100023456071, "Flat 7, Birch House", "Northside", "North", "Kwame Boateng", 7700900771},
		{100023456072, "Flat 8, Birch House", "Northside", "North", "Ewa Nowak", "07700 900772"},
		nil,
		{100023456073, "Flat 9, Birch House", "Northside", "North", "Hamid Karimi", "020 7946 0773", nil, "keyholder"},
	}
	for i, r := range rows {
		if r == nil {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sh, cell, &r); err != nil {
			panic(err)
		}
	}
	if _, err := f.NewSheet("Canvass"); err != nil {
		panic(err)
	}
	f.SetSheetRow("Canvass", "A1", &[]any{"Resident", "Mob"})
	f.SetSheetRow("Canvass", "A2", &[]any{"Nia Campbell", "07700 900781"})
	var out bytes.Buffer
	if err := f.Write(&out, excelize.Options{Password: password}); err != nil {
		panic(err)
	}
	return out.Bytes()
}

func TestWriteFixtures(t *testing.T) {
	if !*update {
		t.Skip("run with -update to rewrite testdata fixtures")
	}
	for name, gen := range fixtures {
		if err := os.WriteFile(filepath.Join("testdata", name), gen(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("%v (regenerate with -update)", err)
	}
	return b
}
