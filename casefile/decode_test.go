package casefile

import (
	"context"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

func TestDecodeText(t *testing.T) {
	want := "Zoë Okafor rang 07700 900123 today."
	le, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(want)
	be, _ := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().String(want)
	leBare, _ := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().String(want)
	beBare, _ := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder().String(want)
	cp1252, _ := charmap.Windows1252.NewEncoder().String(want)
	for name, in := range map[string]string{
		"UTF-8": want, "UTF-8 with BOM": "\ufeff" + want, "Windows-1252": cp1252,
		"UTF-16LE with BOM": le, "UTF-16BE with BOM": be, "UTF-16LE": leBare, "UTF-16BE": beBare,
	} {
		if got := DecodeText([]byte(in)); got != want {
			t.Errorf("%s: DecodeText = %q, want %q", name, got, want)
		}
	}
}

// Span offsets are bytes of the decoded text, as 'scan --json' reports
// them, whatever the file's encoding.
func TestSpanMarkOnDecodedText(t *testing.T) {
	ctx := context.Background()
	text := "Zoë Okafor rang 07700 900123 today."
	start, end := len("Zoë Okafor rang "), len("Zoë Okafor rang 07700 900123")
	le, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(text)
	cp1252, _ := charmap.Windows1252.NewEncoder().String(text)
	for name, data := range map[string]string{"1252": cp1252, "bom": "\ufeff" + text, "utf16": le} {
		c := TestCase(t)
		ex, err := c.Add(ctx, TestFile(t, name+".txt", []byte(data)), Meta{})
		if err != nil {
			t.Fatal(err)
		}
		m, err := c.AddSpanMark(ctx, ex.Ref, start, end)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if m.Value != "07700 900123" {
			t.Errorf("%s: span value %q", name, m.Value)
		}
		if _, err := c.AddSpanMark(ctx, ex.Ref, 2, 3); err == nil {
			t.Errorf("%s: a span splitting ë was accepted", name)
		}
	}
}
