package ui

import (
	"fmt"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/export"
)

// Chart colours: the bundle's evidence summary page uses the same.
var (
	chartBar      = color.NRGBA{38, 84, 140, 255}
	chartTrack    = color.NRGBA{226, 231, 238, 255}
	chartElection = color.NRGBA{190, 30, 30, 255}
)

// chartsView is the evidence at a glance on the Overview tab: messages
// per day (polling day marked), linked messages per estate and the share
// of each estate's sheet numbers that received a text, each with a table
// of its numbers. The numbers come from export.GlanceOf, as the bundle's
// summary page does; here estate names are shown as the case has them.
type chartsView struct {
	cw    *caseWindow
	g     export.Glance
	box   *fyne.Container
	reads latest // the counts being read
}

func newChartsView(cw *caseWindow) *chartsView { return &chartsView{cw: cw} }

func (v *chartsView) buildUI() fyne.CanvasObject {
	v.box = container.NewVBox()
	return v.box
}

// reload counts again, in the background (it reads every row: about half
// a second on a case of 100,000, which froze the window as it opened),
// and redraws.
func (v *chartsView) reload() {
	if v.box == nil {
		return
	}
	ctx, c := v.cw.ctx, v.cw.c
	var g export.Glance
	var err error
	v.reads.read(v.cw, func() { g, err = export.GlanceOf(ctx, c, nil) }, func() { v.show(g, err) })
}

// show draws the counts g.
func (v *chartsView) show(g export.Glance, err error) {
	if err != nil {
		v.box.Objects = []fyne.CanvasObject{widget.NewLabel("The charts cannot be drawn: " + err.Error())}
		v.box.Refresh()
		return
	}
	v.g = g
	bold := func(s string) *widget.Label {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	objs := []fyne.CanvasObject{bold("Evidence at a glance")}
	per := "day"
	if g.Period == "week" {
		per = "week (from Monday)"
	}
	objs = append(objs, bold("Text messages received per "+per))
	if len(g.PerPeriod) == 0 {
		objs = append(objs, widget.NewLabel("No messages are recorded yet."))
	} else {
		objs = append(objs, periodChart(g), periodTable(g))
	}
	objs = append(objs, bold("Messages linked to a sheet row, per estate"))
	if len(g.PerEstate) == 0 {
		objs = append(objs, widget.NewLabel("No data-sheet rows are recorded yet."))
	} else {
		most := 1
		for _, e := range g.PerEstate {
			most = max(most, e.Linked)
		}
		objs = append(objs, estateBars(g, false, func(e export.EstateCount) (float64, string) {
			return float64(e.Linked) / float64(most), fmt.Sprint(e.Linked)
		}))
		cells := []string{"Estate", "Linked messages"}
		for _, e := range g.PerEstate {
			cells = append(cells, e.Estate, fmt.Sprint(e.Linked))
		}
		objs = append(objs, numberTable(2, cells))
		objs = append(objs, bold("Share of each estate's sheet numbers that received a text"))
		objs = append(objs, estateBars(g, true, func(e export.EstateCount) (float64, string) {
			return e.Share(), fmt.Sprintf("%d of %d", e.Texted, e.Numbers)
		}))
		cells = []string{"Estate", "Numbers", "Texted", "Share"}
		for _, e := range g.PerEstate {
			cells = append(cells, e.Estate, fmt.Sprint(e.Numbers), fmt.Sprint(e.Texted), fmt.Sprintf("%.0f%%", e.Share()*100))
		}
		objs = append(objs, numberTable(4, cells))
	}
	v.box.Objects = objs
	v.box.Refresh()
}

// periodChart draws one column per day (or week), polling day as a red
// line, with the first and last dates under it.
func periodChart(g export.Glance) fyne.CanvasObject {
	most := 1
	for _, p := range g.PerPeriod {
		most = max(most, p.Messages)
	}
	l := &columnsLayout{marker: g.ElectionIndex}
	var objs []fyne.CanvasObject
	for _, p := range g.PerPeriod {
		l.values = append(l.values, float64(p.Messages)/float64(most))
		objs = append(objs, canvas.NewRectangle(chartBar))
	}
	line := canvas.NewLine(chartElection)
	line.StrokeWidth = 2
	if g.ElectionIndex < 0 {
		line.Hide()
	}
	objs = append(objs, line)
	first, last := g.PerPeriod[0].Start, g.PerPeriod[len(g.PerPeriod)-1].Start
	axis := container.NewHBox(caption(shortDay(first)), layout.NewSpacer(), caption(fmt.Sprintf("most in one %s: %d", g.Period, most)),
		layout.NewSpacer(), caption(shortDay(last)))
	return container.NewVBox(container.New(l, objs...), axis)
}

// periodTable lists every day's (or week's) count, polling day noted.
func periodTable(g export.Glance) fyne.CanvasObject {
	head := "Day"
	if g.Period == "week" {
		head = "Week from"
	}
	cells := []string{head, "Messages", ""}
	for i, p := range g.PerPeriod {
		note := ""
		if i == g.ElectionIndex {
			note = "polling day"
		}
		t, _ := time.Parse(time.DateOnly, p.Start)
		cells = append(cells, t.Format("Mon 2 Jan 2006"), fmt.Sprint(p.Messages), note)
	}
	return numberTable(3, cells)
}

// estateBars draws one horizontal bar per estate, of frac of the width;
// track draws the full width behind it, for a share.
func estateBars(g export.Glance, track bool, frac func(export.EstateCount) (float64, string)) fyne.CanvasObject {
	var rows []fyne.CanvasObject
	for _, e := range g.PerEstate {
		f, label := frac(e)
		bg := canvas.NewRectangle(chartTrack)
		if !track {
			bg.Hide()
		}
		bar := container.New(&fractionLayout{f: f}, bg, canvas.NewRectangle(chartBar))
		name := widget.NewLabel(e.Estate)
		name.Truncation = fyne.TextTruncateEllipsis
		rows = append(rows, container.NewBorder(nil, nil,
			container.NewGridWrap(fyne.NewSize(130, name.MinSize().Height), name),
			container.NewGridWrap(fyne.NewSize(80, name.MinSize().Height), widget.NewLabel(label)), bar))
	}
	return container.NewVBox(rows...)
}

// numberTable lays cells out in cols columns, the first row bold.
func numberTable(cols int, cells []string) fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for i, c := range cells {
		l := widget.NewLabel(c)
		if i < cols {
			l.TextStyle = fyne.TextStyle{Bold: true}
		}
		objs = append(objs, l)
	}
	return container.NewGridWithColumns(cols, objs...)
}

