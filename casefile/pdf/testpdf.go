package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image"
	"image/jpeg"
	"strings"
)

// TestPDF returns a small A4 PDF with one page per string, each page
// showing its text in Helvetica 24 pt near the top left. It is written by
// hand, byte by byte, so tests of packages under casefile can make PDFs
// without a PDF library. Text must be ASCII; lines are split on "\n".
func TestPDF(pages ...string) []byte {
	any := make([]any, len(pages))
	for i, p := range pages {
		any[i] = p
	}
	return testPDF(any, nil)
}

// TestMixedPDF is TestPDF where a page may also be an image.Image or a
// Scan: that page is a scan, the image and nothing else, one point per
// pixel for an image.Image.
func TestMixedPDF(pages ...any) []byte { return testPDF(pages, nil) }

// Scan is a page of TestMixedPDF that is an image scanned at DPI dots per
// inch: the page is the image's size at that resolution. JPEG stores it as
// most scanners do; otherwise it is stored losslessly.
type Scan struct {
	Image image.Image
	DPI   float64
	JPEG  bool
}

// testPDF writes the pages (strings or images) with link annotations:
// links[i] is the page (1-based) that a link across the top of page i+1
// points to.
func testPDF(pages []any, links map[int]int) []byte {
	var b bytes.Buffer
	var offsets []int
	obj := func(body string) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offsets), body)
	}
	b.WriteString("%PDF-1.4\n")
	n := len(pages)
	// Objects: 1 catalog, 2 pages, 3 font, then per page: page, contents,
	// image (an empty dictionary on a text page).
	kids := make([]string, n)
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", 4+3*i)
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n))
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	for i, page := range pages {
		annots := ""
		if to, ok := links[i+1]; ok {
			annots = fmt.Sprintf("/Annots [<< /Type /Annot /Subtype /Link /Rect [72 760 300 800] /Border [0 0 0] "+
				"/Dest [%d 0 R /XYZ 0 842 null] >>] ", 4+3*(to-1))
		}
		var s strings.Builder
		box, res, img := "0 0 595 842", "/Font << /F1 3 0 R >>", "<< >>"
		switch p := page.(type) {
		case string:
			s.WriteString("BT /F1 24 Tf 28 TL 72 770 Td\n")
			for _, line := range strings.Split(p, "\n") {
				r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
				fmt.Fprintf(&s, "(%s) Tj T*\n", r.Replace(line))
			}
			s.WriteString("ET")
		case image.Image, Scan:
			sc, ok := p.(Scan)
			if !ok {
				sc = Scan{Image: p.(image.Image), DPI: 72}
			}
			im := sc.Image
			w, h := im.Bounds().Dx(), im.Bounds().Dy()
			pw, ph := float64(w)*72/sc.DPI, float64(h)*72/sc.DPI
			box = fmt.Sprintf("0 0 %.2f %.2f", pw, ph)
			res = fmt.Sprintf("/XObject << /Im1 %d 0 R >>", 6+3*i)
			fmt.Fprintf(&s, "q %.2f 0 0 %.2f 0 0 cm /Im1 Do Q", pw, ph)
			var raw bytes.Buffer
			filter := "/FlateDecode"
			if sc.JPEG {
				filter = "/DCTDecode"
				if err := jpeg.Encode(&raw, im, &jpeg.Options{Quality: 85}); err != nil {
					panic(fmt.Sprintf("TestMixedPDF: page %d: %v", i+1, err))
				}
			} else {
				z := zlib.NewWriter(&raw)
				for y := im.Bounds().Min.Y; y < im.Bounds().Max.Y; y++ {
					for x := im.Bounds().Min.X; x < im.Bounds().Max.X; x++ {
						r, g, bl, _ := im.At(x, y).RGBA()
						z.Write([]byte{byte(r >> 8), byte(g >> 8), byte(bl >> 8)})
					}
				}
				z.Close()
			}
			img = fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "+
				"/BitsPerComponent 8 /Filter %s /Length %d >>\nstream\n%s\nendstream", w, h, filter, raw.Len(), raw.Bytes())
		default:
			panic(fmt.Sprintf("TestMixedPDF: page %d is %T, not a string, an image or a Scan", i+1, page))
		}
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [%s] %s"+
			"/Resources << %s >> /Contents %d 0 R >>", box, annots, res, 5+3*i))
		obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", s.Len(), s.String()))
		obj(img)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.Bytes()
}
