package redact

import (
	"bytes"
	"errors"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dossier/internal/tooltest"
)

// source formats a screenshot arrives in, each carrying the secrets in
// metadata as well as in pixels where the format allows.
func sources(t *testing.T, img image.Image) map[string][]byte {
	t.Helper()
	src := map[string][]byte{
		"png+tEXt": withTextChunk(t, encodePNG(t, img), "Comment", "To "+secretPhone+" "+secretName),
	}
	var j bytes.Buffer
	jpeg.Encode(&j, img, &jpeg.Options{Quality: 90})
	src["jpeg"] = j.Bytes()
	var g bytes.Buffer
	gif.Encode(&g, img, nil)
	src["gif"] = g.Bytes()
	// Metadata and WebP fixtures need exiftool and ImageMagick; without
	// them the formats they make would go untested, so the test skips
	// (and fails in CI).
	tooltest.Need(t, "exiftool", "convert")
	dir := t.TempDir()
	{
		p := filepath.Join(dir, "in.jpg")
		os.WriteFile(p, j.Bytes(), 0o600)
		out, err := exec.Command("exiftool", "-q", "-overwrite_original",
			"-EXIF:Artist="+secretName, "-EXIF:UserComment=Phone "+secretPhone,
			"-XMP-dc:Creator="+secretName, "-IPTC:Keywords="+secretPhone, p).CombinedOutput()
		if err != nil {
			t.Fatalf("exiftool write: %v\n%s", err, out)
		}
		src["jpeg+exif+xmp+iptc"], _ = os.ReadFile(p)
	}
	{
		p, w := filepath.Join(dir, "in.png"), filepath.Join(dir, "in.webp")
		os.WriteFile(p, encodePNG(t, img), 0o600)
		if out, err := exec.Command("convert", p, "-quality", "95", w).CombinedOutput(); err != nil {
			t.Fatalf("convert to WebP: %v\n%s", err, out)
		}
		src["webp"], _ = os.ReadFile(w)
	}
	return src
}

