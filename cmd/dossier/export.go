package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"dossier/casefile"
	"dossier/export"
	"dossier/internal/bytesize"
)

// ExportOptions are the flags of 'dossier export'.
type ExportOptions struct {
	Case, Out  string
	Date       time.Time
	Force      bool
	NoRedact   bool
	Pack       string
	Letter     string // letter exhibit to put after the cover
	LetterFile string
	By         string
	DryRun     bool      // lay the bundle out and report it, write nothing
	SkipOCR    bool      // do not read image pages back (the cover says so)
	Progress   io.Writer // if not nil, where progress is drawn (a terminal)
	Stderr     io.Writer // if not nil, where the pack's pre-flight warnings go
}

var verbExport = &verb{
	name:    "export",
	args:    "CASE (--out FILE.pdf | --dry-run) [--date YYYY-MM-DD] [--force] [--no-redact] [--pack ico] [--skip-ocr-check] [--letter REF] [--by NAME]",
	summary: "write the complaint bundle: one PDF to read, cite and verify",
	help: `Writes the case's bundle: cover, letter (--letter REF, a letter exhibit,
or --letter-file FILE, plain text), index with links, chronology, link
schedule in pseudonyms, every exhibit with its marks applied, custody
appendix and a manifest of hashes. Pages are numbered from the cover.

Marks are applied and everything written is checked for every marked
value: the PDF's bytes, its text page by page, metadata, footers,
bookmarks, the attached manifest, the file name, and the pixels of every
image page placed, read back with OCR. A data sheet whose rows are not
imported, a PDF whose text holds a marked value with no box over it, or
image pages with nothing to read them back (tesseract missing) refuse the
export too. Every problem is listed at once, one a line with the command
that resolves it, and nothing is written. --skip-ocr-check exports without
reading image pages back; the cover and manifest then say so. An exhibit
whose format cannot be looked inside (a Word document, HEIC, audio) is
never shown: it is listed with its hash, "not reproduced".

--no-redact makes your own unredacted copy and says so on every page.
--date fixes the bundle's date (default today): the same case and date
give the same bytes. FILE is written whole or not at all and replaced only
with --force. The export is a custody event recording the bundle's
SHA-256. Prints what was done in numbers: exhibits with marks applied,
marks applied, image pages read back out of image pages placed, exhibits
not reproduced. Shows progress on stderr when stderr is a terminal.

--pack ico also writes an upload pack for the ICO's online complaint
form beside FILE.pdf: the bundle split at exhibit boundaries into at most
4 PDFs of at most 3 MB (FILE-ico-1.pdf ...; images down-sampled only as
far as needed), FILE-ico-summary.txt (the "what happened" answer of at
most 2,000 characters, see 'dossier summary'), FILE-ico-timeline.txt and
FILE-ico-harm.txt (questions for the form's answer on harm), each
leak-checked like the bundle. Every link in a part points to a page of
that part. It cannot be combined with --no-redact. If the case cannot fit,
the message names the exhibits that are too large. The pre-flight checks
of 'dossier summary' are printed to stderr as warnings first.

--dry-run lays the bundle out and prints its pages and size without
writing or recording anything (and without the leak check, which runs on
export), to see how big it will be.

Check a bundle later with 'dossier verify-bundle FILE.pdf --case CASE'.`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		var o ExportOptions
		var date string
		fs := flags(v)
		fs.StringVar(&o.Out, "out", "", "write the bundle to `FILE.pdf`")
		fs.StringVar(&date, "date", "", "the bundle's date, `YYYY-MM-DD` (default today)")
		fs.BoolVar(&o.Force, "force", false, "replace FILE.pdf if it exists")
		fs.BoolVar(&o.NoRedact, "no-redact", false, "your own unredacted copy (says so on every page)")
		fs.StringVar(&o.Pack, "pack", "", "also write an upload pack: `ico`")
		fs.StringVar(&o.Letter, "letter", "", "letter exhibit (`REF`) to put after the cover")
		fs.StringVar(&o.LetterFile, "letter-file", "", "plain-text letter `FILE` to put after the cover")
		fs.StringVar(&o.By, "by", "", byUsage)
		fs.BoolVar(&o.DryRun, "dry-run", false, "print the bundle's pages and size; write nothing")
		fs.BoolVar(&o.SkipOCR, "skip-ocr-check", false, "do not read image pages back with OCR (the cover says so)")
		pos, err := parse(v, fs, args, out, 1, 1)
		if err != nil {
			return err
		}
		if o.Out == "" && !o.DryRun {
			return usagef(v, "export needs --out FILE.pdf (or --dry-run)")
		}
		if o.DryRun && o.Pack != "" {
			return usagef(v, "--dry-run does not make a pack; leave out --pack")
		}
		if o.Pack != "" && o.NoRedact {
			return usagef(v, "--no-redact cannot be combined with --pack: an upload pack is sent to others, so it is always redacted")
		}
		if o.Pack != "" && o.Pack != "ico" {
			return usagef(v, "--pack %q: the only pack is ico", o.Pack)
		}
		if date != "" {
			if o.Date, err = time.Parse(time.DateOnly, date); err != nil {
				return usagef(v, "--date %q is not a date in the form YYYY-MM-DD", date)
			}
		}
		if isTerminal(os.Stderr) {
			o.Progress = os.Stderr
		}
		o.Case, o.Stderr = pos[0], os.Stderr
		return runExport(ctx, o, out)
	},
}

