// Package redact applies marks to copies of exhibits when they are
// exported: it fills rectangles on images and on rasterised PDF pages with
// solid black, replaces spans of text, and checks that nothing marked is
// left in what will be written (LeakCheck). Its functions are pure: they
// take bytes and return bytes, never touch the case file and never change
// an original.
//
// Rectangles are given as fractions of the page or image (see Rect), so a
// mark drawn on a preview survives any rendering resolution.
//
//	png, err := redact.Image(f, rects)
//	pages, err := redact.PDF(ctx, pdf.New(), original, rects, 150)
//	err = redact.LeakCheck(map[string][]byte{"LW-3.png": png}, needles)
//
// Redaction fails closed: a rectangle outside its page, an unreadable image
// or a value still present is an error, and nothing is returned to write.
package redact

import (
	"errors"
	"fmt"
	"image"
	"math"
)

// ErrOutside means a rectangle lies (partly) outside its page or image, or
// names a page the document does not have. Nothing is produced.
var ErrOutside = errors.New("redaction rectangle outside the page")

// ErrUnreadable means an image could not be decoded.
var ErrUnreadable = errors.New("image cannot be read")

// Rect is a redaction rectangle on one page of an exhibit. Page is 1-based
// and always 1 for an image. X, Y, W and H are fractions (0 to 1) of the
// page's or image's width and height, measured from its top-left corner:
// {1, 0.1, 0.2, 0.5, 0.05} starts a tenth of the way across, a fifth of the
// way down, and is half the width wide. Fractions rather than pixels keep a
// mark valid whatever resolution a page is rendered at (a 100 dpi preview,
// a 200 dpi export). When converted to pixels, a rectangle is rounded
// outwards, so it never covers less than asked.
type Rect struct {
	Page       int
	X, Y, W, H float64
}

// slack tolerates floating-point error when a rectangle reaches the edge
// exactly (X+W computed as 1.0000000000000002).
const slack = 1e-9

// check reports whether r is a valid rectangle on a document of pages pages.
func (r Rect) check(pages int) error {
	for _, v := range []float64{r.X, r.Y, r.W, r.H} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("rectangle %v: not a number: %w", r, ErrOutside)
		}
	}
	if r.Page < 1 || r.Page > pages {
		return fmt.Errorf("rectangle on page %d of %d: %w", r.Page, pages, ErrOutside)
	}
	if r.W <= 0 || r.H <= 0 {
		return fmt.Errorf("rectangle %v: empty; give a width and height above 0: %w", r, ErrOutside)
	}
	if r.X < -slack || r.Y < -slack || r.X+r.W > 1+slack || r.Y+r.H > 1+slack {
		return fmt.Errorf("rectangle %v: reaches beyond 0..1 of the page: %w", r, ErrOutside)
	}
	return nil
}

// Pixels returns r in pixels of an image with bounds b, rounded outwards
// and clipped to b.
func (r Rect) Pixels(b image.Rectangle) image.Rectangle {
	w, h := float64(b.Dx()), float64(b.Dy())
	// A millionth of a pixel of tolerance keeps float error (0.1+0.2 is
	// 0.30000000000000004) from widening a rectangle by a whole pixel.
	const tol = 1e-6
	down := func(v float64) int { return int(math.Floor(v + tol)) }
	up := func(v float64) int { return int(math.Ceil(v - tol)) }
	px := image.Rect(down(r.X*w), down(r.Y*h), up((r.X+r.W)*w), up((r.Y+r.H)*h))
	return px.Add(b.Min).Intersect(b)
}

// FromPixels returns the Rect on page that covers px in an image with
// bounds b, for turning OCR word boxes (ocr.FindTerm) into marks. pad
// pixels are added on every side, clipped to the image, because OCR boxes
// hug the ink and anti-aliased edges of letters fall just outside them.
func FromPixels(page int, px, b image.Rectangle, pad int) Rect {
	px = px.Inset(-pad).Intersect(b).Sub(b.Min)
	w, h := float64(b.Dx()), float64(b.Dy())
	if w == 0 || h == 0 {
		return Rect{Page: page}
	}
	return Rect{
		Page: page,
		X:    float64(px.Min.X) / w, Y: float64(px.Min.Y) / h,
		W: float64(px.Dx()) / w, H: float64(px.Dy()) / h,
	}
}
