package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
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
	Progress   io.Writer // if not nil, where progress is drawn (a terminal)
}

var verbExport = &verb{
	name:    "export",
	args:    "CASE --out FILE.pdf [--date YYYY-MM-DD] [--force] [--no-redact] [--pack ico] [--letter REF] [--by NAME]",
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

--pack ico also writes the bundle split for the ICO's online form (at most
4 files of 3 MB) with a summary and timeline to paste, when this build
has it.

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
		pos, err := parse(v, fs, args, out, 1, 1)
		if err != nil {
			return err
		}
		if o.Out == "" {
			return usagef(v, "export needs --out FILE.pdf")
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
		return hinted{fmt.Errorf("--pack ico: the ICO upload pack is not in this build yet; nothing written"), "export without --pack and split the bundle by hand, or update Dossier"}
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
	res, err := export.Bundle(ctx, c, o.Out, o.Force, opt)
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
	fmt.Fprintf(out, "wrote %s: %d pages, %d exhibits, %s, %s\nsha256 %s\n", res.Path, res.Pages, res.Exhibits, humanSize(res.Bytes), kind, res.SHA256)
	return c.Close()
}
