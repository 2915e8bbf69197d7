package main

import (
	"context"
	"fmt"
	"io"

	"dossier/casefile"
)

// HandoverOptions are the flags of 'dossier handover'.
type HandoverOptions struct {
	Case          string
	Ref           string
	ReceivedFrom  string
	TransferredTo string
	Note          string
	By            string
}

var verbHandover = &verb{
	name:    "handover",
	args:    "CASE REF (--received-from NAME | --transferred-to NAME) [--note TEXT]",
	summary: "record that an exhibit was received from or given to someone",
	help: `Records a custody event "received" or "transferred" for the exhibit, with
the other party and an optional note. Give exactly one of --received-from
and --transferred-to.

Example:
  dossier handover martineau.dossier LW/2 --transferred-to "ICO caseworker" --note "posted, signed for"`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		var o HandoverOptions
		fs := flags(v)
		fs.StringVar(&o.ReceivedFrom, "received-from", "", "`NAME` of whom the exhibit was received from")
		fs.StringVar(&o.TransferredTo, "transferred-to", "", "`NAME` of whom the exhibit was given to")
		fs.StringVar(&o.Note, "note", "", "a note, e.g. how it was handed over (`TEXT`)")
		fs.StringVar(&o.By, "by", "", byUsage)
		pos, err := parse(v, fs, args, out, 2, 2)
		if err != nil {
			return err
		}
		if (o.ReceivedFrom == "") == (o.TransferredTo == "") {
			return usagef(v, "handover needs exactly one of --received-from and --transferred-to")
		}
		o.Case, o.Ref = pos[0], pos[1]
		return runHandover(ctx, o, out)
	},
}

func runHandover(ctx context.Context, o HandoverOptions, out io.Writer) error {
	c, err := openCase(o.Case, o.By)
	if err != nil {
		return err
	}
	defer c.Close()
	e, err := c.Exhibit(ctx, o.Ref)
	if err != nil {
		return err
	}
	dir, party, verb := casefile.ActionReceived, o.ReceivedFrom, "received from"
	if o.TransferredTo != "" {
		dir, party, verb = casefile.ActionTransferred, o.TransferredTo, "transferred to"
	}
	if err := c.Handover(ctx, e.Ref, dir, party, o.Note); err != nil {
		return err
	}
	fmt.Fprintf(out, "%s %s %s\n", e.Ref, verb, party)
	return c.Close()
}
