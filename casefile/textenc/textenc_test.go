package textenc

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Names are invented; numbers are Ofcom drama numbers.
const sample = "Name,Phone\nZoë Brontë,07700 900123\nSiobhán Ó Floinn,020 7946 0123\n"

func enc1252(t testing.TB, s string) string {
	t.Helper()
	out, err := charmap.Windows1252.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func enc16(t testing.TB, s string, order unicode.Endianness, bom unicode.BOMPolicy) string {
	t.Helper()
	out, err := unicode.UTF16(order, bom).NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDecodeEachEncoding(t *testing.T) {
	tests := []struct {
		name, in, enc string
		warnings      int
	}{
		{"utf8", sample, UTF8, 0},
		{"utf8 with BOM", "\ufeff" + sample, UTF8BOM, 0},
		{"ascii", "Name,Phone\nA B,07700 900123\n", UTF8, 0},
		{"empty", "", UTF8, 0},
		{"windows-1252", enc1252(t, sample), Windows1252, 0},
		{"windows-1252 smart quotes and euro", enc1252(t, "“Zoë’s” €5 – ok\n"), Windows1252, 0},
		{"utf-16le with BOM", enc16(t, sample, unicode.LittleEndian, unicode.UseBOM), UTF16LE, 0},
		{"utf-16be with BOM", enc16(t, sample, unicode.BigEndian, unicode.UseBOM), UTF16BE, 0},
		{"utf-16le without BOM", enc16(t, sample, unicode.LittleEndian, unicode.IgnoreBOM), UTF16LE, 1},
		{"utf-16be without BOM", enc16(t, sample, unicode.BigEndian, unicode.IgnoreBOM), UTF16BE, 1},
		{"utf-8 BOM over windows-1252", "\ufeff" + enc1252(t, sample), Windows1252, 1},
		{"mac line ends, windows-1252", enc1252(t, strings.ReplaceAll(sample, "\n", "\r")), Windows1252, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Decode([]byte(tt.in))
			if got.Encoding != tt.enc {
				t.Errorf("encoding %q, want %q", got.Encoding, tt.enc)
			}
			want := strings.TrimPrefix(tt.in, "\ufeff")
			switch tt.enc {
			case Windows1252, UTF16LE, UTF16BE:
				want = sample
				if strings.Contains(tt.name, "mac") {
					want = strings.ReplaceAll(sample, "\n", "\r")
				}
				if strings.Contains(tt.name, "quotes") {
					want = "“Zoë’s” €5 – ok\n"
				}
			}
			if got.Text != want {
				t.Errorf("text %q, want %q", got.Text, want)
			}
			if len(got.Warnings) != tt.warnings {
				t.Errorf("warnings %q, want %d", got.Warnings, tt.warnings)
			}
			if got.Lines1252 != nil {
				t.Errorf("Lines1252 = %v for a file in one encoding", got.Lines1252)
			}
		})
	}
}

// TestMixedLines is the sheet joined from two sources: UTF-8 rows and
// Windows-1252 rows. Each line keeps its own spelling and the warning
// names the Windows-1252 lines.
func TestMixedLines(t *testing.T) {
	in := "Name,Phone\n" + // 1: ASCII, either
		"Zoë Brontë,07700 900123\n" + // 2: UTF-8
		enc1252(t, "Siobhán Ó Floinn,07700 900124\n") + // 3: Windows-1252
		"Łucja Wójcik,07700 900125\n" + // 4: UTF-8
		enc1252(t, "Renée Müller,07700 900126") // 5: Windows-1252, no final newline
	got := Decode([]byte(in))
	want := "Name,Phone\nZoë Brontë,07700 900123\nSiobhán Ó Floinn,07700 900124\nŁucja Wójcik,07700 900125\nRenée Müller,07700 900126"
	if got.Text != want {
		t.Errorf("text %q\nwant %q", got.Text, want)
	}
	if got.Encoding != Mixed {
		t.Errorf("encoding %q, want %q", got.Encoding, Mixed)
	}
	if !reflect.DeepEqual(got.Lines1252, []int{3, 5}) {
		t.Errorf("Lines1252 = %v, want [3 5]", got.Lines1252)
	}
	if len(got.Warnings) != 1 || !strings.Contains(got.Warnings[0], "lines 3 and 5 are Windows-1252") {
		t.Errorf("warnings %q do not name lines 3 and 5", got.Warnings)
	}
	for _, mojibake := range []string{"Ã", "Ä"} {
		if strings.Contains(got.Text, mojibake) {
			t.Errorf("text holds mojibake %q: %q", mojibake, got.Text)
		}
	}
}

func TestMixedCRLFAndBOM(t *testing.T) {
	in := "\ufeffName\r\nZoë\r\n" + enc1252(t, "Zoë\r\n")
	got := Decode([]byte(in))
	if got.Text != "Name\r\nZoë\r\nZoë\r\n" || got.Encoding != Mixed || !reflect.DeepEqual(got.Lines1252, []int{3}) {
		t.Errorf("got %q %q %v", got.Text, got.Encoding, got.Lines1252)
	}
	if !strings.Contains(got.Warnings[0], "line 3 is Windows-1252") {
		t.Errorf("warning %q", got.Warnings[0])
	}
}

func TestLineList(t *testing.T) {
	tests := []struct {
		in   []int
		want string
	}{
		{[]int{4}, "line 4"},
		{[]int{4, 9}, "lines 4 and 9"},
		{[]int{1, 2, 3}, "lines 1, 2 and 3"},
		{[]int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, "lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 2 more"},
	}
	for _, tt := range tests {
		if got := lineList(tt.in); got != tt.want {
			t.Errorf("lineList(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestBrokenUTF16(t *testing.T) {
	// A lone high surrogate, then an odd last byte.
	in := "\xff\xfeA\x00\x3d\xd8B\x00C"
	got := Decode([]byte(in))
	if got.Encoding != UTF16LE || got.Text != "A\ufffdB\ufffd" {
		t.Errorf("got %q %q", got.Encoding, got.Text)
	}
	if len(got.Warnings) != 1 || !strings.Contains(got.Warnings[0], "2 characters of the UTF-16LE text are broken") {
		t.Errorf("warnings %q", got.Warnings)
	}
	// A whole pair is not broken.
	pair := enc16(t, "a😀b", unicode.LittleEndian, unicode.UseBOM)
	if got := Decode([]byte(pair)); got.Text != "a😀b" || len(got.Warnings) != 0 {
		t.Errorf("pair: %q %q", got.Text, got.Warnings)
	}
}

// TestNotUTF16 checks that ordinary text with a stray NUL is not taken
// for UTF-16.
func TestNotUTF16(t *testing.T) {
	in := "Name,Phone\nZoe,07700 900123\x00\n"
	if got := Decode([]byte(in)); got.Encoding != UTF8 || got.Text != in {
		t.Errorf("got %q %q", got.Encoding, got.Text)
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{sample, "\ufeff" + sample, enc1252(f, sample), enc16(f, sample, unicode.LittleEndian, unicode.UseBOM),
		enc16(f, sample, unicode.BigEndian, unicode.IgnoreBOM), "a\r\xe9\rb", "\xff\xfe\x00", "\xfe\xff\xd8", "", "\n\n\x80"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got := Decode(data)
		if !utf8.ValidString(got.Text) {
			t.Fatalf("Decode(%q) = %q: not UTF-8", data, got.Text)
		}
		switch got.Encoding {
		case UTF8:
			if got.Text != string(data) {
				t.Fatalf("valid UTF-8 %q changed to %q", data, got.Text)
			}
		case UTF8BOM:
			if "\ufeff"+got.Text != string(data) {
				t.Fatalf("UTF-8 with BOM %q changed to %q", data, got.Text)
			}
		case Windows1252, Mixed:
			// Every byte is a character: nothing is dropped, and a
			// line read as UTF-8 keeps its bytes.
			if utf8.RuneCountInString(got.Text) < len(data)-3-len(data)/2 {
				t.Fatalf("Decode(%q) = %q: bytes lost", data, got.Text)
			}
			if got.Encoding == Mixed && (len(got.Lines1252) == 0 || len(got.Warnings) == 0) {
				t.Fatalf("mixed without lines or warning: %+v", got)
			}
		case UTF16LE, UTF16BE:
		default:
			t.Fatalf("unknown encoding %q", got.Encoding)
		}
		if String(data) != got.Text {
			t.Fatal("String differs from Decode")
		}
		if b, info := Bytes(data); string(b) != got.Text || info.Encoding != got.Encoding {
			t.Fatal("Bytes differs from Decode")
		}
	})
}
