package redact

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"hash/crc32"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"dossier/casefile/ocr"
	"dossier/internal/tooltest"
)

// Fictional values: an Ofcom drama number and an invented name.
const (
	secretPhone = "07700 900123"
	secretName  = "Maureen Baptiste"
)

var needles = []Needle{{Value: secretPhone, Kind: KindPhone}, {Value: secretName, Kind: KindName}}

// screenshot is a fictional text-message screen carrying both values.
func screenshot() (*image.RGBA, []ocr.Word) {
	return ocr.TestScreenshot(
		"Text Message",
		"Mon 8 Jun, 09:00",
		"To: "+secretPhone+" "+secretName,
		"Vote on Thursday for your",
		"local candidate.",
	)
}

// withTextChunk returns PNG data with a tEXt chunk holding key=value
// inserted after IHDR, as cameras and editors write comments.
func withTextChunk(t testing.TB, data []byte, key, value string) []byte {
	t.Helper()
	const ihdrEnd = 8 + 4 + 4 + 13 + 4
	if !bytes.HasPrefix(data, []byte("\x89PNG")) || len(data) < ihdrEnd {
		t.Fatal("not a PNG")
	}
	body := append([]byte("tEXt"), []byte(key+"\x00"+value)...)
	var chunk bytes.Buffer
	binary.Write(&chunk, binary.BigEndian, uint32(len(body)-4))
	chunk.Write(body)
	binary.Write(&chunk, binary.BigEndian, crc32.ChecksumIEEE(body))
	out := append([]byte{}, data[:ihdrEnd]...)
	out = append(out, chunk.Bytes()...)
	return append(out, data[ihdrEnd:]...)
}

func encodePNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// findBoxes returns marks over every occurrence of the secret values:
// from tesseract's word boxes when it is installed (the way Dossier
// proposes marks), otherwise from the words' drawn positions.
func findBoxes(t testing.TB, img image.Image, drawn []ocr.Word, page int) []Rect {
	t.Helper()
	words := drawn
	if tooltest.Have(t, "tesseract") {
		var err error
		words, err = ocr.New().Words(context.Background(), img)
		if err != nil {
			t.Fatal(err)
		}
	} else {
		t.Log("tesseract not installed: marks from drawn word boxes")
	}
	var rects []Rect
	for _, n := range needles {
		boxes := ocr.FindTerm(words, n.Value)
		if len(boxes) == 0 {
			t.Fatalf("%q not found on page %d", n.Value, page)
		}
		for _, b := range boxes {
			rects = append(rects, FromPixels(page, b, img.Bounds(), 3))
		}
	}
	return rects
}

// ocrText reads the text of a PNG with tesseract; without it the test is
// skipped (failed in CI), never left checking an empty string.
func ocrText(t testing.TB, data []byte) string {
	t.Helper()
	tooltest.Need(t, "tesseract")
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	words, err := ocr.New().Words(context.Background(), img)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range ocr.Lines(words) {
		lines = append(lines, l.Text)
	}
	return strings.Join(lines, "\n")
}

// basicTags are the only tags exiftool may report for a redacted PNG: the
// file system's, the PNG header's and exiftool's own derived ones.
var basicTags = map[string]bool{
	"SourceFile": true, "ExifTool:ExifToolVersion": true,
	"PNG:ImageWidth": true, "PNG:ImageHeight": true, "PNG:BitDepth": true, "PNG:ColorType": true,
	"PNG:Compression": true, "PNG:Filter": true, "PNG:Interlace": true,
	"Composite:ImageSize": true, "Composite:Megapixels": true,
}

// exiftool returns exiftool's full report on data (every tag, unknown
// ones too) and fails the test if it holds any tag beyond the basics.
func exiftool(t testing.TB, data []byte) []byte {
	t.Helper()
	tooltest.Need(t, "exiftool")
	p := filepath.Join(t.TempDir(), "out.png")
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("exiftool", "-j", "-G", "-a", "-u", p).Output()
	if err != nil {
		t.Fatalf("exiftool: %v", err)
	}
	var rep []map[string]any
	if err := json.Unmarshal(out, &rep); err != nil || len(rep) != 1 {
		t.Fatalf("exiftool output: %v\n%s", err, out)
	}
	for k := range rep[0] {
		if !basicTags[k] && !strings.HasPrefix(k, "File:") {
			t.Errorf("exiftool reports %s = %v", k, rep[0][k])
		}
	}
	return out
}

// isBlack reports whether every pixel of r in img is opaque black.
func isBlack(img image.Image, r image.Rectangle) bool {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, ca := img.At(x, y).RGBA()
			if cr|cg|cb != 0 || ca != 0xffff {
				return false
			}
		}
	}
	return true
}
