package msgfile

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"dossier/casefile/sheet"
)

func readCSV(data []byte, name string) ([]Message, error) {
	text := data // already decoded by Read
	cr := csv.NewReader(bytes.NewReader(text))
	cr.Comma = sheet.SniffDelimiter(text)
	cr.FieldsPerRecord = -1
	var cols []string
	var out []Message
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("%s: line %d: %w: %v", name, pe.StartLine, ErrBadMessages, pe.Err)
			}
			return nil, fmt.Errorf("%s: %w: %v", name, ErrBadMessages, err)
		}
		line, _ := cr.FieldPos(0) // only valid after a successful Read
		if blank(rec) {
			continue
		}
		if cols == nil {
			if cols, err = header(rec); err != nil {
				return nil, fmt.Errorf("%s: line %d: %w: %v", name, line, ErrBadMessages, err)
			}
			continue
		}
		m := Message{Line: line}
		if err := m.fromCSV(cols, rec); err != nil {
			return nil, fmt.Errorf("%s: line %d: %w", name, line, bad(err))
		}
		out = append(out, m)
	}
	if cols == nil {
		return nil, fmt.Errorf("%s: %w: the file is empty", name, ErrBadMessages)
	}
	return out, nil
}

func blank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// header maps each column to a key; every column must be known, and "to"
// and "at" must be there.
func header(rec []string) ([]string, error) {
	for len(rec) > 0 && strings.TrimSpace(rec[len(rec)-1]) == "" {
		rec = rec[:len(rec)-1]
	}
	cols := make([]string, len(rec))
	seen := map[string]bool{}
	for i, h := range rec {
		k := key(h)
		if k == "" {
			return nil, fmt.Errorf("column %d: %w", i+1, unknownKey(strings.TrimSpace(h)))
		}
		if seen[k] {
			return nil, fmt.Errorf("column %d: %q is a second %q column", i+1, h, k)
		}
		seen[k] = true
		cols[i] = k
	}
	for _, k := range []string{"to", "at"} {
		if !seen[k] {
			return nil, fmt.Errorf("the header has no %q column; the header is %q", k, rec)
		}
	}
	return cols, nil
}

func (m *Message) fromCSV(cols, rec []string) error {
	for i, v := range rec {
		if i >= len(cols) {
			if strings.TrimSpace(v) != "" {
				return fmt.Errorf("cell %d (%q) is beyond the last column of the header", i+1, v)
			}
			continue
		}
		if err := m.set(cols[i], v); err != nil {
			return err
		}
	}
	return m.check()
}
