package ocr

import (
	"context"
	"image"
	"image/color"
	"image/draw"
	"testing"
)

// Boxes found on a turned copy come back onto the same pixels of the
// image as given.
func TestRotateMapsBoxesBack(t *testing.T) {
	img := image.NewRGBA(image.Rect(10, 20, 110, 70)) // 100x50, offset
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	box := image.Rect(30, 25, 45, 40)
	for y := box.Min.Y; y < box.Max.Y; y++ {
		for x := box.Min.X; x < box.Max.X; x++ {
			img.Set(x, y, color.Black)
		}
	}
	for turns := 1; turns <= 3; turns++ {
		rot, back := rotate(img, turns)
		// Find the black pixels on the turned image.
		var r image.Rectangle
		rb := rot.Bounds()
		for y := rb.Min.Y; y < rb.Max.Y; y++ {
			for x := rb.Min.X; x < rb.Max.X; x++ {
				if luma(rot.At(x, y)) == 0 {
					r = r.Union(image.Rect(x, y, x+1, y+1))
				}
			}
		}
		if got := back(r); got != box {
			t.Errorf("%d turns: box maps back to %v, want %v", turns, got, box)
		}
	}
}

// fakeEngine reads words only from images of a given width (a turned or
// enlarged copy), as tesseract reads a caption only the right way up.
type fakeEngine struct {
	width int
	words []Word
	calls int
}

func (f *fakeEngine) Words(_ context.Context, img image.Image) ([]Word, error) {
	f.calls++
	if img.Bounds().Dx() == f.width {
		return f.words, nil
	}
	return nil, nil
}

func TestReadHardTriesTurnedAndStops(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 200, 100))
	// Only the quarter-turned copy (100 wide) reads.
	eng := &fakeEngine{width: 100, words: []Word{{Text: "Baptiste", Conf: 90, Box: image.Rect(10, 10, 60, 30)}}}
	var got []Word
	err := ReadHard(context.Background(), eng, img, func(w []Word) bool {
		got = w
		return len(w) > 0
	})
	if err != nil || len(got) != 1 {
		t.Fatalf("ReadHard = %v, %v", got, err)
	}
	if !got[0].Box.In(img.Bounds()) {
		t.Errorf("box %v outside the image", got[0].Box)
	}
	if eng.calls > 4 {
		t.Errorf("%d readings; it should stop at the first that finds", eng.calls)
	}
	// A clear first reading of a sharp image is the only one.
	draw.Draw(img, image.Rect(0, 0, 100, 100), image.White, image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(100, 0, 200, 100), image.Black, image.Point{}, draw.Src)
	eng = &fakeEngine{width: 200, words: []Word{{Text: "Vote", Conf: 95, Box: image.Rect(1, 1, 40, 30)}, {Text: "Thursday", Conf: 95, Box: image.Rect(50, 1, 150, 30)}, {Text: "polls", Conf: 95, Box: image.Rect(1, 40, 40, 70)}}}
	ReadHard(context.Background(), eng, img, func([]Word) bool { return false })
	if eng.calls != 1 {
		t.Errorf("a clear image was read %d times", eng.calls)
	}
}
