// Package sheet reads a transcribed data sheet (CSV or XLSX) into rows of
// the six fields Dossier knows (uprn, address, estate, neighbourhood,
// name, phone) plus any other columns, kept as extras.
//
// Real data sheets come out of Excel and housing systems in many shapes,
// so Read decides the format from the content (an XLSX file is a zip),
// detects the text encoding with package textenc (UTF-8 with or without
// a byte-order mark, UTF-16 from Excel's "Unicode text", Windows-1252, or
// a mixture by line, with a warning naming the lines), sniffs the
// delimiter (comma, semicolon or tab), maps headers by synonyms ("Prop
// Ref", "Contact No", "Nbhd"...) and keeps ragged rows, reporting them,
// rather than dropping anything silently. Every row keeps the line (CSV)
// or cell reference (XLSX) it came from, so a reader can check it against
// the file.
//
// The package does no I/O beyond the reader it is given and never
// changes the data it reads: values are trimmed of surrounding spaces
// and otherwise kept exactly as written.
package sheet

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"dossier/internal/numfmt"
)

// Field names a row may map columns to.
const (
	FieldUPRN          = "uprn"
	FieldAddress       = "address"
	FieldEstate        = "estate"
	FieldNeighbourhood = "neighbourhood"
	FieldName          = "name"
	FieldPhone         = "phone"
)

// Fields lists the field names in the order they are shown.
var Fields = []string{FieldUPRN, FieldAddress, FieldEstate, FieldNeighbourhood, FieldName, FieldPhone}

// ErrBadSheet means the file cannot be read as a data sheet: empty,
// header only, binary, corrupt or password-protected, or without any
// recognisable column. The wrapping error names the file and the line.
var ErrBadSheet = errors.New("not a readable data sheet")

// ErrTooLarge means the sheet has more rows than Options.MaxRows, or an
// XLSX workbook would unpack to more than its limits allow (a "zip bomb"
// packs gigabytes into a few megabytes). The wrapping error says which
// limit, and how to raise the row limit when the sheet really is that big.
var ErrTooLarge = errors.New("sheet too large")

// ErrBadMap means a column mapping (Options.Map) is malformed or names a
// column the sheet does not have.
var ErrBadMap = errors.New("bad column mapping")

// DefaultMaxRows is the row limit when Options.MaxRows is 0: more than
// twice the tenants of a large council landlord (60,000 to 90,000), and
// few enough that a sheet refused for having more was read within a
// laptop's memory and in seconds.
const DefaultMaxRows = 200_000

// Options choose how a sheet is read.
type Options struct {
	Sheet string // XLSX sheet name; "" is the first visible sheet
	Map   string // column overrides, "Contact No=phone,Prop Ref=uprn" (see ParseMap)
	Limit int    // 0 reads all rows; >0 stops after that many (previews)
	// MaxRows refuses, with ErrTooLarge, a sheet of more rows than this;
	// 0 means DefaultMaxRows. It also scales the XLSX unpacking limits.
	MaxRows int
}

func (o Options) maxRows() int {
	if o.MaxRows > 0 {
		return o.MaxRows
	}
	return DefaultMaxRows
}

// Row is one line of a data sheet.
type Row struct {
	Line          int    // 1-based physical CSV line where the record starts, or XLSX row number
	Ref           string // "line 12" or "Sheet1!A12"
	UPRN          string
	Address       string // one column, or several ("Flat", "Block", "Street", "Address 1/2/3") joined in column order
	Estate        string
	Neighbourhood string
	Name          string
	Phone         string            // as written; normalising is the caller's job
	Extra         map[string]string // unmapped columns by header; surplus cells as "column N"; nil if none
}

// Ragged records a row whose number of cells differs from the header's.
// Short rows are padded with empty cells; surplus cells are kept in
// Row.Extra as "column N".
type Ragged struct {
	Line      int // as Row.Line
	Got, Want int // cells in the row, cells in the header
}

// Sheet states in SheetInfo.State, as Excel names them.
const (
	Visible    = "visible"
	Hidden     = "hidden"
	VeryHidden = "veryHidden" // hidden so that only a macro or the XML shows it
)

