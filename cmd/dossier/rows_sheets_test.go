package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"dossier/casefile"
)

// TestRowsImportHiddenSheets: a workbook's hidden sheets are listed when
// the visible one is imported, and a hidden one imports by name. Names
// are invented; numbers are Ofcom drama numbers.
func TestRowsImportHiddenSheets(t *testing.T) {
	dir := t.TempDir()
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Tenants")
	f.SetSheetRow("Tenants", "A1", &[]any{"Name", "Mobile", "Flat", "Block", "Street"})
	f.SetSheetRow("Tenants", "A2", &[]any{"Ada Obi", "07700 900401", 4, "Dellow House", "Bigland Street"})
	f.NewSheet("Archive")
	f.SetSheetRow("Archive", "A1", &[]any{"Name", "Mobile"})
	f.SetSheetRow("Archive", "A2", &[]any{"Ben Obi", "07700 900402"})
	f.SetSheetRow("Archive", "A3", &[]any{"Cy Obi", 7700900403})
	f.SetSheetVisible("Archive", false, true)
	book := filepath.Join(dir, "tenants.xlsx")
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(book, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cs := filepath.Join(dir, "c.dossier")
	c, err := casefile.Create(cs, "Hidden", "LW", casefile.Options{Actor: "Test Person"})
	if err != nil {
		t.Fatal(err)
	}
	c.Close()

	var out bytes.Buffer
	if err := dispatch(t.Context(), []string{"rows", "import", cs, book}, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`format: xlsx, sheet "Tenants"` + "\n",
		`sheets: "Tenants" (read), "Archive" (very hidden, not read); import another with --sheet NAME` + "\n",
		"columns: Name=name, Mobile=phone, Flat=address, Block=address, Street=address\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}

	// The hidden sheet, by name, transcribing the same workbook: each
	// worksheet is imported once, so it is added; a second time, refused.
	out.Reset()
	if err := dispatch(t.Context(), []string{"rows", "import", cs, book, "--sheet", "archive", "--exhibit", "LW/1"}, &out); err != nil {
		t.Fatalf("the hidden worksheet of an imported workbook: %v", err)
	}
	if err := dispatch(t.Context(), []string{"rows", "import", cs, book, "--sheet", "archive", "--exhibit", "LW/1"}, &out); err == nil {
		t.Fatal("a second import of the same worksheet was not refused")
	}
	out.Reset()
	cs2 := filepath.Join(dir, "d.dossier")
	c, _ = casefile.Create(cs2, "Hidden", "LW", casefile.Options{Actor: "Test Person"})
	c.Close()
	if err := dispatch(t.Context(), []string{"rows", "import", cs2, book, "--sheet", "archive", "--json"}, &out); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Rows   int    `json:"rows"`
		Sheet  string `json:"sheet"`
		Sheets []struct {
			Name, State string
			Read        bool
		} `json:"sheets"`
		Mended []struct {
			Line    int      `json:"line"`
			Numbers []string `json:"numbers"`
			Note    string   `json:"note"`
		} `json:"phones_mended"`
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if got.Rows != 2 || got.Sheet != "Archive" || len(got.Sheets) != 2 || got.Sheets[1].State != "veryHidden" || !got.Sheets[1].Read {
		t.Errorf("import of the hidden sheet: %+v", got)
	}
	// Excel stored the number typed into the cell, without its zero.
	if len(got.Mended) != 1 || got.Mended[0].Line != 3 || got.Mended[0].Numbers[0] != "+447700900403" {
		t.Errorf("mended: %+v", got.Mended)
	}
	c, err = casefile.Open(cs2, casefile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	log, _ := c.Log(t.Context())
	if last := log[len(log)-1]; last.Action != casefile.ActionTranscribed || !strings.Contains(string(last.Detail), `"sheet":"Archive"`) {
		t.Errorf("custody event %+v does not name the sheet", last)
	}
}