func caption(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.SizeName = theme.SizeNameCaptionText
	return l
}

func shortDay(s string) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return t.Format("2 Jan 2006")
}

// columnsLayout places its objects as columns standing on the bottom
// edge, values[i] of the height each, and the last object, a line, over
// column marker.
type columnsLayout struct {
	values []float64
	marker int
}

func (l *columnsLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(float32(len(l.values))*6, 120)
}

func (l *columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if len(l.values) == 0 {
		return
	}
	slot := size.Width / float32(len(l.values))
	for i, v := range l.values {
		h := size.Height * float32(v)
		objs[i].Resize(fyne.NewSize(slot*0.7, h))
		objs[i].Move(fyne.NewPos(slot*float32(i)+slot*0.15, size.Height-h))
	}
	if l.marker >= 0 && len(objs) > len(l.values) {
		x := slot * (float32(l.marker) + 0.5)
		line := objs[len(l.values)]
		line.Move(fyne.NewPos(x, 0))
		line.Resize(fyne.NewSize(0, size.Height))
	}
}

// fractionLayout stretches its first object (the track) across the
// width and its second (the bar) across f of it.
type fractionLayout struct{ f float64 }

func (l *fractionLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(60, 18) }

func (l *fractionLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := size.Height * 0.2
	objs[0].Move(fyne.NewPos(0, pad))
	objs[0].Resize(fyne.NewSize(size.Width, size.Height-2*pad))
	objs[1].Move(fyne.NewPos(0, pad))
	objs[1].Resize(fyne.NewSize(size.Width*float32(l.f), size.Height-2*pad))
}
