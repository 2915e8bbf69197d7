package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"dossier/casefile"
	"dossier/casefile/sheet"
)

// RowsImportOptions are the flags of 'dossier rows import'.
type RowsImportOptions struct {
	Case, File string
	casefile.ImportOptions
	JSON bool
	By   string
}

var verbRowsImport = &verb{
	name:    "import",
	args:    "CASE FILE [--exhibit REF] [--map SPEC] [--sheet NAME] [--max-rows N] [--json] [--by NAME]",
	summary: "import a CSV or XLSX data sheet as rows",
	help: `Reads FILE (CSV in UTF-8, UTF-8 with BOM, UTF-16 or Windows-1252, comma,
semicolon or tab separated; or XLSX, the first visible sheet unless
--sheet) and stores each line as a row of fields uprn, address, estate,
neighbourhood, name, phone; other columns are kept as extra fields.
Without --exhibit, FILE itself is added as a sheet exhibit (or the
exhibit already holding its bytes is used); with --exhibit the rows
transcribe that exhibit (a scan). The whole file is checked first: on any
error nothing is written.

Prints the rows imported, the detected format, encoding, delimiter and
column mapping, a workbook's sheets (hidden ones too: --sheet NAME reads
one), the lines without a usable phone number, the phone cells to check
(damaged by Excel, several numbers, extensions, a leading zero restored)
and the ragged lines (more or fewer cells than the header). A file whose
lines mix UTF-8 and Windows-1252 is read line by line and the lines are
named. The import is a "transcribed" custody event with the file's
SHA-256, the row count and the mapping.

Columns are mapped by their headers ("Prop Ref", "Tenant Name", "Contact
No", "Mobile", "Nbhd"...); address parts ("Flat", "Block", "Street",
"Address 1/2/3") are joined into the address. --map overrides, e.g.
  --map "Contact No=phone,Ref=uprn,Notes=extra"

A sheet of more than 200,000 rows is refused, as is a workbook that would
unpack to more than its rows need (a "zip bomb"); --max-rows N raises the
limit for a sheet that really is that long.

Example:
  dossier rows import martineau.dossier data-sheet.csv`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		var o RowsImportOptions
		fs := flags(v)
		fs.StringVar(&o.Exhibit, "exhibit", "", "the sheet exhibit (`REF`) the file transcribes (default: add FILE itself)")
		fs.StringVar(&o.Map, "map", "", "column mapping `SPEC`, \"Header=field,...\"")
		fs.StringVar(&o.Sheet, "sheet", "", "XLSX sheet `NAME`, hidden ones too (default the first visible sheet)")
		fs.IntVar(&o.MaxRows, "max-rows", 0, "refuse a sheet of more than `N` rows (default 200000)")
		fs.BoolVar(&o.JSON, "json", false, "print JSON")
		fs.StringVar(&o.By, "by", "", byUsage)
		pos, err := parse(v, fs, args, out, 2, 2)
		if err != nil {
			return err
		}
		if o.MaxRows < 0 {
			return usagef(v, "--max-rows must be a positive number of rows")
		}
		o.Case, o.File = pos[0], pos[1]
		return runRowsImport(ctx, o, out)
	},
}

