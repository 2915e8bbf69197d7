package casefile

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"dossier/casefile/imagefile"
	"dossier/casefile/ocr"
	"dossier/casefile/pdf"
	"dossier/internal/tooltest"
)

// phonePhoto stores an upright picture as a phone does for a portrait
// photo: pixels turned a quarter to the left, EXIF Orientation 6.
func phonePhoto(t *testing.T, upright image.Image) []byte {
	t.Helper()
	tooltest.Need(t, "convert", "exiftool")
	dir := t.TempDir()
	var buf bytes.Buffer
	png.Encode(&buf, upright)
	src := filepath.Join(dir, "upright.png")
	os.WriteFile(src, buf.Bytes(), 0o600)
	out := filepath.Join(dir, "IMG_0042.JPG")
	if b, err := exec.Command("convert", src, "-rotate", "-90", "-quality", "95", out).CombinedOutput(); err != nil {
		t.Fatalf("convert: %v\n%s", err, b)
	}
	if b, err := exec.Command("exiftool", "-q", "-overwrite_original", "-Orientation#=6", out).CombinedOutput(); err != nil {
		t.Fatalf("exiftool: %v\n%s", err, b)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestPortraitPhotoIsReadUpright: OCR reads an orientation-6 photo as a
// person sees it, so it proposes a box over the phone number, and the
// box is where the number is in the upright picture (before, the photo
// was read sideways and no box was proposed).
func TestPortraitPhotoIsReadUpright(t *testing.T) {
	tooltest.Need(t, "tesseract")
	ctx := context.Background()
	upright, words := ocr.TestScreenshot("Northfield Forward", "To: 07700 900123", "Vote on Thursday")
	data := phonePhoto(t, upright)
	c := TestCase(t)
	ex, err := c.Add(ctx, TestFile(t, "IMG_0042.JPG", data), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	pages, err := c.PageImages(ctx, ex.Ref, pdf.New())
	if err != nil {
		t.Fatal(err)
	}
	if b := pages[0].Bounds(); b.Dx() != upright.Bounds().Dx() || b.Dy() != upright.Bounds().Dy() {
		t.Fatalf("page image %v, want the upright %v", b, upright.Bounds())
	}
	if _, err := c.AddTermMark(ctx, "07700 900123", "phone"); err != nil {
		t.Fatal(err)
	}
	n, err := c.SuggestRects(ctx, ocr.New(), pdf.New(), nil)
	if err != nil || n == 0 {
		t.Fatalf("SuggestRects = %d, %v; want a box over the number", n, err)
	}
	ub := upright.Bounds()
	for _, m := range mustMarks(t, c, MarkSuggested) {
		if m.Kind != MarkRect {
			continue
		}
		r := image.Rect(int(m.X*float64(ub.Dx())), int(m.Y*float64(ub.Dy())), int((m.X+m.W)*float64(ub.Dx())), int((m.Y+m.H)*float64(ub.Dy())))
		for _, w := range words {
			if (w.Text == "07700" || w.Text == "900123") && !w.Box.In(r.Inset(-6)) {
				t.Errorf("box %v does not cover %q at %v in the upright photo", r, w.Text, w.Box)
			}
		}
	}
}

// TestPixelBombNamesTheExhibit: OCR of a 30000×30000 PNG is refused from
// its header, naming the exhibit and its file, and the case stays usable.
func TestPixelBombNamesTheExhibit(t *testing.T) {
	ctx := context.Background()
	c := TestCase(t)
	ex, err := c.Add(ctx, TestFile(t, "huge.png", pngBomb(30000, 30000)), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.PageImages(ctx, ex.Ref, pdf.New())
	if !errors.Is(err, imagefile.ErrTooLarge) || !strings.Contains(err.Error(), ex.Ref) || !strings.Contains(err.Error(), "huge.png") ||
		!strings.Contains(err.Error(), "30000x30000") {
		t.Fatalf("PageImages(bomb) = %v", err)
	}
	if strings.Contains(err.Error(), "\n") {
		t.Errorf("message is not one line: %q", err)
	}
	// Suggestions still reach the other images, and the bomb is named.
	img, words := ocr.TestScreenshot("To: 07700 900123")
	var buf bytes.Buffer
	png.Encode(&buf, img)
	if _, err := c.Add(ctx, TestFile(t, "text.png", buf.Bytes()), Meta{}); err != nil {
		t.Fatal(err)
	}
	c.AddTermMark(ctx, "07700 900123", "phone")
	n, err := c.SuggestRects(ctx, knownWords(words), pdf.New(), nil)
	if !errors.Is(err, imagefile.ErrTooLarge) || !strings.Contains(err.Error(), ex.Ref) || n != 1 {
		t.Errorf("SuggestRects over the bomb and a screenshot = %d, %v; want 1 box and the bomb named", n, err)
	}
}

// pngBomb is a PNG header claiming w×h pixels and almost no data.
func pngBomb(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr, w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2
	chunk("IHDR", ihdr)
	chunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})
	chunk("IEND", nil)
	return b.Bytes()
}
