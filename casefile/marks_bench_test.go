package casefile

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"dossier/casefile/ocr"
	"dossier/casefile/pdf"
	"dossier/internal/tooltest"
)

// screenshotsCase makes a case with n text-message screenshots, a message
// for each and the recipients marked.
func screenshotsCase(b *testing.B, n int) (*Case, []ocr.Word) {
	b.Helper()
	ctx := b.Context() // cancellable, as in the app and the CLI
	c, err := Create(filepath.Join(b.TempDir(), "s.dossier"), "Bench", "LW", Options{Actor: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { c.Close() })
	var words []ocr.Word
	for i := 0; i < n; i++ {
		to := fmt.Sprintf("07700 900%03d", i%1000)
		img, w := ocr.TestScreenshot("Northfield Forward", "To: "+to, fmt.Sprintf("Hi Resident%d, vote on Thursday", i))
		words = w
		var buf bytes.Buffer
		png.Encode(&buf, img)
		ex, err := c.AddReader(ctx, &buf, fmt.Sprintf("shot%d.png", i), -1, Meta{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		at := time.Date(2015, 6, 8, 9, 0, 0, 0, time.UTC)
		if _, err := c.AddMessage(ctx, MessageInput{Exhibit: ex.Ref, From: "Northfield Forward", To: to, At: at, Body: "Hi, vote on Thursday"}); err != nil {
			b.Fatal(err)
		}
	}
	return c, words
}

// BenchmarkSuggestMarks500Screenshots: text suggestions (no OCR) for a
// case of 500 screenshots and their messages.
func BenchmarkSuggestMarks500Screenshots(b *testing.B) {
	c, _ := screenshotsCase(b, 500)
	ctx := b.Context() // cancellable, as in the app and the CLI
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := c.SuggestMarks(ctx); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N)/500, "ms/image")
}

// BenchmarkSuggestRectsTesseract proposes boxes over the marked numbers
// and names on 20 screenshots, each with its own words, with real OCR
// (tesseract): what 'dossier marks suggest --ocr' makes a person wait for.
// Every pass runs on a fresh copy of the case, so none finds its work
// already done. The anchor is tesseract reading the same 20 images, timed
// in the same run. Goal: at most 1.25x the anchor (decoding, matching and
// storing the boxes add little to the OCR itself).
func BenchmarkSuggestRectsTesseract(b *testing.B) {
	tooltest.Need(b, "tesseract")
	const n = 20
	ctx := b.Context() // cancellable, as in the app and the CLI
	template, _ := screenshotsCase(b, n)
	template.SuggestMarks(ctx)
	template.AcceptMarks(ctx, nil, true)
	if err := template.Close(); err != nil {
		b.Fatal(err)
	}
	eng := ocr.New()
	var images []image.Image
	for i := 0; i < n; i++ {
		data, _, err := func() ([]byte, Exhibit, error) {
			c, err := OpenReadOnly(template.Path(), Options{})
			if err != nil {
				return nil, Exhibit{}, err
			}
			defer c.Close()
			return c.ReadOriginal(ctx, fmt.Sprintf("LW/%d", i+1))
		}()
		if err != nil {
			b.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		images = append(images, img)
	}
	var suggest, anchor time.Duration
	var boxes int
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		start := time.Now()
		for _, img := range images {
			if _, err := eng.Words(ctx, img); err != nil {
				b.Fatal(err)
			}
		}
		anchor += time.Since(start)
		path := filepath.Join(b.TempDir(), "copy.dossier")
		copyFileB(b, template.Path(), path)
		c, err := Open(path, Options{Actor: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start = time.Now()
		k, err := c.SuggestRects(ctx, eng, pdf.New(), nil)
		if err == nil {
			err = c.Close()
		}
		suggest += time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		boxes += k
	}
	if boxes == 0 {
		b.Fatal("no boxes proposed: the benchmark measured nothing")
	}
	b.ReportMetric(suggest.Seconds()*1000/float64(b.N)/n, "ms/image")
	b.ReportMetric(float64(boxes)/float64(b.N)/n, "boxes/image")
	b.ReportMetric(suggest.Seconds()/anchor.Seconds(), "x-tesseract-alone")
}

func copyFileB(b *testing.B, from, to string) {
	b.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o600); err != nil {
		b.Fatal(err)
	}
}