// SheetInfo is one sheet of an XLSX workbook.
type SheetInfo struct {
	Name  string
	State string // Visible, Hidden or VeryHidden
}

// Source says what a sheet file is, as it was found.
type Source struct {
	Format    string      // "csv" or "xlsx"
	Encoding  string      // "UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE", "Windows-1252", EncMixed; "" for xlsx
	Lines1252 []int       // with EncMixed, the lines read as Windows-1252 (the others are UTF-8)
	Delimiter rune        // ',', ';' or '\t'; 0 for xlsx
	Sheet     string      // XLSX sheet read; "" for csv
	Sheets    []string    // all XLSX sheet names, hidden ones too, in workbook order; nil for csv
	Workbook  []SheetInfo // the same sheets with whether each is hidden; nil for csv
	Warnings  []string    // what may not be what the file's author meant (mixed encodings, naming the lines)
}

// HiddenSheets lists the workbook's hidden sheets (either kind).
func (s Source) HiddenSheets() []string {
	var out []string
	for _, w := range s.Workbook {
		if w.State != Visible {
			out = append(out, w.Name)
		}
	}
	return out
}

// Result is a sheet as read, with what was detected about it.
type Result struct {
	Source
	HeaderLine int               // line or row number of the header
	Header     []string          // column headers as written
	Mapping    map[string]string // header -> field name, "" for a column kept as extra
	Rows       []Row
	Ragged     []Ragged
}

// Record is one record of a sheet as written: every cell, untrimmed, in
// column order. An XLSX row has no cells after its last non-empty one.
type Record struct {
	Line  int    // as Row.Line
	Ref   string // as Row.Ref
	Cells []string
}

// errStop ends Each early without an error (Options.Limit reached).
var errStop = errors.New("stop")

// Each reads a CSV or XLSX sheet and calls fn for each record, blank ones
// included, in file order; rec.Cells may be reused once fn returns. It
// applies the same format detection, decoding and limits as Read, and
// returns what it found about the file. An error from fn stops reading
// and is returned as it is.
func Each(r io.Reader, name string, opt Options, fn func(rec Record) error) (Source, error) {
	data, err := readAll(r, name, opt)
	if err != nil {
		return Source{}, err
	}
	return each(data, name, opt, fn)
}

// MaxFileSize is the largest sheet file read with opt: 64 MB, or 512
// bytes for each row the row limit allows when that is more. A sheet file
// is read whole before it is checked, so this bounds the memory a huge
// file can take.
func MaxFileSize(opt Options) int64 {
	return max(64<<20, int64(opt.maxRows())*512)
}

// readAll reads a sheet file, refusing one larger than MaxFileSize.
func readAll(r io.Reader, name string, opt Options) ([]byte, error) {
	limit := MaxFileSize(opt)
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if int64(len(data)) > limit {
		return nil, FileTooLarge(name, opt)
	}
	return data, nil
}

// FileTooLarge is the error for a sheet file larger than MaxFileSize.
func FileTooLarge(name string, opt Options) error {
	return fmt.Errorf("%s: %w: the file is larger than %s, more than a sheet of %s rows needs; if it really is one sheet that long, import it with a higher --max-rows",
		name, ErrTooLarge, megabytes(uint64(MaxFileSize(opt))), numfmt.Thousands(opt.maxRows()))
}