func runRowsImport(ctx context.Context, o RowsImportOptions, out io.Writer) error {
	c, err := openCase(o.Case, o.By)
	if err != nil {
		return err
	}
	defer c.Close()
	res, err := c.ImportRows(ctx, o.File, o.ImportOptions)
	switch {
	case errors.Is(err, sheet.ErrBadMap):
		return hinted{err, "--map takes \"Header=field,...\" with headers as the file writes them; fields: " + strings.Join(sheet.Fields, ", ") + ", extra"}
	case errors.Is(err, sheet.ErrTooLarge):
		return hinted{err, "a sheet that really is that long imports with --max-rows N; a workbook refused for what it would unpack is damaged or hostile: export the sheet from Excel as CSV"}
	case errors.Is(err, sheet.ErrBadSheet):
		return hinted{err, "give a CSV or XLSX file with a header line naming its columns"}
	case err != nil:
		return err
	}
	if err := c.Close(); err != nil {
		return err
	}
	if o.JSON {
		return writeJSON(out, importJSON(res))
	}
	how := "rows of " + res.Exhibit.Ref
	if res.Added {
		how += " (added now as a sheet exhibit)"
	}
	fmt.Fprintf(out, "%d %s imported from %s\n", res.Rows, how, res.Exhibit.Filename)
	writeSheetInfo(out, res.Sheet)
	if len(res.NoPhone) > 0 {
		fmt.Fprintf(out, "without a phone number: %d (%s %s)\n", len(res.NoPhone), plural(len(res.NoPhone), "line", "lines"), someInts(res.NoPhone))
	} else {
		fmt.Fprintln(out, "without a phone number: 0")
	}
	writePhoneNotes(out, "damaged by Excel", res.Damaged, func(n casefile.PhoneNote) string {
		return fmt.Sprintf("line %d %q is in scientific notation and its last digits are lost; type the number again from the original", n.Line, n.Value)
	})
	writePhoneNotes(out, "several numbers in one cell", res.Several, func(n casefile.PhoneNote) string {
		return fmt.Sprintf("line %d: %d numbers, the first is the row's phone", n.Line, len(n.Numbers))
	})
	writePhoneNotes(out, "extensions kept apart", res.Extensions, func(n casefile.PhoneNote) string {
		return fmt.Sprintf("line %d: ext %s", n.Line, n.Ext)
	})
	writePhoneNotes(out, "mended", res.Repaired, func(n casefile.PhoneNote) string {
		return fmt.Sprintf("line %d %q: %s", n.Line, n.Value, n.Note)
	})
	if len(res.Sheet.Ragged) > 0 {
		var parts []string
		for _, r := range res.Sheet.Ragged[:min(len(res.Sheet.Ragged), listMost)] {
			parts = append(parts, fmt.Sprintf("line %d has %d cells, header %d", r.Line, r.Got, r.Want))
		}
		if n := len(res.Sheet.Ragged) - listMost; n > 0 {
			parts = append(parts, fmt.Sprintf("and %d more", n))
		}
		fmt.Fprintf(out, "ragged: %d (%s)\n", len(res.Sheet.Ragged), strings.Join(parts, "; "))
	} else {
		fmt.Fprintln(out, "ragged: 0")
	}
	return nil
}

// listMost is how many lines a list on the terminal names; --json has
// them all.
const listMost = 20

// someInts is joinInts for the terminal: at most listMost numbers.
func someInts(ns []int) string {
	if len(ns) <= listMost {
		return joinInts(ns)
	}
	return fmt.Sprintf("%s and %d more", joinInts(ns[:listMost]), len(ns)-listMost)
}

// writePhoneNotes prints one kind of phone note, when there are any.
func writePhoneNotes(out io.Writer, what string, notes []casefile.PhoneNote, line func(casefile.PhoneNote) string) {
	if len(notes) == 0 {
		return
	}
	parts := make([]string, 0, min(len(notes), listMost)+1)
	for _, n := range notes[:min(len(notes), listMost)] {
		parts = append(parts, line(n))
	}
	if n := len(notes) - listMost; n > 0 {
		parts = append(parts, fmt.Sprintf("and %d more", n))
	}
	fmt.Fprintf(out, "%s: %d (%s)\n", what, len(notes), strings.Join(parts, "; "))
}

// writeSheetInfo prints what was detected about a sheet file.
func writeSheetInfo(out io.Writer, r *sheet.Result) {
	if r.Format == "xlsx" {
		fmt.Fprintf(out, "format: xlsx, sheet %q\n", r.Sheet)
		if len(r.Workbook) > 1 {
			fmt.Fprintf(out, "sheets: %s\n", sheetList(r))
		}
	} else {
		fmt.Fprintf(out, "format: %s, encoding %s, delimiter %s\n", r.Format, r.Encoding, delimiterName(r.Delimiter))
	}
	var cols []string
	for _, h := range r.Header {
		f, ok := r.Mapping[h]
		if !ok {
			continue
		}
		if f == "" {
			f = "extra"
		}
		cols = append(cols, h+"="+f)
	}
	fmt.Fprintf(out, "columns: %s\n", strings.Join(cols, ", "))
	for _, w := range r.Warnings {
		fmt.Fprintf(out, "warning: %s\n", w)
	}
}

