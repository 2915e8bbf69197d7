// Package export turns a case into its complaint bundle: one paginated,
// bookmarked, searchable PDF that a caseworker at the ICO, a police
// officer or a board chair can read top to bottom and cite by page.
//
// The bundle holds, in order: a cover, the evidence at a glance (charts of
// the messages per day and per estate, each with its table of numbers),
// the letter (if one is chosen), an index whose every entry links to its
// page, a chronology, the link schedule (which message reached the phone
// on which sheet row, in pseudonyms), every exhibit with its redaction
// marks applied, the custody log, and a manifest of hashes that anyone can
// re-check with VerifyBundle. Its pages are numbered from the cover, so
// printed and PDF page numbers agree.
//
// Redaction fails closed: after the bundle is made, every marked value is
// searched for in its bytes, its extracted text and its metadata, and the
// export is refused if one is found. The same case and date always give
// the same bytes.
package export

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"dossier/casefile"
	"dossier/casefile/ocr"
	"dossier/casefile/pdf"
	"dossier/export/redact"
)

// Options choose what a bundle holds.
type Options struct {
	// Date is the bundle's date, printed on the cover and written as the
	// PDF's creation date. Zero means today.
	Date time.Time
	// NoRedact makes the complainant's own unredacted copy; every page
	// says so.
	NoRedact bool
	// Letter is the reference of a letter exhibit to put after the cover,
	// or "".
	Letter string
	// LetterFile is a plain-text letter file to put after the cover when
	// Letter is "".
	LetterFile string
	// Progress, if set, is told the stage and how far it has got.
	Progress func(stage string, done, total int)
	// Renderer reads and rasterises PDF exhibits; nil means pdf.New().
	Renderer pdf.Renderer
	// OCR reads every image page of a redacted bundle back, and the export
	// is refused if a marked term can still be read there. Nil means
	// ocr.New() when tesseract is installed; SkipOCRCheck turns it off
	// (faster, for a bundle whose images are known to be clean).
	OCR          ocr.Engine
	SkipOCRCheck bool
	// MaxDPI caps the resolution of images as placed on the page; 0
	// means 300, the e-bundle limit. An upload pack lowers it to fit.
	MaxDPI float64
}

// Result describes a written bundle.
type Result struct {
	Path     string
	Pages    int
	SHA256   string
	Exhibits int
	Bytes    int64
	Redacted bool
	// OCRChecked says whether image pages were read back for leaks; false
	// when tesseract is not installed or the check was skipped.
	OCRChecked bool
}

// ErrLeak is returned (wrapped in a *redact.LeakError) when a marked value
// survives into the bundle; nothing is written.
var ErrLeak = redact.ErrLeak

// Bundle writes the case's bundle to out. It refuses to replace an
// existing file unless force. The PDF is built in memory, checked for
// leaks, written to a temporary file and renamed, so out is never partial;
// the export is then recorded in the custody log with the bundle's SHA-256.
func Bundle(ctx context.Context, c *casefile.Case, out string, force bool, opt Options) (Result, error) {
	if !force {
		if _, err := os.Lstat(out); err == nil {
			return Result{}, fmt.Errorf("export to %s: %w (add --force to replace it)", out, casefile.ErrExists)
		}
	}
	opt = opt.withDefaults()
	b, pdf, err := lay(ctx, c, opt)
	if err != nil {
		return Result{}, fmt.Errorf("export %s: %w", out, err)
	}
	if b.app != nil {
		b.progress("checking for leaks", 0, 1)
		if err := b.leakCheck(ctx, pdf, filepath.Base(out)); err != nil {
			return Result{}, fmt.Errorf("export %s: refused: %w", out, err)
		}
	}
	if err := casefile.WriteFileAtomic(out, func(w io.Writer) error { _, err := w.Write(pdf); return err }); err != nil {
		return Result{}, fmt.Errorf("export %s: %w", out, err)
	}
	res := b.result(pdf)
	res.Path, res.OCRChecked = out, b.app != nil && opt.OCR != nil
	if err := c.Record(ctx, casefile.ActionExported, "", map[string]any{
		"file": filepath.Base(out), "sha256": res.SHA256, "pages": res.Pages, "redacted": res.Redacted,
		"date": opt.Date.Format(time.DateOnly),
	}); err != nil {
		return res, fmt.Errorf("export %s: written, but not recorded in custody: %w", out, err)
	}
	return res, nil
}

// withDefaults fills in what the zero Options leave out: today at noon
// UTC, and the tools and limits of withTools.
func (opt Options) withDefaults() Options {
	if opt.Date.IsZero() {
		opt.Date = time.Now()
	}
	opt.Date = time.Date(opt.Date.Year(), opt.Date.Month(), opt.Date.Day(), 12, 0, 0, 0, time.UTC)
	return withTools(opt)
}

// lay lays the bundle out in memory: the builder and the finished PDF.
func lay(ctx context.Context, c *casefile.Case, opt Options) (*builder, []byte, error) {
	b, err := newBuilder(ctx, c, opt)
	if err != nil {
		return nil, nil, err
	}
	pdf, err := b.build(ctx)
	if err != nil {
		return nil, nil, err
	}
	return b, pdf, nil
}

// result describes pdf as laid out by b; Path and OCRChecked are left to
// the caller, which knows where it went and what checked it.
func (b *builder) result(pdf []byte) Result {
	sum := sha256.Sum256(pdf)
	return Result{Pages: b.d.PageCount(), SHA256: hex.EncodeToString(sum[:]), Exhibits: len(b.exhibits),
		Bytes: int64(len(pdf)), Redacted: b.app != nil}
}

// Preview lays the bundle out exactly as Bundle would and reports its
// pages, size and hash, but writes nothing, records nothing and skips the
// leak check and its OCR: the app shows it before an export, and
// 'dossier export --dry-run' prints it. Result.Path is "".
func Preview(ctx context.Context, c *casefile.Case, opt Options) (Result, error) {
	opt.SkipOCRCheck = true
	opt = opt.withDefaults()
	b, pdf, err := lay(ctx, c, opt)
	if err != nil {
		return Result{}, fmt.Errorf("preview the bundle: %w", err)
	}
	return b.result(pdf), nil
}

// leakCheck searches the finished PDF's bytes, its extracted text (which
// includes what compression hides from a byte search), its metadata and
// bookmarks (stored uncompressed in the bytes) and its file name for
// every marked value.
func (b *builder) leakCheck(ctx context.Context, pdf []byte, name string) error {
	streams := map[string][]byte{"the PDF file": pdf, "the file name": []byte(name)}
	text, err := b.opt.Renderer.Text(ctx, pdf)
	if err != nil {
		return fmt.Errorf("leak check: %w", err)
	}
	streams["the text of the bundle"] = []byte(text)
	return redact.LeakCheck(streams, b.app.Needles())
}
