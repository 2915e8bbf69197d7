package export

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"dossier/casefile"
	"dossier/internal/tooltest"
)

// popplerWord is one word of pdftotext -bbox, in points from the page's
// top left corner.
type popplerWord struct {
	Text                   string  `xml:",chardata"`
	XMin, YMin, XMax, YMax float64 `xml:"-"`
}

// popplerWords is each page's words with their boxes, read by a program
// other than the one that drew them.
func popplerWords(t testing.TB, data []byte) [][]popplerWord {
	t.Helper()
	tooltest.Need(t, "pdftotext")
	cmd := exec.Command("pdftotext", "-bbox", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(data)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	var html struct {
		Pages []struct {
			Words []struct {
				Text string  `xml:",chardata"`
				XMin float64 `xml:"xMin,attr"`
				YMin float64 `xml:"yMin,attr"`
				XMax float64 `xml:"xMax,attr"`
				YMax float64 `xml:"yMax,attr"`
			} `xml:"word"`
		} `xml:"body>doc>page"`
	}
	dec := xml.NewDecoder(bytes.NewReader(out))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&html); err != nil {
		t.Fatalf("pdftotext -bbox output: %v", err)
	}
	pages := make([][]popplerWord, len(html.Pages))
	for i, p := range html.Pages {
		for _, w := range p.Words {
			pages[i] = append(pages[i], popplerWord{w.Text, w.XMin, w.YMin, w.XMax, w.YMax})
		}
	}
	return pages
}

// overlaps reports whether two word boxes share more than a hairline:
// glyph boxes of neighbouring words on one line may touch.
func overlaps(a, b popplerWord) bool {
	const slack = 0.5
	return a.XMin < b.XMax-slack && b.XMin < a.XMax-slack &&
		a.YMin < b.YMax-slack && b.YMin < a.YMax-slack
}

// The stamp at the top of an exhibit's pages never draws its label over
// the exhibit's title, however long the label: continuation pages add
// "(page N of M)", and a prefix may take up to eight letters.
func TestStampLabelClearOfTitle(t *testing.T) {
	title := "Council reply to the subject access request, received by post with enclosures"
	for _, tc := range []struct {
		ref, cont string
	}{
		{"LW/2", ""},
		{"LW/2", "page 3 of 3"},
		{"LW/2", "page 3 of 20"},
		{"LW/12", "page 118 of 240"},
		{"ABCDEFGH/1234", ""},
		{"ABCDEFGH/1234", "page 999 of 999"},
		// Beyond any real case: the title moves to a line of its own.
		{"ABCDEFGH/123456789", "page 99999 of 99999"},
		{"ABCDEFGH/123456789012345", ""},
	} {
		t.Run(fmt.Sprintf("%s %s", tc.ref, tc.cont), func(t *testing.T) {
			b := testBuilder()
			ex := casefile.Exhibit{Ref: tc.ref, Meta: casefile.Meta{Title: title, Kind: "letter"}, Filename: "reply.pdf"}
			b.stamp(ex, false, tc.cont)
			var out bytes.Buffer
			if err := b.d.Output(&out); err != nil {
				t.Fatal(err)
			}
			words := popplerWords(t, out.Bytes())[0]
			label := "Exhibit " + tc.ref
			if tc.cont != "" {
				label += " (" + tc.cont + ")"
			}
			for i := range words {
				for j := i + 1; j < len(words); j++ {
					if overlaps(words[i], words[j]) {
						t.Errorf("%q %v overlaps %q %v", words[i].Text, words[i], words[j].Text, words[j])
					}
				}
			}
			var got []string
			for _, w := range words {
				got = append(got, w.Text)
			}
			text := strings.Join(got, " ")
			if !strings.Contains(text, label) {
				t.Errorf("label %q not read as one run in %q", label, text)
			}
			if !strings.Contains(text, "Council reply to the subject") {
				t.Errorf("title not read as one run in %q", text)
			}
		})
	}
}