func runExport(ctx context.Context, o ExportOptions, out io.Writer) error {
	if o.Pack != "" {
		// The pack and the bundle must carry one date.
		if o.Date.IsZero() {
			y, m, d := casefile.Clock().Date()
			o.Date = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		}
		if !o.Force {
			base := strings.TrimSuffix(o.Out, filepath.Ext(o.Out))
			for _, suffix := range []string{"-ico-1.pdf", "-ico-2.pdf", "-ico-3.pdf", "-ico-4.pdf", "-ico-summary.txt", "-ico-timeline.txt", "-ico-harm.txt"} {
				if _, err := os.Stat(base + suffix); err == nil {
					return hinted{fmt.Errorf("pack: %s: %w", base+suffix, casefile.ErrExists), "add --force to replace the bundle and its pack"}
				}
			}
		}
	}
	if !o.DryRun {
		// A missing or unwritable folder, or a device given as FILE, is
		// refused now rather than after the whole build; an existing FILE
		// is Bundle's to refuse, with its own message.
		if err := casefile.CheckOutput(o.Out, true, 0); err != nil {
			return err
		}
	}
	var c *casefile.Case
	var err error
	if o.DryRun {
		c, err = openCaseReadOnly(o.Case)
	} else {
		c, err = openCaseToCopy(o.Case, o.By)
	}
	if err != nil {
		return err
	}
	defer c.Close()
	if !o.DryRun {
		if err := checkExportRoom(ctx, c, o); err != nil {
			return err
		}
	}
	if o.Pack != "" && o.Stderr != nil {
		if err := notePreflight(ctx, o.Stderr, c, o.Date); err != nil {
			return err
		}
	}
	opt := export.Options{Date: o.Date, NoRedact: o.NoRedact, Letter: o.Letter, LetterFile: o.LetterFile, SkipOCRCheck: o.SkipOCR}
	if o.Progress != nil {
		opt.Progress = func(stage string, done, total int) {
			if total > 0 {
				fmt.Fprintf(o.Progress, "\r\033[K%s %d/%d", stage, done, total)
			} else {
				fmt.Fprintf(o.Progress, "\r\033[K%s", stage)
			}
		}
	}
	var res export.Result
	if o.DryRun {
		res, err = export.Preview(ctx, c, opt)
	} else {
		res, err = export.Bundle(ctx, c, o.Out, o.Force, opt)
	}
	if o.Progress != nil {
		fmt.Fprint(o.Progress, "\r\033[K")
	}
	var probs export.Problems
	switch {
	case errors.As(err, &probs):
		printProblems(out, probs)
		if o.DryRun {
			fmt.Fprintf(out, "would write %d pages, %d exhibits, %s, once the problems above are resolved; nothing written\n",
				res.Pages, res.Exhibits, bytesize.String(res.Bytes))
		}
		return fmt.Errorf("export refused: %s; nothing written", plural(len(probs), "1 problem", fmt.Sprintf("%d problems", len(probs))))
	case errors.Is(err, casefile.ErrExists):
		return err // its message says to add --force
	case err != nil:
		return redactHint(err)
	}
	if o.DryRun {
		fmt.Fprintf(out, "would write %d pages, %d exhibits, %s, %s; nothing written\n", res.Pages, res.Exhibits, bytesize.String(res.Bytes), exportKind(o, res))
		notePlaceholders(out, res)
		return c.Close()
	}
	fmt.Fprintf(out, "wrote %s: %d pages, %d exhibits, %s, %s\nsha256 %s\n", res.Path, res.Pages, res.Exhibits, bytesize.String(res.Bytes), exportKind(o, res), res.SHA256)
	printCounts(out, o, res)
	notePlaceholders(out, res)
	if c.ReadOnly() {
		fmt.Fprintln(out, notRecorded)
	}
	if o.Pack != "" {
		pk, err := export.Pack(ctx, c, o.Out, opt)
		if o.Progress != nil {
			fmt.Fprint(o.Progress, "\r\033[K")
		}
		if err != nil {
			return fmt.Errorf("the bundle is written, the ICO pack is not: %w", err)
		}
		for _, p := range pk.Parts {
			size := int64(0)
			if st, err := os.Stat(p); err == nil {
				size = st.Size()
			}
			fmt.Fprintf(out, "wrote %s: %s\n", p, bytesize.String(size))
		}
		fmt.Fprintf(out, "wrote %s (paste into the form's description)\nwrote %s\nwrote %s (questions for the form's answer on harm)\nimages at up to %.0f dpi\n",
			pk.Summary, pk.Timeline, pk.Harm, pk.DPI)
	}
	return c.Close()
}

