package redact

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"io"
	"regexp"
	"strconv"
)

// maxInflate bounds what one stream of a PDF may inflate to for the
// search: more is searched as it is stored.
const maxInflate = 256 << 20

// SearchView returns a file's bytes as the leak check searches them.
//
// Compressed data is noise to a text search: ten megabytes of it hold,
// by chance, short words such as "Zoë" between two separators (random
// bytes decode as accented letters, which fold to plain ones), and a
// large bundle was refused for a name it did not contain. So in a PDF
// every Flate-compressed stream is searched inflated, and the streams
// that are pixels (images, checked by the OCR read-back) or glyph outlines
// (font programs) are left out; in a PNG the pixel data (IDAT) is left out
// and every other chunk (text, metadata) kept. Anything it cannot decode
// is searched as it is, so the view never hides more than it must. Other
// files come back unchanged.
func SearchView(data []byte) []byte {
	switch {
	case bytes.HasPrefix(data, []byte("%PDF")):
		return pdfView(data)
	case bytes.HasPrefix(data, pngSignature):
		return pngView(data)
	}
	return data
}

var (
	streamStart  = regexp.MustCompile(`>>\s*stream(?:\r\n|\n|\r)`)
	lengthKey    = regexp.MustCompile(`/Length\s+(\d+)(\s+\d+\s+R)?`)
	imageKey     = regexp.MustCompile(`/Subtype\s*/Image\b`)
	fontKey      = regexp.MustCompile(`/Length1\b|/Length2\b|/Subtype\s*/(?:Type1C|CIDFontType0C|OpenType)\b`)
	flateOnly    = regexp.MustCompile(`/Filter\s*(?:/FlateDecode\b|\[\s*/FlateDecode\s*\])`)
	objKeyword   = []byte(" obj")
	endStream    = []byte("endstream")
	pngSignature = []byte("\x89PNG\r\n\x1a\n")
)

func pdfView(pdf []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(pdf))
	at := 0
	for at < len(pdf) {
		loc := streamStart.FindIndex(pdf[at:])
		if loc == nil {
			break
		}
		dictEnd, body := at+loc[0]+2, at+loc[1]
		objStart := bytes.LastIndex(pdf[at:dictEnd], objKeyword)
		if objStart < 0 {
			objStart = 0
		}
		dict := pdf[at+objStart : dictEnd]
		end := streamEnd(pdf, body, dict)
		out.Write(pdf[at:body])
		switch {
		case imageKey.Match(dict) || fontKey.Match(dict):
			// Pixels and glyph outlines: nothing to search.
		case flateOnly.Match(dict):
			if plain, ok := inflate(pdf[body:end]); ok {
				out.Write(plain)
			} else {
				out.Write(pdf[body:end])
			}
		default:
			out.Write(pdf[body:end])
		}
		at = end
	}
	out.Write(pdf[at:])
	return out.Bytes()
}

// streamEnd is where the data of the stream starting at body ends: by its
// direct /Length when that lands on "endstream", else at the next
// "endstream".
func streamEnd(pdf []byte, body int, dict []byte) int {
	if m := lengthKey.FindSubmatch(dict); m != nil && len(m[2]) == 0 {
		if n, err := strconv.Atoi(string(m[1])); err == nil && n >= 0 && body+n <= len(pdf) {
			rest := bytes.TrimLeft(pdf[body+n:min(len(pdf), body+n+16)], "\r\n \t")
			if bytes.HasPrefix(rest, endStream) {
				return body + n
			}
		}
	}
	if i := bytes.Index(pdf[body:], endStream); i >= 0 {
		return body + i
	}
	return len(pdf)
}

func inflate(data []byte) ([]byte, bool) {
	r, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, false
	}
	plain, err := io.ReadAll(io.LimitReader(r, maxInflate+1))
	if err != nil || len(plain) > maxInflate {
		return nil, false
	}
	return plain, true
}

// pngView is a PNG without the data of its IDAT chunks.
func pngView(png []byte) []byte {
	var out bytes.Buffer
	out.Write(pngSignature)
	at := len(pngSignature)
	for at+8 <= len(png) {
		n := int(binary.BigEndian.Uint32(png[at:]))
		end := at + 12 + n
		if n < 0 || end > len(png) || end < at {
			out.Write(png[at:]) // damaged: search the rest as it is
			return out.Bytes()
		}
		if string(png[at+4:at+8]) == "IDAT" {
			out.Write(png[at : at+8])
		} else {
			out.Write(png[at:end])
		}
		at = end
	}
	out.Write(png[at:])
	return out.Bytes()
}
