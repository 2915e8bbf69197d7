package casefile

import (
	"bytes"
	"fmt"
	"image/png"
	"path/filepath"
	"testing"
	"time"

	"dossier/casefile/ocr"
	"dossier/casefile/pdf"
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

// BenchmarkSuggestRects500Screenshots: rectangles on 500 screenshots with
// the OCR step replaced by known word boxes (decode, match and store only).
func BenchmarkSuggestRects500Screenshots(b *testing.B) {
	c, words := screenshotsCase(b, 500)
	ctx := b.Context() // cancellable, as in the app and the CLI
	if _, err := c.AcceptMarks(ctx, nil, true); err != nil {
		b.Fatal(err)
	}
	c.SuggestMarks(ctx)
	c.AcceptMarks(ctx, nil, true)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := c.SuggestRects(ctx, knownWords(words), pdf.New(), nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N)/500, "ms/image")
}

// BenchmarkSuggestRectsTesseract: the same with real OCR, on 20
// screenshots (tesseract takes about half a second an image).
func BenchmarkSuggestRectsTesseract(b *testing.B) {
	if !ocr.Available() {
		b.Skip("tesseract is not installed")
	}
	c, _ := screenshotsCase(b, 20)
	ctx := b.Context() // cancellable, as in the app and the CLI
	c.SuggestMarks(ctx)
	c.AcceptMarks(ctx, nil, true)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := c.SuggestRects(ctx, ocr.New(), pdf.New(), nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N)/20, "ms/image")
}
