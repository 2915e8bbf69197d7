package sheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"dossier/internal/numfmt"
)

// Limits on what reading an XLSX workbook may unpack. A workbook is a zip
// of XML files, and a few megabytes of zip can hold gigabytes of XML (a
// "zip bomb"): before anything is unpacked the sizes the zip declares are
// checked (Go's zip reader refuses data longer than declared), and then
// excelize is told the same limits. Worksheets and the shared strings
// larger than streamPart go to temporary files and are read row by row;
// every other part (styles, the workbook itself) is read whole, so it
// must be small.
const (
	streamPart  = 16 << 20  // larger worksheets and shared strings are streamed from a temporary file
	otherPart   = 16 << 20  // any other part
	minUnzip    = 256 << 20 // the unpacked workbook, at the default row limit
	bytesPerRow = 1 << 10   // the unpacked workbook may grow by this for each row the limit allows
	maxParts    = 10000
)

// unzipLimit is how large the unpacked workbook may be: 256 MB, or more
// when a higher row limit asks for a bigger sheet.
func unzipLimit(opt Options) int64 {
	return max(minUnzip, int64(opt.maxRows())*bytesPerRow)
}

// stringsLimit bounds the shared strings part: excelize indexes every
// string in memory, at about 70 bytes each, so a part of many tiny
// strings costs several times its size (a 63 MB part of one-letter
// strings took 446 MB and 46 s). 128 bytes a row allows several unique
// strings a row (names, addresses): 25 MB at the default row limit, where
// the worst case, all one-letter strings, peaks near 200 MB.
func stringsLimit(opt Options) int64 { return int64(opt.maxRows()) * 128 }

// checkZip refuses a workbook whose parts would unpack beyond the limits,
// and says whether the zip holds a workbook at all. A zip archive/zip
// cannot read is left to excelize to describe.
func checkZip(data []byte, name string, opt Options) (workbook bool, err error) {
	z, zerr := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if zerr != nil {
		return true, nil
	}
	if len(z.File) > maxParts {
		return true, fmt.Errorf("%s: %w: the workbook has %d parts; a spreadsheet has a few dozen. Export the sheet as CSV instead", name, ErrTooLarge, len(z.File))
	}
	var total uint64
	for _, f := range z.File {
		if strings.HasPrefix(f.Name, "xl/") || f.Name == "[Content_Types].xml" {
			workbook = true
		}
		size := f.UncompressedSize64
		total += size
		lower := strings.ToLower(f.Name)
		limit := uint64(otherPart)
		switch {
		case strings.HasPrefix(lower, "xl/worksheets/") && strings.HasSuffix(lower, ".xml"):
			limit = uint64(unzipLimit(opt))
		case lower == "xl/sharedstrings.xml":
			limit = uint64(stringsLimit(opt))
		case !strings.HasSuffix(lower, ".xml") && !strings.HasSuffix(lower, ".rels"):
			limit = uint64(unzipLimit(opt)) // pictures and other media are unpacked but never parsed
		}
		if size > limit {
			return workbook, fmt.Errorf("%s: %w: its part %s would unpack to %s, more than the %s allowed: the file is damaged or built to exhaust memory (a zip bomb); if it is a real sheet, export it from Excel as CSV",
				name, ErrTooLarge, f.Name, megabytes(size), megabytes(limit))
		}
	}
	if limit := uint64(unzipLimit(opt)); total > limit {
		return workbook, fmt.Errorf("%s: %w: the workbook would unpack to %s, more than the %s allowed for %s rows: the file is damaged or built to exhaust memory (a zip bomb); if it is a real sheet that long, import it with a higher --max-rows",
			name, ErrTooLarge, megabytes(total), megabytes(limit), numfmt.Thousands(opt.maxRows()))
	}
	return workbook, nil
}

func megabytes(n uint64) string {
	return strconv.FormatUint((n+(1<<20)-1)>>20, 10) + " MB"
}

