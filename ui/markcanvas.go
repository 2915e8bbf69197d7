package ui

import (
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/casefile"
)

// frac is a rectangle in fractions (0..1) of a page's width and height,
// the unit marks are stored in.
type frac struct{ X, Y, W, H float64 }

// canvasMark is one rectangle the mark canvas draws.
type canvasMark struct {
	ID     int64
	Status string // casefile.MarkAccepted or casefile.MarkSuggested
	R      frac
}

// Colours of the marks: accepted ones dark, suggestions orange and see-
// through, the selected one outlined in the theme's primary colour, and a
// rectangle being drawn in red.
var (
	acceptedFill    = color.NRGBA{0, 0, 0, 150}
	acceptedStroke  = color.NRGBA{0, 0, 0, 255}
	suggestedFill   = color.NRGBA{255, 140, 0, 50}
	suggestedStroke = color.NRGBA{230, 110, 0, 255}
	drawingFill     = color.NRGBA{220, 0, 0, 40}
	drawingStroke   = color.NRGBA{220, 0, 0, 255}
)

// minDrawPx is the smallest rectangle, in screen pixels either way, that a
// drag draws; anything smaller is taken for a slip of the mouse.
const minDrawPx = 4

// markCanvas shows one page image with its marks drawn over it and turns
// mouse gestures into rectangles: press, drag and release on the page draws
// one; a tap selects the rectangle under the pointer; dragging the selected
// rectangle moves it. It only reports gestures (onDraw, onSelect, onMove,
// onDelete); the redact tab decides what they do to the case.
type markCanvas struct {
	widget.BaseWidget

	img      image.Image
	marks    []canvasMark
	selected int64 // mark id, 0 for none
	editable bool  // false in the redacted preview: nothing is drawn over it

	onDraw   func(r frac)
	onSelect func(id int64)
	onMove   func(id int64, r frac)
	onDelete func(id int64)

	// Gesture state. Positions are in the widget's coordinates.
	pressed  bool
	dragging bool
	moving   bool
	start    fyne.Position
	cur      fyne.Position
}

func newMarkCanvas() *markCanvas {
	m := &markCanvas{editable: true}
	m.ExtendBaseWidget(m)
	return m
}

// setPage shows img with marks; selected stays selected if still there.
func (m *markCanvas) setPage(img image.Image, marks []canvasMark, editable bool) {
	m.img, m.marks, m.editable = img, marks, editable
	if m.find(m.selected) < 0 {
		m.selected = 0
	}
	m.Refresh()
}

func (m *markCanvas) find(id int64) int {
	for i, k := range m.marks {
		if k.ID == id && id != 0 {
			return i
		}
	}
	return -1
}

// area is where the image is drawn in a widget of the given size: fitted
// whole and centred, as canvas.ImageFillContain does.
func (m *markCanvas) area(size fyne.Size) (fyne.Position, fyne.Size) {
	if m.img == nil {
		return fyne.Position{}, fyne.Size{}
	}
	b := m.img.Bounds()
	iw, ih := float32(b.Dx()), float32(b.Dy())
	if iw <= 0 || ih <= 0 || size.Width <= 0 || size.Height <= 0 {
		return fyne.Position{}, fyne.Size{}
	}
	s := min(size.Width/iw, size.Height/ih)
	d := fyne.NewSize(iw*s, ih*s)
	return fyne.NewPos((size.Width-d.Width)/2, (size.Height-d.Height)/2), d
}

// toFrac converts a widget position to page fractions, clamped to the page.
func (m *markCanvas) toFrac(p fyne.Position) (float64, float64) {
	o, d := m.area(m.Size())
	if d.Width == 0 || d.Height == 0 {
		return 0, 0
	}
	x := float64((p.X - o.X) / d.Width)
	y := float64((p.Y - o.Y) / d.Height)
	return clamp01(x), clamp01(y)
}

