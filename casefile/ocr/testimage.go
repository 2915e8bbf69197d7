package ocr

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"strings"
	"sync"

	"dossier/assets"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

var (
	testFontOnce sync.Once
	testFont     *opentype.Font
	testFontErr  error
)

// TestScreenshot draws lines of black text (DejaVu Sans, 28 px) on a white
// image 900 px wide, one line under another like a message screen, and
// returns the image with the exact box of every word drawn, numbered as
// tesseract would number them (block 1, paragraph 1, line i+1). Tests use
// the boxes as ground truth where tesseract is not installed. It panics if
// the embedded font cannot be read.
func TestScreenshot(lines ...string) (*image.RGBA, []Word) {
	testFontOnce.Do(func() { testFont, testFontErr = opentype.Parse(assets.FontRegular) })
	if testFontErr != nil {
		panic(fmt.Sprintf("ocr: parse test font: %v", testFontErr))
	}
	face, err := opentype.NewFace(testFont, &opentype.FaceOptions{Size: 28, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		panic(fmt.Sprintf("ocr: test font face: %v", err))
	}
	defer face.Close()
	const margin, lineH = 40, 56
	img := image.NewRGBA(image.Rect(0, 0, 900, 2*margin+lineH*len(lines)))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	d := &font.Drawer{Dst: img, Src: image.NewUniform(color.Black), Face: face}
	m := face.Metrics()
	var words []Word
	for i, line := range lines {
		base := margin + i*lineH + m.Ascent.Ceil()
		x := fixed.I(margin)
		num := 0
		for j, w := range strings.Split(line, " ") {
			if j > 0 {
				x += d.MeasureString(" ")
			}
			if w == "" {
				continue
			}
			d.Dot = fixed.Point26_6{X: x, Y: fixed.I(base)}
			bounds, adv := d.BoundString(w)
			d.DrawString(w)
			num++
			words = append(words, Word{
				Text: w, Conf: 100,
				Box: image.Rect(bounds.Min.X.Floor(), bounds.Min.Y.Floor(),
					bounds.Max.X.Ceil(), bounds.Max.Y.Ceil()),
				Block: 1, Par: 1, Line: i + 1, Num: num,
			})
			x += adv
		}
	}
	return img, words
}
