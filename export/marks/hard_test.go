package marks

import (
	"context"
	"image"
	"image/color"
	"image/draw"
	"testing"

	xdraw "golang.org/x/image/draw"

	"dossier/casefile"
	"dossier/casefile/ocr"
	"dossier/casefile/pdf"
	"dossier/internal/tooltest"
)

// Captions that are hard to read (faint, small, sideways, upside down,
// letter-spaced) are still read back, so an unboxed name on them refuses
// the copy.
func TestImageLeakReadsHardCaptions(t *testing.T) {
	tooltest.Need(t, "tesseract")
	ctx := context.Background()
	c := casefile.TestCase(t)
	if _, err := c.AddTermMark(ctx, "Maureen Baptiste", "name"); err != nil {
		t.Fatal(err)
	}
	a, err := New(ctx, c, pdf.New())
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := ocr.TestScreenshot("Northfield Forward", "Hi Maureen Baptiste, vote on", "Thursday at Eastbrook school")
	spaced, _ := ocr.TestScreenshot("Northfield Forward", "M a u r e e n   B a p t i s t e")
	tests := []struct {
		name string
		img  image.Image
	}{
		{"faint", faint(plain)},
		{"small", shrink(plain, 3)},
		{"a quarter turn", turn(plain, 1)},
		{"upside down", turn(turn(plain, 1), 1)},
		{"letter-spaced", spaced},
	}
	for _, tt := range tests {
		kind, err := a.ImageLeak(ctx, ocr.New(), tt.img)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if kind != "name" {
			t.Errorf("%s: the name was not read back", tt.name)
		}
	}
	// And a blank page reads nothing.
	blank := image.NewRGBA(image.Rect(0, 0, 300, 200))
	draw.Draw(blank, blank.Bounds(), image.White, image.Point{}, draw.Src)
	if kind, err := a.ImageLeak(ctx, ocr.New(), blank); err != nil || kind != "" {
		t.Errorf("blank page: %q, %v", kind, err)
	}
}

// faint draws the text light grey on white.
func faint(img *image.RGBA) image.Image {
	out := image.NewRGBA(img.Bounds())
	for y := 0; y < img.Bounds().Dy(); y++ {
		for x := 0; x < img.Bounds().Dx(); x++ {
			g := color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y
			out.Set(x, y, color.Gray{Y: 170 + g/3})
		}
	}
	return out
}

// shrink makes the text n times smaller, on a page as wide as before.
func shrink(img *image.RGBA, n int) image.Image {
	b := img.Bounds()
	out := image.NewRGBA(image.Rect(0, 0, b.Dx()*2, b.Dy()))
	draw.Draw(out, out.Bounds(), image.White, image.Point{}, draw.Src)
	xdraw.CatmullRom.Scale(out, image.Rect(20, 20, 20+b.Dx()/n, 20+b.Dy()/n), img, b, xdraw.Src, nil)
	return out
}

// turn turns img a quarter turn clockwise, as a phone held sideways.
func turn(img image.Image, _ int) *image.RGBA {
	b := img.Bounds()
	out := image.NewRGBA(image.Rect(0, 0, b.Dy(), b.Dx()))
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			out.Set(b.Dy()-1-y, x, img.At(b.Min.X+x, b.Min.Y+y))
		}
	}
	return out
}
