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
// Redaction fails closed, through one pipeline (package export/marks)
// shared by the bundle, the ICO pack, 'dossier redact' and the app's
// preview. After the bundle is laid out, every marked value is searched
// for in its bytes, its extracted text page by page, its metadata, footers,
// bookmarks and attachment, its file name, and (with OCR) the pixels of
// every image page placed; the export is refused, naming the exhibit,
// page and kind of value, if one is found. A data sheet whose rows are not
// imported, or image pages that cannot be read back, refuse it too; a
// format that cannot be looked inside is listed, never shown. Every
// problem is reported at once, each with what resolves it. The same case
// and date always give the same bytes.
package export

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"dossier/casefile"
	"dossier/casefile/ocr"
	"dossier/casefile/pdf"
	"dossier/export/marks"
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
	// Renderer reads and rasterises PDF exhibits and says which pages
	// carry pixels; nil means pdf.New().
	Renderer pdf.Renderer
	// OCR reads every raster page of a redacted bundle back (images,
	// rasterised PDF pages, PDF pages that carry pixels), and the export
	// is refused if a marked term can still be read there. Nil means
	// ocr.New() when tesseract is installed. Without tesseract an export
	// with raster pages to read is refused unless SkipOCRCheck, which
	// turns the read-back off; the cover and manifest then say the pixels
	// were not read back.
	OCR          ocr.Engine
	SkipOCRCheck bool
	// MaxDPI caps the resolution of images as placed on the page; 0
	// means 300, the e-bundle limit. An upload pack lowers it to fit.
	MaxDPI float64

	// layoutOnly lays the bundle out exactly as an export would, with the
	// same cover and manifest, but reads nothing back (Preview).
	layoutOnly bool
	// app and copied, for a layout done again (see relayout): the
	// Applier of the first, and the copies that came out other than it
	// took them to be.
	app    *marks.Applier
	copied map[string]made
}

// Result describes a written bundle, in numbers that are true of it.
type Result struct {
	Path     string
	Pages    int
	SHA256   string
	Exhibits int
	Bytes    int64
	// Redacted is true when marks changed something in the bundle.
	Redacted bool
	// OCRChecked is true when every raster page placed was read back with
	// OCR for marked values (and there was at least one).
	OCRChecked bool
	// ExhibitsMarked counts exhibits whose copy marks changed; MarksApplied
	// the distinct marks that changed something anywhere in the bundle.
	ExhibitsMarked int
	MarksApplied   int
	// RasterPages counts image pages placed, RasterReadBack those read back.
	RasterPages    int
	RasterReadBack int
	// NotReproduced lists the exhibits listed with their hash but not shown.
	NotReproduced []string
	// Withheld counts the exhibits left out ('dossier withhold'); the
	// index lists them. Exhibits does not include them.
	Withheld int
	// Placeholders says which characters no font in the bundle can draw
	// and are shown by their code points ([U+1F600]), or is "".
	Placeholders string
}

// ErrLeak is wrapped by the error of an export refused because a marked
// value survives into it; nothing is written.
var ErrLeak = redact.ErrLeak

