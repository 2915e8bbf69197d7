package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/klippa-app/go-pdfium/requests"
)

// Clean returns a copy of a PDF rewritten in the oldest, simplest form:
// decrypted, one classic cross-reference table, no object or
// cross-reference streams, no incremental updates, annotations with an
// appearance (form fields, stamps) drawn into the page as a reader
// displays them, and each page's media box cut to what is displayed (its
// crop box). Simple importers (gofpdi, which places PDF pages in a bundle)
// read that form and no other, copy a page's content without its
// annotations, and importing the media box then shows exactly what a
// reader sees, never content hidden outside the crop box.
//
// pdfium does the rewriting: it opens damaged files that stricter readers
// refuse (repairing their cross-reference table) and writes every object
// out plainly. Errors are those of Open.
func Clean(ctx context.Context, data []byte) ([]byte, error) {
	d, err := Open(ctx, data)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	d.mu.Lock()
	defer d.mu.Unlock()
	for p := 1; p <= d.pages; p++ {
		if _, err := d.page(ctx, p); err != nil {
			return nil, err
		}
		err := d.withPage(ctx, p, "cut the media box of", func(pg requests.Page) error {
			// Annotations (a filled-in form, a stamp, a note) become page
			// content, as a reader displays them: importers copy the
			// content alone, and the copy would silently lose them.
			if _, err := d.inst.FPDFPage_Flatten(&requests.FPDFPage_Flatten{Page: pg,
				Usage: requests.FPDFPage_FlattenUsageNormalDisplay}); err != nil {
				return fmt.Errorf("%w: the annotations of page %d cannot be drawn (%v)", ErrDamaged, p, err)
			}
			bb, err := d.inst.FPDF_GetPageBoundingBox(&requests.FPDF_GetPageBoundingBox{Page: pg})
			if err != nil {
				return fmt.Errorf("%w: page %d has no size (%v)", ErrDamaged, p, err)
			}
			r := bb.Rect
			if r.Right <= r.Left || r.Top <= r.Bottom {
				return fmt.Errorf("%w: page %d has no area", ErrDamaged, p)
			}
			if _, err := d.inst.FPDFPage_SetMediaBox(&requests.FPDFPage_SetMediaBox{Page: pg,
				Left: r.Left, Bottom: r.Bottom, Right: r.Right, Top: r.Top}); err != nil {
				return fmt.Errorf("%w: page %d: %v", ErrDamaged, p, err)
			}
			_, err = d.inst.FPDFPage_SetCropBox(&requests.FPDFPage_SetCropBox{Page: pg,
				Left: r.Left, Bottom: r.Bottom, Right: r.Right, Top: r.Top})
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	var out bytes.Buffer
	err = d.call(ctx, "rewrite the PDF", func() error {
		// "Remove security" also means a full rewrite, not an update.
		_, err := d.inst.FPDF_SaveAsCopy(&requests.FPDF_SaveAsCopy{Document: d.doc,
			Flags: requests.SaveFlagRemoveSecurity, FileWriter: &out})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("rewrite the PDF: %w", err)
	}
	clean, err := denseXref(out.Bytes())
	if err != nil {
		return nil, fmt.Errorf("%w: rewrite the PDF: %v", ErrDamaged, err)
	}
	return clean, nil
}

// denseXref rewrites the cross-reference table at the end of a PDF that
// has just one (as pdfium writes it) as a single subsection from object 0,
// the gaps filled with free entries: gofpdi reads no other form. Objects
// do not move, so their offsets and startxref stay right.
func denseXref(pdf []byte) ([]byte, error) {
	sx := bytes.LastIndex(pdf, []byte("startxref"))
	if sx < 0 {
		return nil, errors.New("no startxref")
	}
	var at int
	if _, err := fmt.Sscan(string(pdf[sx+len("startxref"):]), &at); err != nil || at <= 0 || at >= sx {
		return nil, errors.New("bad startxref")
	}
	tail := pdf[at:]
	tr := bytes.Index(tail, []byte("trailer"))
	if !bytes.HasPrefix(tail, []byte("xref")) || tr < 0 {
		return nil, errors.New("no classic cross-reference table")
	}
	fields := strings.Fields(string(tail[len("xref"):tr]))
	entries := map[int]string{}
	size := 0
	for i := 0; i < len(fields); {
		if i+1 >= len(fields) {
			return nil, errors.New("short subsection header")
		}
		start, err1 := strconv.Atoi(fields[i])
		n, err2 := strconv.Atoi(fields[i+1])
		if err1 != nil || err2 != nil || start < 0 || n < 0 || i+2+3*n > len(fields) {
			return nil, errors.New("bad subsection header")
		}
		i += 2
		for k := 0; k < n; k++ {
			off, gen, kind := fields[i], fields[i+1], fields[i+2]
			if len(off) != 10 || len(gen) != 5 || (kind != "n" && kind != "f") {
				return nil, errors.New("bad entry")
			}
			entries[start+k] = off + " " + gen + " " + kind
			i += 3
		}
		size = max(size, start+n)
	}
	var b bytes.Buffer
	b.Grow(at + 20*size + len(tail) - tr + 16)
	b.Write(pdf[:at])
	fmt.Fprintf(&b, "xref\n0 %d\n", size)
	for i := 0; i < size; i++ {
		e, ok := entries[i]
		if !ok {
			e = "0000000000 65535 f"
		}
		b.WriteString(e + " \n")
	}
	b.Write(tail[tr:])
	return b.Bytes(), nil
}
