package redact

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"dossier/casefile/names"
	"dossier/casefile/phone"
)

// ErrLeak means a marked value is still present in something about to be
// exported. Errors from LeakCheck are *LeakError values that wrap it.
var ErrLeak = errors.New("redacted value still present")

// Needle kinds for LeakCheck.
const (
	KindPhone = "phone"
	KindName  = "name"
	KindText  = "text"
)

// Needle is a marked value that must not appear in an export. Kind is
// "phone", "name" or "text".
type Needle struct {
	Value string
	Kind  string
}

// LeakError says which stream still holds which marked value, and where.
// Its message names the stream and the kind of value but not the value, so
// the error can be logged or shown without repeating what was redacted.
type LeakError struct {
	Where  string // the stream's name, as given to LeakCheck
	Needle Needle
	Offset int // byte offset of the match in the stream, or -1 if unknown
}

func (e *LeakError) Error() string {
	return fmt.Sprintf("leak check: %s still contains a redacted %s (%s); export refused: "+
		"mark every place it occurs, then export again", e.Where, e.Needle.Kind, mask(e.Needle.Value))
}

// Unwrap makes errors.Is(err, ErrLeak) true.
func (e *LeakError) Unwrap() error { return ErrLeak }

// mask shows the shape of a value without its content: "07700 900123"
// gives "0…3 (12 characters)".
func mask(v string) string {
	r := []rune(v)
	if len(r) <= 2 {
		return fmt.Sprintf("%d characters", len(r))
	}
	return fmt.Sprintf("%c…%c, %d characters", r[0], r[len(r)-1], len(r))
}

// LeakCheck searches every stream (output files, text extracted from them,
// OCR of redacted images, metadata, file names) for every needle and
// returns a *LeakError naming the first stream, in name order, that holds
// one. It fails closed: an empty or unusable needle is an error too.
//
// Phones are matched by their national significant digits, with spaces,
// dots, dashes, slashes, brackets, "+" and NUL bytes (UTF-16 text) allowed
// between digits and any prefix (0, +44, 0044, +44 (0)) before them, so
// "07700 900123", "+44 (0)7700-900-123" and "447700900123" are all caught.
// Names and text are matched case-insensitively, accent-folded, as whole
// words, with any run of spaces, punctuation or none between their words:
// "Maureen Baptiste" catches "MAUREEN\nBAPTISTE" and "maureen_baptiste".
//
// Streams are searched as they are: compressed content (PNG image data, PDF
// streams) must be given in extracted form (pdftotext, OCR) as well.
func LeakCheck(streams map[string][]byte, needles []Needle) error {
	ms := make([]matcher, 0, len(needles))
	for _, n := range needles {
		m, err := newMatcher(n)
		if err != nil {
			return fmt.Errorf("leak check: %w", err)
		}
		ms = append(ms, m)
	}
	keys := make([]string, 0, len(streams))
	for k := range streams {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		data := streams[k]
		var text string // folded form, made once per stream when needed
		var folded bool
		for _, m := range ms {
			if m.digits != "" {
				if at := findDigits(data, m.digits); at >= 0 {
					return &LeakError{Where: k, Needle: m.needle, Offset: at}
				}
				continue
			}
			if !folded {
				// NUL bytes go first so that UTF-16 text reads as words.
				text = " " + names.Fold(string(bytes.ReplaceAll(data, []byte{0}, nil))) + " "
				folded = true
			}
			if m.re.MatchString(text) {
				// Offsets in folded text do not map back to bytes.
				return &LeakError{Where: k, Needle: m.needle, Offset: -1}
			}
		}
	}
	return nil
}

type matcher struct {
	needle Needle
	digits string         // phones: national significant digits
	re     *regexp.Regexp // names and text: over " "+folded+" "
}

func newMatcher(n Needle) (matcher, error) {
	m := matcher{needle: n}
	switch n.Kind {
	case KindPhone:
		e164, err := phone.Normalize(n.Value)
		if err != nil {
			// Fail closed: search the digits as written, without a
			// leading 0, if there are enough to mean anything.
			d := strings.TrimLeft(digits(n.Value), "0")
			if len(d) < 6 {
				return m, fmt.Errorf("phone needle %s is not a phone number: %w", mask(n.Value), err)
			}
			m.digits = d
			return m, nil
		}
		d := digits(e164)
		if strings.HasPrefix(d, "44") {
			d = d[2:]
		} else if nat := strings.TrimLeft(digits(phone.National(e164)), "0"); nat != "" && strings.HasSuffix(d, nat) {
			d = nat
		}
		m.digits = d
	case KindName, KindText:
		toks := strings.Fields(names.Fold(n.Value))
		if len(toks) == 0 {
			return m, fmt.Errorf("%s needle %s has no letters or digits", n.Kind, mask(n.Value))
		}
		for i, t := range toks {
			toks[i] = regexp.QuoteMeta(t)
		}
		// Folded text has single spaces between words; " ?" also catches
		// words run together ("MaureenBaptiste" folds to one word).
		m.re = regexp.MustCompile(" " + strings.Join(toks, " ?") + " ")
	default:
		return m, fmt.Errorf("needle kind %q unknown; use phone, name or text", n.Kind)
	}
	return m, nil
}

func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// findDigits returns the byte offset in data of the first run of digits,
// joined across separators, that contains want, or -1.
func findDigits(data []byte, want string) int {
	run := make([]byte, 0, 32)
	pos := make([]int, 0, 32)
	flush := func() int {
		if len(run) >= len(want) {
			if i := strings.Index(string(run), want); i >= 0 {
				return pos[i]
			}
		}
		run, pos = run[:0], pos[:0]
		return -1
	}
	for i := 0; i < len(data); {
		c := data[i]
		if c >= '0' && c <= '9' {
			run = append(run, c)
			pos = append(pos, i)
			i++
			continue
		}
		if c < utf8.RuneSelf {
			i++
			if strings.IndexByte(" \t\r\n.-/()[]+\x00", c) >= 0 {
				continue
			}
		} else {
			r, size := utf8.DecodeRune(data[i:])
			i += size
			if r != utf8.RuneError && (unicode.IsSpace(r) || unicode.Is(unicode.Pd, r)) {
				continue // no-break and thin spaces, en dashes
			}
		}
		if at := flush(); at >= 0 {
			return at
		}
	}
	return flush()
}
