package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"dossier/casefile"
	"dossier/casefile/ocr"
	"dossier/casefile/pdf"
	"dossier/export"
	"dossier/export/marks"
	"dossier/export/redact"
)

// ActionRedactedCopy is the custody action for a marked copy written out
// for checking.
const ActionRedactedCopy = casefile.ActionRedactedCopy

// RedactOptions are the flags of 'dossier redact'.
type RedactOptions struct {
	Case, Ref, Out string
	Force          bool
	SkipOCRCheck   bool // write image pages without reading them back
	By             string
	OCR            ocr.Engine   // nil: tesseract when installed
	Renderer       pdf.Renderer // nil: pdf.New()
}

var verbRedact = &verb{
	name:    "redact",
	args:    "CASE REF --out FILE [--force] [--skip-ocr-check] [--by NAME]",
	summary: "write one marked copy of an exhibit, for checking",
	help: `Applies the case's accepted marks to a copy of exhibit REF through the
bundle's own pipeline, and writes it to FILE:

  image          a PNG with the rectangles filled black and all metadata
                 (EXIF, XMP, text chunks, thumbnails) gone
  PDF            unmarked: the PDF as it is (refused if its text holds a
                 marked value with no box over it); marked: every page
                 rasterised and blacked out, one PNG per page, written as
                 FILE-1.png, FILE-2.png... (FILE.png for one page)
  text           every accepted term, however written, replaced by its
                 stand-in ("[Resident 3]", "[Phone 7]", "[Address 2]") and
                 marked spans replaced by ` + redact.Block + `
  CSV, XLSX      every column kept in its order, each cell that holds a
                 marked value replaced by its stand-in, written as CSV
                 (FILE-1.csv, FILE-2.csv... for each sheet of a workbook)

An image or a marked PDF page is always written as PNG: FILE's extension
becomes .png ("--out copy.pdf" writes copy.png). A format that cannot be
looked inside (a Word document, HEIC, audio...) is refused: it cannot be
redacted.

Before anything is written the copy is checked for leaks: its bytes, its
file names, the text of a PDF and the OCR of every image page (read again
enlarged, with more contrast and turned, where text is hard to read) are
searched for every marked value in every written form. Without tesseract,
a copy with image pages is refused unless --skip-ocr-check (the output
then says the pages were not read back). A leak refuses the copy: nothing
is written, exit 1, and each problem is listed with where it is (never
the value). An existing FILE is replaced only with --force. The original
never changes; the copy is a "redacted-copy" custody event with FILE's
base name, the copy's SHA-256 and the marks applied.`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		var o RedactOptions
		fs := flags(v)
		fs.StringVar(&o.Out, "out", "", "write the copy to `FILE`")
		fs.BoolVar(&o.Force, "force", false, "replace FILE if it exists")
		fs.BoolVar(&o.SkipOCRCheck, "skip-ocr-check", false, "write image pages without reading them back with OCR")
		fs.StringVar(&o.By, "by", "", byUsage)
		pos, err := parse(v, fs, args, out, 2, 2)
		if err != nil {
			return err
		}
		if o.Out == "" {
			return usagef(v, "redact needs --out FILE")
		}
		o.Case, o.Ref = pos[0], pos[1]
		return runRedact(ctx, o, out)
	},
}

func runRedact(ctx context.Context, o RedactOptions, out io.Writer) error {
	c, err := openCase(o.Case, o.By)
	if err != nil {
		return err
	}
	defer c.Close()
	res, err := export.RedactExhibit(ctx, c, o.Ref, o.Out, export.Options{OCR: o.OCR, Renderer: o.Renderer, SkipOCRCheck: o.SkipOCRCheck})
	if err != nil {
		var probs export.Problems
		if errors.As(err, &probs) {
			printProblems(out, probs)
			// Each problem printed above carries its own fix (mark the
			// value, install tesseract, ...): the hint points there.
			return hinted{err, "do what each 'fix:' line above says, then run the same command again"}
		}
		return redactHint(err)
	}
	if !o.Force {
		for _, f := range res.Files {
			if _, err := os.Stat(f.Path); err == nil {
				return hinted{fmt.Errorf("redact to %s: %w", f.Path, casefile.ErrExists), "add --force to replace it"}
			}
		}
	}
	// The copy shows stand-ins ([Phone 7]): they are stored before it is
	// written, so a later bundle gives each value the same one.
	if err := c.StorePseudonyms(ctx, res.Pseudonyms); err != nil {
		return err
	}

	h := sha256.New()
	for _, f := range res.Files {
		if err := casefile.WriteFileAtomic(f.Path, func(w io.Writer) error { _, err := w.Write(f.Data); return err }); err != nil {
			return fmt.Errorf("redact to %s: %w", f.Path, err)
		}
		h.Write(f.Data)
	}
	names := make([]string, len(res.Files))
	for i, f := range res.Files {
		names[i] = filepath.Base(f.Path)
	}
	sum := hex.EncodeToString(h.Sum(nil))
	ex := res.Exhibit
	if err := c.Record(ctx, ActionRedactedCopy, ex.Ref, map[string]any{"files": names, "sha256": sum, "marked": res.Copy.Marked,
		"marks_applied": res.Copy.Marks, "raster_pages": res.RasterPages, "raster_read_back": res.RasterReadBack}); err != nil {
		return err
	}
	state := fmt.Sprintf("redacted copy, %s applied", plural(res.Copy.Marks, "1 mark", fmt.Sprintf("%d marks", res.Copy.Marks)))
	if !res.Copy.Marked {
		state = "copy (no marks apply)"
	}
	for _, f := range res.Files {
		fmt.Fprintf(out, "%s  %s: %s, %d bytes\n", ex.Ref, f.Path, state, len(f.Data))
	}
	fmt.Fprintf(out, "leak check passed: %d marked values searched in %s\n", res.Values, strings.Join(res.Searched, ", "))
	if res.RasterPages > res.RasterReadBack {
		fmt.Fprintf(out, "not read back: %d of %d image pages (--skip-ocr-check)\n", res.RasterPages-res.RasterReadBack, res.RasterPages)
	}
	return c.Close()
}

// printProblems lists every problem that refused an export or a copy, one
// a line, each followed by what resolves it.
func printProblems(out io.Writer, probs export.Problems) {
	for _, p := range probs {
		fmt.Fprintf(out, "problem: %s\n", p.Error())
		if p.Fix != "" {
			fmt.Fprintf(out, "  fix: %s\n", p.Fix)
		}
	}
}

// redactHint adds what to do next to the errors of applying marks.
func redactHint(err error) error {
	switch {
	case errors.Is(err, marks.ErrUnmarkedText):
		return err // its message says what to do
	case errors.Is(err, redact.ErrOutside):
		return hinted{err, "'dossier marks list CASE' shows the rectangles; remove the wrong one with 'dossier marks remove'"}
	case errors.Is(err, marks.ErrNotReproduced):
		return hinted{err, "convert it to PDF, PNG or text, add that as an exhibit, and redact the new one"}
	case errors.Is(err, redact.ErrUnreadable):
		return hinted{err, "the original cannot be decoded as an image; 'dossier show CASE REF' shows its media type"}
	}
	return markHint(err)
}
