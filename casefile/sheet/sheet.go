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

// ErrBadMap means a column mapping (Options.Map) is malformed or names a
// column the sheet does not have.
var ErrBadMap = errors.New("bad column mapping")

// Options choose how a sheet is read.
type Options struct {
	Sheet string // XLSX sheet name; "" is the first sheet
	Map   string // column overrides, "Contact No=phone,Prop Ref=uprn" (see ParseMap)
	Limit int    // 0 reads all rows; >0 stops after that many (previews)
}

// Row is one line of a data sheet.
type Row struct {
	Line          int    // 1-based physical CSV line where the record starts, or XLSX row number
	Ref           string // "line 12" or "Sheet1!A12"
	UPRN          string
	Address       string
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

// Result is a sheet as read, with what was detected about it.
type Result struct {
	Format     string            // "csv" or "xlsx"
	Encoding   string            // "UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE", "Windows-1252", EncMixed; "" for xlsx
	Lines1252  []int             // with EncMixed, the lines read as Windows-1252 (the others are UTF-8)
	Delimiter  rune              // ',', ';' or '\t'; 0 for xlsx
	Sheet      string            // XLSX sheet read; "" for csv
	Sheets     []string          // all XLSX sheet names; nil for csv
	HeaderLine int               // line or row number of the header
	Header     []string          // column headers as written
	Mapping    map[string]string // header -> field name, "" for a column kept as extra
	Rows       []Row
	Ragged     []Ragged
	Warnings   []string // what may not be what the file's author meant (mixed encodings, naming the lines)
}

// Read reads a CSV or XLSX data sheet. The format is decided by the
// content, not by name, which is used only in messages. Errors name the
// file and, where one applies, the line; they wrap ErrBadSheet or
// ErrBadMap.
func Read(r io.Reader, name string, opt Options) (*Result, error) {
	overrides, err := ParseMap(opt.Map)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	switch kind := sniffFormat(data); kind {
	case "zip":
		return readXLSX(data, name, opt, overrides)
	case "ods":
		return nil, fmt.Errorf("%s: %w: the file is an OpenDocument spreadsheet (.ods); in LibreOffice use File > Save As and choose Excel 2007-365 (.xlsx) or Text CSV", name, ErrBadSheet)
	case "pdf":
		return nil, fmt.Errorf("%s: %w: the file is a PDF; add it as an exhibit, and transcribe the sheet into CSV or XLSX to import its rows", name, ErrBadSheet)
	case "html":
		return nil, fmt.Errorf("%s: %w: the file is a web page (some systems export HTML under an .xls name); open it in Excel and save it as .xlsx or CSV", name, ErrBadSheet)
	case "ole":
		return nil, fmt.Errorf("%s: %w: the file is password-protected, or an Excel 97-2003 .xls workbook; open it in Excel, remove the password (File > Info > Protect Workbook) and save it as .xlsx or CSV", name, ErrBadSheet)
	case "binary":
		return nil, fmt.Errorf("%s: %w: the file is binary, not CSV or XLSX; export the sheet from the spreadsheet program as CSV or XLSX", name, ErrBadSheet)
	}
	return readCSV(data, name, opt, overrides)
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