// exportKind says in a few words what a bundle is.
func exportKind(o ExportOptions, res export.Result) string {
	kind := "redacted"
	switch {
	case o.NoRedact:
		kind = "unredacted (your own copy)"
	case !res.Redacted:
		kind = "no marks applied"
	}
	if res.Withheld > 0 {
		kind += fmt.Sprintf(", %d withheld", res.Withheld)
	}
	return kind
}

// printCounts reports what the export did, in numbers.
func printCounts(out io.Writer, o ExportOptions, res export.Result) {
	if o.NoRedact {
		return
	}
	fmt.Fprintf(out, "marks: %d applied, to %d of %d exhibits\n", res.MarksApplied, res.ExhibitsMarked, res.Exhibits)
	switch {
	case res.RasterPages == 0:
		fmt.Fprintln(out, "image pages: none placed")
	case res.RasterReadBack == res.RasterPages:
		fmt.Fprintf(out, "image pages: %d of %d read back with OCR\n", res.RasterReadBack, res.RasterPages)
	default:
		fmt.Fprintf(out, "image pages: %d of %d read back with OCR; the cover says the others were not\n", res.RasterReadBack, res.RasterPages)
	}
	if n := len(res.NotReproduced); n > 0 {
		fmt.Fprintf(out, "not reproduced: %d (%s), listed with their hashes\n", n, strings.Join(res.NotReproduced, ", "))
	}
}

// checkExportRoom refuses, before the build, an export whose folder has
// clearly too little space: about half the size of the originals the
// bundle shows as pages (images are re-encoded, PDFs' pages imported),
// plus a megabyte, and as much again for an upload pack. It is an
// estimate; a disk that fills anyway fails the write, which leaves
// nothing behind.
func checkExportRoom(ctx context.Context, c *casefile.Case, o ExportOptions) error {
	exs, err := c.Exhibits(ctx)
	if err != nil {
		return err
	}
	need := int64(1 << 20)
	for _, ex := range exs {
		if casefile.IsImage(ex.MediaType) || ex.MediaType == "application/pdf" {
			need += ex.Size / 2
		}
	}
	if o.Pack != "" {
		need *= 2
	}
	return casefile.CheckOutput(o.Out, true, need)
}

// notePlaceholders says which characters the bundle shows by code point.
func notePlaceholders(out io.Writer, res export.Result) {
	if res.Placeholders != "" {
		fmt.Fprintf(out, "note: %s\n", res.Placeholders)
	}
}
