package export

import (
	"fmt"
	"math"
)

// Index geometry: one line per entry, so the pages it needs are known
// before the sections it points to are laid out.
const (
	indexRowH  = 6.0
	indexTopY  = margin + 16 // below the heading
	indexFirst = (bodyBottom - indexTopY) / indexRowH
	indexNext  = (bodyBottom - margin) / indexRowH
)

// reserveIndex leaves the pages the index needs blank (its heading only)
// and returns their page numbers; index fills them at the end, when every
// entry's page is known.
func (b *builder) reserveIndex() []int {
	n := len(b.entries)
	pages := 1
	if float64(n) > math.Floor(indexFirst) {
		pages += int(math.Ceil((float64(n) - math.Floor(indexFirst)) / math.Floor(indexNext)))
	}
	b.d.heading("Index")
	out := []int{b.d.PageNo()}
	for i := 1; i < pages; i++ {
		b.d.AddPage()
		out = append(out, b.d.PageNo())
	}
	return out
}

// index writes the index onto its reserved pages: every section and
// exhibit with its reference, title, date and starting page, each line a
// link to that page.
func (b *builder) index(e *entry, pages []int) {
	d := b.d
	p := 0
	d.SetPage(pages[p])
	y := indexTopY
	d.SetFont("dejavu", "", 9.5)
	for _, en := range b.entries {
		if y+indexRowH > bodyBottom {
			p++
			d.SetPage(pages[p])
			y = margin
		}
		x := margin
		refW, dateW, pageW := 18.0, 24.0, 14.0
		titleW := contentW - refW - dateW - pageW
		title := en.title
		if en.level == 0 {
			d.SetFont("dejavu", "B", 9.5)
		} else {
			d.SetFont("dejavu", "", 9.5)
			x += 4
			titleW -= 4
		}
		title = fitLine(d, title, titleW-2)
		d.SetXY(x, y)
		d.CellFormat(refW, indexRowH, en.ref, "", 0, "L", false, 0, "")
		d.CellFormat(titleW, indexRowH, title, "", 0, "L", false, 0, "")
		d.CellFormat(dateW, indexRowH, en.date, "", 0, "L", false, 0, "")
		d.CellFormat(pageW, indexRowH, fmt.Sprintf("p. %d", en.page), "", 0, "R", false, 0, "")
		d.Link(margin, y, contentW, indexRowH, en.link)
		d.SetDrawColor(225, 225, 225)
		d.Line(margin, y+indexRowH, margin+contentW, y+indexRowH)
		d.SetDrawColor(0, 0, 0)
		y += indexRowH
	}
	d.SetPage(d.PageCount())
}
