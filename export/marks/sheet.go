package marks

import (
	"bytes"
	"cmp"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

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
		n, err := a.startRows(ctx, s.Rows, fields).result(ex.Ref, s.Name)
		if err != nil {
			return Copy{}, err
		}
		cp.Marks += n
	}
	cp.Marked = cp.Marks > 0 || omitted
	return cp, nil
}

// SheetStream is the copy of a sheet of one worksheet while it is made
// (see StreamSheet): its rows are redacted in place, in chunks, on every
// core.
type SheetStream struct {
	Sheet // the rows, each final once Row has returned it
	ref   string
	job   *rowJob
}

// StreamSheet starts the copy of a sheet that has one worksheet (a CSV
// file, or a workbook of one sheet) and returns at once, so that the
// bundle can lay out its first rows while the last are redacted: on a
// sheet of 100,000 rows each takes seconds. It reports false, and starts
// nothing, for any other exhibit; Exhibit copies those. The copy is the
// one Exhibit would make, and Copy says whether it could be made: a row
// that Row has not returned may never be final.
func (a *Applier) StreamSheet(ctx context.Context, ex casefile.Exhibit, original []byte) (*SheetStream, bool) {
	if !IsSheet(ex.MediaType) {
		return nil, false
	}
	sheets, err := ReadSheets(original, ex.MediaType)
	if err != nil || len(sheets) != 1 {
		return nil, false
	}
	s := sheets[0]
	fields := columnFields(original, ex.Filename, s.Name, s.Rows)
	return &SheetStream{Sheet: s, ref: ex.Ref, job: a.startRows(ctx, s.Rows, fields)}, true
}

// Row waits until row i of the copy is final and returns it. It reports
// false, and no row, when the copy cannot be made (Copy says why) or ctx
// ends first.
func (s *SheetStream) Row(ctx context.Context, i int) ([]string, bool) {
	k := i / rowChunk
	select {
	case <-s.job.done[k]:
	case <-ctx.Done():
		return nil, false
	}
	if !s.job.parts[k].final {
		return nil, false
	}
	return s.Rows[i], true
}

// Copy waits for the whole copy and returns it, or why it cannot be made,
// as Exhibit would.
func (s *SheetStream) Copy() (Copy, error) {
	n, err := s.job.result(s.ref, s.Name)
	if err != nil {
		return Copy{}, err
	}
	return Copy{MediaType: "text/csv", Sheets: []Sheet{s.Sheet}, Marks: n, Marked: n > 0}, nil
}

// ErrUnmarkedRelative means a sheet row's other columns (notes, a second
// contact) name someone who shares the resident's surname, and that name
// is not marked: a daughter or partner would be printed in full.
var ErrUnmarkedRelative = errors.New("names someone with the resident's surname who is not marked")

// NotTranscribed stands in a sheet copy for a worksheet whose rows are
// not transcribed.
const NotTranscribed = "Not reproduced: no rows of this worksheet are transcribed in the case, so its names and numbers " +
	"are not marked. Import them with 'dossier rows import CASE FILE --sheet NAME'."

// rowChunk is how many rows a worker redacts at a time, and how many a
// SheetStream hands on at once.
const rowChunk = 256

// rowJob replaces the marked values of rows in place, on every core (a
// sheet of 100,000 rows has 700,000 cells, each searched for every
// term), a chunk of rows at a time in row order, each chunk's channel in
// done closed when it is finished with. It finds, for result, the first
// row where a value scoped to its column is still readable, and the
// first cell outside the personal-data columns that names an unmarked
// relative of the row's resident (detect.Relatives); chunks after the
// first such find are not redacted.
type rowJob struct {
	ctx    context.Context
	rows   [][]string
	fields fields
	done   []chan struct{}
	parts  []rowPart
	next   atomic.Int64 // the next chunk to take
	stop   atomic.Int64 // chunks after this one are skipped
	wg     sync.WaitGroup
}

type rowPart struct {
	final   bool // every row of the chunk is redacted and checked
	changed int
	bad     int    // row, or -1
	rel     [2]int // row and column, or -1
}

func (a *Applier) startRows(ctx context.Context, rows [][]string, f fields) *rowJob {
	n := (len(rows) + rowChunk - 1) / rowChunk
	j := &rowJob{ctx: ctx, rows: rows, fields: f, done: make([]chan struct{}, n), parts: make([]rowPart, n)}
	for k := range j.done {
		j.done[k] = make(chan struct{})
	}
	j.stop.Store(int64(n))
	for range min(runtime.GOMAXPROCS(0), max(1, len(rows)/1000)) {
		j.wg.Add(1)
		go func() {
			defer j.wg.Done()
			// A column such as the estate repeats a few values down
			// 100,000 rows: each is searched once. Cell gives the same
			// answer for the same field and text every time.
			memo := map[[2]string]memoCell{}
			for {
				k := int(j.next.Add(1) - 1)
				if k >= n {
					return
				}
				if int64(k) < j.stop.Load() && ctx.Err() == nil {
					j.parts[k] = a.chunk(j, k, memo)
					if !j.parts[k].final {
						for s := j.stop.Load(); int64(k) < s && !j.stop.CompareAndSwap(s, int64(k)); s = j.stop.Load() {
						}
					}
				}
				close(j.done[k])
			}
		}()
	}
	return j
}

type memoCell struct {
	out string
	ok  bool
}

// chunk redacts and checks chunk k of j's rows.
func (a *Applier) chunk(j *rowJob, k int, memo map[[2]string]memoCell) rowPart {
	p := rowPart{bad: -1, rel: [2]int{-1, -1}}
	fields := j.fields
	for r := k * rowChunk; r < min((k+1)*rowChunk, len(j.rows)); r++ {
		row := j.rows[r]
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
			var d memoCell
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
				p.changed++
			}
			if a.ScopedIn(field, row[c]) {
				p.bad = r
				return p
			}
			if fieldKinds[field] == "" && len(sur) > 0 && len(detect.Relatives(row[c], sur)) > 0 {
				p.rel = [2]int{r, c}
				return p
			}
		}
	}
	p.final = true
	return p
}

// result waits for the job and returns how many cells it changed, or
// why the copy of sheet name of exhibit ref cannot be made.
func (j *rowJob) result(ref, name string) (int, error) {
	j.wg.Wait()
	changed := 0
	for k, p := range j.parts {
		changed += p.changed
		switch {
		case p.bad >= 0:
			return 0, fmt.Errorf("%s: %s row %d: a marked value is still in its column", ref, sheetName(name), p.bad+1)
		case p.rel[0] >= 0:
			return 0, fmt.Errorf("%s: %s row %d, column %d %w", ref, sheetName(name), p.rel[0]+1, p.rel[1]+1, ErrUnmarkedRelative)
		case !p.final:
			// Skipped: the context ended (a bad row before it would
			// have been returned above).
			if int64(k) < j.stop.Load() {
				return 0, fmt.Errorf("%s: %w", ref, cmp.Or(j.ctx.Err(), context.Canceled))
			}
		}
	}
	return changed, nil
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
