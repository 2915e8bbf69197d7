// Package textenc turns the bytes of a text file into text. It is the one
// decoder Dossier uses for data sheets, message files, text exhibits,
// `scan` and span marks, so that a byte offset into the decoded text means
// the same everywhere.
//
// The files residents and councils send come out of Excel, Notepad and
// housing systems, so Decode recognises, from the bytes alone:
//
//   - UTF-8, with or without a byte-order mark;
//   - UTF-16, little- or big-endian, with a byte-order mark (Excel's
//     "Unicode text") or without one (recognised by its zero bytes);
//   - Windows-1252, what Excel and Notepad on Windows write for "ANSI".
//
// A file joined from two sources can hold UTF-8 lines and Windows-1252
// lines. Reading it all as Windows-1252 would turn every accented name of
// the UTF-8 lines into mojibake ("ZoÃ«"), which then matches nothing and
// is never redacted; so Decode reads such a file line by line, each line
// in its own encoding, and says in a warning which lines were read as
// Windows-1252. Decode never fails and never drops a byte: every byte
// becomes a character, and text that is already valid UTF-8 is returned
// unchanged (less its byte-order mark).
package textenc

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Encoding names Decode reports.
const (
	UTF8        = "UTF-8"
	UTF8BOM     = "UTF-8 with BOM"
	UTF16LE     = "UTF-16LE"
	UTF16BE     = "UTF-16BE"
	Windows1252 = "Windows-1252"
	// Mixed is a file whose lines are partly UTF-8 and partly
	// Windows-1252; Text.Lines1252 says which are which.
	Mixed = "mixed UTF-8 and Windows-1252"
)

// Info says how a file was decoded.
type Info struct {
	Encoding string // one of the names above
	// Lines1252 lists the 1-based lines read as Windows-1252 when the
	// other lines are UTF-8 (Encoding is Mixed); nil otherwise.
	Lines1252 []int
	// Warnings say, in words for a person, what in the file may not be
	// what its author meant: mixed encodings (naming the lines), broken
	// UTF-16, a byte-order mark that does not fit the content.
	Warnings []string
}

// Text is a decoded file.
type Text struct {
	Text string // the decoded text, valid UTF-8, without a byte-order mark
	Info
}

// String decodes data and returns the text alone, for callers that have
// nowhere to show a warning.
func String(data []byte) string { return Decode(data).Text }

// Decode decodes data as described in the package comment.
func Decode(data []byte) Text {
	b, info := Bytes(data)
	return Text{Text: string(b), Info: info}
}

// Bytes is Decode for callers that work on bytes and may hold large
// files: text that is already UTF-8 is returned as a slice of data, not
// copied, so the caller must not change data while it uses the result.
func Bytes(data []byte) ([]byte, Info) {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		rest := data[3:]
		if utf8.Valid(rest) {
			return rest, Info{Encoding: UTF8BOM}
		}
		out, info := decode8(rest)
		if info.Encoding == Windows1252 {
			info.Warnings = append(info.Warnings, "the file starts with a UTF-8 byte-order mark but its text is Windows-1252; it was read as Windows-1252")
		}
		return out, info
	case bytes.HasPrefix(data, []byte("\xff\xfe")):
		return decode16(data[2:], UTF16LE, false)
	case bytes.HasPrefix(data, []byte("\xfe\xff")):
		return decode16(data[2:], UTF16BE, false)
	}
	if enc := sniff16(data); enc != "" {
		return decode16(data, enc, true)
	}
	return decode8(data)
}

// IsUTF16 reports whether Decode reads data as UTF-16: it starts with a
// UTF-16 byte-order mark, or its zero bytes fall as UTF-16's do. Callers
// that refuse binary files (which hold zero bytes too) ask this first.
func IsUTF16(data []byte) bool {
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		return false
	}
	return bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")) || sniff16(data) != ""
}

// sniff16 recognises UTF-16 without a byte-order mark by where its zero
// bytes fall: text in Latin script has a zero in every other byte, and
// neither UTF-8 nor Windows-1252 text has zero bytes at all.
func sniff16(data []byte) string {
	head := data[:min(len(data), 4096)&^1]
	pairs := len(head) / 2
	if pairs == 0 {
		return ""
	}
	var even, odd int
	for i := 0; i < len(head); i += 2 {
		if head[i] == 0 {
			even++
		}
		if head[i+1] == 0 {
			odd++
		}
	}
	switch {
	case odd*10 >= pairs*3 && even*20 <= pairs:
		return UTF16LE
	case even*10 >= pairs*3 && odd*20 <= pairs:
		return UTF16BE
	}
	return ""
}

