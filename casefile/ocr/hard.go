package ocr

import (
	"context"
	"image"
	"image/color"
	"sort"

	"golang.org/x/image/draw"
)

// Where a first reading suggests the text is hard to read, ReadHard reads
// again, in this order, as far as needed. The tests are cheap and err
// towards a second reading only where one is likely to help, because each
// reading takes a tesseract run (about half a second).
const (
	// smallText is the median word height, in pixels, below which an image
	// is read again enlarged (tesseract reads text under about 20 px
	// poorly; Words already enlarges narrow images).
	smallText = 14
	// unsure is the share of words read with a confidence under 50 above
	// which an image is read again enlarged: small or letter-spaced
	// captions come back as low-confidence fragments.
	unsure = 0.3
	// faintInk is the brightness (0 black, 255 white) that the darkest
	// pixels of an image must be lighter than for it to be read again with
	// its contrast stretched: grey captions with no dark ink anywhere.
	faintInk = 96
	// fewWords is how few confident words (three letters or more) a
	// reading may find, or more than half its words unsure, before the
	// image is read again turned a quarter, half and three-quarter turn:
	// a phone photo held sideways or upside down reads as noise.
	fewWords = 3
	// maxHardPixels bounds the enlarged copy.
	maxHardPixels = 24_000_000
)

// ReadHard reads img with eng and hands the words to found, then, while
// found returns false and the image looks hard to read, reads it again
// enlarged (small text), with its contrast stretched (faint text), and
// turned each way (sideways or upside-down captions), handing each
// reading's words to found with their boxes in img's pixels. It stops at
// the first reading for which found returns true. It is used both to
// propose boxes and to read a redacted copy back, so both try as hard.
func ReadHard(ctx context.Context, eng Engine, img image.Image, found func([]Word) bool) error {
	b := img.Bounds()
	words, err := eng.Words(ctx, img)
	if err != nil {
		return err
	}
	if found(words) {
		return nil
	}
	type pass struct {
		img  image.Image
		back func(image.Rectangle) image.Rectangle
	}
	var passes []pass
	if h := medianHeight(words); (h > 0 && h < smallText || unsureShare(words) > unsure || len(words) == 0) && b.Dx()*b.Dy()*4 <= maxHardPixels {
		big := image.NewRGBA(image.Rect(0, 0, b.Dx()*2, b.Dy()*2))
		draw.CatmullRom.Scale(big, big.Bounds(), img, b, draw.Src, nil)
		passes = append(passes, pass{big, func(r image.Rectangle) image.Rectangle {
			return image.Rect(r.Min.X/2, r.Min.Y/2, (r.Max.X+1)/2, (r.Max.Y+1)/2).Add(b.Min)
		}})
	}
	if lo, _ := levels(img, 200); lo > faintInk {
		passes = append(passes, pass{stretch(img), func(r image.Rectangle) image.Rectangle { return r.Add(b.Min) }})
	}
	if confident(words) < fewWords || unsureShare(words) > 0.5 {
		for _, turns := range []int{1, 3, 2} {
			rot, back := rotate(img, turns)
			passes = append(passes, pass{rot, back})
		}
	}
	for _, p := range passes {
		if err := ctx.Err(); err != nil {
			return err
		}
		words, err := eng.Words(ctx, p.img)
		if err != nil {
			return err
		}
		for i := range words {
			words[i].Box = p.back(words[i].Box.Sub(p.img.Bounds().Min)).Intersect(b)
		}
		if found(words) {
			return nil
		}
	}
	return nil
}

// medianHeight is the median height of the words' boxes, 0 for none.
func medianHeight(words []Word) int {
	var hs []int
	for _, w := range words {
		if len([]rune(w.Text)) > 1 {
			hs = append(hs, w.Box.Dy())
		}
	}
	if len(hs) == 0 {
		return 0
	}
	sort.Ints(hs)
	return hs[len(hs)/2]
}

// unsureShare is the share of words read with a confidence under 50.
func unsureShare(words []Word) float64 {
	if len(words) == 0 {
		return 0
	}
	n := 0
	for _, w := range words {
		if w.Conf < 50 {
			n++
		}
	}
	return float64(n) / float64(len(words))
}

// confident counts words tesseract is fairly sure of.
func confident(words []Word) int {
	n := 0
	for _, w := range words {
		if w.Conf >= 60 && len([]rune(w.Text)) >= 3 {
			n++
		}
	}
	return n
}

// luma is a pixel's brightness, 0..255.
func luma(c color.Color) int {
	return int(color.GrayModel.Convert(c).(color.Gray).Y)
}

// histogram of brightness over a sample of at most about 40,000 pixels.
func histogram(img image.Image) (h [256]int, n int) {
	b := img.Bounds()
	step := max(1, int(float64(b.Dx()*b.Dy())/40000+0.5))
	i := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if i%step == 0 {
				h[luma(img.At(x, y))]++
				n++
			}
			i++
		}
	}
	return h, n
}

// levels are the brightness below which, and above which, one pixel in
// per lies.
func levels(img image.Image, per int) (lo, hi int) {
	h, n := histogram(img)
	cut := n / per
	for s := 0; lo < 255; lo++ {
		if s += h[lo]; s > cut {
			break
		}
	}
	hi = 255
	for s := 0; hi > 0; hi-- {
		if s += h[hi]; s > cut {
			break
		}
	}
	return lo, hi
}

// stretch returns img in grey with its brightness stretched so its dark
// end is black and its light end white.
func stretch(img image.Image) image.Image {
	b := img.Bounds()
	lo, hi := levels(img, 200)
	if hi <= lo {
		hi = lo + 1
	}
	out := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			v := (luma(img.At(x, y)) - lo) * 255 / (hi - lo)
			out.SetGray(x-b.Min.X, y-b.Min.Y, color.Gray{Y: uint8(min(255, max(0, v)))})
		}
	}
	return out
}

// rotate turns img clockwise by turns quarter turns and returns the turned
// image and a function taking a box on it back to img's pixels.
func rotate(img image.Image, turns int) (image.Image, func(image.Rectangle) image.Rectangle) {
	b := img.Bounds()
	W, H := b.Dx(), b.Dy()
	var out *image.RGBA
	if turns%2 == 1 {
		out = image.NewRGBA(image.Rect(0, 0, H, W))
	} else {
		out = image.NewRGBA(image.Rect(0, 0, W, H))
	}
	for y := 0; y < H; y++ {
		for x := 0; x < W; x++ {
			c := img.At(b.Min.X+x, b.Min.Y+y)
			switch turns {
			case 1:
				out.Set(H-1-y, x, c)
			case 2:
				out.Set(W-1-x, H-1-y, c)
			case 3:
				out.Set(y, W-1-x, c)
			}
		}
	}
	back := func(r image.Rectangle) image.Rectangle {
		var o image.Rectangle
		switch turns {
		case 1:
			o = image.Rect(r.Min.Y, H-r.Max.X, r.Max.Y, H-r.Min.X)
		case 2:
			o = image.Rect(W-r.Max.X, H-r.Max.Y, W-r.Min.X, H-r.Min.Y)
		case 3:
			o = image.Rect(W-r.Max.Y, r.Min.X, W-r.Min.Y, r.Max.X)
		}
		return o.Add(b.Min)
	}
	return out, back
}
