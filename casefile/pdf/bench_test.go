package pdf_test

import (
	"context"
	"image"
	"image/draw"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"dossier/casefile/ocr"
	"dossier/casefile/pdf"
	"dossier/internal/tooltest"
	"dossier/sample"
)

// benchPages are the pages rendered: a page of text, an A4 scan at 150 dpi
// stored as JPEG, as scanners do (lines of text on paper with a little
// grain), and the sample case's canvassing sheet.
func benchPages(b *testing.B) map[string][]byte {
	b.Helper()
	scan := image.NewRGBA(image.Rect(0, 0, 1240, 1754))
	draw.Draw(scan, scan.Bounds(), image.White, image.Point{}, draw.Src)
	lines, _ := ocr.TestScreenshot("Notice to the residents of Kestrel House", "The lifts will be serviced on Thursday")
	for y := 100; y+lines.Bounds().Dy() < 1700; y += lines.Bounds().Dy() + 20 {
		draw.Draw(scan, lines.Bounds().Add(image.Pt(80, y)), lines, lines.Bounds().Min, draw.Src)
	}
	r := rand.New(rand.NewSource(1))
	for i := range scan.Pix {
		if i%4 != 3 && scan.Pix[i] > 16 {
			scan.Pix[i] -= uint8(r.Intn(16))
		}
	}
	files, err := sample.Files(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	var canvass []byte
	for _, f := range files {
		if filepath.Base(f) == "canvassing-sheet.pdf" {
			canvass, _ = os.ReadFile(f)
		}
	}
	if canvass == nil {
		b.Fatal("the sample has no canvassing sheet")
	}
	return map[string][]byte{
		"text":       pdf.TestPDF("Minutes of the residents meeting\nSecond line\nThird line"),
		"scan":       pdf.TestMixedPDF(pdf.Scan{Image: scan, DPI: 150, JPEG: true}),
		"canvassing": canvass,
	}
}

// BenchmarkRenderPage renders page 1 at 150 dpi (the resolution marked
// pages are rasterised at) three ways: with the document open
// (in-process), opening and closing it each time (a one-off call), and
// with pdftoppm, one process per page as Dossier ran it before (PNG out)
// and with raw pixels out. ms/page is what each costs.
//
//	go test ./casefile/pdf -run '^$' -bench RenderPage -benchtime 5x
func BenchmarkRenderPage(b *testing.B) {
	ctx := context.Background()
	for name, data := range benchPages(b) {
		b.Run(name+"/in-process", func(b *testing.B) {
			d, err := pdf.Open(ctx, data)
			if err != nil {
				b.Fatal(err)
			}
			defer d.Close()
			if _, err := d.RenderPage(ctx, 1, 150); err != nil { // page facts are read once
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := d.RenderPage(ctx, 1, 150); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/page")
		})
		b.Run(name+"/open-render-close", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				d, err := pdf.Open(ctx, data)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := d.RenderPage(ctx, 1, 150); err != nil {
					b.Fatal(err)
				}
				d.Close()
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/page")
		})
		// pdftoppm as Dossier ran it (PNG out, decoded again), and with raw
		// pixels out, which is its rendering alone.
		for _, format := range []string{"-png", "-ppm"} {
			b.Run(name+"/pdftoppm"+format, func(b *testing.B) {
				tooltest.Need(b, "pdftoppm")
				in := filepath.Join(b.TempDir(), "in.pdf")
				if err := os.WriteFile(in, data, 0o600); err != nil {
					b.Fatal(err)
				}
				args := []string{"-r", "150", "-f", "1", "-l", "1", in}
				if format == "-png" {
					args = append([]string{"-png"}, args...)
				}
				for i := 0; i < b.N; i++ {
					cmd := exec.Command("pdftoppm", args...)
					cmd.Stdout = io.Discard
					if err := cmd.Run(); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/page")
			})
		}
	}
}
