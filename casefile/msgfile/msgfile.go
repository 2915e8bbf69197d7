// Package msgfile reads text messages typed up from screenshots: a JSON
// array of objects or a CSV file with the keys to, from, at, body and
// exhibit (and, optionally, name and address of the resident as their
// statement gives them), and the times people write ("08/06/2015 09:00").
//
// Values are kept exactly as written (trimmed of surrounding spaces);
// checking phone numbers and exhibit references is the caller's job. A
// key or column the package does not know is an error, not silently
// dropped, so a typo ("recipent") cannot lose evidence.
package msgfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"dossier/casefile/textenc"
)

// ErrBadMessages means a messages file cannot be read; the wrapping error
// names the file, the item or line, and the problem.
var ErrBadMessages = errors.New("bad messages file")

// Message is one text message as written in the file.
type Message struct {
	Line    int    // 1-based CSV line where the record starts, or index+1 in a JSON array
	Exhibit string // reference of the screenshot (or other) exhibit, as written
	From    string // sender as shown: a name or a number
	To      string // recipient phone as written
	Body    string
	At      time.Time // time received, in its own zone (Europe/London when none was written)
	AtText  string    // "at" as written
	Name    string    // resident's name from their statement, if given
	Address string    // resident's address from their statement, if given
}

// Keys are the keys (JSON) or column headers (CSV) a messages file uses.
var Keys = []string{"to", "from", "at", "body", "exhibit", "name", "address"}

// aliases are other headers people give the same columns.
var aliases = map[string]string{
	"recipient": "to", "tophone": "to", "phone": "to", "mobile": "to",
	"sender": "from",
	"time":   "at", "received": "at", "datetime": "at", "date": "at", "sent": "at",
	"text": "body", "message": "body",
	"exhibitref": "exhibit", "ref": "exhibit",
	"residentname": "name", "residentaddress": "address",
}

// key folds a header or JSON key to one of Keys, or "".
func key(h string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(h) {
		if r >= 'a' && r <= 'z' {
			b.WriteRune(r)
		}
	}
	k := b.String()
	for _, x := range Keys {
		if k == x {
			return k
		}
	}
	return aliases[k]
}

// Read reads a JSON array of message objects or a CSV file with a header
// row; which one is decided by the content (a JSON file starts with "[").
// name is used in errors only. Every message must have "to" and "at".
// Errors wrap ErrBadMessages (and ErrBadTime for a bad "at").
func Read(r io.Reader, name string) ([]Message, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	// JSON must be UTF-8, but files saved by Windows editors are not
	// always; decoding first keeps "Zoë" from turning into U+FFFD.
	data = []byte(textenc.String(data))
	if bytes.IndexByte(data, '\r') >= 0 && bytes.IndexByte(data, '\n') < 0 {
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n")) // "CSV (Macintosh)"
	}
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	switch {
	case len(trimmed) == 0:
		return nil, fmt.Errorf("%s: %w: the file is empty", name, ErrBadMessages)
	case trimmed[0] == '[':
		return readJSON(trimmed, name)
	case trimmed[0] == '{':
		return nil, fmt.Errorf("%s: %w: expected a JSON array of messages, [{\"to\": ..., \"at\": ...}, ...], but the file holds one object; put the objects in [ ]", name, ErrBadMessages)
	}
	return readCSV(data, name)
}

// badError shows the text of err and matches both it and ErrBadMessages.
type badError struct{ err error }

func (e badError) Error() string   { return e.err.Error() }
func (e badError) Unwrap() []error { return []error{ErrBadMessages, e.err} }

func bad(err error) error { return badError{err} }

// set sets one field of m from key k, parsing "at".
func (m *Message) set(k, v string) error {
	v = strings.TrimSpace(v)
	switch k {
	case "to":
		m.To = v
	case "from":
		m.From = v
	case "body":
		m.Body = v
	case "exhibit":
		m.Exhibit = v
	case "name":
		m.Name = v
	case "address":
		m.Address = v
	case "at":
		m.AtText = v
		if v == "" {
			return nil
		}
		t, err := ParseTime(v)
		if err != nil {
			return fmt.Errorf("\"at\": %w", err)
		}
		m.At = t
	}
	return nil
}

// check reports a missing required value.
func (m *Message) check() error {
	switch {
	case m.To == "":
		return errors.New("\"to\" is missing; give the phone number the message was sent to")
	case m.AtText == "":
		return errors.New("\"at\" is missing; give the time it was received, e.g. 08/06/2015 09:00")
	}
	return nil
}

func unknownKey(k string) error {
	known := append([]string(nil), Keys...)
	sort.Strings(known)
	return fmt.Errorf("unknown key %q; the keys are %s", k, strings.Join(known, ", "))
}
