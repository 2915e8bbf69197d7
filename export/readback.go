package export

import (
	"context"
	"fmt"
	"image"
	"runtime"
	"sync"

	"dossier/export/redact"
)

// readBacks runs the OCR leak check of image pages alongside the layout:
// the PDF is only output once every page has been read, so the checks can
// overlap, one tesseract per core. The semaphore also bounds how many
// decoded pages wait in memory.
type readBacks struct {
	sem  chan struct{}
	wg   sync.WaitGroup
	mu   sync.Mutex
	errs map[string]error // by "ref page", reported in page order
	keys []string
}

func newReadBacks() *readBacks {
	return &readBacks{sem: make(chan struct{}, runtime.NumCPU()), errs: map[string]error{}}
}

// readBack starts reading one image page back with OCR.
func (b *builder) readBack(ctx context.Context, ref string, page int, img image.Image) {
	rb := b.reads
	key := fmt.Sprintf("%s page %d", ref, page)
	rb.mu.Lock()
	rb.keys = append(rb.keys, key)
	rb.mu.Unlock()
	rb.sem <- struct{}{}
	rb.wg.Add(1)
	go func() {
		defer func() { <-rb.sem; rb.wg.Done() }()
		kind, err := b.app.ImageLeak(ctx, b.opt.OCR, img)
		switch {
		case err != nil:
			err = fmt.Errorf("%s: read back for leaks: %w", key, err)
		case kind != "":
			err = fmt.Errorf("%s: %w: OCR can still read a marked %s there; draw a box over it on the Redact screen",
				key, redact.ErrLeak, kind)
		}
		if err != nil {
			rb.mu.Lock()
			rb.errs[key] = err
			rb.mu.Unlock()
		}
	}()
}

// wait returns the first page's problem, in bundle order, once every
// read-back has finished.
func (rb *readBacks) wait() error {
	rb.wg.Wait()
	for _, k := range rb.keys {
		if err := rb.errs[k]; err != nil {
			return err
		}
	}
	return nil
}
