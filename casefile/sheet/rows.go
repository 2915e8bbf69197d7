package sheet

import (
	"fmt"
	"strings"
)

// headerSearch is how many non-blank records may sit above the header:
// sheets exported from housing systems often start with a title line
// ("Data sheet - Northside estate - printed 08/06/2015").
const headerSearch = 10

// builder turns records into rows; the CSV and XLSX readers share it so
// that header detection, mapping and ragged-row rules are the same.
type builder struct {
	name      string
	opt       Options
	overrides map[string]string
	res       *Result
	xlsx      bool // trailing empty cells are not stored in XLSX: short rows are not ragged

	pending   []Record // records before the header is chosen
	cols      columns
	header    bool
	headerRef string
}

func isBlank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// add takes one record. rec.Cells may be reused by the caller after add
// returns.
func (b *builder) add(rec Record) error {
	if isBlank(rec.Cells) {
		return nil
	}
	if !b.header {
		rec.Cells = append([]string(nil), rec.Cells...)
		b.pending = append(b.pending, rec)
		if len(b.pending) < headerSearch {
			return nil
		}
		return b.chooseHeader()
	}
	return b.row(rec)
}

// chooseHeader picks, among the pending records, the one that names the
// most fields (the first on a tie), maps it, and turns the records below
// it into rows.
func (b *builder) chooseHeader() error {
	best, score := 0, -1
	for i, rec := range b.pending {
		s := countFields(rec.Cells)
		for col := range b.overrides {
			if findHeader(rec.Cells, col) >= 0 {
				s++
			}
		}
		if s > score {
			best, score = i, s
		}
	}
	h := b.pending[best].Cells
	for len(h) > 0 && strings.TrimSpace(h[len(h)-1]) == "" {
		h = h[:len(h)-1]
	}
	for i := range h {
		h[i] = strings.TrimSpace(h[i])
	}
	ref := b.pending[best].Ref
	cols, mapping, n, err := mapColumns(h, b.overrides)
	if err != nil {
		return fmt.Errorf("%s: %s: %w", b.name, ref, err)
	}
	if n == 0 {
		return fmt.Errorf("%s: %s: %w: no column is recognised as %s; the header is %s; say which column is which with a mapping such as \"Contact No=phone,Prop Ref=uprn\"",
			b.name, ref, ErrBadSheet, strings.Join(Fields, ", "), quoteList(h))
	}
	b.res.Header, b.res.Mapping, b.res.HeaderLine = h, mapping, b.pending[best].Line
	b.cols, b.header, b.headerRef = cols, true, ref
	pending := b.pending[best+1:]
	b.pending = nil
	for _, rec := range pending {
		if err := b.row(rec); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) row(rec Record) error {
	if b.opt.Limit > 0 && len(b.res.Rows) >= b.opt.Limit {
		return errStop
	}
	if len(b.res.Rows) >= b.opt.maxRows() {
		return tooManyRows(b.name, rec.Ref, b.opt)
	}
	want := len(b.res.Header)
	got := len(rec.Cells)
	for got > want && strings.TrimSpace(rec.Cells[got-1]) == "" {
		got-- // "a,b,c,," is how Excel pads a row when another row is longer
	}
	if got > want || (got < want && !b.xlsx) {
		b.res.Ragged = append(b.res.Ragged, Ragged{Line: rec.Line, Got: got, Want: want})
	}
	r := Row{Line: rec.Line, Ref: rec.Ref}
	b.cols.fill(&r, rec.Cells[:got])
	b.res.Rows = append(b.res.Rows, r)
	return nil
}

// finish is called at the end of the input.
func (b *builder) finish() error {
	if !b.header {
		if len(b.pending) == 0 {
			return fmt.Errorf("%s: %w: the file is empty; export the sheet with its header row and at least one row", b.name, ErrBadSheet)
		}
		if err := b.chooseHeader(); err != nil && err != errStop {
			return err
		}
	}
	if len(b.res.Rows) == 0 {
		return fmt.Errorf("%s: %s: %w: the header has no rows below it", b.name, b.headerRef, ErrBadSheet)
	}
	return nil
}
