package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"dossier/casefile"
)

// AddOptions are the flags of 'dossier add'.
type AddOptions struct {
	Case  string
	Files []string
	casefile.Meta
	By     string
	Stderr io.Writer // where each failed file is reported
}

var verbAdd = &verb{
	name:    "add",
	args:    "CASE FILE... [flags]",
	summary: "add files to a case as exhibits",
	help: `Each FILE is hashed and stored whole inside the case file, gets the next
reference and an "acquired" custody event; add prints "REF  FILENAME" for
each. A file whose bytes are already an exhibit is reported and skipped;
the others are still added, and add exits 1 at the end.

--kind, --title, --source, --obtained and --obtained-by apply to every
FILE. Without --kind the kind is guessed from the file's content; without
--title the file's name is the title. Kinds: sheet, screenshot, letter,
email, photo, statement, other.

Example:
  dossier add martineau.dossier sheet-1.pdf sheet-2.pdf --kind sheet --source "Alex Marsh" --obtained 2015-06-10`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		var o AddOptions
		var kind string
		fs := flags(v)
		fs.StringVar(&kind, "kind", "", "exhibit `KIND` (default guessed from the content)")
		fs.StringVar(&o.Title, "title", "", "`TITLE` of the exhibits (default the file name)")
		fs.StringVar(&o.Source, "source", "", "who the files came from (`NAME`)")
		fs.StringVar(&o.Obtained, "obtained", "", "`DATE` obtained, YYYY-MM-DD")
		fs.StringVar(&o.ObtainedBy, "obtained-by", "", "`NAME` of who obtained them")
		fs.StringVar(&o.By, "by", "", byUsage)
		pos, err := parse(v, fs, args, out, 2, -1)
		if err != nil {
			return err
		}
		if kind != "" {
			k, err := casefile.ParseKind(kind)
			if err != nil {
				return usagef(v, "%v", err)
			}
			o.Kind = k
		}
		o.Case, o.Files, o.Stderr = pos[0], pos[1:], os.Stderr
		return runAdd(ctx, o, out)
	},
}

func runAdd(ctx context.Context, o AddOptions, out io.Writer) error {
	c, err := openCase(o.Case, o.By)
	if err != nil {
		return err
	}
	defer c.Close()
	failed := 0
	for _, f := range o.Files {
		ex, err := c.Add(ctx, f, o.Meta)
		var dup *casefile.DuplicateError
		switch {
		case errors.As(err, &dup):
			failed++
			fmt.Fprintf(o.Stderr, "dossier: %s is already %s\n", filepath.Base(f), dup.Ref)
		case err != nil:
			if ctx.Err() != nil {
				return err
			}
			failed++
			report(o.Stderr, err)
		default:
			fmt.Fprintf(out, "%s  %s\n", ex.Ref, ex.Filename)
		}
	}
	if err := c.Close(); err != nil {
		return err
	}
	switch {
	case failed == len(o.Files) && failed == 1:
		return exitError{code: 1, quiet: true}
	case failed > 0:
		return fmt.Errorf("%d of %d files not added", failed, len(o.Files))
	}
	return nil
}
