package export

import (
	"fmt"
	"time"
)

// Chart geometry in millimetres and colours, for the evidence summary page.
const (
	chartH      = 38.0 // plot height of the messages-per-period chart
	chartAxisW  = 9.0  // room for the count labels left of the plot
	estateLabel = 48.0 // room for estate names left of horizontal bars
	estateRowH  = 6.0
)

var (
	barColour      = [3]int{38, 84, 140}
	shareBgColour  = [3]int{226, 231, 238}
	electionColour = [3]int{190, 30, 30}
	gridColour     = [3]int{205, 205, 205}
)

// glancePage draws the evidence at a glance, the page after the cover:
// messages per day (polling day marked when it is set), linked messages
// per estate and the share of each estate's sheet numbers that received
// a text, each chart drawn with lines and rectangles (sharp at any zoom,
// the same bytes every time) and followed by a table of its numbers.
func (b *builder) glancePage(in glanceInput) {
	g := in.glance(b.text)
	d := b.d
	d.heading("Evidence at a glance")
	d.para(fmt.Sprintf("%d text %s recorded, %d of them linked to a row of a data sheet. The charts are drawn from the case's "+
		"messages, sheet rows and links; the table under each gives its numbers.", g.Messages, plural(g.Messages, "message is", "messages are"), g.Linked), 9.5)
	d.Ln(2)
	b.periodChart(g)
	d.Ln(4)
	b.estateCharts(g)
}

// periodChart draws messages per day (or week) as vertical bars, with
// polling day as a red line, and the table of counts.
func (b *builder) periodChart(g Glance) {
	d := b.d
	per := "day"
	if g.Period == "week" {
		per = "week (weeks start on Monday)"
	}
	d.subheading("Text messages received per " + per)
	if len(g.PerPeriod) == 0 {
		d.para("No messages are recorded in this case yet.", 9.5)
		return
	}
	d.need(chartH + 16)
	most := 1
	for _, p := range g.PerPeriod {
		most = max(most, p.Messages)
	}
	x0, y0 := margin+chartAxisW, d.GetY()+6
	plotW := contentW - chartAxisW
	slot := plotW / float64(len(g.PerPeriod))
	barW := slot * 0.7
	base := y0 + chartH
	// Grid lines and their counts: 0, the most, and half way when whole.
	d.SetFont("dejavu", "", 7)
	ticks := []int{0, most}
	if most >= 4 && most%2 == 0 {
		ticks = []int{0, most / 2, most}
	}
	for _, t := range ticks {
		y := base - chartH*float64(t)/float64(most)
		d.setDraw(gridColour)
		d.SetLineWidth(0.2)
		d.Line(x0, y, x0+plotW, y)
		d.SetXY(margin, y-2)
		d.CellFormat(chartAxisW-1.5, 4, fmt.Sprint(t), "", 0, "R", false, 0, "")
	}
	label := max(1, (len(g.PerPeriod)+15)/16) // at most 16 date labels
	for i, p := range g.PerPeriod {
		x := x0 + slot*float64(i) + (slot-barW)/2
		if p.Messages > 0 {
			h := chartH * float64(p.Messages) / float64(most)
			d.setFill(barColour)
			d.Rect(x, base-h, barW, h, "F")
		}
		if i%label == 0 {
			t, _ := time.Parse(time.DateOnly, p.Start)
			d.SetXY(x0+slot*float64(i)-2, base+1)
			d.CellFormat(slot*float64(label)+4, 4, t.Format("2 Jan"), "", 0, "L", false, 0, "")
		}
	}
	if g.ElectionIndex >= 0 {
		x := x0 + slot*(float64(g.ElectionIndex)+0.5)
		d.setDraw(electionColour)
		d.SetLineWidth(0.5)
		d.SetDashPattern([]float64{1.2, 0.8}, 0)
		d.Line(x, y0-3, x, base)
		d.SetDashPattern([]float64{}, 0)
		d.SetTextColor(electionColour[0], electionColour[1], electionColour[2])
		d.SetXY(min(x+1, x0+plotW-22), y0-6)
		d.CellFormat(22, 4, "Polling day", "", 0, "L", false, 0, "")
		d.SetTextColor(0, 0, 0)
	}
	d.setDraw([3]int{0, 0, 0})
	d.SetLineWidth(0.3)
	d.Line(x0, base, x0+plotW, base)
	d.SetLineWidth(0.2)
	d.SetXY(margin, base+7)
	head := "Day"
	if g.Period == "week" {
		head = "Week from"
	}
	rows := [][]string{{head, "Messages", ""}}
	for i, p := range g.PerPeriod {
		t, _ := time.Parse(time.DateOnly, p.Start)
		note := ""
		if i == g.ElectionIndex {
			e, _ := time.Parse(time.DateOnly, g.Election)
			note = "polling day, " + longDate(e)
		}
		rows = append(rows, []string{t.Format("Mon 2 Jan 2006"), fmt.Sprint(p.Messages), note})
	}
	if g.Election != "" && g.ElectionIndex < 0 {
		e, _ := time.Parse(time.DateOnly, g.Election)
		rows = append(rows, []string{"", "", fmt.Sprintf("polling day, %s, is more than %d days from the messages and not drawn", longDate(e), GlanceElectionReach)})
	}
	d.table([]float64{0.3, 0.2, 0.5}, rows, 8.5, nil)
}

