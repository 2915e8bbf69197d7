package marks

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"

	"dossier/casefile"
	"dossier/casefile/detect"
	"dossier/casefile/sheet"
)

// Limits on unzipping a workbook for its copy: a sheet of a few hundred
// thousand rows fits well inside them, a zip bomb does not.
const (
	xlsxUnzipLimit    = 256 << 20
	xlsxUnzipXMLLimit = 128 << 20
)

// sheet makes a sheet's copy: every worksheet, every row and column as in
// the file, each cell replaced by its stand-in where it holds a marked
// value (Cell). Columns are matched to fields by their headers, as 'rows
// import' maps them, so a short value scoped to its column (a property
// reference "7") is found there and nowhere else.
//
// A worksheet of a workbook with no rows transcribed from it (a hidden
// one, or a second one never imported) is not reproduced: nothing on it is
// marked, so its cells would print every name and number it holds. Its
// name stays, with a line saying how to transcribe it.
func (a *Applier) sheet(ctx context.Context, ex casefile.Exhibit, original []byte) (Copy, error) {
	sheets, err := ReadSheets(original, ex.MediaType)
	if err != nil {
		// A CSV so broken no reader can split it is still text: every
		// term in it is replaced all the same.
		if !strings.HasPrefix(ex.MediaType, "text/") {
			return Copy{}, fmt.Errorf("%s: %w", ex.Ref, err)
		}
		text, changed := a.Text(casefile.DecodeText(original))
		return Copy{MediaType: "text/plain", Text: text, Marked: changed, Marks: boolInt(changed)}, nil
	}
	cp := Copy{MediaType: "text/csv", Sheets: sheets}
	omitted := false
	for i := range cp.Sheets {
		s := &cp.Sheets[i]
		if s.Name != "" && len(cp.Sheets) > 1 && a.c != nil {
			n, err := a.c.CountRows(ctx, casefile.RowQuery{Exhibit: ex.Ref, Sheet: s.Name})
			if err != nil {
				return Copy{}, fmt.Errorf("%s: %w", ex.Ref, err)
			}
			if n == 0 {
				s.Rows = [][]string{{NotTranscribed}}
				omitted = true // the copy differs from the file, though no mark did it
				continue
			}
		}
		fields := columnFields(original, ex.Filename, s.Name, s.Rows)
		n, bad, rel := a.sheetRows(s.Rows, fields)
		if bad >= 0 {
			return Copy{}, fmt.Errorf("%s: %s row %d: a marked value is still in its column", ex.Ref, sheetName(s.Name), bad+1)
		}
		if rel[0] >= 0 {
			return Copy{}, fmt.Errorf("%s: %s row %d, column %d %w", ex.Ref, sheetName(s.Name), rel[0]+1, rel[1]+1, ErrUnmarkedRelative)
		}
		cp.Marks += n
	}
	cp.Marked = cp.Marks > 0 || omitted
	return cp, nil
}

// ErrUnmarkedRelative means a sheet row's other columns (notes, a second
// contact) name someone who shares the resident's surname, and that name
// is not marked: a daughter or partner would be printed in full.
var ErrUnmarkedRelative = errors.New("names someone with the resident's surname who is not marked")

// NotTranscribed stands in a sheet copy for a worksheet whose rows are
// not transcribed.
const NotTranscribed = "Not reproduced: no rows of this worksheet are transcribed in the case, so its names and numbers " +
	"are not marked. Import them with 'dossier rows import CASE FILE --sheet NAME'."

