package imagefile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"dossier/internal/tooltest"
)

// marker is a 60×40 picture, white with a red block in its top-left
// corner, as a person would see it.
func marker() *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, 60, 40))
	for y := 0; y < 40; y++ {
		for x := 0; x < 60; x++ {
			c := color.RGBA{255, 255, 255, 255}
			if x < 20 && y < 10 {
				c = color.RGBA{255, 0, 0, 255}
			}
			img.Set(x, y, c)
		}
	}
	return img
}

func pngBytes(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func isRed(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return r > 0xC000 && g < 0x6000 && b < 0x6000
}

// TestOrientationSixFromACamera makes a JPEG as a phone stores a portrait
// photo: the pixels turned a quarter to the left, and EXIF Orientation 6
// ("turn right to view"). Decoded, it is upright again: taller than wide,
// the red block back in the top-left corner.
func TestOrientationSixFromACamera(t *testing.T) {
	tooltest.Need(t, "convert", "exiftool")
	dir := t.TempDir()
	upright := filepath.Join(dir, "upright.png")
	if err := os.WriteFile(upright, pngBytes(t, portrait()), 0o600); err != nil {
		t.Fatal(err)
	}
	stored := filepath.Join(dir, "IMG_0042.jpg")
	// As the sensor saw it: the upright picture turned left.
	if out, err := exec.Command("convert", upright, "-rotate", "-90", "-quality", "95", stored).CombinedOutput(); err != nil {
		t.Fatalf("convert: %v\n%s", err, out)
	}
	if out, err := exec.Command("exiftool", "-q", "-overwrite_original", "-Orientation#=6", stored).CombinedOutput(); err != nil {
		t.Fatalf("exiftool: %v\n%s", err, out)
	}
	data, err := os.ReadFile(stored)
	if err != nil {
		t.Fatal(err)
	}
	info, err := DecodeConfig(data)
	if err != nil {
		t.Fatal(err)
	}
	if info.Orientation != 6 || info.Width != 40 || info.Height != 60 {
		t.Fatalf("DecodeConfig = %+v, want orientation 6, 40x60 as seen", info)
	}
	img, _, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 40 || b.Dy() != 60 {
		t.Fatalf("decoded %v, want 40x60", b)
	}
	if !isRed(img.At(5, 5)) || isRed(img.At(35, 55)) {
		t.Errorf("red block not top-left after orientation: (5,5)=%v (35,55)=%v", img.At(5, 5), img.At(35, 55))
	}
}

// portrait is 40×60 with a red block top-left.
func portrait() *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, 40, 60))
	for y := 0; y < 60; y++ {
		for x := 0; x < 40; x++ {
			c := color.RGBA{255, 255, 255, 255}
			if x < 12 && y < 12 {
				c = color.RGBA{255, 0, 0, 255}
			}
			img.Set(x, y, c)
		}
	}
	return img
}

// TestOrientAllEight stores the marker as each orientation would, and
// checks Orient undoes each.
func TestOrientAllEight(t *testing.T) {
	up := marker()
	// stored(o) is how a camera would store up for orientation o: the
	// inverse of what Orient does.
	inverse := map[int]int{1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 8, 7: 7, 8: 6}
	for o := 1; o <= 8; o++ {
		stored := Orient(up, inverse[o])
		got := Orient(stored, o)
		if got.Bounds() != up.Bounds() {
			t.Errorf("orientation %d: bounds %v", o, got.Bounds())
			continue
		}
		for _, p := range []image.Point{{2, 2}, {19, 9}, {30, 5}, {5, 30}, {59, 39}} {
			if isRed(got.At(p.X, p.Y)) != isRed(up.At(p.X, p.Y)) {
				t.Errorf("orientation %d: pixel %v differs", o, p)
			}
		}
	}
}