// estateCharts draws linked messages per estate and the share of each
// estate's sheet numbers that received a text, each with its table.
func (b *builder) estateCharts(g Glance) {
	d := b.d
	d.subheading("Messages linked to a sheet row, per estate")
	if len(g.PerEstate) == 0 {
		d.para("No data-sheet rows are recorded in this case yet.", 9.5)
		return
	}
	most := 1
	for _, e := range g.PerEstate {
		most = max(most, e.Linked)
	}
	b.hbars(g, func(e EstateCount) (float64, string) {
		return float64(e.Linked) / float64(most), fmt.Sprint(e.Linked)
	}, false)
	rows := [][]string{{"Estate", "Linked messages"}}
	for _, e := range g.PerEstate {
		rows = append(rows, []string{e.Estate, fmt.Sprint(e.Linked)})
	}
	d.table([]float64{0.5, 0.5}, rows, 8.5, nil)
	d.Ln(1)
	d.para("A message linked to two rows of one estate (a household sharing a number) counts once.", 8)
	d.Ln(4)

	d.subheading("Share of each estate's sheet numbers that received a text")
	b.hbars(g, func(e EstateCount) (float64, string) {
		return e.Share(), fmt.Sprintf("%d of %d (%s)", e.Texted, e.Numbers, percent(e.Share()))
	}, true)
	rows = [][]string{{"Estate", "Numbers on the sheets", "Received a text", "Share"}}
	for _, e := range g.PerEstate {
		rows = append(rows, []string{e.Estate, fmt.Sprint(e.Numbers), fmt.Sprint(e.Texted), percent(e.Share())})
	}
	d.table([]float64{0.4, 0.2, 0.2, 0.2}, rows, 8.5, nil)
	d.Ln(1)
	d.para("A number counts once however many rows list it; it received a text when a message is linked to a row that lists it.", 8)
}

// hbars draws one horizontal bar per estate, of length frac(e) of the
// plot, with a label after it; track draws the whole plot width behind
// each bar, for a share.
func (b *builder) hbars(g Glance, frac func(EstateCount) (float64, string), track bool) {
	d := b.d
	x0 := margin + estateLabel
	plotW := contentW - estateLabel - 28
	for _, e := range g.PerEstate {
		d.need(estateRowH + 2)
		y := d.GetY()
		f, label := frac(e)
		d.SetFont("dejavu", "", 8)
		d.SetXY(margin, y)
		d.CellFormat(estateLabel-2, estateRowH, clipTo(d, e.Estate, estateLabel-3), "", 0, "R", false, 0, "")
		if track {
			d.setFill(shareBgColour)
			d.Rect(x0, y+1, plotW, estateRowH-2, "F")
		}
		if f > 0 {
			d.setFill(barColour)
			d.Rect(x0, y+1, plotW*f, estateRowH-2, "F")
		}
		d.SetXY(x0+plotW*max(f, 0)+1.5, y)
		if track {
			d.SetXY(x0+plotW+1.5, y)
		}
		d.CellFormat(28, estateRowH, label, "", 0, "L", false, 0, "")
		d.SetXY(margin, y+estateRowH)
	}
	d.Ln(2)
}

func percent(f float64) string { return fmt.Sprintf("%.0f%%", f*100) }

// clipTo shortens s with an ellipsis to fit w millimetres in the current
// font; the table under the chart has the name in full.
func clipTo(d *doc, s string, w float64) string {
	if d.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && d.GetStringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

func (d *doc) setFill(c [3]int) { d.SetFillColor(c[0], c[1], c[2]) }
func (d *doc) setDraw(c [3]int) { d.SetDrawColor(c[0], c[1], c[2]) }