// sheetRows replaces the marked values of rows in place, on every core (a
// sheet of 100,000 rows has 700,000 cells, each searched for every
// term), and returns how many cells changed, and the first row (or -1)
// where a value scoped to its column is still readable, and the first
// cell (row and column, or -1) outside the personal-data columns that
// names an unmarked relative of the row's resident (detect.Relatives).
func (a *Applier) sheetRows(rows [][]string, fields fields) (changed, bad int, rel [2]int) {
	workers := min(runtime.GOMAXPROCS(0), max(1, len(rows)/1000))
	type part struct {
		changed, bad int
		rel          [2]int
	}
	parts := make([]part, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			from, to := w*len(rows)/workers, (w+1)*len(rows)/workers
			parts[w] = part{bad: -1, rel: [2]int{-1, -1}}
			// A column such as the estate repeats a few values down
			// 100,000 rows: each is searched once. Cell gives the same
			// answer for the same field and text every time.
			type done struct {
				out string
				ok  bool
			}
			memo := map[[2]string]done{}
			for r := from; r < to; r++ {
				row := rows[r]
				var sur detect.Surnames // of the row's resident
				if r > fields.header {
					var ns []string
					for c, cell := range row {
						if c < len(fields.cols) && fields.cols[c] == "name" {
							ns = append(ns, cell)
						}
					}
					sur = detect.SurnamesOf(ns...)
				}
				for c, cell := range row {
					field := ""
					if r > fields.header && c < len(fields.cols) {
						field = fields.cols[c]
					}
					var d done
					if fieldKinds[field] == "" && len(cell) <= 64 {
						key := [2]string{field, cell}
						var seen bool
						if d, seen = memo[key]; !seen {
							d.out, d.ok = a.Cell(field, cell)
							if len(memo) < 4096 {
								memo[key] = d
							}
						}
					} else {
						d.out, d.ok = a.Cell(field, cell)
					}
					if d.ok {
						row[c] = d.out
						parts[w].changed++
					}
					if a.ScopedIn(field, row[c]) {
						parts[w].bad = r
						return
					}
					if fieldKinds[field] == "" && len(sur) > 0 && len(detect.Relatives(row[c], sur)) > 0 {
						parts[w].rel = [2]int{r, c}
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	for _, p := range parts {
		changed += p.changed
		if p.bad >= 0 || p.rel[0] >= 0 {
			return changed, p.bad, p.rel // parts are in row order: the first found
		}
	}
	return changed, -1, [2]int{-1, -1}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func sheetName(n string) string {
	if n == "" {
		return "the sheet"
	}
	return "sheet " + n
}

// fields says which field each column of a worksheet holds, below which
// row: the header 'rows import' would choose.
type fields struct {
	header int      // index of the header row in the rows; -1 if none
	cols   []string // field name of each column, "" for others
}

func columnFields(original []byte, filename, sheetName string, rows [][]string) fields {
	f := fields{header: -1}
	// The header and its mapping come from the first lines: one row
	// below them is enough, and reading all 100,000 took a fifth of a
	// second.
	res, err := sheet.Read(bytes.NewReader(original), filename, sheet.Options{Sheet: sheetName, Limit: 1})
	if err != nil {
		return f
	}
	for i, row := range rows {
		if sameHeader(row, res.Header) {
			f.header = i
			for _, h := range row {
				f.cols = append(f.cols, res.Mapping[strings.TrimSpace(h)])
			}
			break
		}
	}
	return f
}

func sameHeader(row, header []string) bool {
	n := len(row)
	for n > 0 && strings.TrimSpace(row[n-1]) == "" {
		n--
	}
	if n != len(header) {
		return false
	}
	for i := range n {
		if strings.TrimSpace(row[i]) != header[i] {
			return false
		}
	}
	return n > 0
}

// ReadSheets reads a CSV, tab-separated or XLSX file as it is: every
// worksheet (hidden ones too: they are in the file), every row, every
// column, cells as written. Text is decoded by casefile.DecodeText, so
// offsets and encodings agree with the rest of the case.
func ReadSheets(data []byte, mediaType string) ([]Sheet, error) {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return readWorkbook(data)
	}
	text := casefile.DecodeText(data)
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.Comma = delimiter(text, mediaType)
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("read the sheet: %w", err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("read the sheet: it is empty")
	}
	return []Sheet{{Rows: rows}}, nil
}

// delimiter picks the separator of a text sheet's first line: tab,
// semicolon or comma, whichever it has most of.
func delimiter(text, mediaType string) rune {
	first, _, _ := strings.Cut(text, "\n")
	best, n := ',', strings.Count(first, ",")
	for _, d := range []rune{';', '\t'} {
		if c := strings.Count(first, string(d)); c > n {
			best, n = d, c
		}
	}
	if n == 0 && mediaType == "text/tab-separated-values" {
		return '\t'
	}
	return best
}

// readWorkbook reads every worksheet of an XLSX file within the unzip
// limits. excelize parses untrusted zip and XML: a panic inside it
// becomes an error about the file.
func readWorkbook(data []byte) (out []Sheet, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, fmt.Errorf("read the workbook: it is damaged (%v)", p)
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: xlsxUnzipLimit, UnzipXMLSizeLimit: xlsxUnzipXMLLimit})
	if err != nil {
		return nil, fmt.Errorf("read the workbook: %w", err)
	}
	defer f.Close()
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: false})
		if err != nil {
			return nil, fmt.Errorf("read the workbook: sheet %q: %w", name, err)
		}
		out = append(out, Sheet{Name: name, Rows: rows})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("read the workbook: it has no sheets")
	}
	return out, nil
}

// CSV writes a worksheet as CSV, the form 'dossier redact' writes a sheet
// copy in.
func (s Sheet) CSV() ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := w.WriteAll(s.Rows); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
