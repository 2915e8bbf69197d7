package pdf

import (
	"bytes"
	"context"
	"image"
	"runtime"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

// Renderer reads PDF documents given as bytes. It is the small surface
// most callers need, and what their tests replace with a fake. Errors wrap
// ErrPassword, ErrDamaged, ErrLimit or ErrPage as Doc's methods do.
type Renderer interface {
	// PageCount returns the number of pages of pdf.
	PageCount(ctx context.Context, pdf []byte) (int, error)
	// RenderPage renders page (1-based) of pdf at dpi dots per inch.
	RenderPage(ctx context.Context, pdf []byte, page int, dpi int) (image.Image, error)
	// Text returns the text of every page of pdf, each followed by "\f".
	Text(ctx context.Context, pdf []byte) (string, error)
	// Pages describes every page of pdf: its size, and whether it is
	// pixels (see PageInfo.Pixels).
	Pages(ctx context.Context, pdf []byte) ([]PageInfo, error)
}

// New returns the Renderer that runs pdfium inside this program. Calls
// with the same bytes as the call before reuse the open document, so
// rendering a document page by page opens it once.
func New() Renderer { return renderer{} }

type renderer struct{}

func (renderer) PageCount(ctx context.Context, pdf []byte) (n int, err error) {
	err = withDoc(ctx, pdf, func(d *Doc) error { n = d.PageCount(); return nil })
	return n, err
}

func (renderer) RenderPage(ctx context.Context, pdf []byte, page, dpi int) (img image.Image, err error) {
	err = withDoc(ctx, pdf, func(d *Doc) error {
		img, err = d.RenderPage(ctx, page, dpi)
		return err
	})
	return img, err
}

// parallelTextPages is the page count from which Text reads a document
// with one reader per core: the leak check of a bundle of thousands of
// pages reads them all, and one reader took over a minute.
const parallelTextPages = 200

func (renderer) Text(ctx context.Context, pdf []byte) (text string, err error) {
	err = withDoc(ctx, pdf, func(d *Doc) error {
		n := min(runtime.GOMAXPROCS(0), maxInstances/2)
		if d.PageCount() < parallelTextPages || n < 2 {
			text, err = d.Text(ctx)
			return err
		}
		text, err = parallelText(ctx, pdf, d, n)
		return err
	})
	return text, err
}

// parallelText reads the text of d, whose bytes are pdf, in n contiguous
// runs of pages at once: d reads the first, each other a reader of its
// own. The text is the same as d.Text gives.
func parallelText(ctx context.Context, pdf []byte, d *Doc, n int) (string, error) {
	pages := d.PageCount()
	parts := make([]string, n)
	g, ctx := errgroup.WithContext(ctx)
	for i := range n {
		from, to := i*pages/n+1, (i+1)*pages/n
		g.Go(func() error {
			doc := d
			if i > 0 {
				var err error
				if doc, err = Open(ctx, pdf); err != nil {
					return err
				}
				defer doc.Close()
			}
			t, err := doc.textOf(ctx, from, to)
			parts[i] = t
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return "", err
	}
	return strings.Join(parts, ""), nil
}

func (renderer) Pages(ctx context.Context, pdf []byte) (pages []PageInfo, err error) {
	err = withDoc(ctx, pdf, func(d *Doc) error {
		pages, err = d.Pages(ctx)
		return err
	})
	return pages, err
}

// The last document opened through a Renderer stays open for a while, so
// that rendering page after page (or reading text, then rendering) does
// not copy and parse it again each time. It is closed when another
// document is asked for, or after idleClose without use.
var (
	lastMu   sync.Mutex
	lastData []byte // a copy of the document's bytes, compared on each call
	lastDoc  *Doc
	lastIdle *time.Timer
)

const idleClose = 20 * time.Second

// maxCached is the largest document kept open between calls; a larger one
// is opened for each call, so that its memory is not held.
const maxCached = 64 << 20

func withDoc(ctx context.Context, pdf []byte, f func(d *Doc) error) error {
	lastMu.Lock()
	defer lastMu.Unlock()
	if lastDoc == nil || !bytes.Equal(lastData, pdf) {
		closeLast()
		d, err := Open(ctx, pdf)
		if err != nil {
			return err
		}
		if len(pdf) > maxCached {
			defer d.Close()
			return f(d)
		}
		lastDoc, lastData = d, append([]byte(nil), pdf...)
	}
	err := f(lastDoc)
	if lastDoc.closed {
		// A panic or a cancelled call closed it.
		closeLast()
	}
	if lastIdle == nil {
		lastIdle = time.AfterFunc(idleClose, func() {
			lastMu.Lock()
			defer lastMu.Unlock()
			closeLast()
		})
	} else {
		lastIdle.Reset(idleClose)
	}
	return err
}

// closeLast closes the cached document; lastMu is held.
func closeLast() {
	if lastDoc != nil {
		lastDoc.Close()
	}
	lastDoc, lastData = nil, nil
}
