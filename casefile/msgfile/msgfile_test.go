package msgfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func open(t *testing.T, name string) []Message {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	msgs, err := Read(f, name)
	if err != nil {
		t.Fatal(err)
	}
	return msgs
}

func TestReadJSON(t *testing.T) {
	msgs := open(t, "messages.json")
	if len(msgs) != 3 {
		t.Fatalf("%d messages", len(msgs))
	}
	m := msgs[0]
	if m.Line != 1 || m.Exhibit != "LW/4" || m.From != "Vote Smith" || m.To != "07700 900123" || m.Body != "Polling day is Thursday. Vote Smith!" {
		t.Errorf("message 1 = %+v", m)
	}
	if got := m.At.Format(time.RFC3339); got != "2015-06-08T09:00:00+01:00" || m.At.Location() != London || m.AtText != "08/06/2015 09:00" {
		t.Errorf("message 1 at %s in %v (%q)", got, m.At.Location(), m.AtText)
	}
	m = msgs[1]
	if m.Line != 2 || m.To != "+44 7700 900124" || m.Name != "Desmond Baptiste" || m.Address != "Flat 2, Ash House, Mill Lane" {
		t.Errorf("message 2 = %+v", m)
	}
	if got := m.At.Format(time.RFC3339); got != "2015-06-08T09:01:30+01:00" {
		t.Errorf("message 2 at %s", got)
	}
	if got := msgs[2].At.Format(time.RFC3339); got != "2015-01-08T21:00:00Z" {
		t.Errorf("message 3 at %s", got)
	}
}

func TestReadCSV(t *testing.T) {
	msgs := open(t, "messages_1252.csv")
	if len(msgs) != 2 {
		t.Fatalf("%d messages: %+v", len(msgs), msgs)
	}
	if m := msgs[0]; m.Line != 2 || m.Body != "Polling day is Thursday;\r\nvote Smith!" && m.Body != "Polling day is Thursday;\nvote Smith!" {
		t.Errorf("message 1 = %+v", m)
	}
	// The quoted body spans lines 2-3 and line 4 is blank.
	m := msgs[1]
	if m.Line != 5 || m.Body != "Don’t forget" || m.To != "0044 7700900125" || m.Exhibit != "LW/7" {
		t.Errorf("message 2 = %+v", m)
	}
	if got := m.At.Format(time.RFC3339); got != "2015-06-08T09:05:00+01:00" {
		t.Errorf("message 2 at %s", got)
	}
}

func TestReadBad(t *testing.T) {
	tests := []struct {
		name, data string
		says       []string
	}{
		{"empty.json", "", []string{"empty.json", "empty"}},
		{"blank.csv", "\r\n\r\n", []string{"blank.csv", "empty"}},
		{"messages.json", `[{"to":"07700 900123","at":"08/06/2015 09:00"},{"to":"07700 900124","at":"08/06/2015 09:00"},{"to":"07700 900125","at":"31/02/2015 09:00"}]`,
			[]string{`messages.json: item 3: "at": "31/02/2015 09:00" is not a date and time; use 08/06/2015 09:00 or 2015-06-08T09:00:00+01:00`}},
		{"m.json", `[{"at":"08/06/2015 09:00","body":"hi"}]`, []string{`m.json: item 1: "to" is missing`}},
		{"m.json", `[{"to":"07700 900123"}]`, []string{`m.json: item 1: "at" is missing`}},
		{"m.json", `[{"to":"07700 900123","at":""}]`, []string{`m.json: item 1: "at" is missing`}},
		{"m.json", `[{"to":7700900123,"at":"08/06/2015 09:00"}]`, []string{`m.json: item 1: "to": 7700900123 is not text; put it in quotes`}},
		{"m.json", `[{"recipent":"07700 900123","at":"08/06/2015 09:00"}]`, []string{`item 1: unknown key "recipent"; the keys are address, at, body`}},
		{"m.json", "[\n{\"to\":\"07700 900123\",\n\"at\":\"08/06/2015 09:00\",}\n]", []string{"m.json: line 3:", "check the commas"}},
		{"m.json", `[1, 2]`, []string{"m.json: line 1: bad messages file: expected an array of objects, found number"}},
		{"m.json", `[null]`, []string{"m.json: item 1: is null"}},
		{"m.json", `{"to":"07700 900123"}`, []string{"m.json", "put the objects in [ ]"}},
		{"m.csv", "to,at,notes\n07700 900123,08/06/2015 09:00,x\n", []string{`m.csv: line 1: bad messages file: column 3: unknown key "notes"`}},
		{"m.csv", "to,body\n07700 900123,hi\n", []string{`m.csv: line 1:`, `no "at" column`}},
		{"m.csv", "to,at\n07700 900123,08/06/2015 09:00\n07700 900124,8 Junk 2015 09:00\n", []string{`m.csv: line 3: "at": "8 Junk 2015 09:00" is not a date and time`}},
		{"m.csv", "to,at\n,08/06/2015 09:00\n", []string{`m.csv: line 2: "to" is missing`}},
		{"m.csv", "to,at\n07700 900123,08/06/2015 09:00,surplus\n", []string{`m.csv: line 2: cell 3 ("surplus") is beyond`}},
		{"m.csv", "to,at,body\n07700 900123,08/06/2015 09:00,\"unclosed\n", []string{`m.csv: line 2:`}},
	}
	for _, tt := range tests {
		msgs, err := Read(strings.NewReader(tt.data), tt.name)
		if !errors.Is(err, ErrBadMessages) {
			t.Errorf("Read(%q) = %+v, %v; want ErrBadMessages", tt.data, msgs, err)
			continue
		}
		for _, s := range tt.says {
			if !strings.Contains(err.Error(), s) {
				t.Errorf("Read(%q) error\n%s\ndoes not say\n%s", tt.data, err, s)
			}
		}
	}
	_, err := Read(strings.NewReader(`[{"to":"x","at":"soon"}]`), "m.json")
	if !errors.Is(err, ErrBadTime) {
		t.Errorf("bad time error %v does not wrap ErrBadTime", err)
	}
}

func TestReadJSONEncodings(t *testing.T) {
	for _, data := range []string{
		"\xef\xbb\xbf[{\"to\":\"07700 900123\",\"at\":\"08/06/2015 09:00\",\"from\":\"Zoë\"}]",
		"[{\"to\":\"07700 900123\",\"at\":\"08/06/2015 09:00\",\"from\":\"Zo\xeb\"}]", // Windows-1252
	} {
		msgs, err := Read(strings.NewReader(data), "m.json")
		if err != nil || len(msgs) != 1 || msgs[0].From != "Zoë" {
			t.Errorf("Read(%q) = %+v, %v", data, msgs, err)
		}
	}
}

func TestReadEmptyArray(t *testing.T) {
	msgs, err := Read(strings.NewReader(" [ ] "), "m.json")
	if err != nil || len(msgs) != 0 {
		t.Errorf("Read([]) = %v, %v", msgs, err)
	}
}
