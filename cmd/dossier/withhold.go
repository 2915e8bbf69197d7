package main

import (
	"context"
	"fmt"
	"io"
)

// WithholdOptions are the flags of 'dossier withhold'.
type WithholdOptions struct {
	Case   string
	Ref    string
	Reason string
	By     string
}

var verbWithhold = &verb{
	name:    "withhold",
	args:    "CASE REF --reason TEXT",
	summary: "leave an exhibit out of bundles, with a reason",
	help: `Leaves exhibit REF out of every bundle until 'dossier restore': the bundle's
index lists it as withheld with its SHA-256 and the reason, and shows none
of its content. Use it for an exhibit a bundle cannot show (a format it
cannot read, an image too large) or should not (a sheet not transcribed
yet), so the rest of the case can still be exported. The exhibit and its
original stay in the case unchanged. A "withheld" custody event records
the reason, which is printed in bundles: do not put a resident's name in
it.

Example:
  dossier withhold martineau.dossier LW/7 --reason "HEIC photo too small to decode; a JPEG copy is LW/8"`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		var o WithholdOptions
		fs := flags(v)
		fs.StringVar(&o.Reason, "reason", "", "why it is withheld (`TEXT`, printed in bundles)")
		fs.StringVar(&o.By, "by", "", byUsage)
		pos, err := parse(v, fs, args, out, 2, 2)
		if err != nil {
			return err
		}
		if o.Reason == "" {
			return usagef(v, "withhold needs --reason TEXT: the reason is printed in the bundle's index")
		}
		o.Case, o.Ref = pos[0], pos[1]
		return runWithhold(ctx, o, out)
	},
}

func runWithhold(ctx context.Context, o WithholdOptions, out io.Writer) error {
	c, err := openCase(o.Case, o.By)
	if err != nil {
		return err
	}
	defer c.Close()
	w, err := c.Withhold(ctx, o.Ref, o.Reason)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s withheld from bundles: %s\n", w.Ref, w.Reason)
	return c.Close()
}
