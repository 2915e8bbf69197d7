// Package imagefile decodes the images a case holds (PNG, JPEG, GIF,
// WebP, HEIC, and BMP and TIFF for previews) the one way every part of Dossier sees them: preview,
// OCR, marks, redaction and placement in a bundle.
//
//   - The size is read from the file's header first, and an image of more
//     than MaxPixels is refused before any pixel is decoded, so a small
//     file that claims 30000×30000 pixels (a decompression bomb) costs
//     nothing.
//   - A JPEG's EXIF orientation is applied once, here: a phone stores a
//     portrait photo as a landscape picture with "rotate 90°" in its
//     metadata, and everything downstream works on the picture as a
//     person sees it, so a box drawn over a caption covers that caption.
//     HEIC carries its rotation in the container, and the decoder applies
//     it.
//   - HEIC (an iPhone's default) is decoded by libheif and libde265
//     compiled to WebAssembly and run in pure Go (github.com/gen2brain/heic
//     on wazero): no system library, and the same on Windows, macOS and
//     Linux.
//
// Errors wrap ErrTooLarge or ErrUnreadable and say what to do; callers add
// the exhibit's reference or the file's name.
package imagefile

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/gif"
	"image/jpeg"
	"image/png"

	"github.com/gen2brain/heic"
	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"
	"golang.org/x/image/webp"
)

// MaxPixels bounds the images Decode accepts: 100 megapixels (about
// 400 MB decoded), more than any phone or scanner makes.
const MaxPixels = 100_000_000

var (
	// ErrTooLarge means an image has more than MaxPixels pixels.
	ErrTooLarge = errors.New("image too large")
	// ErrUnreadable means the bytes are not an image Dossier can decode.
	ErrUnreadable = errors.New("not a readable image")
)

// heicMinSide is the smallest width and height of a HEIC image decoded.
// The decoder (gen2brain/heic v0.4.5) lays out the planes libheif returns
// with strides it computes itself; for images narrower than about 100
// pixels libheif pads its rows further, and the result has misplaced
// colour or fails inside the WebAssembly module. Tested sizes from 99 to
// 4032 pixels wide decode exactly; phone photos are thousands wide.
const heicMinSide = 128

// Info is an image's header: its format and its size as it is seen, with
// the orientation applied (a portrait phone photo is taller than wide).
type Info struct {
	Format        string // "png", "jpeg", "gif", "webp", "heic", "bmp", "tiff"
	Width, Height int
	// Orientation is the EXIF orientation, 1 (as stored) to 8; Decode
	// has applied it.
	Orientation int
}

// Pixels is Width × Height.
func (i Info) Pixels() int64 { return int64(i.Width) * int64(i.Height) }

type decoder struct {
	decode func(*bytes.Reader) (image.Image, error)
	config func(*bytes.Reader) (image.Config, error)
}

var decoders = map[string]decoder{
	"png": {func(r *bytes.Reader) (image.Image, error) { return png.Decode(r) },
		func(r *bytes.Reader) (image.Config, error) { return png.DecodeConfig(r) }},
	"jpeg": {func(r *bytes.Reader) (image.Image, error) { return jpeg.Decode(r) },
		func(r *bytes.Reader) (image.Config, error) { return jpeg.DecodeConfig(r) }},
	"gif": {func(r *bytes.Reader) (image.Image, error) { return gif.Decode(r) },
		func(r *bytes.Reader) (image.Config, error) { return gif.DecodeConfig(r) }},
	"webp": {func(r *bytes.Reader) (image.Image, error) { return webp.Decode(r) },
		func(r *bytes.Reader) (image.Config, error) { return webp.DecodeConfig(r) }},
	"heic": {func(r *bytes.Reader) (image.Image, error) { return heic.Decode(r) },
		func(r *bytes.Reader) (image.Config, error) { return heic.DecodeConfig(r) }},
	"bmp": {func(r *bytes.Reader) (image.Image, error) { return bmp.Decode(r) },
		func(r *bytes.Reader) (image.Config, error) { return bmp.DecodeConfig(r) }},
	"tiff": {func(r *bytes.Reader) (image.Image, error) { return tiff.Decode(r) },
		func(r *bytes.Reader) (image.Config, error) { return tiff.DecodeConfig(r) }},
}

// Sniff names the format of data from its first bytes, or "".
func Sniff(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "png"
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return "jpeg"
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return "gif"
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return "webp"
	case bytes.HasPrefix(data, []byte("BM")):
		return "bmp"
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		return "tiff"
	case len(data) >= 12 && string(data[4:8]) == "ftyp":
		switch string(data[8:12]) {
		case "heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1":
			return "heic"
		}
	}
	return ""
}

