package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"dossier/casefile"
)

// ExtractOptions are the flags of 'dossier extract'.
type ExtractOptions struct {
	Case  string
	Ref   string
	Out   string
	Force bool
	By    string
}

var verbExtract = &verb{
	name:    "extract",
	args:    "CASE REF --out FILE [--force]",
	summary: "write an exhibit's original bytes to a file",
	help: `The file written is byte-identical to the original as added; its SHA-256
is checked while writing. The extraction is recorded in custody before
FILE appears: if it cannot be recorded (the case is in use, the disk is
full) nothing is written. A case that cannot be written at all (on
read-only media) is still extracted from, and the output says the copy
was not recorded. An existing FILE is only replaced with --force, and
never if it is not an ordinary file (a device, say).`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		var o ExtractOptions
		fs := flags(v)
		fs.StringVar(&o.Out, "out", "", "`FILE` to write (required)")
		fs.BoolVar(&o.Force, "force", false, "replace FILE if it exists")
		fs.StringVar(&o.By, "by", "", byUsage)
		pos, err := parse(v, fs, args, out, 2, 2)
		if err != nil {
			return err
		}
		if o.Out == "" {
			return usagef(v, "extract needs --out FILE")
		}
		o.Case, o.Ref = pos[0], pos[1]
		return runExtract(ctx, o, out)
	},
}

func runExtract(ctx context.Context, o ExtractOptions, out io.Writer) error {
	c, err := openCaseToCopy(o.Case, o.By)
	if err != nil {
		return err
	}
	defer c.Close()
	e, err := c.Extract(ctx, o.Ref, o.Out, o.Force)
	if errors.Is(err, casefile.ErrExists) {
		return hinted{err, "add --force to replace it"}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s  %s (%d bytes, sha256 %s)\n", e.Ref, o.Out, e.Size, e.SHA256[:12])
	if c.ReadOnly() {
		fmt.Fprintln(out, notRecorded)
	}
	return c.Close()
}
