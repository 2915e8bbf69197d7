package marks

import (
	"context"

	"dossier/casefile/pdf"
)

// PixelPages lists the 1-based pages of a PDF that must be treated as
// images (pdf.PageInfo.Pixels: a scan, a photo, a screenshot pasted into
// a letter, or text that cannot be searched). Those pages are read back
// with OCR before export, as screenshots are.
func PixelPages(ctx context.Context, r pdf.Renderer, data []byte) ([]int, error) {
	pages, err := r.Pages(ctx, data)
	if err != nil {
		return nil, err
	}
	var out []int
	for i, p := range pages {
		if p.Pixels() {
			out = append(out, i+1)
		}
	}
	return out, nil
}