// toScreen converts page fractions to a widget position and size.
func (m *markCanvas) toScreen(r frac) (fyne.Position, fyne.Size) {
	o, d := m.area(m.Size())
	return fyne.NewPos(o.X+float32(r.X)*d.Width, o.Y+float32(r.Y)*d.Height),
		fyne.NewSize(float32(r.W)*d.Width, float32(r.H)*d.Height)
}

func clamp01(v float64) float64 { return math.Max(0, math.Min(1, v)) }

// hit is the mark under p, preferring the selected one and then the
// smallest, so a small box inside a big one can still be picked.
func (m *markCanvas) hit(p fyne.Position) int64 {
	x, y := m.toFrac(p)
	var best int64
	bestArea := math.Inf(1)
	for _, k := range m.marks {
		if x < k.R.X || y < k.R.Y || x > k.R.X+k.R.W || y > k.R.Y+k.R.H {
			continue
		}
		if k.ID == m.selected {
			return k.ID
		}
		if a := k.R.W * k.R.H; a < bestArea {
			best, bestArea = k.ID, a
		}
	}
	return best
}

// drawn is the rectangle the current drag describes, in fractions.
func (m *markCanvas) drawn() frac {
	x0, y0 := m.toFrac(m.start)
	x1, y1 := m.toFrac(m.cur)
	return frac{math.Min(x0, x1), math.Min(y0, y1), math.Abs(x1 - x0), math.Abs(y1 - y0)}
}

// moved is the selected rectangle shifted by the current drag, kept on the page.
func (m *markCanvas) moved() (frac, bool) {
	i := m.find(m.selected)
	if i < 0 {
		return frac{}, false
	}
	r := m.marks[i].R
	_, d := m.area(m.Size())
	if d.Width == 0 || d.Height == 0 {
		return r, false
	}
	r.X = math.Max(0, math.Min(1-r.W, r.X+float64((m.cur.X-m.start.X)/d.Width)))
	r.Y = math.Max(0, math.Min(1-r.H, r.Y+float64((m.cur.Y-m.start.Y)/d.Height)))
	return r, true
}

// MouseDown remembers where a drag starts: Fyne reports a drag only once
// the pointer has moved a few pixels, by which time it is elsewhere.
func (m *markCanvas) MouseDown(ev *desktop.MouseEvent) {
	if ev.Button == desktop.MouseButtonPrimary {
		m.pressed = true
		m.start = ev.Position
	}
}

// MouseUp ends a press; DragEnd does the work of a drag.
func (m *markCanvas) MouseUp(*desktop.MouseEvent) { m.pressed = false }

// Dragged follows the pointer. The position of the first event is where
// the drag started when no MouseDown came first (touch, and Fyne's test
// driver); deltas are added up from there.
func (m *markCanvas) Dragged(ev *fyne.DragEvent) {
	if !m.editable || m.img == nil {
		return
	}
	if !m.dragging {
		m.dragging = true
		if !m.pressed {
			m.start = ev.Position
		}
		m.cur = m.start
		m.moving = m.selected != 0 && m.hit(m.start) == m.selected
	}
	m.cur = m.cur.AddXY(ev.Dragged.DX, ev.Dragged.DY)
	m.Refresh()
}

// DragEnd draws or moves a rectangle.
func (m *markCanvas) DragEnd() {
	if !m.dragging {
		return
	}
	m.dragging = false
	dx, dy := m.cur.X-m.start.X, m.cur.Y-m.start.Y
	if m.moving {
		m.moving = false
		r, ok := m.moved()
		if ok && (dx != 0 || dy != 0) && m.onMove != nil {
			m.onMove(m.selected, r)
		}
		m.Refresh()
		return
	}
	r := m.drawn()
	m.Refresh()
	if math.Abs(float64(dx)) < minDrawPx || math.Abs(float64(dy)) < minDrawPx || r.W <= 0 || r.H <= 0 {
		return
	}
	if m.onDraw != nil {
		m.onDraw(r)
	}
}

// Tapped selects the rectangle under the pointer, or none, and takes the
// keyboard focus so Delete acts on the selection.
func (m *markCanvas) Tapped(ev *fyne.PointEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(m); c != nil {
		c.Focus(m)
	}
	if !m.editable {
		return
	}
	m.selectMark(m.hit(ev.Position))
}

