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
	"dossier/export/marks"
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
	Progress   io.Writer // if not nil, where progress is drawn (a terminal)
}

var verbExport = &verb{
	name:    "export",
	args:    "CASE (--out FILE.pdf | --dry-run) [--date YYYY-MM-DD] [--force] [--no-redact] [--pack ico] [--letter REF] [--by NAME]",
	summary: "write the complaint bundle: one PDF to read, cite and verify",
	help: `Writes the case's bundle: cover, letter (--letter REF, a letter exhibit,
or --letter-file FILE, plain text), index with links, chronology, link
schedule in pseudonyms, every exhibit with its marks applied, custody
appendix and a manifest of hashes. Pages are numbered from the cover.

Marks are applied and the finished PDF is checked for every marked value
(its bytes, text, metadata and bookmarks); a leak refuses the export and
nothing is written. --no-redact makes your own unredacted copy and says
so on every page. --date fixes the bundle's date (default today): the same
case and date give the same bytes. FILE is written whole or not at all and
replaced only with --force. The export is a custody event recording the
bundle's SHA-256. Shows progress on stderr when stderr is a terminal.

--pack ico also writes an upload pack for the ICO's online complaint
form beside FILE.pdf: the bundle split at exhibit boundaries into at most
4 PDFs of at most 3 MB (FILE-ico-1.pdf ...; images down-sampled only as
far as needed), FILE-ico-summary.txt (at most 2,000 characters, for the
form's description) and FILE-ico-timeline.txt. It needs qpdf. If the case
cannot fit, the message names the exhibits that are too large.

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
		o.Case = pos[0]
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
			for _, suffix := range []string{"-ico-1.pdf", "-ico-2.pdf", "-ico-3.pdf", "-ico-4.pdf", "-ico-summary.txt", "-ico-timeline.txt"} {
				if _, err := os.Stat(base + suffix); err == nil {
					return hinted{fmt.Errorf("pack: %s: %w", base+suffix, casefile.ErrExists), "add --force to replace the bundle and its pack"}
				}
			}
		}
	}
	c, err := openCase(o.Case, o.By)
	if err != nil {
		return err
	}
	defer c.Close()
	opt := export.Options{Date: o.Date, NoRedact: o.NoRedact, Letter: o.Letter, LetterFile: o.LetterFile}
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
	switch {
	case errors.Is(err, casefile.ErrExists):
		return err // its message says to add --force
	case errors.Is(err, export.ErrLeak):
		return hinted{err, "mark every place the value occurs ('dossier marks suggest --ocr', 'dossier marks add'), check with 'dossier redact', then export again"}
	case errors.Is(err, marks.ErrUnmarkedText):
		return err
	case err != nil:
		return redactHint(err)
	}
	kind := "redacted"
	if !res.Redacted {
		kind = "unredacted (your own copy)"
		if !o.NoRedact {
			kind = "no marks applied"
		}
	}
	if res.Withheld > 0 {
		kind += fmt.Sprintf(", %d withheld", res.Withheld)
	}
	if o.DryRun {
		fmt.Fprintf(out, "would write %d pages, %d exhibits, %s, %s; nothing written\n", res.Pages, res.Exhibits, humanSize(res.Bytes), kind)
		notePlaceholders(out, res)
		return c.Close()
	}
	fmt.Fprintf(out, "wrote %s: %d pages, %d exhibits, %s, %s\nsha256 %s\n", res.Path, res.Pages, res.Exhibits, humanSize(res.Bytes), kind, res.SHA256)
	notePlaceholders(out, res)
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
			fmt.Fprintf(out, "wrote %s: %s\n", p, humanSize(size))
		}
		fmt.Fprintf(out, "wrote %s (paste into the form's description)\nwrote %s\nimages at up to %.0f dpi\n", pk.Summary, pk.Timeline, pk.DPI)
	}
	return c.Close()
}

// notePlaceholders says which characters the bundle shows by code point.
func notePlaceholders(out io.Writer, res export.Result) {
	if res.Placeholders != "" {
		fmt.Fprintf(out, "note: %s\n", res.Placeholders)
	}
}
