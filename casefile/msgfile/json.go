package msgfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
)

func readJSON(data []byte, name string) ([]Message, error) {
	var items []map[string]json.RawMessage
	if err := json.Unmarshal(data, &items); err != nil {
		return nil, fmt.Errorf("%s: %w", name, jsonError(data, err))
	}
	out := make([]Message, 0, len(items))
	for i, item := range items {
		m := Message{Line: i + 1}
		if err := m.fromJSON(item); err != nil {
			return nil, fmt.Errorf("%s: item %d: %w", name, i+1, bad(err))
		}
		out = append(out, m)
	}
	return out, nil
}

func (m *Message) fromJSON(item map[string]json.RawMessage) error {
	if item == nil {
		return errors.New("is null, not an object")
	}
	keys := make([]string, 0, len(item))
	for k := range item {
		keys = append(keys, k)
	}
	sort.Strings(keys) // report the same problem first on every run
	for _, k := range keys {
		raw := item[k]
		f := key(k)
		if f == "" {
			return unknownKey(k)
		}
		var v string
		if err := json.Unmarshal(raw, &v); err != nil {
			if bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
				continue
			}
			// A phone typed as a JSON number loses its leading zero.
			return fmt.Errorf("%q: %s is not text; put it in quotes, as in \"%s\": \"07700 900123\"", k, raw, k)
		}
		if err := m.set(f, v); err != nil {
			return err
		}
	}
	return m.check()
}

// jsonError says where JSON is broken, as a line number a text editor shows.
func jsonError(data []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Errorf("line %d: %w: %v; check the commas, quotes and brackets there", lineAt(data, se.Offset), ErrBadMessages, se)
	case errors.As(err, &te):
		return fmt.Errorf("line %d: %w: expected an array of objects, found %s", lineAt(data, te.Offset), ErrBadMessages, te.Value)
	}
	return fmt.Errorf("%w: %v", ErrBadMessages, err)
}

func lineAt(data []byte, off int64) int {
	off = min(max(off, 0), int64(len(data)))
	return bytes.Count(data[:off], []byte("\n")) + 1
}
