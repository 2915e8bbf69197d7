// Package ocr reads the words on an image (a text-message screenshot, a
// scanned data sheet) with the tesseract program, and helps with what
// Dossier does with them: group words into lines, propose a message's
// sender, time and body from a screenshot, and find the boxes of a name or
// phone number so that redaction rectangles can be proposed.
//
// OCR is optional at runtime. Without tesseract, New still returns an
// Engine whose Words method fails with ErrMissing, whose message tells the
// user how to install it; everything else in Dossier works without it.
//
//	words, err := ocr.New().Words(ctx, img)
//	p := ocr.ProposeMessage(words)          // for the user to confirm
//	rects := ocr.FindTerm(words, "07700 900123")
//
// Everything here proposes; a person decides.
package ocr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"

	"golang.org/x/image/draw"
)

// Word is one word read by tesseract. Box is in pixels of the image given
// to Words; Conf is tesseract's confidence, 0 to 100. Block, Par, Line and
// Num are tesseract's block, paragraph, line and word numbers, which say
// which words share a line.
type Word struct {
	Text  string
	Conf  float64
	Box   image.Rectangle
	Block int
	Par   int
	Line  int
	Num   int
}

// Engine reads words off an image. Words returns an error wrapping
// ErrMissing when no OCR program is installed, and honours ctx.
type Engine interface {
	Words(ctx context.Context, img image.Image) ([]Word, error)
}

// Available reports whether tesseract is installed, on PATH or in the
// folder its installer uses.
func Available() bool {
	_, err := findTesseract()
	return err == nil
}

// New returns an Engine that runs tesseract with English. It is returned
// even when tesseract is missing; Words then fails with ErrMissing.
func New() Engine { return tesseract{lang: "eng"} }

type tesseract struct{ lang string }

// minWidth is the width below which an image is enlarged before OCR:
// tesseract reads small phone-screenshot text (under about 20 px high)
// much less reliably. Boxes are scaled back to the caller's image.
const minWidth = 800

func (t tesseract) Words(ctx context.Context, img image.Image) ([]Word, error) {
	path, err := findTesseract()
	if err != nil {
		return nil, fmt.Errorf("ocr: %w", ErrMissing)
	}
	b := img.Bounds()
	if b.Empty() {
		return nil, errors.New("ocr: empty image")
	}
	scale := 1
	src := img
	if b.Dx() < minWidth {
		scale = (minWidth + b.Dx() - 1) / b.Dx()
		if scale > 4 {
			scale = 4
		}
		big := image.NewRGBA(image.Rect(0, 0, b.Dx()*scale, b.Dy()*scale))
		draw.CatmullRom.Scale(big, big.Bounds(), img, b, draw.Src, nil)
		src = big
	}
	var in bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&in, src); err != nil {
		return nil, fmt.Errorf("ocr: encode image: %w", err)
	}
	// The image goes in on standard input and the TSV comes back on
	// standard output, so no temporary file holds a resident's screenshot.
	cmd := exec.CommandContext(ctx, path, "stdin", "stdout", "-l", t.lang, "tsv")
	// One thread per run: on a laptop that also runs the GUI, tesseract's
	// OpenMP threads compete for the same cores and make it slower.
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	noConsole(cmd)
	cmd.Stdin = &in
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("ocr: %w", ctx.Err())
		}
		return nil, fmt.Errorf("ocr: tesseract: %w: %s", err, bytes.TrimSpace(stderr.Bytes()))
	}
	words, err := ParseTSV(&out)
	if err != nil {
		return nil, fmt.Errorf("ocr: %w", err)
	}
	for i := range words {
		w := &words[i]
		r := w.Box
		if scale > 1 {
			r = image.Rect(r.Min.X/scale, r.Min.Y/scale,
				(r.Max.X+scale-1)/scale, (r.Max.Y+scale-1)/scale)
		}
		w.Box = r.Add(b.Min).Intersect(b)
	}
	return words, nil
}
