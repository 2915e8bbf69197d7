package export

import (
	"context"
	"fmt"
	"image"
	"runtime"
	"sync"

	"golang.org/x/sync/errgroup"

	"dossier/export/redact"
)

// readBacks runs the OCR leak check of raster pages alongside the layout:
// the PDF is only output once every page has been read, so the checks can
// overlap, one tesseract per core. The group's limit also bounds how many
// decoded pages wait in memory. A failing export cancels the group; a
// leak does not, so that one export names every page that leaks.
type readBacks struct {
	on     bool // pages are read back: there is something to read for, and an engine
	run    bool // and read now; false when laying out only, which counts them all the same
	g      *errgroup.Group
	ctx    context.Context
	cancel context.CancelFunc
	mu     sync.Mutex
	leaks  map[string]Problem // by "ref page", reported in page order
	keys   []string
}

func newReadBacks(ctx context.Context, on, run bool) *readBacks {
	ctx, cancel := context.WithCancel(ctx)
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.NumCPU())
	return &readBacks{on: on, run: on && run, g: g, ctx: gctx, cancel: cancel, leaks: map[string]Problem{}}
}

// readBack reads one raster page of exhibit ref back with OCR, if the
// export reads pages back, and counts it: placed, and read or not.
func (b *builder) readBack(ref string, page int, img image.Image) {
	b.stats.rasterPlaced++
	rb := b.reads
	if !rb.on {
		return
	}
	b.stats.rasterRead++
	if !rb.run {
		return
	}
	key := fmt.Sprintf("%s page %d", ref, page)
	rb.keys = append(rb.keys, key)
	rb.g.Go(func() error {
		kind, err := b.app.ImageLeak(rb.ctx, b.opt.OCR, img)
		if err != nil {
			return fmt.Errorf("%s: read back for leaks: %w", key, err)
		}
		if kind != "" {
			rb.mu.Lock()
			rb.leaks[key] = Problem{Exhibit: ref, Page: page,
				Err: fmt.Errorf("%w: OCR can still read a marked %s there", redact.ErrLeak, kind), Fix: b.fixFor(ref, ErrLeak)}
			rb.mu.Unlock()
		}
		return nil
	})
}

// failed returns the error that stopped the read-backs, if one has.
func (rb *readBacks) failed() error {
	if rb.ctx.Err() != nil {
		return rb.g.Wait()
	}
	return nil
}

// wait returns every page's leak, in bundle order, once every read-back
// has finished, or the error that stopped them.
func (rb *readBacks) wait() ([]Problem, error) {
	if err := rb.g.Wait(); err != nil {
		return nil, err
	}
	var out []Problem
	for _, k := range rb.keys {
		if p, ok := rb.leaks[k]; ok {
			out = append(out, p)
		}
	}
	return out, nil
}
