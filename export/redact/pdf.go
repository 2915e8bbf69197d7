package redact

import (
	"context"
	"fmt"

	"dossier/casefile/pdf"
)

// PDF rasterises every page of doc at dpi with r, fills the rectangles of
// each page with solid black and returns the pages as PNG images, in page
// order. Nothing of the PDF but its pixels survives: no text layer, no
// metadata, no bookmarks, no attachments. Rectangles naming a page the
// document lacks, or reaching outside their page, give an error wrapping
// ErrOutside before anything is rendered. Errors from r (a damaged PDF, a
// page beyond the pixel limit) are wrapped.
func PDF(ctx context.Context, r pdf.Renderer, doc []byte, rects []Rect, dpi int) (pages [][]byte, err error) {
	n, err := r.PageCount(ctx, doc)
	if err != nil {
		return nil, fmt.Errorf("redact pdf: %w", err)
	}
	byPage := map[int][]Rect{}
	for _, rc := range rects {
		if err := rc.check(n); err != nil {
			return nil, fmt.Errorf("redact pdf: %w", err)
		}
		byPage[rc.Page] = append(byPage[rc.Page], rc)
	}
	pages = make([][]byte, 0, n)
	for p := 1; p <= n; p++ {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("redact pdf: %w", err)
		}
		img, err := r.RenderPage(ctx, doc, p, dpi)
		if err != nil {
			return nil, fmt.Errorf("redact pdf: %w", err)
		}
		out, err := encodeMarked(img, byPage[p])
		if err != nil {
			return nil, fmt.Errorf("redact pdf: page %d: %w", p, err)
		}
		pages = append(pages, out)
	}
	return pages, nil
}
