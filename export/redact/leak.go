package redact

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"dossier/casefile/names"
	"dossier/casefile/phone"

	ahocorasick "github.com/petar-dambovaliev/aho-corasick"
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
	// Not even the shape of the value (its first letter, its length): an
	// initial and a length can be enough to guess a name.
	return fmt.Sprintf("leak check: %s still contains a redacted %s; export refused: "+
		"mark every place it occurs, then export again", e.Where, e.Needle.Kind)
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
// Text is compared after Unicode normalisation (names.Fold and
// names.Canon): full-width and other-script digits, lookalike letters of
// other alphabets ("Zоë" with a Cyrillic о), soft hyphens and zero-width
// characters do not hide a value.
//
// Streams are searched as they are: compressed content (PNG image data, PDF
// streams) must be given in extracted form (pdftotext, OCR) as well.
func LeakCheck(streams map[string][]byte, needles []Needle) error {
	if leaks, err := FindLeaks(streams, needles); err != nil {
		return err
	} else if len(leaks) > 0 {
		return leaks[0]
	}
	return nil
}

// FindLeaks is LeakCheck that reports every stream holding a needle (the
// first needle found in each), in name order, so that one export can name
// every problem at once. The error is for unusable needles.
func FindLeaks(streams map[string][]byte, needles []Needle) ([]*LeakError, error) {
	ix, err := NewIndex(needles)
	if err != nil {
		return nil, fmt.Errorf("leak check: %w", err)
	}
	keys := make([]string, 0, len(streams))
	for k := range streams {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []*LeakError
	for _, k := range keys {
		if n, at, ok := ix.ix.find(streams[k]); ok {
			out = append(out, &LeakError{Where: k, Needle: n, Offset: at})
		}
	}
	return out, nil
}

// Index searches for a set of needles, built once and used on many
// streams (the OCR text of every page of a bundle).
type Index struct{ ix *index }

// NewIndex builds the search for needles; it fails as LeakCheck does on an
// unusable needle.
func NewIndex(needles []Needle) (*Index, error) {
	ix, err := newIndex(needles)
	if err != nil {
		return nil, err
	}
	return &Index{ix}, nil
}

// Find returns the first needle found in data, in every form LeakCheck
// accepts.
func (x *Index) Find(data []byte) (Needle, bool) {
	n, _, ok := x.ix.find(data)
	return n, ok
}

// index finds every needle in one pass over a stream, so that checking a
// bundle against thousands of marked values stays linear in its size.
type index struct {
	phones    map[string]Needle // national significant digits -> needle
	phoneLens []int             // distinct lengths of the keys of phones
	words     []Needle          // text needles by pattern number
	ac        *ahocorasick.AhoCorasick
}

func newIndex(needles []Needle) (*index, error) {
	ix := &index{phones: map[string]Needle{}}
	var patterns []string
	seen := map[string]bool{}
	lens := map[int]bool{}
	for _, n := range needles {
		switch n.Kind {
		case KindPhone:
			d, err := PhoneDigits(n.Value)
			if err != nil {
				return nil, err
			}
			if _, dup := ix.phones[d]; !dup {
				ix.phones[d] = n
			}
			if !lens[len(d)] {
				lens[len(d)] = true
				ix.phoneLens = append(ix.phoneLens, len(d))
			}
		case KindName, KindText:
			c := strings.ReplaceAll(names.Fold(n.Value), " ", "")
			if c == "" {
				return nil, fmt.Errorf("%s needle %s has no letters or digits", n.Kind, mask(n.Value))
			}
			if !seen[c] {
				seen[c] = true
				patterns = append(patterns, c)
				ix.words = append(ix.words, n)
			}
		default:
			return nil, fmt.Errorf("needle kind %q unknown; use phone, name or text", n.Kind)
		}
	}
	if len(patterns) > 0 {
		b := ahocorasick.NewAhoCorasickBuilder(ahocorasick.Opts{MatchKind: ahocorasick.StandardMatch})
		ac := b.Build(patterns)
		ix.ac = &ac
	}
	return ix, nil
}

// PhoneDigits returns the digits a phone needle is searched by: its
// national significant number ("7700900123" for "07700 900123"). A value
// that is no phone number and has fewer than six digits is an error: it
// would match far too much.
func PhoneDigits(v string) (string, error) {
	e164, err := phone.Normalize(v)
	if err != nil {
		// Fail closed: search the digits as written, without a leading
		// 0, if there are enough to mean anything.
		d := strings.TrimLeft(digits(v), "0")
		if len(d) < 6 {
			return "", fmt.Errorf("phone needle %s is not a phone number: %w", mask(v), err)
		}
		return d, nil
	}
	d := digits(e164)
	if strings.HasPrefix(d, "44") {
		return d[2:], nil
	}
	if nat := strings.TrimLeft(digits(phone.National(e164)), "0"); nat != "" && strings.HasSuffix(d, nat) {
		return nat, nil
	}
	return d, nil
}

// find returns the first needle found in data and its byte offset (-1
// for text needles, whose offsets in folded text do not map back).
func (ix *index) find(data []byte) (Needle, int, bool) {
	if len(ix.phones) > 0 {
		if n, at, ok := ix.findPhone(data); ok {
			return n, at, true
		}
		// Digits of other scripts, full-width digits and brackets, and
		// invisible characters between digits, searched in canonical
		// form; offsets there do not map back.
		if canon := names.Canon(string(data)); canon != string(data) {
			if n, _, ok := ix.findPhone([]byte(canon)); ok {
				return n, -1, true
			}
		}
	}
	if ix.ac != nil {
		if n, ok := ix.findText(data); ok {
			return n, -1, true
		}
	}
	return Needle{}, 0, false
}

// findText folds data (NUL bytes removed first, so UTF-16 text reads as
// words), removes the spaces between words while remembering where words
// began and ended, and accepts a match that starts and ends on such a
// boundary. Inside a match any spacing, or none, is allowed.
func (ix *index) findText(data []byte) (Needle, bool) {
	folded := names.Fold(string(bytes.ReplaceAll(data, []byte{0}, nil)))
	compact := make([]byte, 0, len(folded))
	edge := make([]bool, 0, len(folded)+1)
	edge = append(edge, true)
	for i := 0; i < len(folded); i++ {
		if folded[i] == ' ' {
			edge[len(edge)-1] = true
			continue
		}
		compact = append(compact, folded[i])
		edge = append(edge, false)
	}
	edge[len(edge)-1] = true
	it := ix.ac.IterOverlappingByte(compact)
	for m := it.Next(); m != nil; m = it.Next() {
		if edge[m.Start()] && edge[m.End()] {
			return ix.words[m.Pattern()], true
		}
	}
	return Needle{}, false
}

// findPhone joins digits across separators into runs and looks up every
// substring of a needle's length in the set of needles.
func (ix *index) findPhone(data []byte) (Needle, int, bool) {
	run := make([]byte, 0, 32)
	pos := make([]int, 0, 32)
	check := func() (Needle, int, bool) {
		for _, l := range ix.phoneLens {
			for i := 0; i+l <= len(run); i++ {
				if n, ok := ix.phones[string(run[i:i+l])]; ok {
					return n, pos[i], true
				}
			}
		}
		run, pos = run[:0], pos[:0]
		return Needle{}, 0, false
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
		if len(run) > 0 {
			if n, at, ok := check(); ok {
				return n, at, true
			}
		}
	}
	return check()
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
