package export

import (
	"context"
	"sync"
	"time"

	"dossier/casefile"
	"dossier/casefile/pdf"
	"dossier/export/marks"
)

// keepApplier is how long an Applier made for a preview is kept unused.
const keepApplier = 2 * time.Minute

// lastApplier is the Applier last made for a preview, with the case and
// the generation of it that it was made from. Making one reads every
// accepted mark and works out every stand-in: 2 s on a case of 100,000
// rows, where the Export tab made one for its size count and another for
// the ICO form's text, and the Redact tab one for its counts and one for
// each exhibit previewed. It holds about 100 MB on such a case, so it is
// dropped after keepApplier unused. An export never uses it.
var lastApplier struct {
	sync.Mutex
	c    *casefile.Case
	gen  uint64
	app  *marks.Applier
	drop *time.Timer
}

// previewApplier returns an Applier for a preview of c that reads PDFs
// with pop: a fork of the last one made while c is still at the
// generation it was made at (casefile.Case.Generation), else a new one,
// kept for the next preview. A case opened read-only, which another
// program may be writing, always gets a new one.
func previewApplier(ctx context.Context, c *casefile.Case, pop pdf.Renderer) (*marks.Applier, error) {
	gen, ok := c.Generation()
	if !ok {
		return marks.New(ctx, c, pop)
	}
	l := &lastApplier
	// Held while a new one is made: a second preview of the same case
	// waits for it rather than making its own beside it.
	l.Lock()
	defer l.Unlock()
	if l.app == nil || l.c != c || l.gen != gen {
		app, err := marks.New(ctx, c, pop)
		if err != nil {
			return nil, err
		}
		l.c, l.gen, l.app = c, gen, app
	}
	if l.drop != nil {
		l.drop.Stop()
	}
	app := l.app
	l.drop = time.AfterFunc(keepApplier, func() {
		l.Lock()
		defer l.Unlock()
		if l.app == app {
			l.c, l.app = nil, nil
		}
	})
	return app.Fork(pop), nil
}
