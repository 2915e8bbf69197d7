package main

import (
	"context"
	"fmt"
	"io"

	"dossier/casefile"
	"dossier/casefile/pdf"
	"dossier/export"
)

// VerifyBundleOptions are the flags of 'dossier verify-bundle'.
type VerifyBundleOptions struct {
	File, Case string
}

var verbVerifyBundle = &verb{
	name:    "verify-bundle",
	args:    "FILE.pdf [--case CASE]",
	summary: "check a bundle's manifest, alone or against its case",
	help: `Reads the manifest attached to a bundle and checks that it is intact and
that each exhibit's stamp (reference and original SHA-256) is on the page
the manifest says. With --case also checks every exhibit's original hash
and size against the case and that the bundle's custody head is an event
of the case's log. Needs no other program.

Prints "intact: ..." and exits 0, or one problem per line and exits 1.`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		var o VerifyBundleOptions
		fs := flags(v)
		fs.StringVar(&o.Case, "case", "", "also check against this `CASE`")
		pos, err := parse(v, fs, args, out, 1, 1)
		if err != nil {
			return err
		}
		o.File = pos[0]
		return runVerifyBundle(ctx, o, out)
	},
}

func runVerifyBundle(ctx context.Context, o VerifyBundleOptions, out io.Writer) error {
	var c *casefile.Case
	if o.Case != "" {
		var err error
		if c, err = openCaseReadOnly(o.Case); err != nil {
			return err
		}
		defer c.Close()
	}
	rep, err := export.VerifyBundle(ctx, o.File, c, pdf.New())
	if err != nil {
		return err
	}
	if !rep.OK() {
		for _, p := range rep.Problems {
			fmt.Fprintln(out, p)
		}
		return fmt.Errorf("%s: %d %s found", o.File, len(rep.Problems), plural(len(rep.Problems), "problem", "problems"))
	}
	against := "internally consistent"
	if c != nil {
		against = "matches " + o.Case
	}
	head := rep.Head
	if len(head) > 12 {
		head = head[:12]
	}
	fmt.Fprintf(out, "intact: %d %s, %d %s, %s; custody head %s\n", rep.Exhibits, plural(rep.Exhibits, "exhibit", "exhibits"), rep.Pages, plural(rep.Pages, "page", "pages"), against, head)
	return nil
}