func (m *markCanvas) selectMark(id int64) {
	m.selected = id
	m.Refresh()
	if m.onSelect != nil {
		m.onSelect(id)
	}
}

// Cursor is a cross-hair: the canvas is for drawing.
func (m *markCanvas) Cursor() desktop.Cursor { return desktop.CrosshairCursor }

// FocusGained is part of fyne.Focusable.
func (m *markCanvas) FocusGained() {}

// FocusLost is part of fyne.Focusable.
func (m *markCanvas) FocusLost() {}

// TypedRune is part of fyne.Focusable.
func (m *markCanvas) TypedRune(rune) {}

// TypedKey deletes the selected rectangle on Delete or Backspace and
// clears the selection on Escape.
func (m *markCanvas) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyDelete, fyne.KeyBackspace:
		if m.selected != 0 && m.editable && m.onDelete != nil {
			m.onDelete(m.selected)
		}
	case fyne.KeyEscape:
		m.selectMark(0)
	}
}

// CreateRenderer is part of fyne.Widget.
func (m *markCanvas) CreateRenderer() fyne.WidgetRenderer {
	r := &markCanvasRenderer{m: m, raster: canvas.NewImageFromImage(nil)}
	r.raster.FillMode = canvas.ImageFillContain
	r.raster.ScaleMode = canvas.ImageScaleSmooth
	r.rebuild()
	return r
}

type markCanvasRenderer struct {
	m      *markCanvas
	raster *canvas.Image
	boxes  []*canvas.Rectangle
	frames []frac // the fractions each box stands for
	objs   []fyne.CanvasObject
}

func (r *markCanvasRenderer) box(f frac, fill, stroke color.Color, width float32) {
	b := canvas.NewRectangle(fill)
	b.StrokeColor, b.StrokeWidth = stroke, width
	r.boxes = append(r.boxes, b)
	r.frames = append(r.frames, f)
}

// rebuild makes one rectangle per mark, the selected one last so that it
// is drawn on top.
func (r *markCanvasRenderer) rebuild() {
	m := r.m
	r.boxes, r.frames = nil, nil
	if r.raster.Image != m.img {
		r.raster.Image = m.img
		r.raster.Refresh()
	}
	if m.img != nil && m.editable {
		sel := -1
		for i, k := range m.marks {
			if k.ID == m.selected {
				sel = i
				continue
			}
			r.markBox(k, false)
		}
		if sel >= 0 {
			k := m.marks[sel]
			if m.dragging && m.moving {
				k.R, _ = m.moved()
			}
			r.markBox(k, true)
		}
		if m.dragging && !m.moving {
			r.box(m.drawn(), drawingFill, drawingStroke, 2)
		}
	}
	r.objs = []fyne.CanvasObject{r.raster}
	for _, b := range r.boxes {
		r.objs = append(r.objs, b)
	}
}

func (r *markCanvasRenderer) markBox(k canvasMark, selected bool) {
	fill, stroke, width := color.Color(suggestedFill), color.Color(suggestedStroke), float32(2)
	if k.Status == casefile.MarkAccepted {
		fill, stroke = acceptedFill, acceptedStroke
	}
	if selected {
		stroke, width = theme.Color(theme.ColorNamePrimary), 3
	}
	r.box(k.R, fill, stroke, width)
}

func (r *markCanvasRenderer) Layout(size fyne.Size) {
	r.raster.Resize(size)
	r.raster.Move(fyne.Position{})
	for i, b := range r.boxes {
		p, s := r.m.toScreen(r.frames[i])
		b.Move(p)
		b.Resize(s)
	}
}

func (r *markCanvasRenderer) MinSize() fyne.Size { return fyne.NewSize(200, 200) }

func (r *markCanvasRenderer) Refresh() {
	r.rebuild()
	r.Layout(r.m.Size())
	canvas.Refresh(r.m)
}

func (r *markCanvasRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *markCanvasRenderer) Destroy() {}