func xlsxRecords(data []byte, name string, opt Options, fn func(Record) error) (src Source, err error) {
	// excelize parses untrusted zip and XML; a panic inside it must become
	// an error about the file, not take the application down.
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s: %w: the workbook is damaged (%v); open it in Excel and save it again, or export it as CSV", name, ErrBadSheet, p)
		}
	}()
	src.Format = "xlsx"
	workbook, err := checkZip(data, name, opt)
	if err != nil {
		return src, err
	}
	if !workbook {
		return src, fmt.Errorf("%s: %w: the file is a zip archive, not an XLSX workbook; take the sheet out of the archive, or save it from the spreadsheet program as .xlsx or CSV", name, ErrBadSheet)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: unzipLimit(opt), UnzipXMLSizeLimit: streamPart})
	if err != nil {
		return src, fmt.Errorf("%s: %w: %s", name, ErrBadSheet, xlsxProblem(err))
	}
	defer f.Close() // removes excelize's temporary files
	src.Workbook = workbookSheets(f)
	for _, s := range src.Workbook {
		src.Sheets = append(src.Sheets, s.Name)
	}
	if len(src.Sheets) == 0 {
		return src, fmt.Errorf("%s: %w: the workbook has no sheets", name, ErrBadSheet)
	}
	sh, err := chooseSheet(src.Workbook, opt.Sheet)
	if err != nil {
		return src, fmt.Errorf("%s: %w", name, err)
	}
	src.Sheet = sh
	prefix := RefPrefix(sh) + "A"
	rows, err := f.Rows(sh)
	if err != nil {
		return src, fmt.Errorf("%s: sheet %q: %w: %s", name, sh, ErrBadSheet, xlsxProblem(err))
	}
	defer rows.Close()
	limit := recordLimit(opt)
	line := 0
	for n := 0; rows.Next(); n++ {
		line++
		if n >= limit {
			return src, tooManyRows(name, prefix+strconv.Itoa(line), opt)
		}
		rec, err := rows.Columns()
		if err != nil {
			return src, fmt.Errorf("%s: %s%d: %w: %s", name, prefix, line, ErrBadSheet, xlsxProblem(err))
		}
		if err := fn(Record{Line: line, Ref: prefix + strconv.Itoa(line), Cells: rec}); err != nil {
			return src, err
		}
	}
	if err := rows.Error(); err != nil {
		return src, fmt.Errorf("%s: %s%d: %w: %s", name, prefix, line+1, ErrBadSheet, xlsxProblem(err))
	}
	return src, nil
}

// workbookSheets lists the workbook's sheets in order with their states.
// GetSheetList reads the workbook part, after which its sheet entries,
// with their state attribute, are at hand.
func workbookSheets(f *excelize.File) []SheetInfo {
	names := f.GetSheetList()
	state := map[string]string{}
	if f.WorkBook != nil {
		for _, s := range f.WorkBook.Sheets.Sheet {
			state[s.Name] = s.State
		}
	}
	out := make([]SheetInfo, 0, len(names))
	for _, n := range names {
		st := state[n]
		switch st {
		case Hidden, VeryHidden:
		default:
			st = Visible
		}
		out = append(out, SheetInfo{Name: n, State: st})
	}
	return out
}

// chooseSheet picks the sheet named (exactly, else ignoring case), or the
// first visible one: the one Excel shows first. A hidden sheet is read
// only when it is asked for by name.
func chooseSheet(sheets []SheetInfo, want string) (string, error) {
	if want == "" {
		for _, s := range sheets {
			if s.State == Visible {
				return s.Name, nil
			}
		}
		return sheets[0].Name, nil
	}
	for _, s := range sheets {
		if s.Name == want {
			return s.Name, nil
		}
	}
	for _, s := range sheets {
		if strings.EqualFold(s.Name, want) {
			return s.Name, nil
		}
	}
	names := make([]string, len(sheets))
	for i, s := range sheets {
		names[i] = s.Name
	}
	return "", fmt.Errorf("%w: no sheet named %q; the sheets are %s", ErrBadSheet, want, quoteList(names))
}

// xlsxProblem turns an excelize error into words a user can act on.
func xlsxProblem(err error) string {
	switch {
	case errors.Is(err, excelize.ErrWorkbookFileFormat), errors.Is(err, excelize.ErrWorkbookPassword):
		return "the workbook is password-protected or not an XLSX file; remove the password in Excel and save it again as .xlsx or CSV"
	}
	return fmt.Sprintf("the workbook is damaged (%v); open it in Excel and save it again, or export it as CSV", err)
}

// RefPrefix is how the references of a worksheet's cells begin
// ("Sheet1!", "'Data sheet'!"), as rows record them in Row.SourceRef.
func RefPrefix(sheet string) string {
	if strings.ContainsAny(sheet, " '!-()") {
		return "'" + strings.ReplaceAll(sheet, "'", "''") + "'!"
	}
	return sheet + "!"
}
