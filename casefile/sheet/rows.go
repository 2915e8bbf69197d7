package sheet

import (
	"errors"
	"fmt"
	"strings"
)

// headerSearch is how many non-blank records may sit above the header:
// sheets exported from housing systems often start with a title line
// ("Data sheet - Northside estate - printed 08/06/2015").
const headerSearch = 10

// errLimit stops reading once Options.Limit rows are in.
var errLimit = errors.New("limit reached")

// builder turns records into rows; the CSV and XLSX readers share it so
// that header detection, mapping and ragged-row rules are the same.
type builder struct {
	name      string
	opt       Options
	overrides map[string]string
	res       *Result
	ref       func(line int) string
	xlsx      bool // trailing empty cells are not stored in XLSX: short rows are not ragged

	pending [][]string // records before the header is chosen
	lines   []int
	cols    columns
	header  bool
}

func isBlank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// add takes one record that starts on line. rec may be reused by the
// caller after add returns.
func (b *builder) add(line int, rec []string) error {
	if isBlank(rec) {
		return nil
	}
	if !b.header {
		b.pending = append(b.pending, append([]string(nil), rec...))
		b.lines = append(b.lines, line)
		if len(b.pending) < headerSearch {
			return nil
		}
		return b.chooseHeader()
	}
	return b.row(line, rec)
}

// chooseHeader picks, among the pending records, the one that names the
// most fields (the first on a tie), maps it, and turns the records below
// it into rows.
func (b *builder) chooseHeader() error {
	best, score := 0, -1
	for i, rec := range b.pending {
		s := countFields(rec)
		for col := range b.overrides {
			if findHeader(rec, col) >= 0 {
				s++
			}
		}
		if s > score {
			best, score = i, s
		}
	}
	h := b.pending[best]
	for len(h) > 0 && strings.TrimSpace(h[len(h)-1]) == "" {
		h = h[:len(h)-1]
	}
	for i := range h {
		h[i] = strings.TrimSpace(h[i])
	}
	line := b.lines[best]
	cols, mapping, n, err := mapColumns(h, b.overrides)
	if err != nil {
		return fmt.Errorf("%s: %s: %w", b.name, b.ref(line), err)
	}
	if n == 0 {
		return fmt.Errorf("%s: %s: %w: no column is recognised as %s; the header is %s; say which column is which with a mapping such as \"Contact No=phone,Prop Ref=uprn\"",
			b.name, b.ref(line), ErrBadSheet, strings.Join(Fields, ", "), quoteList(h))
	}
	b.res.Header, b.res.Mapping, b.res.HeaderLine = h, mapping, line
	b.cols, b.header = cols, true
	pending, lines := b.pending[best+1:], b.lines[best+1:]
	b.pending, b.lines = nil, nil
	for i, rec := range pending {
		if err := b.row(lines[i], rec); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) row(line int, rec []string) error {
	if b.opt.Limit > 0 && len(b.res.Rows) >= b.opt.Limit {
		return errLimit
	}
	want := len(b.res.Header)
	got := len(rec)
	for got > want && strings.TrimSpace(rec[got-1]) == "" {
		got-- // "a,b,c,," is how Excel pads a row when another row is longer
	}
	if got > want || (got < want && !b.xlsx) {
		b.res.Ragged = append(b.res.Ragged, Ragged{Line: line, Got: got, Want: want})
	}
	r := Row{Line: line, Ref: b.ref(line)}
	b.cols.fill(&r, rec[:got])
	b.res.Rows = append(b.res.Rows, r)
	return nil
}

// finish is called at the end of the input.
func (b *builder) finish() error {
	if !b.header {
		if len(b.pending) == 0 {
			return fmt.Errorf("%s: %w: the file is empty; export the sheet with its header row and at least one row", b.name, ErrBadSheet)
		}
		if err := b.chooseHeader(); err != nil && err != errLimit {
			return err
		}
	}
	if len(b.res.Rows) == 0 {
		return fmt.Errorf("%s: %s: %w: the header has no rows below it", b.name, b.ref(b.res.HeaderLine), ErrBadSheet)
	}
	return nil
}