// pngWithExif is a PNG with an eXIf chunk holding orientation o.
func pngWithExif(t *testing.T, img image.Image, o uint16) []byte {
	data := pngBytes(t, img)
	tiff := []byte("MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00")
	binary.BigEndian.PutUint16(tiff[18:], o)
	chunk := make([]byte, 8, 12+len(tiff))
	binary.BigEndian.PutUint32(chunk, uint32(len(tiff)))
	copy(chunk[4:], "eXIf")
	chunk = append(chunk, tiff...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	ihdrEnd := 8 + 12 + 13
	return append(append(append([]byte(nil), data[:ihdrEnd]...), chunk...), data[ihdrEnd:]...)
}

func TestPNGExifOrientation(t *testing.T) {
	data := pngWithExif(t, marker(), 8)
	img, info, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if info.Orientation != 8 || img.Bounds().Dx() != 40 || img.Bounds().Dy() != 60 {
		t.Errorf("orientation %d, bounds %v; want 8 and 40x60", info.Orientation, img.Bounds())
	}
}

// bomb is a valid PNG header claiming w×h pixels, with one tiny IDAT:
// a few hundred bytes that would decode to gigabytes.
func bomb(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr, w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // 8-bit RGB
	writeChunk(&b, "IHDR", ihdr)
	writeChunk(&b, "IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})
	writeChunk(&b, "IEND", nil)
	return b.Bytes()
}

func writeChunk(b *bytes.Buffer, typ string, data []byte) {
	binary.Write(b, binary.BigEndian, uint32(len(data)))
	b.WriteString(typ)
	b.Write(data)
	binary.Write(b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
}

// TestPixelBombRefusedFromTheHeader: a 30000×30000 PNG is refused with a
// message naming its size, before any pixel is decoded (the heap barely
// grows).
func TestPixelBombRefusedFromTheHeader(t *testing.T) {
	data := bomb(30000, 30000)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, _, err := Decode(data)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Decode(bomb) = %v, want ErrTooLarge", err)
	}
	if !strings.Contains(err.Error(), "30000x30000 pixels (900 megapixels) is more than the 100 megapixel limit") {
		t.Errorf("message: %v", err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 10<<20 {
		t.Errorf("refusing the bomb allocated %d bytes", grew)
	}
	// Just under the limit by the header is let through to the decoder
	// (which then finds the data short).
	if _, _, err := Decode(bomb(10000, 10000)); errors.Is(err, ErrTooLarge) || !errors.Is(err, ErrUnreadable) {
		t.Errorf("100 MP: %v, want the decoder's error", err)
	}
}

func TestUnreadable(t *testing.T) {
	for name, data := range map[string][]byte{
		"empty":       nil,
		"text":        []byte("hello"),
		"cut png":     pngBytes(t, marker())[:60],
		"fake heic":   append([]byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), make([]byte, 64)...),
		"avif":        []byte("\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf"),
		"jpeg header": []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"),
	} {
		if _, _, err := Decode(data); !errors.Is(err, ErrUnreadable) {
			t.Errorf("%s: %v, want ErrUnreadable", name, err)
		}
	}
}

// TestHEIC decodes a HEIC written by ImageMagick (libheif), as an iPhone
// would write it, through the WebAssembly decoder.
func TestHEIC(t *testing.T) {
	tooltest.Need(t, "convert")
	if !convertWrites(t, "HEIC") {
		if tooltest.Required() {
			t.Fatal("ImageMagick here cannot write HEIC (libheif)")
		}
		t.Skip("ImageMagick here cannot write HEIC (libheif)")
	}
	dir := t.TempDir()
	heicOf := func(w, h int) []byte {
		src := filepath.Join(dir, "p.png")
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				c := color.RGBA{255, 255, 255, 255}
				if x < 12 && y < 12 {
					c = color.RGBA{255, 0, 0, 255}
				}
				img.Set(x, y, c)
			}
		}
		os.WriteFile(src, pngBytes(t, img), 0o600)
		out := filepath.Join(dir, "IMG_0001.HEIC")
		if b, err := exec.Command("convert", src, "-quality", "90", "heic:"+out).CombinedOutput(); err != nil {
			t.Fatalf("convert: %v\n%s", err, b)
		}
		data, _ := os.ReadFile(out)
		return data
	}
	for _, size := range [][2]int{{130, 210}, {1000, 750}} {
		data := heicOf(size[0], size[1])
		if Sniff(data) != "heic" {
			t.Fatalf("sniffed %q", Sniff(data))
		}
		img, info, err := Decode(data)
		if err != nil {
			t.Fatal(err)
		}
		b := img.Bounds()
		if info.Format != "heic" || b.Dx() != size[0] || b.Dy() != size[1] {
			t.Errorf("%v: info %+v bounds %v", size, info, b)
		}
		if !isRed(img.At(4, 4)) || isRed(img.At(b.Dx()-4, b.Dy()-4)) || isRed(img.At(b.Dx()/2, b.Dy()/2)) {
			t.Errorf("%v: HEIC pixels: (4,4)=%v far corner=%v", size, img.At(4, 4), img.At(b.Dx()-4, b.Dy()-4))
		}
	}
	// Smaller than the decoder handles: refused, saying what to do.
	if _, _, err := Decode(heicOf(64, 64)); !errors.Is(err, ErrUnreadable) || !strings.Contains(err.Error(), "convert it to JPEG") {
		t.Errorf("64x64 HEIC: %v", err)
	}
}

func convertWrites(t *testing.T, format string) bool {
	out, err := exec.Command("convert", "-list", "format").Output()
	if err != nil {
		return false
	}
	for _, l := range strings.Split(string(out), "\n") {
		f := strings.Fields(l)
		if len(f) >= 2 && strings.TrimSuffix(f[0], "*") == format && strings.Contains(f[1]+" "+strings.Join(f[2:], " "), "rw") {
			return true
		}
	}
	return false
}

func FuzzDecode(f *testing.F) {
	f.Add(bomb(30000, 30000))
	f.Add(pngBytes(f, marker()))
	f.Add([]byte("\xff\xd8\xff\xe1\x00\x10Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08"))
	f.Fuzz(func(t *testing.T, data []byte) {
		img, info, err := DecodeLimit(data, 4_000_000)
		if err == nil && (img == nil || int64(img.Bounds().Dx())*int64(img.Bounds().Dy()) > max(info.Pixels(), 4_000_000)) {
			t.Fatalf("decoded %v for %+v", img, info)
		}
		_ = Orientation(data)
	})
}
