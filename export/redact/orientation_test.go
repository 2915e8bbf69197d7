package redact

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"dossier/internal/tooltest"
)

// TestPortraitPhotoBoxLandsWhereDrawn: a phone stores a portrait photo
// turned, with EXIF Orientation 6. A box drawn over the caption as the
// user sees it (top strip of the upright photo) must black out the
// caption, and the copy must be upright. Before, the copy came out
// sideways and the box covered the wrong pixels.
func TestPortraitPhotoBoxLandsWhereDrawn(t *testing.T) {
	tooltest.Need(t, "convert", "exiftool")
	// Upright: 300×500, a red caption strip at the top (y 20-60).
	up := image.NewRGBA(image.Rect(0, 0, 300, 500))
	for y := 0; y < 500; y++ {
		for x := 0; x < 300; x++ {
			c := color.RGBA{255, 255, 255, 255}
			if y >= 20 && y < 60 && x >= 20 && x < 280 {
				c = color.RGBA{220, 0, 0, 255}
			}
			up.Set(x, y, c)
		}
	}
	dir := t.TempDir()
	var buf bytes.Buffer
	png.Encode(&buf, up)
	src, jpg := filepath.Join(dir, "up.png"), filepath.Join(dir, "IMG_0042.JPG")
	os.WriteFile(src, buf.Bytes(), 0o600)
	if b, err := exec.Command("convert", src, "-rotate", "-90", "-quality", "95", jpg).CombinedOutput(); err != nil {
		t.Fatalf("convert: %v\n%s", err, b)
	}
	if b, err := exec.Command("exiftool", "-q", "-overwrite_original", "-Orientation#=6", jpg).CombinedOutput(); err != nil {
		t.Fatalf("exiftool: %v\n%s", err, b)
	}
	data, _ := os.ReadFile(jpg)
	// The caption as the user sees it: x 0.05-0.95, y 0.03-0.13.
	out, err := Image(bytes.NewReader(data), []Rect{{Page: 1, X: 0.05, Y: 0.03, W: 0.9, H: 0.1}})
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 300 || b.Dy() != 500 {
		t.Fatalf("copy is %v, want upright 300x500", b)
	}
	for y := 22; y < 58; y += 4 {
		for x := 22; x < 278; x += 8 {
			if r, g, b, _ := img.At(x, y).RGBA(); r > 0x1000 || g > 0x1000 || b > 0x1000 {
				t.Fatalf("caption pixel (%d,%d) not black: %v", x, y, img.At(x, y))
			}
		}
	}
	if r, _, _, _ := img.At(150, 300).RGBA(); r < 0xE000 {
		t.Errorf("the middle of the photo was blacked out: %v", img.At(150, 300))
	}
}
