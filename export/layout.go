package export

import (
	"fmt"
	"strings"

	"github.com/jung-kurt/gofpdf"

	"dossier/export/typeset"
)

// Page geometry, in millimetres (A4 portrait).
const (
	pageW, pageH = 210.0, 297.0
	margin       = 18.0
	contentW     = pageW - 2*margin
	footerY      = pageH - 12.0
	bodyBottom   = pageH - 20.0
	maxDPI       = 300.0
)

// doc wraps gofpdf with the bundle's fonts, footer and helpers. Its text
// methods (SetFont, CellFormat, MultiCell, GetStringWidth, SplitLines,
// Bookmark) are typeset's: any string can be laid out, characters no font
// has are shown by their code points and listed by Missing.
type doc struct {
	*typeset.PDF
	caseRef string // printed in every footer
	// running is the exhibit whose pages are being laid out, printed in
	// their footers, so that a page of a long text or sheet that flowed on
	// from the one before still says whose page it is.
	running string
	banner  string // "UNREDACTED ..." on every page of an unredacted copy
}

func newDoc(title, author, caseRef, banner string) *doc {
	f := gofpdf.New("P", "mm", "A4", "")
	d := &doc{PDF: typeset.New(f), caseRef: caseRef, banner: banner}
	f.SetMargins(margin, margin, margin)
	// Breaks are placed by hand: gofpdf's own would fire inside the footer.
	f.SetAutoPageBreak(false, 0)
	f.AliasNbPages("{nb}")
	f.SetTitle(title, true)
	f.SetAuthor(author, true)
	f.SetCreator("Dossier", true)
	f.SetProducer("Dossier", true)
	// Open at 100% with one page at a time, as e-bundle guidance asks.
	f.SetDisplayMode("default", "single")
	// Sorted catalogue entries make output byte-for-byte repeatable.
	f.SetCatalogSort(true)
	f.SetFooterFunc(d.footer)
	f.SetHeaderFunc(d.header)
	return d
}

func (d *doc) header() {
	if d.banner == "" {
		return
	}
	d.SetFont("dejavu", "B", 8)
	d.SetTextColor(180, 0, 0)
	d.SetXY(margin, 6)
	d.CellFormat(contentW, 5, d.banner, "", 0, "C", false, 0, "")
	d.SetTextColor(0, 0, 0)
	d.SetXY(margin, margin)
}

func (d *doc) footer() {
	d.SetFont("dejavu", "", 8)
	d.SetTextColor(90, 90, 90)
	d.SetXY(margin, footerY)
	d.CellFormat(contentW/2, 5, d.caseRef, "", 0, "L", false, 0, "")
	page := fmt.Sprintf("Page %d of {nb}", d.PageNo())
	if d.running != "" {
		page = "Exhibit " + d.running + " · " + page
	}
	d.CellFormat(contentW/2, 5, page, "", 0, "R", false, 0, "")
	d.SetTextColor(0, 0, 0)
}

// need starts a new page if h millimetres do not fit above the footer.
func (d *doc) need(h float64) {
	if d.GetY()+h > bodyBottom {
		d.AddPage()
	}
}

func (d *doc) heading(text string) {
	d.SetFont("dejavu", "B", 16)
	d.MultiCell(contentW, 8, text, "", "L", false)
	d.Ln(3)
}

func (d *doc) subheading(text string) {
	d.need(14)
	d.SetFont("dejavu", "B", 11)
	d.MultiCell(contentW, 6, text, "", "L", false)
	d.Ln(1)
}

// para typesets text with line breaks kept, page by page.
func (d *doc) para(text string, size float64) {
	d.SetFont("dejavu", "", size)
	lh := size * 0.5
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		for _, l := range d.SplitLines([]byte(line), contentW) {
			d.need(lh)
			d.CellFormat(contentW, lh, string(l), "", 1, "L", false, 0, "")
		}
		if line == "" {
			d.need(lh)
			d.Ln(lh)
		}
	}
}

// table draws rows with the given column widths (fractions of the
// content width), the first row as a bold header repeated on every page.
// Cells wrap; a row never splits across pages.
func (d *doc) table(widths []float64, rows [][]string, size float64, mono []bool) {
	d.tableOf(widths, len(rows), func(i int) ([]string, bool) { return rows[i], true }, size, mono)
}

// tableOf is table for n rows taken from row in order, as each is ready:
// it stops when row reports false.
func (d *doc) tableOf(widths []float64, n int, row func(int) ([]string, bool), size float64, mono []bool) {
	if n == 0 {
		return
	}
	headerRow, ok := row(0)
	if !ok {
		return
	}
	lh := size * 0.45
	// The font is set only when a cell needs another: a sheet of 100,000
	// rows has 700,000 cells, each measured and then drawn.
	const none = -1
	cur := none
	font := func(header, mono bool) {
		k := 0
		switch {
		case mono:
			k = 1
		case header:
			k = 2
		}
		if k != cur {
			d.setCellFont(header, mono, size)
			cur = k
		}
	}
	// Each column's cell is wrapped into the same memory row after row;
	// the header, drawn again inside a row at a page break, has its own.
	bodyLines, headerLines := make([]typeset.Wrapped, len(widths)), make([]typeset.Wrapped, len(widths))
	var draw func(row []string, header bool)
	draw = func(row []string, header bool) {
		lines := bodyLines
		if header {
			lines = headerLines
		}
		n := 1
		for i := range widths {
			cell := ""
			if i < len(row) {
				cell = row[i]
			}
			font(header, !header && i < len(mono) && mono[i])
			d.WrapTo(&lines[i], cell, widths[i]*contentW-2)
			n = max(n, lines[i].Len())
		}
		h := float64(n)*lh + 1.5
		if d.GetY()+h > bodyBottom {
			d.AddPage()
			cur = none // the footer set its own
			if !header {
				draw(headerRow, true)
			}
		}
		y := d.GetY()
		x := margin
		if header {
			d.SetFillColor(235, 238, 242)
			d.Rect(margin, y, contentW, h, "F")
		}
		for i, w := range widths {
			font(header, !header && i < len(mono) && mono[i])
			for j := range lines[i].Len() {
				d.SetXY(x+1, y+0.75+float64(j)*lh)
				d.DrawLine(w*contentW-2, lh, lines[i], j)
			}
			x += w * contentW
		}
		d.SetDrawColor(200, 200, 200)
		d.Line(margin, y+h, margin+contentW, y+h)
		d.SetDrawColor(0, 0, 0)
		d.SetXY(margin, y+h)
	}
	draw(headerRow, true)
	for i := 1; i < n; i++ {
		r, ok := row(i)
		if !ok {
			return
		}
		draw(r, false)
	}
}

func (d *doc) setCellFont(bold, mono bool, size float64) {
	switch {
	case mono:
		d.SetFont("mono", "", size*0.9)
	case bold:
		d.SetFont("dejavu", "B", size)
	default:
		d.SetFont("dejavu", "", size)
	}
}

// fitLine shortens s with an ellipsis to fit width w in the current font.
func fitLine(d *doc, s string, w float64) string { return d.Fit(s, w) }
