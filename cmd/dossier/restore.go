package main

import (
	"context"
	"fmt"
	"io"
)

// RestoreOptions are the flags of 'dossier restore'.
type RestoreOptions struct {
	Case string
	Ref  string
	By   string
}

var verbRestore = &verb{
	name:    "restore",
	args:    "CASE REF",
	summary: "put a withheld exhibit back into bundles",
	help: `Undoes 'dossier withhold': bundles show exhibit REF again. A "restored"
custody event records it.

Example:
  dossier restore martineau.dossier LW/7`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		var o RestoreOptions
		fs := flags(v)
		fs.StringVar(&o.By, "by", "", byUsage)
		pos, err := parse(v, fs, args, out, 2, 2)
		if err != nil {
			return err
		}
		o.Case, o.Ref = pos[0], pos[1]
		return runRestore(ctx, o, out)
	},
}

func runRestore(ctx context.Context, o RestoreOptions, out io.Writer) error {
	c, err := openCase(o.Case, o.By)
	if err != nil {
		return err
	}
	defer c.Close()
	ex, err := c.Restore(ctx, o.Ref)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s restored: bundles show it again\n", ex.Ref)
	return c.Close()
}
