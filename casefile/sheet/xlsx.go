package sheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

func readXLSX(data []byte, name string, opt Options, overrides map[string]string) (res *Result, err error) {
	// excelize parses untrusted zip and XML; a panic inside it must become
	// an error about the file, not take the application down.
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, fmt.Errorf("%s: %w: the workbook is damaged (%v); open it in Excel and save it again, or export it as CSV", name, ErrBadSheet, p)
		}
	}()
	if !hasWorkbook(data) {
		return nil, fmt.Errorf("%s: %w: the file is a zip archive, not an XLSX workbook; take the sheet out of the archive, or save it from the spreadsheet program as .xlsx or CSV", name, ErrBadSheet)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %s", name, ErrBadSheet, xlsxProblem(err))
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, fmt.Errorf("%s: %w: the workbook has no sheets", name, ErrBadSheet)
	}
	sh := sheets[0]
	if opt.Sheet != "" {
		sh = ""
		for _, s := range sheets {
			if s == opt.Sheet {
				sh = s
			}
		}
		if sh == "" {
			for _, s := range sheets {
				if strings.EqualFold(s, opt.Sheet) {
					sh = s
				}
			}
		}
		if sh == "" {
			return nil, fmt.Errorf("%s: %w: no sheet named %q; the sheets are %s", name, ErrBadSheet, opt.Sheet, quoteList(sheets))
		}
	}
	res = &Result{Format: "xlsx", Sheet: sh, Sheets: sheets}
	prefix := sh
	if strings.ContainsAny(sh, " '!-()") {
		prefix = "'" + strings.ReplaceAll(sh, "'", "''") + "'"
	}
	b := &builder{name: name, opt: opt, overrides: overrides, res: res, xlsx: true, ref: func(line int) string {
		return fmt.Sprintf("%s!A%d", prefix, line)
	}}
	rows, err := f.Rows(sh)
	if err != nil {
		return nil, fmt.Errorf("%s: sheet %q: %w: %s", name, sh, ErrBadSheet, xlsxProblem(err))
	}
	defer rows.Close()
	line := 0
	for rows.Next() {
		line++
		rec, err := rows.Columns()
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w: %s", name, b.ref(line), ErrBadSheet, xlsxProblem(err))
		}
		if err := b.add(line, rec); err == errLimit {
			break
		} else if err != nil {
			return nil, err
		}
	}
	if err := rows.Error(); err != nil {
		return nil, fmt.Errorf("%s: %s: %w: %s", name, b.ref(line+1), ErrBadSheet, xlsxProblem(err))
	}
	if err := b.finish(); err != nil {
		return nil, err
	}
	return res, nil
}

// hasWorkbook reports whether a zip holds an XLSX workbook part. A zip
// that cannot be read at all is left to excelize to describe.
func hasWorkbook(data []byte) bool {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return true
	}
	for _, f := range z.File {
		if strings.HasPrefix(f.Name, "xl/") || f.Name == "[Content_Types].xml" {
			return true
		}
	}
	return false
}

// xlsxProblem turns an excelize error into words a user can act on.
func xlsxProblem(err error) string {
	switch {
	case errors.Is(err, excelize.ErrWorkbookFileFormat), errors.Is(err, excelize.ErrWorkbookPassword):
		return "the workbook is password-protected or not an XLSX file; remove the password in Excel and save it again as .xlsx or CSV"
	}
	return fmt.Sprintf("the workbook is damaged (%v); open it in Excel and save it again, or export it as CSV", err)
}
