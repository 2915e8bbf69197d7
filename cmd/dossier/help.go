package main

import (
	"context"
	"io"
)

var verbHelp = &verb{
	name:    "help",
	args:    "[VERB [SUB-VERB]]",
	summary: "show the list of verbs, or one verb's help",
}

// init sets help's run: it dispatches back into the verbs table, which a
// variable initialiser may not refer to.
func init() { verbHelp.run = runHelp }

func runHelp(ctx context.Context, v *verb, args []string, out io.Writer) error {
	if len(args) == 0 {
		return writeOverview(out)
	}
	return dispatch(ctx, append(args, "--help"), out)
}
