package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"

	"dossier/internal/numfmt"
)

// Delimiters are the cell separators CSV files use: comma (UK Excel),
// semicolon (Excel in locales with a decimal comma) and tab (Excel's
// "Unicode text" and copy-paste).
var Delimiters = []rune{',', ';', '\t'}

// sniffLines is how many lines the delimiter sniffer looks at.
const sniffLines = 20

// SniffDelimiter guesses the delimiter of CSV text by counting each
// candidate outside quotes on each of the first lines: the winner is the
// one that appears the same number of times on the most lines (then the
// one with most per line). Addresses hold commas, so a tab or semicolon
// file still has commas, but not the same number on every line. Text with
// none of them is read as one column, with ','.
func SniffDelimiter(text []byte) rune {
	var counts [3][sniffLines]int
	line, quoted := 0, false
	for i := 0; i < len(text) && line < sniffLines; i++ {
		switch c := text[i]; {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\n':
			line++
		default:
			for k, d := range Delimiters {
				if rune(c) == d {
					counts[k][line]++
				}
			}
		}
	}
	if line < sniffLines && len(text) > 0 && text[len(text)-1] != '\n' {
		line++ // last line without a newline
	}
	best, bestLines, bestPer := ',', 0, 0
	for k, d := range Delimiters {
		freq := map[int]int{}
		for _, n := range counts[k][:min(line, sniffLines)] {
			if n > 0 {
				freq[n]++
			}
		}
		for per, lines := range freq {
			if lines > bestLines || (lines == bestLines && per > bestPer) {
				best, bestLines, bestPer = d, lines, per
			}
		}
	}
	return best
}

func csvRecords(data []byte, name string, opt Options, fn func(Record) error) (Source, error) {
	text, dec := decodeCSV(data)
	src := Source{Format: "csv", Encoding: dec.Encoding, Lines1252: dec.Lines1252, Warnings: dec.Warnings, Delimiter: SniffDelimiter(text)}
	// Excel writes and honours a first line "sep=;" naming the delimiter.
	hint := sepHint(text)
	if hint != 0 {
		src.Delimiter = hint
	}
	cr := csv.NewReader(bytes.NewReader(text))
	cr.Comma = src.Delimiter
	cr.FieldsPerRecord = -1 // ragged rows are kept and reported, not refused
	cr.ReuseRecord = true
	limit := recordLimit(opt)
	for n := 0; ; n++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return src, fmt.Errorf("%s: %w", name, csvError(err))
		}
		line, _ := cr.FieldPos(0)
		if hint != 0 && line == 1 {
			continue
		}
		if n >= limit {
			return src, tooManyRows(name, fmt.Sprintf("line %d", line), opt)
		}
		if err := fn(Record{Line: line, Ref: "line " + strconv.Itoa(line), Cells: rec}); err != nil {
			return src, err
		}
	}
	return src, nil
}

// recordLimit is how many records a sheet may have: MaxRows rows, the
// header and the title lines that may sit above it. Read counts the rows
// below the header exactly; this bounds the records (blank ones too) that
// any reader goes through.
func recordLimit(opt Options) int { return opt.maxRows() + headerSearch }

// tooManyRows refuses a sheet longer than the row limit.
func tooManyRows(name, where string, opt Options) error {
	n := opt.maxRows()
	return fmt.Errorf("%s: %s: %w: the sheet has more than %s rows, the limit; if it really is that long, import it with a higher --max-rows",
		name, where, ErrTooLarge, numfmt.Thousands(n))
}

// sepHint returns the delimiter named by an Excel "sep=X" first line, or 0.
func sepHint(text []byte) rune {
	line, _, _ := bytes.Cut(text, []byte("\n"))
	line = bytes.TrimRight(line, "\r")
	if len(line) == 5 && bytes.EqualFold(line[:4], []byte("sep=")) {
		for _, d := range Delimiters {
			if rune(line[4]) == d {
				return d
			}
		}
	}
	return 0
}

// csvError says where a CSV is broken and how to mend it.
func csvError(err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return fmt.Errorf("%w: %v", ErrBadSheet, err)
	}
	switch {
	case errors.Is(pe.Err, csv.ErrQuote) && pe.StartLine != pe.Line:
		return fmt.Errorf("line %d: %w: a quoted cell starting on this line is never closed (reached line %d); add the missing \" or remove the stray one", pe.StartLine, ErrBadSheet, pe.Line)
	case errors.Is(pe.Err, csv.ErrQuote):
		return fmt.Errorf("line %d: %w: a quote inside a quoted cell (at character %d) is not doubled; write it as \"\" inside a quoted cell, or remove it", pe.Line, ErrBadSheet, pe.Column)
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return fmt.Errorf("line %d: %w: a quote in the middle of an unquoted cell (at character %d); put the cell in quotes and double the quote (\"\"), or remove it", pe.Line, ErrBadSheet, pe.Column)
	}
	return fmt.Errorf("line %d: %w: %v", pe.Line, ErrBadSheet, pe.Err)
}
