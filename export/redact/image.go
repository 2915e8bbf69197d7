package redact

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	_ "image/gif" // decoders for the formats screenshots and scans come in
	_ "image/jpeg"
	"image/png"
	"io"

	_ "golang.org/x/image/webp"
)

// MaxPixels bounds the size of an image Image accepts (100 megapixels,
// about 400 MB decoded), so a malformed or hostile file cannot exhaust
// memory.
const MaxPixels = 100_000_000

// Image decodes a PNG, JPEG, GIF or WebP image, fills every rectangle with
// solid black and returns the result encoded as PNG. Only pixels are
// carried over: the output has no EXIF, XMP, ICC profile, text chunks or
// thumbnail, and an animated GIF keeps its first frame only. Every
// rectangle must be on page 1 and inside the image, or Image returns an
// error wrapping ErrOutside; an image that cannot be decoded gives an error
// wrapping ErrUnreadable. On error no bytes are returned.
//
// Pixels are taken as stored: a JPEG's EXIF orientation is not applied
// (it is dropped with the rest of the metadata), because rectangles are
// measured on the image as image.Decode returns it, which is also what OCR
// and previews see. A photo taken sideways therefore comes out sideways,
// with its marks in the right place.
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
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("redact image: %w (%v); save it as PNG or JPEG and add it again", ErrUnreadable, err)
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return nil, fmt.Errorf("redact image: %w: %dx%d pixels is more than %d", ErrUnreadable, cfg.Width, cfg.Height, MaxPixels)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("redact image: %w (%s: %v)", ErrUnreadable, format, err)
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
