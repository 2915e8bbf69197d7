package redact

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"testing"
)

func deflate(t testing.TB, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	w, _ := zlib.NewWriterLevel(&b, zlib.BestCompression)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

// pdfWith is a PDF's body holding one object per stream: dict keys
// (without /Length) and data.
func pdfWith(streams ...[2][]byte) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	for i, s := range streams {
		fmt.Fprintf(&b, "%d 0 obj\n<< %s /Length %d >>\nstream\n", i+1, s[0], len(s[1]))
		b.Write(s[1])
		b.WriteString("\nendstream\nendobj\n")
	}
	b.WriteString("trailer\n<< /Info << /Title (Kestrel texts) >> >>\n%%EOF\n")
	return b.Bytes()
}

func TestSearchViewOfAPDF(t *testing.T) {
	needles := []Needle{{"Ana Bello", KindName}, {"Zoë", KindName}}
	noise := []byte("\x00\x17 Zoë \x9c\x01") // what compressed pixels can hold by chance
	tests := []struct {
		name      string
		pdf       []byte
		raw, view bool // whether a needle is found in the raw bytes, in the view
	}{
		{"a compressed page naming a resident is searched inflated",
			pdfWith([2][]byte{[]byte("/Filter /FlateDecode"), deflate(t, "BT /F1 12 Tf (Ana Bello) Tj ET")}), false, true},
		{"the same with the filter in an array",
			pdfWith([2][]byte{[]byte("/Filter [/FlateDecode]"), deflate(t, "BT (Ana Bello) Tj ET")}), false, true},
		{"an image's bytes are left to the OCR read-back",
			pdfWith([2][]byte{[]byte("/Type /XObject /Subtype /Image /Width 2 /Height 2 /Filter /FlateDecode"), noise}), true, false},
		{"a font program's bytes are not text",
			pdfWith([2][]byte{[]byte("/Length1 9 /Filter /FlateDecode"), noise}), true, false},
		{"an uncompressed stream is searched as it is",
			pdfWith([2][]byte{[]byte("/Type /Metadata /Subtype /XML"), []byte("<dc:creator>Ana Bello</dc:creator>")}), true, true},
		{"a stream that does not inflate is searched as it is",
			pdfWith([2][]byte{[]byte("/Filter /FlateDecode"), noise}), true, true},
		{"an unknown filter is searched as it is",
			pdfWith([2][]byte{[]byte("/Filter /LZWDecode"), noise}), true, true},
		{"outside streams everything is kept",
			append(pdfWith(), []byte("<< /Author (Ana Bello) >>")...), true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw, _ := FindLeaks(map[string][]byte{"f": tt.pdf}, needles)
			view, _ := FindLeaks(map[string][]byte{"f": SearchView(tt.pdf)}, needles)
			if (len(raw) > 0) != tt.raw || (len(view) > 0) != tt.view {
				t.Errorf("found in raw bytes %v (want %v), in the view %v (want %v)", len(raw) > 0, tt.raw, len(view) > 0, tt.view)
			}
		})
	}
}

// A /Length that does not land on endstream (an indirect one, or a wrong
// one) falls back to the next endstream.
func TestSearchViewWithoutDirectLength(t *testing.T) {
	data := deflate(t, "(Ana Bello) Tj")
	pdf := []byte("%PDF-1.4\n1 0 obj\n<< /Filter /FlateDecode /Length 2 0 R >>\nstream\n")
	pdf = append(append(pdf, data...), "\nendstream\nendobj\n%%EOF\n"...)
	if !bytes.Contains(SearchView(pdf), []byte("(Ana Bello) Tj")) {
		t.Error("the stream was not inflated")
	}
}

func pngChunk(kind string, data []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	b = append(b, kind...)
	b = append(b, data...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(append([]byte(kind), data...)))
}

func TestSearchViewOfAPNG(t *testing.T) {
	needles := []Needle{{"Zoë", KindName}, {"Ana Bello", KindName}}
	png := append([]byte{}, pngSignature...)
	png = append(png, pngChunk("IHDR", make([]byte, 13))...)
	png = append(png, pngChunk("IDAT", []byte("\x00\x17 Zoë \x9c"))...)
	png = append(png, pngChunk("IEND", nil)...)
	if l, _ := FindLeaks(map[string][]byte{"f": SearchView(png)}, needles); len(l) > 0 {
		t.Error("pixel data was searched as text")
	}
	withText := append(png[:len(png)-12:len(png)-12], pngChunk("tEXt", []byte("Comment\x00Sent by Ana Bello."))...)
	withText = append(withText, pngChunk("IEND", nil)...)
	if l, _ := FindLeaks(map[string][]byte{"f": SearchView(withText)}, needles); len(l) == 0 {
		t.Error("a text chunk naming a resident was not searched")
	}
	damaged := append(append([]byte{}, png[:40]...), "\xff\xff\xff\xffIDAT Ana Bello"...)
	if l, _ := FindLeaks(map[string][]byte{"f": SearchView(damaged)}, needles); len(l) == 0 {
		t.Error("a damaged chunk's bytes were not searched")
	}
}

func FuzzSearchView(f *testing.F) {
	f.Add(pdfWith([2][]byte{[]byte("/Filter /FlateDecode"), deflate(f, "(x) Tj")}))
	f.Add(append(append([]byte{}, pngSignature...), pngChunk("IDAT", []byte("abc"))...))
	f.Add([]byte("%PDF-1.7\n1 0 obj\n<< /Length 999999 >>\nstream\nabc"))
	f.Fuzz(func(t *testing.T, data []byte) {
		SearchView(data)
	})
}