func each(data []byte, name string, opt Options, fn func(rec Record) error) (Source, error) {
	switch kind := sniffFormat(data); kind {
	case "zip":
		return xlsxRecords(data, name, opt, fn)
	case "ods":
		return Source{}, fmt.Errorf("%s: %w: the file is an OpenDocument spreadsheet (.ods); in LibreOffice use File > Save As and choose Excel 2007-365 (.xlsx) or Text CSV", name, ErrBadSheet)
	case "pdf":
		return Source{}, fmt.Errorf("%s: %w: the file is a PDF; add it as an exhibit, and transcribe the sheet into CSV or XLSX to import its rows", name, ErrBadSheet)
	case "html":
		return Source{}, fmt.Errorf("%s: %w: the file is a web page (some systems export HTML under an .xls name); open it in Excel and save it as .xlsx or CSV", name, ErrBadSheet)
	case "ole":
		return Source{}, fmt.Errorf("%s: %w: the file is password-protected, or an Excel 97-2003 .xls workbook; open it in Excel, remove the password (File > Info > Protect Workbook) and save it as .xlsx or CSV", name, ErrBadSheet)
	case "binary":
		return Source{}, fmt.Errorf("%s: %w: the file is binary, not CSV or XLSX; export the sheet from the spreadsheet program as CSV or XLSX", name, ErrBadSheet)
	}
	return csvRecords(data, name, opt, fn)
}

// Read reads a CSV or XLSX data sheet. The format is decided by the
// content, not by name, which is used only in messages. Errors name the
// file and, where one applies, the line; they wrap ErrBadSheet, ErrBadMap
// or ErrTooLarge.
func Read(r io.Reader, name string, opt Options) (*Result, error) {
	if _, err := ParseMap(opt.Map); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	data, err := readAll(r, name, opt)
	if err != nil {
		return nil, err
	}
	return ReadBytes(data, name, opt)
}

// ReadBytes is Read of a file already in memory, which it does not copy:
// data must not change while the result is in use.
func ReadBytes(data []byte, name string, opt Options) (*Result, error) {
	overrides, err := ParseMap(opt.Map)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if int64(len(data)) > MaxFileSize(opt) {
		return nil, FileTooLarge(name, opt)
	}
	res := &Result{}
	b := &builder{name: name, opt: opt, overrides: overrides, res: res, xlsx: sniffFormat(data) == "zip"}
	src, err := each(data, name, opt, b.add)
	res.Source = src
	if err != nil && err != errStop {
		return nil, err
	}
	if err := b.finish(); err != nil {
		return nil, err
	}
	return res, nil
}

// Table is every non-blank record of a sheet, the header included, with
// its cells as written and in their original column order: what a copy
// of the sheet shows.
type Table struct {
	Source
	Records []Record
}

// ReadTable reads every non-blank record of a CSV or XLSX sheet (see
// Each), for a copy of the sheet that keeps every original column in
// order. Options.Map is not used.
func ReadTable(r io.Reader, name string, opt Options) (*Table, error) {
	t := &Table{}
	src, err := Each(r, name, opt, func(rec Record) error {
		if isBlank(rec.Cells) {
			return nil
		}
		if opt.Limit > 0 && len(t.Records) >= opt.Limit {
			return errStop
		}
		t.Records = append(t.Records, Record{Line: rec.Line, Ref: rec.Ref, Cells: append([]string(nil), rec.Cells...)})
		return nil
	})
	if err != nil && err != errStop {
		return nil, err
	}
	t.Source = src
	return t, nil
}

// sniffFormat looks at the first bytes: a zip (XLSX), an OpenDocument
// spreadsheet, an OLE compound file (encrypted XLSX or old XLS), a PDF,
// an HTML table, binary junk, or text.
func sniffFormat(data []byte) string {
	head := string(data[:min(len(data), 512)])
	lower := strings.ToLower(strings.TrimLeft(strings.TrimPrefix(head, "\xef\xbb\xbf"), " \t\r\n"))
	switch {
	case strings.HasPrefix(head, "PK\x03\x04") && strings.Contains(head, "application/vnd.oasis.opendocument.spreadsheet"):
		return "ods" // the mimetype entry is stored first, uncompressed
	case strings.HasPrefix(head, "PK\x03\x04"):
		return "zip"
	case strings.HasPrefix(head, "%PDF-"):
		return "pdf"
	case strings.HasPrefix(lower, "<!doctype html") || strings.HasPrefix(lower, "<html") || strings.HasPrefix(lower, "<table"):
		return "html"
	case strings.HasPrefix(string(data[:min(len(data), 8)]), "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
		return "ole"
	case isBinary(data):
		return "binary"
	}
	return "text"
}
