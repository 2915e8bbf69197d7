// Package poppler renders and reads PDF files with the poppler-utils
// programs pdfinfo, pdftoppm and pdftotext, behind a small interface so that
// callers (PDF previews in the GUI, rasterising marked PDFs at export) can be
// tested with a fake and keep working, with a clear message, on a machine
// where poppler-utils is not installed.
//
//	r := poppler.New()
//	n, err := r.PageCount(ctx, pdf)
//	img, err := r.RenderPage(ctx, pdf, 1, 150)
//	if errors.Is(err, poppler.ErrMissing) { /* tell the user how to install it */ }
//
// The PDF is written to a temporary file in os.TempDir, because the tools
// read files, and removed before each method returns.
package poppler

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// ErrMissing means poppler-utils is not installed. Its message says how to
// install it.
var ErrMissing = errors.New("poppler-utils is not installed; install it " +
	"(Debian/Ubuntu: sudo apt-get install poppler-utils; macOS: brew install poppler; " +
	"Windows: download a poppler release from github.com/oschwartz10612/poppler-windows " +
	"and add its Library\\bin folder to PATH)")

// ErrPage means a page number is outside the document.
var ErrPage = errors.New("page out of range")

// Renderer reads PDF documents given as bytes. Every method returns an
// error wrapping ErrMissing when the tools it needs are absent, and honours
// ctx by killing the tool it runs.
type Renderer interface {
	// PageCount returns the number of pages of pdf.
	PageCount(ctx context.Context, pdf []byte) (int, error)
	// RenderPage renders page (1-based) of pdf at dpi dots per inch.
	// A page outside the document gives an error wrapping ErrPage.
	RenderPage(ctx context.Context, pdf []byte, page int, dpi int) (image.Image, error)
	// Text returns the text layer of pdf, laid out as on the page.
	Text(ctx context.Context, pdf []byte) (string, error)
}

// MaxDPI bounds the resolution RenderPage accepts, so that a mistaken value
// cannot ask for an image of gigabytes.
const MaxDPI = 1200

// lookPath is replaceable by tests to simulate missing tools.
var lookPath = exec.LookPath

// Available reports whether pdfinfo, pdftoppm and pdftotext are all on PATH.
func Available() bool {
	for _, t := range []string{"pdfinfo", "pdftoppm", "pdftotext"} {
		if _, err := lookPath(t); err != nil {
			return false
		}
	}
	return true
}

// New returns a Renderer that runs the poppler-utils programs. It is
// returned even when they are missing; its methods then fail with
// ErrMissing, so callers need only one error path.
func New() Renderer { return cli{} }

type cli struct{}

// run writes pdf to a temporary file, runs tool with args (the token
// "{pdf}" replaced by the file's path, "{dir}" by a temporary directory)
// and returns its standard output and the temporary directory's path for
// reading any files it wrote. cleanup removes everything.
func run(ctx context.Context, tool string, pdf []byte, args ...string) (out []byte, dir string, cleanup func(), err error) {
	path, err := lookPath(tool)
	if err != nil {
		return nil, "", func() {}, fmt.Errorf("%s: %w", tool, ErrMissing)
	}
	dir, err = os.MkdirTemp("", "dossier-poppler-")
	if err != nil {
		return nil, "", func() {}, fmt.Errorf("%s: temporary folder: %w", tool, err)
	}
	cleanup = func() { os.RemoveAll(dir) }
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		cleanup()
		return nil, "", func() {}, fmt.Errorf("%s: temporary file: %w", tool, err)
	}
	full := make([]string, len(args))
	for i, a := range args {
		switch a {
		case "{pdf}":
			full[i] = in
		case "{dir}":
			full[i] = filepath.Join(dir, "out")
		default:
			full[i] = a
		}
	}
	cmd := exec.CommandContext(ctx, path, full...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		cleanup()
		if ctx.Err() != nil {
			return nil, "", func() {}, fmt.Errorf("%s: %w", tool, ctx.Err())
		}
		return nil, "", func() {}, fmt.Errorf("%s: %w: %s", tool, err, firstLine(stderr.Bytes()))
	}
	return stdout.Bytes(), dir, cleanup, nil
}

func firstLine(b []byte) string {
	b = bytes.TrimSpace(b)
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	if len(b) == 0 {
		return "no message (is it a PDF?)"
	}
	return string(b)
}

var pagesLine = regexp.MustCompile(`(?m)^Pages:\s+(\d+)`)

func (cli) PageCount(ctx context.Context, pdf []byte) (int, error) {
	out, _, cleanup, err := run(ctx, "pdfinfo", pdf, "{pdf}")
	if err != nil {
		return 0, fmt.Errorf("count pages: %w", err)
	}
	defer cleanup()
	return parsePages(out)
}

func parsePages(out []byte) (int, error) {
	m := pagesLine.FindSubmatch(out)
	if m == nil {
		return 0, errors.New("count pages: pdfinfo printed no page count")
	}
	n, err := strconv.Atoi(string(m[1]))
	if err != nil {
		return 0, fmt.Errorf("count pages: %w", err)
	}
	return n, nil
}

func (c cli) RenderPage(ctx context.Context, pdf []byte, page int, dpi int) (image.Image, error) {
	if dpi < 1 || dpi > MaxDPI {
		return nil, fmt.Errorf("render page %d: resolution %d dpi outside 1..%d", page, dpi, MaxDPI)
	}
	if page < 1 {
		return nil, fmt.Errorf("render page %d: %w", page, ErrPage)
	}
	p := strconv.Itoa(page)
	_, dir, cleanup, err := run(ctx, "pdftoppm", pdf,
		"-f", p, "-l", p, "-r", strconv.Itoa(dpi), "-png", "-singlefile", "{pdf}", "{dir}")
	if err != nil {
		if strings.Contains(err.Error(), "Wrong page range") {
			// pdftoppm refuses a first page after the last one.
			return nil, fmt.Errorf("render page %d: %w", page, ErrPage)
		}
		return nil, fmt.Errorf("render page %d: %w", page, err)
	}
	defer cleanup()
	b, err := os.ReadFile(filepath.Join(dir, "out.png"))
	if errors.Is(err, os.ErrNotExist) {
		// pdftoppm exits 0 and writes nothing for a page past the end.
		return nil, fmt.Errorf("render page %d: %w", page, ErrPage)
	}
	if err != nil {
		return nil, fmt.Errorf("render page %d: %w", page, err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("render page %d: decode: %w", page, err)
	}
	return img, nil
}

func (cli) Text(ctx context.Context, pdf []byte) (string, error) {
	out, _, cleanup, err := run(ctx, "pdftotext", pdf, "-layout", "-enc", "UTF-8", "{pdf}", "-")
	if err != nil {
		return "", fmt.Errorf("extract text: %w", err)
	}
	defer cleanup()
	return string(out), nil
}
