package marks

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"strings"

	"dossier/casefile/poppler"
)

// PixelPager is a PDF engine that can say which pages of a PDF carry
// pixels: a scanned page, a photo, a screenshot pasted into a letter.
// Those pages are read back with OCR before export, as screenshots are.
// An engine without it is asked page count only, and every page is then
// taken to carry pixels (failing closed).
type PixelPager interface {
	PixelPages(ctx context.Context, pdf []byte) ([]int, error)
}

// minImagePixels is the smallest embedded image worth reading: a logo or
// a rule is smaller than a line of print at 150 dpi.
const minImagePixels = 64 * 64

// PixelPages lists the 1-based pages of pdf that carry pixels. It asks
// pop when it is a PixelPager, else poppler's pdfimages (fed on standard
// input, so no copy of the PDF is written anywhere), else it lists every
// page.
func PixelPages(ctx context.Context, pop poppler.Renderer, pdf []byte) ([]int, error) {
	if pp, ok := pop.(PixelPager); ok {
		return pp.PixelPages(ctx, pdf)
	}
	pages, err := pdfimages(ctx, pdf)
	if err == nil {
		return pages, nil
	}
	if !errors.Is(err, exec.ErrNotFound) {
		return nil, fmt.Errorf("list its images: %w", err)
	}
	n, err := pop.PageCount(ctx, pdf)
	if err != nil {
		return nil, err
	}
	all := make([]int, n)
	for i := range all {
		all[i] = i + 1
	}
	return all, nil
}

// pdfimages runs 'pdfimages -list' on pdf and returns the pages with an
// image of at least minImagePixels.
func pdfimages(ctx context.Context, pdf []byte) ([]int, error) {
	path, err := exec.LookPath("pdfimages")
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, path, "-list", "fd://0")
	cmd.Stdin = bytes.NewReader(pdf)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("pdfimages: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	seen := map[int]bool{}
	var pages []int
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 5 {
			continue
		}
		page, err1 := strconv.Atoi(f[0])
		w, err2 := strconv.Atoi(f[3])
		h, err3 := strconv.Atoi(f[4])
		if err1 != nil || err2 != nil || err3 != nil || w*h < minImagePixels || seen[page] {
			continue
		}
		seen[page] = true
		pages = append(pages, page)
	}
	return pages, sc.Err()
}
