package msgfile

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseTime(t *testing.T) {
	tests := []struct{ in, want string }{
		// Summer: BST, +01:00.
		{"08/06/2015 09:00", "2015-06-08T09:00:00+01:00"},
		{"8/6/2015 9:00", "2015-06-08T09:00:00+01:00"},
		{"08/06/2015 09:00:05", "2015-06-08T09:00:05+01:00"},
		{"08-06-2015 09:00", "2015-06-08T09:00:00+01:00"},
		{"08.06.2015 09:00", "2015-06-08T09:00:00+01:00"},
		{"2015-06-08 09:00", "2015-06-08T09:00:00+01:00"},
		{"2015-06-08 09:00:05", "2015-06-08T09:00:05+01:00"},
		{"2015-06-08T09:00", "2015-06-08T09:00:00+01:00"},
		{"2015-06-08T09:00:00", "2015-06-08T09:00:00+01:00"},
		{"8 June 2015 09:00", "2015-06-08T09:00:00+01:00"},
		{"8 june 2015 09:00", "2015-06-08T09:00:00+01:00"},
		{"8 Jun 2015 09:00", "2015-06-08T09:00:00+01:00"},
		{"8 June 2015, 09:00", "2015-06-08T09:00:00+01:00"},
		{"8 June 2015 at 09:00", "2015-06-08T09:00:00+01:00"},
		{"Monday 8 June 2015 09:00", "2015-06-08T09:00:00+01:00"},
		{"08/06/15 09:00", "2015-06-08T09:00:00+01:00"},
		{"08/06/2015 9:05 pm", "2015-06-08T21:05:00+01:00"},
		{"08/06/2015 9:05pm", "2015-06-08T21:05:00+01:00"},
		{"08/06/2015 9:05 p.m.", "2015-06-08T21:05:00+01:00"},
		{"08/06/2015 12:30 AM", "2015-06-08T00:30:00+01:00"},
		{"  08/06/2015   09:00  ", "2015-06-08T09:00:00+01:00"},
		// Winter: GMT.
		{"08/01/2015 09:00", "2015-01-08T09:00:00Z"},
		{"8 January 2015 09:00", "2015-01-08T09:00:00Z"},
		// Day first always: 01/02 is the first of February.
		{"01/02/2015 10:00", "2015-02-01T10:00:00Z"},
		// BST boundaries of 2015: clocks forward 01:00 GMT on 29 March,
		// back 01:00 GMT on 25 October.
		{"29/03/2015 00:59", "2015-03-29T00:59:00Z"},
		{"29/03/2015 02:00", "2015-03-29T02:00:00+01:00"},
		{"25/10/2015 00:59", "2015-10-25T00:59:00+01:00"},
		{"25/10/2015 01:30", "2015-10-25T01:30:00+01:00"}, // happens twice: the first
		{"25/10/2015 02:00", "2015-10-25T02:00:00Z"},
		// An offset written is kept as written.
		{"2015-06-08T09:00:00+01:00", "2015-06-08T09:00:00+01:00"},
		{"2015-06-08T08:00:00Z", "2015-06-08T08:00:00Z"},
		{"2015-06-08T09:00:00.5+01:00", "2015-06-08T09:00:00.5+01:00"},
		{"2015-06-08T03:00:00-05:00", "2015-06-08T03:00:00-05:00"},
		{"2015-06-08 09:00+01:00", "2015-06-08T09:00:00+01:00"},
	}
	for _, tt := range tests {
		got, err := ParseTime(tt.in)
		if err != nil || got.Format(time.RFC3339Nano) != tt.want {
			t.Errorf("ParseTime(%q) = %s, %v; want %s", tt.in, got.Format(time.RFC3339Nano), err, tt.want)
		}
	}
}

func TestParseTimeZone(t *testing.T) {
	got, _ := ParseTime("08/06/2015 09:00")
	if got.Location().String() != "Europe/London" {
		t.Errorf("zone %v, want Europe/London", got.Location())
	}
	got, _ = ParseTime("2015-06-08T09:00:00+02:00")
	if _, off := got.Zone(); off != 7200 {
		t.Errorf("offset %d, want 7200", off)
	}
}

func TestParseTimeRejects(t *testing.T) {
	for _, in := range []string{
		"", "soon", "08/06/2015", "2015-06-08", "31/02/2015 09:00", "32/01/2015 09:00", "08/13/2015 09:00",
		"08/06/2015 25:00", "08/06/2015 09:60", "06/08/2015 9", "8 Junk 2015 09:00", "2015-06-08T09:00:00+25:00",
		"07700 900123", "08/06/2015 09:00 extra",
	} {
		if got, err := ParseTime(in); !errors.Is(err, ErrBadTime) || !strings.Contains(err.Error(), "use 08/06/2015 09:00") {
			t.Errorf("ParseTime(%q) = %v, %v; want ErrBadTime with a hint", in, got, err)
		}
	}
	// 01:30 on 29 March 2015 did not happen in the UK.
	_, err := ParseTime("29/03/2015 01:30")
	if !errors.Is(err, ErrBadTime) || !strings.Contains(err.Error(), "clocks went forward") {
		t.Errorf("skipped hour: %v", err)
	}
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"08/06/2015 09:00", "2015-06-08T09:00:00+01:00", "8 June 2015 at 9:00 pm", "29/03/2015 01:30", "31/02/2015 09:00", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseTime(s)
		if err != nil {
			if !errors.Is(err, ErrBadTime) || !got.IsZero() {
				t.Fatalf("ParseTime(%q) = %v, %v", s, got, err)
			}
			return
		}
		if got.IsZero() {
			t.Fatalf("ParseTime(%q) = zero time without error", s)
		}
		// What ParseTime returns, in RFC 3339, reads back as the same instant and offset.
		again, err := ParseTime(got.Format(time.RFC3339Nano))
		if err != nil || !again.Equal(got) {
			t.Fatalf("ParseTime(%q) = %v; reading it back gives %v, %v", s, got, again, err)
		}
	})
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(`[{"to":"07700 900123","at":"08/06/2015 09:00","body":"hi","exhibit":"LW/1"}]`))
	f.Add([]byte("to;at;body\r\n07700 900123;08/06/2015 09:00;\"a\nb\"\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		msgs, err := Read(strings.NewReader(string(data)), "fuzz")
		if err != nil {
			if !errors.Is(err, ErrBadMessages) {
				t.Fatalf("error %v does not wrap ErrBadMessages", err)
			}
			return
		}
		for _, m := range msgs {
			if m.To == "" || m.At.IsZero() {
				t.Fatalf("message without to or at: %+v", m)
			}
		}
	})
}
