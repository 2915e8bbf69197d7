package main

import (
	"context"
	"fmt"
	"io"

	"dossier/casefile"
)

// UpgradeOptions are the flags of 'dossier upgrade'.
type UpgradeOptions struct {
	Case string
	By   string
}

var verbUpgrade = &verb{
	name:    "upgrade",
	args:    "CASE [--by NAME]",
	summary: "bring a case made by an older Dossier up to this version",
	help: `Changes the case file's schema to the one this version of Dossier
writes, in one transaction recorded in custody as an "upgraded" event
(from and to schema versions). Originals and earlier events are not
changed. A case that is already up to date is left as it is.

Verbs that only look at a case (list, show, log, verify, export
--dry-run...) never upgrade it: on an older case they stop and point
here. Verbs that change a case upgrade it first, recorded the same way.`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		var o UpgradeOptions
		fs := flags(v)
		fs.StringVar(&o.By, "by", "", byUsage)
		pos, err := parse(v, fs, args, out, 1, 1)
		if err != nil {
			return err
		}
		o.Case = pos[0]
		return runUpgrade(ctx, o, out)
	},
}

func runUpgrade(ctx context.Context, o UpgradeOptions, out io.Writer) error {
	if err := caseExists(o.Case); err != nil {
		return err
	}
	from, to, err := casefile.Upgrade(o.Case, casefile.Options{Actor: o.By})
	if err != nil {
		return err
	}
	if from == to {
		fmt.Fprintf(out, "%s is up to date (schema %d); nothing changed\n", o.Case, to)
		return nil
	}
	fmt.Fprintf(out, "upgraded %s from schema %d to %d; recorded in custody\n", o.Case, from, to)
	return nil
}