func TestImageRemovesValuesAndMetadata(t *testing.T) {
	img, drawn := screenshot()
	rects := findBoxes(t, img, drawn, 1)
	for name, data := range sources(t, img) {
		t.Run(name, func(t *testing.T) {
			if name != "webp" && name != "gif" && name != "png+tEXt" {
				// The metadata really is there before redaction.
				if bytes.Contains(data, []byte(secretName)) != strings.Contains(name, "exif") {
					t.Fatalf("source metadata not as expected")
				}
			}
			out, err := Image(bytes.NewReader(data), rects)
			if err != nil {
				t.Fatal(err)
			}
			got, err := png.Decode(bytes.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			if got.Bounds().Size() != img.Bounds().Size() {
				t.Fatalf("size %v, want %v", got.Bounds(), img.Bounds())
			}
			for _, r := range rects {
				if !isBlack(got, r.Pixels(got.Bounds())) {
					t.Errorf("rectangle %v not solid black", r)
				}
			}
			text := ocrText(t, out)
			if !strings.Contains(text, "Thursday") {
				t.Errorf("unmarked text no longer readable: %q", text)
			}
			streams := map[string][]byte{
				"png bytes": out,
				"exiftool":  exiftool(t, out),
				"ocr":       []byte(text),
			}
			if err := LeakCheck(streams, needles); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestImageBadInput(t *testing.T) {
	img, _ := screenshot()
	good := encodePNG(t, img)
	tests := []struct {
		name  string
		data  []byte
		rects []Rect
		want  error
	}{
		{"garbage", []byte("not an image at all"), nil, ErrUnreadable},
		{"truncated png", good[:len(good)/2], nil, ErrUnreadable},
		{"empty", nil, nil, ErrUnreadable},
		{"beyond right", good, []Rect{{1, 0.9, 0, 0.2, 0.1}}, ErrOutside},
		{"negative", good, []Rect{{1, -0.1, 0, 0.2, 0.1}}, ErrOutside},
		{"page 2", good, []Rect{{2, 0, 0, 0.1, 0.1}}, ErrOutside},
		{"empty rect", good, []Rect{{1, 0.1, 0.1, 0, 0.1}}, ErrOutside},
	}
	for _, tt := range tests {
		out, err := Image(bytes.NewReader(tt.data), tt.rects)
		if !errors.Is(err, tt.want) || out != nil {
			t.Errorf("%s: out %d bytes, err = %v; want nothing and %v", tt.name, len(out), err, tt.want)
		}
	}
	// A rectangle reaching the very edge is fine.
	if _, err := Image(bytes.NewReader(good), []Rect{{1, 0.5, 0.5, 0.5, 0.5}}); err != nil {
		t.Errorf("edge rectangle: %v", err)
	}
}

func TestRectPixelsRoundsOutwards(t *testing.T) {
	b := image.Rect(0, 0, 1000, 500)
	tests := []struct {
		r    Rect
		want image.Rectangle
	}{
		{Rect{1, 0.1, 0.1, 0.2, 0.2}, image.Rect(100, 50, 300, 150)},
		{Rect{1, 0.1005, 0.1005, 0.001, 0.001}, image.Rect(100, 50, 102, 51)},
		{Rect{1, 0, 0, 1, 1}, b},
	}
	for _, tt := range tests {
		if got := tt.r.Pixels(b); got != tt.want {
			t.Errorf("%v.Pixels = %v, want %v", tt.r, got, tt.want)
		}
	}
	px := image.Rect(10, 20, 110, 40)
	r := FromPixels(1, px, b, 0)
	if got := r.Pixels(b); !px.In(got) || got.Dx() > px.Dx()+1 {
		t.Errorf("FromPixels round trip: %v -> %v -> %v", px, r, got)
	}
}

// phoneScreen is a full-size phone screenshot (1080×2340) for benchmarks.
func phoneScreen() image.Image {
	small, _ := screenshot()
	big := image.NewRGBA(image.Rect(0, 0, 1080, 2340))
	for y := 0; y < big.Rect.Dy(); y += small.Rect.Dy() {
		for x := range 1080 {
			for yy := 0; yy < small.Rect.Dy() && y+yy < 2340; yy++ {
				big.Set(x, y+yy, small.At(x%900, yy))
			}
		}
	}
	return big
}

func BenchmarkImageRedact(b *testing.B) {
	data := encodePNG(b, phoneScreen())
	rects := []Rect{{1, 0.05, 0.1, 0.5, 0.03}, {1, 0.2, 0.5, 0.4, 0.03}}
	start := time.Now()
	for b.Loop() {
		if _, err := Image(bytes.NewReader(data), rects); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "ms/image")
}

// TestLeakCheckCatchesUnmarkedImage shows the checks above can fail: with
// no marks, OCR of the output still reads both values.
func TestLeakCheckCatchesUnmarkedImage(t *testing.T) {
	img, _ := screenshot()
	out, err := Image(bytes.NewReader(encodePNG(t, img)), nil)
	if err != nil {
		t.Fatal(err)
	}
	text := ocrText(t, out)
	for _, n := range needles {
		err := LeakCheck(map[string][]byte{"ocr": []byte(text)}, []Needle{n})
		var le *LeakError
		if !errors.As(err, &le) || le.Where != "ocr" {
			t.Errorf("%s: err = %v, want leak in ocr", n.Kind, err)
		}
	}
	if os.Getenv("REDACT_SAVE") != "" {
		img, drawn := screenshot()
		out, _ := Image(bytes.NewReader(encodePNG(t, img)), findBoxes(t, img, drawn, 1))
		os.WriteFile(filepath.Join(os.Getenv("REDACT_SAVE"), "screenshot.png"), out, 0o644)
	}
}
