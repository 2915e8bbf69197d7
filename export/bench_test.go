package export

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"image"
	"image/png"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"dossier/casefile"
	"dossier/casefile/ocr"
	"dossier/casefile/pdf"
	"dossier/internal/tooltest"
)

// drawnWords is an OCR engine that knows the words drawn on each test
// screenshot (by its pixels), so a benchmark's case gets exact boxes
// without paying for OCR while it is set up.
type drawnWords struct {
	mu    sync.Mutex
	words map[[32]byte][]ocr.Word
}

func pixelKey(img image.Image) [32]byte {
	h := sha256.New()
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			h.Write([]byte{byte(r >> 8), byte(g >> 8), byte(bl >> 8)})
		}
	}
	var k [32]byte
	copy(k[:], h.Sum(nil))
	return k
}

func (d *drawnWords) Words(_ context.Context, img image.Image) ([]ocr.Word, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.words[pixelKey(img)], nil
}

// BenchmarkBundleOCR50Screenshots exports a case of 50 text-message
// screenshots, each with its own words, its recipient's number marked and
// boxed, with the leak check's OCR read-back on: what 'dossier export'
// makes a person wait for when tesseract is installed. The anchor is
// tesseract reading the same 50 images one after another, timed in the
// same run. Goal: at most 1.25x the anchor (the read-backs run one per
// core alongside the layout; rendering, redaction, the PDF and its leak
// check must add no more than a quarter to reading the pages once).
func BenchmarkBundleOCR50Screenshots(b *testing.B) {
	tooltest.Need(b, "tesseract")
	const n = 50
	ctx := context.Background()
	c, err := casefile.Create(filepath.Join(b.TempDir(), "b.dossier"), "Bench", "LW", casefile.Options{Actor: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	drawn := &drawnWords{words: map[[32]byte][]ocr.Word{}}
	var images []image.Image
	for i := 0; i < n; i++ {
		to := fmt.Sprintf("07700 900%03d", 100+i)
		img, words := ocr.TestScreenshot("Northfield Forward", "To: "+to,
			fmt.Sprintf("Hi Resident%d, vote for Kestrel Court %d on Thursday", i, i))
		drawn.words[pixelKey(img)] = words
		images = append(images, img)
		var buf bytes.Buffer
		png.Encode(&buf, img)
		ex, err := c.AddReader(ctx, &buf, fmt.Sprintf("shot%d.png", i), -1, casefile.Meta{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		at := time.Date(2015, 6, 8, 9, i, 0, 0, time.UTC)
		if _, err := c.AddMessage(ctx, casefile.MessageInput{Exhibit: ex.Ref, From: "Northfield Forward", To: to, At: at, Body: "Vote on Thursday"}); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := c.SuggestMarks(ctx); err != nil {
		b.Fatal(err)
	}
	if _, err := c.AcceptMarks(ctx, nil, true); err != nil {
		b.Fatal(err)
	}
	boxes, err := c.SuggestRects(ctx, drawn, pdf.New(), nil)
	if err != nil || boxes < n {
		b.Fatalf("%d boxes for %d screenshots: %v", boxes, n, err)
	}
	if _, err := c.AcceptMarks(ctx, nil, true); err != nil {
		b.Fatal(err)
	}
	eng := ocr.New()
	dir := b.TempDir()
	var export, anchor time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		start := time.Now()
		for _, img := range images {
			if _, err := eng.Words(ctx, img); err != nil {
				b.Fatal(err)
			}
		}
		anchor += time.Since(start)
		b.StartTimer()
		start = time.Now()
		res, err := Bundle(ctx, c, filepath.Join(dir, fmt.Sprintf("b%d.pdf", i)), false, Options{Date: bundleDate})
		export += time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		if !res.OCRChecked {
			b.Fatal("the bundle was not read back with OCR: the benchmark measured less than an export")
		}
		b.ReportMetric(float64(res.Pages), "pages")
	}
	b.ReportMetric(export.Seconds()*1000/float64(b.N)/n, "ms/screenshot")
	b.ReportMetric(export.Seconds()/anchor.Seconds(), "x-tesseract-alone")
}
