package sheet

import (
	"bytes"

	"dossier/casefile/textenc"
)

// Encoding names Result.Encoding holds (those of package textenc).
const (
	EncUTF8        = textenc.UTF8
	EncUTF8BOM     = textenc.UTF8BOM
	EncUTF16LE     = textenc.UTF16LE
	EncUTF16BE     = textenc.UTF16BE
	EncWindows1252 = textenc.Windows1252
	EncMixed       = textenc.Mixed
)

// decodeCSV turns the bytes of a text sheet into UTF-8 with textenc (one
// decoder for every text Dossier reads), which also says where lines
// disagree about their encoding.
//
// Text whose lines end in a bare carriage return (Excel 2011 for Mac's
// "CSV (Macintosh)") gets line feeds instead, so that CSV readers see its
// lines; nothing else is changed.
func decodeCSV(data []byte) ([]byte, textenc.Info) {
	text, info := textenc.Bytes(data)
	if bytes.IndexByte(text, '\r') >= 0 && bytes.IndexByte(text, '\n') < 0 {
		text = bytes.ReplaceAll(text, []byte("\r"), []byte("\n"))
	}
	return text, info
}

// isBinary reports whether data looks like a binary file rather than text:
// a NUL byte, or many control characters, near the start. UTF-16 text has
// NULs but textenc recognises it, with or without a byte-order mark, so
// it is let through.
func isBinary(data []byte) bool {
	if textenc.IsUTF16(data) {
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