// sheetList names a workbook's sheets, saying which was read and which
// are hidden: a hidden sheet is data too, and must not go unnoticed.
func sheetList(r *sheet.Result) string {
	var parts []string
	other := false
	for _, s := range r.Workbook {
		var notes []string
		switch s.State {
		case sheet.Hidden:
			notes = append(notes, "hidden")
		case sheet.VeryHidden:
			notes = append(notes, "very hidden")
		}
		if s.Name == r.Sheet {
			notes = append(notes, "read")
		} else {
			notes = append(notes, "not read")
			other = true
		}
		parts = append(parts, fmt.Sprintf("%q (%s)", s.Name, strings.Join(notes, ", ")))
	}
	list := strings.Join(parts, ", ")
	if other {
		list += "; import another with --sheet NAME"
	}
	return list
}

func delimiterName(d rune) string {
	switch d {
	case ',':
		return "comma"
	case ';':
		return "semicolon"
	case '\t':
		return "tab"
	}
	return fmt.Sprintf("%q", d)
}

// The stable JSON form of 'rows import --json'.
type (
	importedJSON struct {
		Exhibit      string          `json:"exhibit"`
		Added        bool            `json:"added"`
		File         string          `json:"file"`
		FileSHA256   string          `json:"file_sha256"`
		Rows         int             `json:"rows"`
		Format       string          `json:"format"`
		Encoding     string          `json:"encoding"`
		Lines1252    []int           `json:"windows_1252_lines"`
		Delimiter    string          `json:"delimiter"`
		Sheet        string          `json:"sheet"`
		Sheets       []sheetJSON     `json:"sheets"`
		HeaderLine   int             `json:"header_line"`
		Columns      []columnJSON    `json:"columns"`
		NoPhone      []int           `json:"no_phone"`
		Damaged      []phoneNoteJSON `json:"phones_damaged"`
		Several      []phoneNoteJSON `json:"phones_several"`
		Extensions   []phoneNoteJSON `json:"phones_extension"`
		Repaired     []phoneNoteJSON `json:"phones_mended"`
		Ragged       []raggedJSON    `json:"ragged"`
		Warnings     []string        `json:"warnings"`
		MaxRowsLimit int             `json:"max_rows"`
	}
	sheetJSON struct {
		Name  string `json:"name"`
		State string `json:"state"`
		Read  bool   `json:"read"`
	}
	columnJSON struct {
		Header string `json:"header"`
		Field  string `json:"field"`
	}
	phoneNoteJSON struct {
		Line    int      `json:"line"`
		Value   string   `json:"value"`
		Numbers []string `json:"numbers"`
		Ext     string   `json:"ext"`
		Note    string   `json:"note"`
	}
	raggedJSON struct {
		Line   int `json:"line"`
		Cells  int `json:"cells"`
		Header int `json:"header"`
	}
)

func importJSON(res casefile.ImportResult) importedJSON {
	r := res.Sheet
	j := importedJSON{
		Exhibit: res.Exhibit.Ref, Added: res.Added, File: res.Exhibit.Filename, FileSHA256: res.FileHash, Rows: res.Rows,
		Format: r.Format, Encoding: r.Encoding, Lines1252: orEmpty(r.Lines1252), Sheet: r.Sheet, Sheets: []sheetJSON{},
		HeaderLine: r.HeaderLine, Columns: []columnJSON{}, NoPhone: orEmpty(res.NoPhone),
		Damaged: notesJSON(res.Damaged), Several: notesJSON(res.Several), Extensions: notesJSON(res.Extensions),
		Repaired: notesJSON(res.Repaired), Ragged: []raggedJSON{}, Warnings: orEmpty(r.Warnings),
		MaxRowsLimit: res.MaxRows,
	}
	if r.Delimiter != 0 {
		j.Delimiter = string(r.Delimiter)
	}
	for _, s := range r.Workbook {
		j.Sheets = append(j.Sheets, sheetJSON{s.Name, s.State, s.Name == r.Sheet})
	}
	for _, h := range r.Header {
		if f, ok := r.Mapping[h]; ok {
			if f == "" {
				f = "extra"
			}
			j.Columns = append(j.Columns, columnJSON{h, f})
		}
	}
	for _, g := range r.Ragged {
		j.Ragged = append(j.Ragged, raggedJSON{g.Line, g.Got, g.Want})
	}
	return j
}

func notesJSON(ns []casefile.PhoneNote) []phoneNoteJSON {
	out := make([]phoneNoteJSON, 0, len(ns))
	for _, n := range ns {
		out = append(out, phoneNoteJSON{n.Line, n.Value, orEmpty(n.Numbers), n.Ext, n.Note})
	}
	return out
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
