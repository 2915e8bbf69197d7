package pdf

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// The pdfium engine is compiled once per process, on first use: compiling
// its 5.8 MB of WebAssembly takes seconds, so the machine code is also
// kept in the user's cache folder, where the next process finds it in a
// fraction of a second.
var (
	engineOnce sync.Once
	enginePool pdfium.Pool
	engineErr  error
)

// maxInstances bounds how many documents are open at once; each holds its
// own WebAssembly memory. Callers that open more wait for one to close.
const maxInstances = 6

// memoryLimitPages bounds one instance's memory (64 KiB pages: 1.5 GiB),
// so a hostile document cannot take the machine's memory; pdfium then
// fails the call, which is reported as a damaged document.
const memoryLimitPages = 24576

// cacheDir is where compiled machine code is kept; tests may move it.
var cacheDir = func() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "dossier", "wasm"), nil
}

// engine returns the process's pdfium pool, starting it on first use.
func engine() (pdfium.Pool, error) {
	engineOnce.Do(func() {
		err := guard("start the PDF engine", func() error {
			if cache := compilationCache(); cache != nil {
				enginePool, engineErr = startEngine(cache)
				if engineErr == nil {
					return nil
				}
				// A cache that cannot be written (a read-only or full disk)
				// or holds a damaged entry fails the compilation; without it
				// the engine is only slower.
			}
			enginePool, engineErr = startEngine(nil)
			return nil
		})
		if err != nil {
			engineErr = err
		}
		if engineErr != nil {
			engineErr = fmt.Errorf("start the PDF engine: %w", engineErr)
		}
	})
	return enginePool, engineErr
}

// Prepare starts the engine in the background, so that the first document
// opened later need not wait for it: a command that will read PDFs calls it
// before its other work. Calling it again does nothing.
func Prepare() { go engine() }

// compilationCache opens the on-disk cache of compiled code, or returns nil
// when its folder cannot be made: then the engine runs without one.
func compilationCache() wazero.CompilationCache {
	dir, err := cacheDir()
	if err != nil || dir == "" {
		return nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil
	}
	cache, err := wazero.NewCompilationCacheWithDir(dir)
	if err != nil {
		return nil
	}
	return cache
}

func startEngine(cache wazero.CompilationCache) (pdfium.Pool, error) {
	// The bundled pdfium lowers setjmp/longjmp to WebAssembly exceptions,
	// so that feature must stay on in a custom configuration.
	cfg := wazero.NewRuntimeConfig().
		WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
		WithMemoryLimitPages(memoryLimitPages).
		// A cancelled context stops a long call (a page that takes minutes
		// to render) instead of waiting for it.
		WithCloseOnContextDone(true)
	if cache != nil {
		cfg = cfg.WithCompilationCache(cache)
	}
	return webassembly.Init(webassembly.Config{
		MinIdle:       0,
		MaxIdle:       1,
		MaxTotal:      maxInstances,
		RuntimeConfig: cfg,
		// No folder is mounted: documents are given as bytes, and the
		// engine has no business reading or writing the user's files.
		FSConfig: wazero.NewFSConfig(),
		Stdout:   io.Discard,
		Stderr:   io.Discard,
	})
}

// instance borrows a fresh pdfium instance; closing it frees its memory.
func instance(ctx context.Context) (pdfium.Pdfium, error) {
	pool, err := engine()
	if err != nil {
		return nil, err
	}
	var inst pdfium.Pdfium
	err = guard("start a PDF reader", func() error {
		var err error
		inst, err = pool.GetInstanceWithContext(ctx)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("start a PDF reader: %w", err)
	}
	return inst, nil
}

// errPanic marks an error made from a recovered panic.
var errPanic = errors.New("the PDF reader failed")

// guard runs f and turns a panic inside it (in pdfium's bindings, pdfcpu
// or gofpdi, all of which panic on some malformed input) into an error
// wrapping ErrDamaged, so that no document can crash the program.
func guard(what string, f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if os.Getenv("DOSSIER_DEBUG_PANICS") != "" {
				fmt.Fprintf(os.Stderr, "%s: panic: %v\n%s", what, r, debug.Stack())
			}
			err = fmt.Errorf("%w: %w while trying to %s (%v)", ErrDamaged, errPanic, what, r)
		}
	}()
	return f()
}

// Guard runs f with the same recover boundary this package puts around its
// own parsers, for callers that hand this package's output to another
// parser (such as gofpdi): a panic becomes an error wrapping ErrDamaged.
func Guard(what string, f func() error) error { return guard(what, f) }
