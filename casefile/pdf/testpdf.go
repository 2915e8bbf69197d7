package pdf

import (
	"bytes"
	"fmt"
	"strings"
)

// TestPDF returns a small A4 PDF with one page per string, each page
// showing its text in Helvetica 24 pt near the top left. It is written by
// hand, byte by byte, so tests of packages under casefile can make PDFs
// without a PDF library. Text must be ASCII; lines are split on "\n".
func TestPDF(pages ...string) []byte { return testPDF(pages, nil) }

// testPDF is TestPDF with link annotations: links[i] is the page (1-based)
// that a link across the top of page i+1 points to.
func testPDF(pages []string, links map[int]int) []byte {
	var b bytes.Buffer
	var offsets []int
	obj := func(body string) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offsets), body)
	}
	b.WriteString("%PDF-1.4\n")
	n := len(pages)
	// Objects: 1 catalog, 2 pages, 3 font, then per page: page, contents.
	kids := make([]string, n)
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", 4+2*i)
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n))
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	for i, text := range pages {
		var s strings.Builder
		s.WriteString("BT /F1 24 Tf 28 TL 72 770 Td\n")
		for _, line := range strings.Split(text, "\n") {
			r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
			fmt.Fprintf(&s, "(%s) Tj T*\n", r.Replace(line))
		}
		s.WriteString("ET")
		annots := ""
		if to, ok := links[i+1]; ok {
			annots = fmt.Sprintf("/Annots [<< /Type /Annot /Subtype /Link /Rect [72 760 300 800] /Border [0 0 0] "+
				"/Dest [%d 0 R /XYZ 0 842 null] >>] ", 4+2*(to-1))
		}
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] %s"+
			"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", annots, 5+2*i))
		obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", s.Len(), s.String()))
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.Bytes()
}