// Bundle writes the case's bundle to out. It refuses to replace an
// existing file unless force. The PDF is built in memory, checked for
// leaks and written to a temporary file; the export is recorded in the
// custody log with the bundle's SHA-256, and only then is the file renamed
// to out, so out is never partial nor unrecorded (on a case opened
// read-only nothing is recorded). Every problem that stops the export is
// returned at once, as Problems, each with what resolves it.
func Bundle(ctx context.Context, c *casefile.Case, out string, force bool, opt Options) (Result, error) {
	if !force {
		if _, err := os.Lstat(out); err == nil {
			return Result{}, fmt.Errorf("export to %s: %w (add --force to replace it)", out, casefile.ErrExists)
		}
	}
	// A missing or read-only folder, or a device as out, fails now, not
	// after the whole layout.
	if err := casefile.CheckOutput(out, true, 0); err != nil {
		return Result{}, fmt.Errorf("export: %w", err)
	}
	opt = opt.withDefaults()
	b, pdf, err := lay(ctx, c, opt)
	if err != nil {
		return Result{}, fmt.Errorf("export %s: %w", out, err)
	}
	if b.app != nil {
		b.progress("checking for leaks", 0, 1)
		if err := b.leakCheck(ctx, pdf, map[string][]byte{"the file name": []byte(filepath.Base(out))}); err != nil {
			return Result{}, fmt.Errorf("export %s: %w", out, err)
		}
	}
	if len(b.problems) > 0 {
		return Result{}, fmt.Errorf("export %s refused, nothing written: %w", out, b.problems)
	}
	if b.app != nil && !c.ReadOnly() {
		// A written bundle fixes its stand-ins for good: those it worked
		// out are stored, and recorded in custody, before it is written.
		// A case on read-only media cannot change, so neither can they.
		if err := c.StorePseudonyms(ctx, b.app.Pseudonyms()); err != nil {
			return Result{}, fmt.Errorf("export %s: %w", out, err)
		}
	}
	res := b.result(pdf)
	res.Path = out
	// Recorded before the file appears; a read-only case records nothing.
	err = c.WriteRecorded(ctx, out, func(w io.Writer) error { _, err := w.Write(pdf); return err },
		casefile.ActionExported, "", map[string]any{
			"file": filepath.Base(out), "sha256": res.SHA256, "pages": res.Pages, "redacted": res.Redacted,
			"date": opt.Date.Format(time.DateOnly), "marks_applied": res.MarksApplied,
			"raster_pages": res.RasterPages, "raster_read_back": res.RasterReadBack,
		})
	if err != nil {
		return Result{}, fmt.Errorf("export %s: %w", out, err)
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
// A layout that drew a sheet as its copy was made, and found the copy
// other than it took it to be, is done again with the copy as it is.
func lay(ctx context.Context, c *casefile.Case, opt Options) (*builder, []byte, error) {
	for {
		b, err := newBuilder(ctx, c, opt)
		if err != nil {
			return nil, nil, err
		}
		pdf, err := b.build(ctx)
		var again *relayout
		if errors.As(err, &again) {
			if opt.copied == nil {
				opt.copied = map[string]made{}
			}
			opt.copied[again.ref] = again.made
			opt.app = b.app
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		return b, pdf, nil
	}
}

// result describes pdf as laid out by b; Path is left to the caller.
func (b *builder) result(pdf []byte) Result {
	sum := sha256.Sum256(pdf)
	r := Result{Pages: b.d.PageCount(), SHA256: hex.EncodeToString(sum[:]), Exhibits: len(b.exhibits),
		Bytes: int64(len(pdf)), ExhibitsMarked: b.stats.exhibitsMarked, RasterPages: b.stats.rasterPlaced,
		NotReproduced: b.stats.notReproduced, Withheld: len(b.withheld), Placeholders: b.d.MissingNote()}
	if b.app != nil {
		r.MarksApplied = b.app.Used()
		r.Redacted = r.MarksApplied > 0
		if !b.opt.layoutOnly {
			r.RasterReadBack = b.stats.rasterRead
			r.OCRChecked = r.RasterPages > 0 && r.RasterReadBack == r.RasterPages
		}
	}
	return r
}

// Preview lays the bundle out exactly as Bundle would and reports its
// pages, size and hash, but writes nothing, records nothing and skips the
// leak check and its OCR: the app shows it before an export, and
// 'dossier export --dry-run' prints it. Result.Path is "". The problems
// an export would be refused for that show without reading anything back
// (a sheet not imported, tesseract missing, a PDF with an unboxed value)
// are returned as Problems with the result.
func Preview(ctx context.Context, c *casefile.Case, opt Options) (Result, error) {
	opt.layoutOnly = true
	opt = opt.withDefaults()
	b, pdf, err := lay(ctx, c, opt)
	if err != nil {
		return Result{}, fmt.Errorf("preview the bundle: %w", err)
	}
	res := b.result(pdf)
	if len(b.problems) > 0 {
		return res, fmt.Errorf("the bundle cannot be exported yet: %w", b.problems)
	}
	return res, nil
}

// leakCheck searches everything the export writes for every marked value:
// the PDF's bytes (its streams inflated, images and fonts left to the OCR
// read-back and the text; see redact.SearchView), its extracted text page
// by page, the metadata, footers and
// bookmarks as they were set, its attachment, and the extra streams
// (file names). Every leak found becomes a problem naming the exhibit and
// page where it can; the error is for a check that could not run.
func (b *builder) leakCheck(ctx context.Context, pdf []byte, extra map[string][]byte) error {
	streams := map[string][]byte{"the PDF file": redact.SearchView(pdf)}
	for k, v := range extra {
		streams[k] = v
	}
	for k, v := range b.printed {
		streams[k] = []byte(v)
	}
	if js, err := json.Marshal(b.manifest); err == nil {
		streams["the attached manifest"] = js
	}
	text, err := b.opt.Renderer.Text(ctx, pdf)
	if err != nil {
		return fmt.Errorf("leak check: %w", err)
	}
	for i, page := range strings.Split(text, "\f") {
		if strings.TrimSpace(page) != "" {
			streams[b.pageName(i+1)] = []byte(page)
		}
	}
	leaks, err := redact.FindLeaks(streams, b.app.Needles())
	if err != nil {
		return err
	}
	for _, l := range leaks {
		ref, page := b.pageOwner(l.Where)
		fix := fmt.Sprintf("mark it with dossier marks add %s --term TEXT, check with dossier redact, then export again", b.caseArg())
		if ref != "" {
			fix = b.fixFor(ref, ErrLeak)
		}
		b.problem(ref, page, l, fix)
	}
	return nil
}

// pageName names page n of the bundle for the leak check: the exhibit it
// shows, or the page alone.
func (b *builder) pageName(n int) string {
	for _, e := range b.manifest.Exhibits {
		if n >= e.StartPage && n < e.StartPage+e.Pages {
			return fmt.Sprintf("the text of %s (bundle page %d)", e.Ref, n)
		}
	}
	return fmt.Sprintf("the text of bundle page %d", n)
}

// pageOwner is the exhibit, and its page, that a stream named by pageName
// shows, or "" and 0.
func (b *builder) pageOwner(where string) (string, int) {
	var n int
	if i := strings.LastIndex(where, "bundle page "); i >= 0 {
		fmt.Sscanf(where[i:], "bundle page %d", &n)
	}
	for _, e := range b.manifest.Exhibits {
		if n >= e.StartPage && n < e.StartPage+e.Pages {
			return e.Ref, n - e.StartPage + 1
		}
	}
	return "", 0
}
