package letter

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"dossier/export/typeset"
)

// PDFOptions set a letter PDF's metadata.
type PDFOptions struct {
	Title  string    // document title, e.g. the letter's subject
	Author string    // usually the complainant
	Date   time.Time // creation and modification date; required, so output is reproducible
}

// Page geometry in millimetres and points.
const (
	pageW, pageH  = 210.0, 297.0
	marginL       = 25.0
	marginR       = 20.0
	marginT       = 18.0
	marginB       = 20.0
	fontSize      = 10.5
	lineH         = 5.0
	paraGap       = 2.8
	recipientTopY = 52.0 // where a window envelope shows the address
	signatureGap  = 12.0 // room to sign by hand
	fontName      = "dejavu"
)

var (
	longDateRE = regexp.MustCompile(`^\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}$`)
	// A list item: "1. ", "- ", "• ", or an exhibit reference "LW/3 ".
	itemRE = regexp.MustCompile(`^(\d{1,2}\.|[-•]|[A-Z][A-Z0-9]{0,7}/\d+)\s+`)
)

// PDF typesets a letter's text as an A4 PDF. Text in the form Render
// produces is laid out as a letter: the first paragraph (the sender's
// address) top right, the date under it, the recipient's address on the
// left where a window envelope shows it, then the body. A paragraph
// starting "Re:" is set in bold; numbered lines, dashes and exhibit lines
// hang indented. Text that does not start with sender, date and recipient
// is set as plain paragraphs. Letters longer than a page carry "Page N of
// M" at the foot.
//
// The output depends only on text and opt: no producer, no file paths, no
// clock, so the same input gives the same bytes.
func PDF(text string, opt PDFOptions) ([]byte, error) {
	if opt.Date.IsZero() {
		return nil, errors.New("letter PDF: no date given; set PDFOptions.Date so the file is reproducible")
	}
	l := parseLayout(text)
	pages := 0
	for {
		pdf := newPDF(opt)
		total := pages
		pdf.SetFooterFunc(func() {
			if total > 1 {
				pdf.SetY(-14)
				pdf.SetFont(fontName, "", 8.5)
				pdf.SetTextColor(90, 90, 90)
				pdf.CellFormat(0, 5, fmt.Sprintf("Page %d of %d", pdf.PageNo(), total), "", 0, "C", false, 0, "")
				pdf.SetTextColor(0, 0, 0)
			}
		})
		pdf.AddPage()
		l.draw(pdf)
		if err := pdf.Error(); err != nil {
			return nil, fmt.Errorf("letter PDF: %w", err)
		}
		// A second pass knows the page count for the footer.
		if n := pdf.PageNo(); n > 1 && pages == 0 {
			pages = n
			continue
		}
		var b bytes.Buffer
		if err := pdf.Output(&b); err != nil {
			return nil, fmt.Errorf("letter PDF: %w", err)
		}
		return b.Bytes(), nil
	}
}

// newPDF makes the document. Text goes through typeset, so any string
// can be set: characters the fonts lack are shown by their code points.
func newPDF(opt PDFOptions) *typeset.PDF {
	pdf := typeset.New(gofpdf.New("P", "mm", "A4", ""))
	pdf.SetCatalogSort(true) // map order otherwise changes the bytes from run to run
	pdf.SetProducer("", false)
	pdf.SetCreationDate(opt.Date.UTC())
	pdf.SetModificationDate(opt.Date.UTC())
	if opt.Title != "" {
		pdf.SetTitle(opt.Title, true)
	}
	if opt.Author != "" {
		pdf.SetAuthor(opt.Author, true)
	}
	pdf.SetMargins(marginL, marginT, marginR)
	pdf.SetAutoPageBreak(true, marginB)
	pdf.SetDisplayMode("real", "default")
	return pdf
}

// layout is a letter split into its parts; each part is paragraphs of lines.
type layout struct {
	sender, date, recipient []string
	body                    [][]string
}

