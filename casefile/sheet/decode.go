package sheet

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Encoding names Decode reports.
const (
	EncUTF8        = "UTF-8"
	EncUTF8BOM     = "UTF-8 with BOM"
	EncUTF16LE     = "UTF-16LE"
	EncUTF16BE     = "UTF-16BE"
	EncWindows1252 = "Windows-1252"
)

// Decode turns the bytes of a text file into UTF-8 and names the encoding
// it found. A UTF-8 byte-order mark is removed; UTF-16 is recognised by its
// byte-order mark (Excel's "Unicode text"); text that is not valid UTF-8 is
// read as Windows-1252, which is what Excel on Windows writes for "CSV".
// Windows-1252 assigns a character to almost every byte, so Decode never
// fails: callers that must refuse binary files check for them first.
//
// Text whose lines end in a bare carriage return (Excel 2011 for Mac's
// "CSV (Macintosh)") gets line feeds instead, so that CSV readers see its
// lines; nothing else is changed.
func Decode(data []byte) (text []byte, encoding string) {
	text, encoding = decode(data)
	if bytes.IndexByte(text, '\r') >= 0 && bytes.IndexByte(text, '\n') < 0 {
		text = bytes.ReplaceAll(text, []byte("\r"), []byte("\n"))
	}
	return text, encoding
}

func decode(data []byte) (text []byte, encoding string) {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		rest := data[3:]
		if utf8.Valid(rest) {
			return rest, EncUTF8BOM
		}
		data = rest
	case bytes.HasPrefix(data, []byte("\xff\xfe")):
		if out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data); err == nil {
			return out, EncUTF16LE
		}
	case bytes.HasPrefix(data, []byte("\xfe\xff")):
		if out, err := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes(data); err == nil {
			return out, EncUTF16BE
		}
	case utf8.Valid(data):
		return data, EncUTF8
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		// Not reachable with Windows-1252 (every byte maps), but never
		// return less than was given.
		return data, EncUTF8
	}
	return out, EncWindows1252
}

// isBinary reports whether data looks like a binary file rather than text:
// a NUL byte, or many control characters, near the start. UTF-16 text has
// NULs but starts with a byte-order mark, so it is let through.
func isBinary(data []byte) bool {
	if bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")) {
		return false
	}
	head := data[:min(len(data), 8192)]
	ctrl := 0
	for _, b := range head {
		switch {
		case b == 0:
			return true
		case b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f':
			ctrl++
		}
	}
	return ctrl*100 > len(head) // more than 1% control characters
}