// DecodeConfig reads data's header: format and size as seen. It decodes
// no pixels.
func DecodeConfig(data []byte) (Info, error) {
	format := Sniff(data)
	d, ok := decoders[format]
	if !ok {
		return Info{}, fmt.Errorf("%w: not PNG, JPEG, GIF, WebP, HEIC, BMP or TIFF; save it as PNG or JPEG and add that", ErrUnreadable)
	}
	cfg, err := safeConfig(d, data)
	if err != nil {
		return Info{}, fmt.Errorf("%w: %s header: %v; save it as PNG or JPEG and add that", ErrUnreadable, format, err)
	}
	info := Info{Format: format, Width: cfg.Width, Height: cfg.Height, Orientation: 1}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return Info{}, fmt.Errorf("%w: %s of %dx%d pixels", ErrUnreadable, format, cfg.Width, cfg.Height)
	}
	if format == "heic" && min(cfg.Width, cfg.Height) < heicMinSide {
		return Info{}, fmt.Errorf("%w: a HEIC image of %dx%d pixels is too small to decode reliably here; convert it to JPEG (on an iPhone: share it with Mail, or set Settings › Camera › Formats › Most Compatible) and add that",
			ErrUnreadable, cfg.Width, cfg.Height)
	}
	if format == "jpeg" || format == "png" || format == "tiff" {
		info.Orientation = Orientation(data)
	}
	if info.Orientation >= 5 { // a quarter turn: width and height swap
		info.Width, info.Height = info.Height, info.Width
	}
	return info, nil
}

// Decode decodes data as it is seen: its header is checked against
// MaxPixels first, and its EXIF orientation applied.
func Decode(data []byte) (image.Image, Info, error) {
	return DecodeLimit(data, MaxPixels)
}

// DecodeLimit is Decode with another pixel limit.
func DecodeLimit(data []byte, maxPixels int64) (image.Image, Info, error) {
	info, err := DecodeConfig(data)
	if err != nil {
		return nil, Info{}, err
	}
	if info.Pixels() > maxPixels {
		return nil, Info{}, fmt.Errorf("%w: %dx%d pixels (%.0f megapixels) is more than the %.0f megapixel limit; scale it down and add that copy",
			ErrTooLarge, info.Width, info.Height, float64(info.Pixels())/1e6, float64(maxPixels)/1e6)
	}
	img, err := safeDecode(decoders[info.Format], data)
	if err != nil {
		return nil, Info{}, fmt.Errorf("%w: %s: %v; save it as PNG or JPEG and add that", ErrUnreadable, info.Format, err)
	}
	// The pixels must be what the header promised: a decoder that
	// returned more would have escaped the limit.
	if b := img.Bounds(); int64(b.Dx())*int64(b.Dy()) > maxPixels {
		return nil, Info{}, fmt.Errorf("%w: decoded to %dx%d pixels", ErrTooLarge, b.Dx(), b.Dy())
	}
	return Orient(img, info.Orientation), info, nil
}

// safeConfig and safeDecode turn a decoder's panic into an error: a
// third-party parser must not take the program down with it.
func safeConfig(d decoder, data []byte) (cfg image.Config, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("decoder failed: %v", r)
		}
	}()
	return d.config(bytes.NewReader(data))
}

func safeDecode(d decoder, data []byte) (img image.Image, err error) {
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("decoder failed: %v", r)
		}
	}()
	return d.decode(bytes.NewReader(data))
}

// Orient returns img turned and flipped as EXIF orientation o (1-8) says;
// 1 and unknown values return img itself.
func Orient(img image.Image, o int) image.Image {
	if o < 2 || o > 8 {
		return img
	}
	b := img.Bounds()
	src := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(src, src.Bounds(), img, b.Min, draw.Src)
	w, h := b.Dx(), b.Dy()
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := 0; y < h; y++ {
		row := src.Pix[y*src.Stride : y*src.Stride+4*w]
		for x := 0; x < w; x++ {
			var dx, dy int
			switch o {
			case 2: // mirrored
				dx, dy = w-1-x, y
			case 3: // upside down
				dx, dy = w-1-x, h-1-y
			case 4: // upside down, mirrored
				dx, dy = x, h-1-y
			case 5: // transposed
				dx, dy = y, x
			case 6: // stored turned left: turn right
				dx, dy = h-1-y, x
			case 7: // transverse
				dx, dy = h-1-y, w-1-x
			case 8: // stored turned right: turn left
				dx, dy = y, w-1-x
			}
			copy(dst.Pix[dy*dst.Stride+4*dx:dy*dst.Stride+4*dx+4], row[4*x:4*x+4])
		}
	}
	return dst
}
