package redact

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"io"

	"dossier/casefile/imagefile"
)

// MaxPixels bounds the size of an image Image accepts (100 megapixels,
// about 400 MB decoded), so a malformed or hostile file cannot exhaust
// memory. It is checked from the header, before any pixel is decoded.
const MaxPixels = imagefile.MaxPixels

// Image decodes a PNG, JPEG, GIF, WebP or HEIC image, fills every
// rectangle with solid black and returns the result encoded as PNG. Only
// pixels are carried over: the output has no EXIF, XMP, ICC profile, text
// chunks or thumbnail, and an animated GIF keeps its first frame only.
// Every rectangle must be on page 1 and inside the image, or Image returns
// an error wrapping ErrOutside; an image that cannot be decoded, or has
// more than MaxPixels pixels, gives an error wrapping ErrUnreadable. On
// error no bytes are returned.
//
// The image is decoded as imagefile sees it: a JPEG's EXIF orientation is
// applied, as it is for previews, OCR and the marks drawn on them, so a
// portrait phone photo comes out upright with its boxes where they were
// drawn; the orientation tag itself is dropped with the other metadata.
func Image(src io.Reader, rects []Rect) (out []byte, err error) {
	data, err := io.ReadAll(src)
	if err != nil {
		return nil, fmt.Errorf("redact image: read: %w", err)
	}
	for _, r := range rects {
		if err := r.check(1); err != nil {
			return nil, fmt.Errorf("redact image: %w", err)
		}
	}
	img, _, err := imagefile.Decode(data)
	if err != nil {
		return nil, fmt.Errorf("redact image: %w (%v)", ErrUnreadable, err)
	}
	return encodeMarked(img, rects)
}

// encodeMarked copies img into a fresh RGBA image, fills rects black and
// encodes it as PNG. The copy drops everything but pixels, and Go's PNG
// encoder writes only IHDR, PLTE/tRNS, IDAT and IEND chunks.
func encodeMarked(img image.Image, rects []Rect) ([]byte, error) {
	b := img.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(dst, dst.Bounds(), img, b.Min, draw.Src)
	Fill(dst, rects)
	var buf bytes.Buffer
	if err := png.Encode(&buf, dst); err != nil {
		return nil, fmt.Errorf("encode png: %w", err)
	}
	return buf.Bytes(), nil
}

// Fill paints rects in solid opaque black on img, whatever their page
// (the caller picks the rectangles of img's page). Previews in the GUI use
// it to show exactly what export will write.
func Fill(img draw.Image, rects []Rect) {
	for _, r := range rects {
		draw.Draw(img, r.Pixels(img.Bounds()), image.Black, image.Point{}, draw.Src)
	}
}