// parseLayout splits text at blank lines and recognises the heading.
func parseLayout(text string) layout {
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\t", "    ")
	var paras [][]string
	for _, p := range regexp.MustCompile(`\n[ \t]*\n`).Split(text, -1) {
		var lines []string
		for _, ln := range strings.Split(strings.Trim(p, "\n"), "\n") {
			lines = append(lines, strings.TrimRight(ln, " "))
		}
		if len(lines) > 0 && strings.TrimSpace(strings.Join(lines, "")) != "" {
			paras = append(paras, lines)
		}
	}
	if len(paras) >= 3 && len(paras[1]) == 1 && isDateLine(paras[1][0]) {
		return layout{sender: paras[0], date: paras[1], recipient: paras[2], body: paras[3:]}
	}
	return layout{body: paras}
}

func isDateLine(s string) bool {
	s = strings.TrimSpace(s)
	return longDateRE.MatchString(s) || s == "[date]"
}

func (l layout) draw(pdf *typeset.PDF) {
	pdf.SetFont(fontName, "", fontSize)
	right := pageW - marginR
	if len(l.sender) > 0 {
		// The sender's block sits against the right margin, its lines
		// aligned left within it, as UK letters set it.
		w := 0.0
		for _, ln := range append(l.sender, l.date...) {
			w = max(w, pdf.GetStringWidth(ln))
		}
		cm := pdf.GetCellMargin()
		x := right - min(w+2*cm, 85)
		for _, ln := range l.sender {
			pdf.SetX(x)
			pdf.MultiCell(right-x, lineH, ln, "", "L", false)
		}
		pdf.Ln(lineH)
		for _, ln := range l.date {
			pdf.SetX(x)
			pdf.MultiCell(right-x, lineH, ln, "", "L", false)
		}
		pdf.SetY(max(pdf.GetY()+lineH, recipientTopY))
		for _, ln := range l.recipient {
			pdf.MultiCell(90, lineH, ln, "", "L", false)
		}
		pdf.Ln(2 * lineH)
	}
	for i, p := range l.body {
		if i > 0 {
			pdf.Ln(paraGap)
		}
		style := ""
		if strings.HasPrefix(p[0], "Re:") || strings.HasPrefix(p[0], "Re ") {
			style = "B"
		}
		pdf.SetFont(fontName, style, fontSize)
		// The paragraph before the sign-off goes with it, so a page never
		// holds the signature alone.
		if i+1 < len(l.body) && isClosing(l.body[i+1]) && i+2 < len(l.body) {
			need := paraHeight(pdf, p) + paraGap + lineH + signatureGap + paraGap + lineH
			if pdf.GetY()+need > pageH-marginB && pdf.GetY() > marginT+lineH {
				pdf.AddPage()
			}
		}
		for _, ln := range p {
			drawLine(pdf, ln)
		}
		if isClosing(p) {
			pdf.Ln(signatureGap)
		}
	}
}

// drawLine sets one line of a paragraph, wrapping it, with a hanging
// indent for list items.
func drawLine(pdf *typeset.PDF, ln string) {
	if ln == "" {
		pdf.Ln(lineH)
		return
	}
	m := itemRE.FindStringSubmatch(ln)
	if m == nil {
		pdf.MultiCell(0, lineH, ln, "", "L", false)
		return
	}
	marker := m[1]
	rest := strings.TrimSpace(ln[len(m[0]):])
	indent := 7.0
	if strings.Contains(marker, "/") {
		indent = max(14, pdf.GetStringWidth(marker)+3)
	}
	pdf.SetX(marginL)
	pdf.CellFormat(indent, lineH, marker, "", 0, "L", false, 0, "")
	pdf.SetLeftMargin(marginL + indent)
	pdf.MultiCell(0, lineH, rest, "", "L", false)
	pdf.SetLeftMargin(marginL)
	pdf.SetX(marginL)
}

// paraHeight is the height a paragraph takes when set full width.
func paraHeight(pdf *typeset.PDF, p []string) float64 {
	w := pageW - marginL - marginR - 2*pdf.GetCellMargin()
	n := 0
	for _, ln := range p {
		n += max(1, len(pdf.SplitText(ln, w)))
	}
	return float64(n) * lineH
}

func isClosing(p []string) bool {
	if len(p) != 1 {
		return false
	}
	s := strings.ToLower(strings.TrimSpace(p[0]))
	return strings.HasPrefix(s, "yours ") || s == "kind regards," || s == "best wishes,"
}
