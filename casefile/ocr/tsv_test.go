package ocr

import (
	"image"
	"os"
	"strings"
	"testing"
)

func TestParseTSVGolden(t *testing.T) {
	f, err := os.Open("testdata/screen.tsv") // tesseract 5.3 on the test screenshot
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	words, err := ParseTSV(f)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range Lines(words) {
		got = append(got, l.Text)
	}
	if strings.Join(got, "\n") != strings.Join(screen, "\n") {
		t.Errorf("lines = %q, want %q", got, screen)
	}
	w := words[0]
	if w.Text != "09:41" || w.Box.Min.X != 42 || w.Conf < 50 || w.Conf > 100 || w.Block != 1 || w.Num != 1 {
		t.Errorf("first word = %+v", w)
	}
}

func TestParseTSV(t *testing.T) {
	const header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
	tests := []struct {
		name  string
		in    string
		want  []Word
		error string
	}{
		{"words only", header +
			"4\t1\t1\t1\t1\t0\t10\t20\t100\t30\t-1\t\n" +
			"5\t1\t1\t1\t1\t1\t10\t20\t40\t30\t96.5\tHello\n" +
			"5\t1\t1\t1\t1\t2\t60\t20\t50\t30\t91\tWorld\n",
			[]Word{
				{Text: "Hello", Conf: 96.5, Box: image.Rect(10, 20, 50, 50), Block: 1, Par: 1, Line: 1, Num: 1},
				{Text: "World", Conf: 91, Box: image.Rect(60, 20, 110, 50), Block: 1, Par: 1, Line: 1, Num: 2},
			}, ""},
		{"crlf, bom, blank words, short rows", "\ufeff" + strings.ReplaceAll(header, "\n", "\r\n") +
			"5\t1\t1\t1\t1\t1\t0\t0\t5\t5\t95\t   \r\n" +
			"5\t1\t1\t1\t1\t2\t0\t0\t5\t5\t95\r\n" +
			"\r\n" +
			"5\t1\t2\t1\t3\t1\t1\t2\t3\t4\t80\tÉté\r\n",
			[]Word{{Text: "Été", Conf: 80, Box: image.Rect(1, 2, 4, 6), Block: 2, Par: 1, Line: 3, Num: 1}}, ""},
		{"columns reordered", "text\tconf\tlevel\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\n" +
			"Hi\t50\t5\t1\t1\t1\t1\t0\t0\t2\t2\n",
			[]Word{{Text: "Hi", Conf: 50, Box: image.Rect(0, 0, 2, 2), Block: 1, Par: 1, Line: 1, Num: 1}}, ""},
		{"header only", header, nil, ""},
		{"empty", "", nil, "empty input"},
		{"not tsv", "hello world\n", nil, `lacks column "level"`},
		{"bad number", header + "5\t1\t1\t1\t1\t1\tten\t0\t5\t5\t95\tx\n", nil, "line 2: column left"},
		{"negative size", header + "5\t1\t1\t1\t1\t1\t0\t0\t-5\t5\t95\tx\n", nil, "negative box"},
	}
	for _, tt := range tests {
		got, err := ParseTSV(strings.NewReader(tt.in))
		if tt.error != "" {
			if err == nil || !strings.Contains(err.Error(), tt.error) {
				t.Errorf("%s: err = %v, want %q", tt.name, err, tt.error)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if len(got) != len(tt.want) {
			t.Errorf("%s: got %+v, want %+v", tt.name, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s: word %d = %+v, want %+v", tt.name, i, got[i], tt.want[i])
			}
		}
	}
}

func FuzzParseTSV(f *testing.F) {
	golden, _ := os.ReadFile("testdata/screen.tsv")
	f.Add(string(golden))
	f.Add("level\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n5\t1\t1\t1\t1\t1e30\t-1e30\tNaN\t5\t95\tx\n")
	f.Add("")
	f.Fuzz(func(t *testing.T, in string) {
		words, err := ParseTSV(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, w := range words {
			if strings.TrimSpace(w.Text) == "" || w.Box.Dx() < 0 || w.Box.Dy() < 0 {
				t.Fatalf("bad word %+v", w)
			}
		}
		// Whatever was parsed, the helpers must cope with it.
		Lines(words)
		ProposeMessage(words)
		FindTerm(words, "07700 900123")
		FindTerm(words, "Maureen Baptiste")
	})
}