func decode16(data []byte, enc string, sniffed bool) ([]byte, Info) {
	order := unicode.LittleEndian
	if enc == UTF16BE {
		order = unicode.BigEndian
	}
	out, _ := unicode.UTF16(order, unicode.IgnoreBOM).NewDecoder().Bytes(data)
	info := Info{Encoding: enc}
	if sniffed {
		info.Warnings = append(info.Warnings, fmt.Sprintf("the file has no byte-order mark; it was read as %s from its zero bytes", enc))
	}
	if n := brokenUnits(data, order == unicode.BigEndian); n > 0 {
		info.Warnings = append(info.Warnings, fmt.Sprintf("%s of the %s text %s broken (half of a surrogate pair, or a last odd byte) and %s as \ufffd",
			count(n, "character", "characters"), enc, plural(n, "is", "are"), plural(n, "shows", "show")))
	}
	return out, info
}

// brokenUnits counts what a UTF-16 decoder replaces with U+FFFD: lone
// surrogates and a trailing odd byte.
func brokenUnits(data []byte, bigEndian bool) int {
	n := len(data) % 2
	unit := func(i int) uint16 {
		if bigEndian {
			return uint16(data[i])<<8 | uint16(data[i+1])
		}
		return uint16(data[i+1])<<8 | uint16(data[i])
	}
	for i := 0; i+1 < len(data); i += 2 {
		u := unit(i)
		switch {
		case u >= 0xd800 && u < 0xdc00:
			if i+3 < len(data) {
				if v := unit(i + 2); v >= 0xdc00 && v < 0xe000 {
					i += 2
					continue
				}
			}
			n++
		case u >= 0xdc00 && u < 0xe000:
			n++
		}
	}
	return n
}

// decode8 decodes bytes that are UTF-8, Windows-1252, or a mixture by
// line.
func decode8(data []byte) ([]byte, Info) {
	if utf8.Valid(data) {
		return data, Info{Encoding: UTF8}
	}
	// Which lines are UTF-8 with characters beyond ASCII, and which are
	// not UTF-8 at all? ASCII lines read the same either way.
	sep := byte('\n')
	if bytes.IndexByte(data, '\n') < 0 && bytes.IndexByte(data, '\r') >= 0 {
		sep = '\r' // "CSV (Macintosh)" ends lines with a bare carriage return
	}
	var bad []int
	anyUTF8 := false
	line := 0
	for rest := data; len(rest) > 0; {
		line++
		l, tail, _ := bytes.Cut(rest, []byte{sep})
		rest = tail
		switch {
		case !utf8.Valid(l):
			bad = append(bad, line)
		case !isASCII(l):
			anyUTF8 = true
		}
	}
	out := make([]byte, 0, len(data)+len(data)/8)
	if !anyUTF8 {
		return win1252(out, data), Info{Encoding: Windows1252}
	}
	// Mixed: each line in its own encoding.
	line = 0
	k := 0
	for rest := data; len(rest) > 0; {
		line++
		l, tail, found := bytes.Cut(rest, []byte{sep})
		rest = tail
		if k < len(bad) && bad[k] == line {
			out = win1252(out, l)
			k++
		} else {
			out = append(out, l...)
		}
		if found {
			out = append(out, sep)
		}
	}
	return out, Info{Encoding: Mixed, Lines1252: bad, Warnings: []string{fmt.Sprintf(
		"the file mixes encodings: %s %s Windows-1252 and the other lines UTF-8; each line was read in its own encoding, so check the names on %s against the original",
		lineList(bad), plural(len(bad), "is", "are"), plural(len(bad), "that line", "those lines"))}}
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// win1252 appends b decoded as Windows-1252, in which every byte is a
// character, to out.
func win1252(out, b []byte) []byte {
	for _, c := range b {
		if c < 0x80 {
			out = append(out, c)
		} else {
			out = utf8.AppendRune(out, charmap.Windows1252.DecodeByte(c))
		}
	}
	return out
}

// lineList names lines for a person: "line 3", "lines 3 and 9",
// "lines 3, 9, 12 and 40 more".
func lineList(lines []int) string {
	const show = 10
	if len(lines) == 1 {
		return fmt.Sprintf("line %d", lines[0])
	}
	parts := make([]string, 0, min(len(lines), show))
	for _, l := range lines[:min(len(lines), show)] {
		parts = append(parts, fmt.Sprint(l))
	}
	if len(lines) > show {
		return fmt.Sprintf("lines %s and %d more", strings.Join(parts, ", "), len(lines)-show)
	}
	return "lines " + strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func count(n int, one, many string) string {
	return fmt.Sprintf("%d %s", n, plural(n, one, many))
}
