package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"dossier/casefile"
)

// VerifyOptions are the flags of 'dossier verify'.
type VerifyOptions struct {
	Case     string
	By       string
	Record   bool      // append a "verified" custody event with the outcome
	Progress io.Writer // if not nil, where progress is drawn (a terminal)
}

var verbVerify = &verb{
	name:    "verify",
	args:    "CASE [--record] [--by NAME]",
	summary: "re-hash every original and re-check the chain of custody",
	help: `Re-computes the SHA-256 of every original and every custody event, and
checks each exhibit's details against its history. When all is intact it
prints a summary and exits 0. Otherwise it prints every problem, one per
line, and exits 1.

Without --record it writes nothing: the case file keeps its bytes and its
modification time, so anyone holding a copy can still compare it byte for
byte, and it works on read-only media. With --record it appends a
"verified" event to the custody log with the outcome (intact or the number
of problems), as a fixity check, and says so.`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		var o VerifyOptions
		fs := flags(v)
		fs.StringVar(&o.By, "by", "", byUsage)
		fs.BoolVar(&o.Record, "record", false, "append the check and its outcome to the custody log")
		pos, err := parse(v, fs, args, out, 1, 1)
		if err != nil {
			return err
		}
		o.Case = pos[0]
		if isTerminal(os.Stderr) {
			o.Progress = os.Stderr
		}
		return runVerify(ctx, o, out)
	},
}

func runVerify(ctx context.Context, o VerifyOptions, out io.Writer) error {
	var c *casefile.Case
	var err error
	if o.Record {
		c, err = openCase(o.Case, o.By)
	} else {
		c, err = openCaseReadOnly(o.Case)
	}
	if err != nil {
		return err
	}
	defer c.Close()
	var progress casefile.Progress
	if o.Progress != nil {
		progress = func(done, total int64) {
			if total > 0 {
				fmt.Fprintf(o.Progress, "\rre-hashing %3d%%", done*100/total)
			}
		}
	}
	rep, err := c.Verify(ctx, progress)
	if o.Progress != nil {
		fmt.Fprint(o.Progress, "\r\033[K")
	}
	if err != nil {
		return err
	}
	if !rep.OK() {
		for _, p := range rep.Problems {
			fmt.Fprintln(out, p.String())
		}
		if err := record(ctx, c, o, rep, out); err != nil {
			return err
		}
		if len(rep.Problems) == 1 {
			return fmt.Errorf("%s: 1 problem found", o.Case)
		}
		return fmt.Errorf("%s: %d problems found", o.Case, len(rep.Problems))
	}
	head := rep.Head
	if len(head) > 12 {
		head = head[:12]
	}
	fmt.Fprintf(out, "intact: %d exhibits, %d events, %.1f MB re-hashed; chain head %s\n",
		rep.Exhibits, rep.Events, float64(rep.Bytes)/1e6, head)
	if err := record(ctx, c, o, rep, out); err != nil {
		return err
	}
	return c.Close()
}

// record appends the verification to custody if --record was given, and
// says so; plain verify writes nothing.
func record(ctx context.Context, c *casefile.Case, o VerifyOptions, rep casefile.Report, out io.Writer) error {
	if !o.Record {
		return nil
	}
	if err := c.RecordVerification(ctx, rep); err != nil {
		return fmt.Errorf("verify: the check ran but could not be recorded: %w", err)
	}
	if err := c.Close(); err != nil {
		return fmt.Errorf("verify: the check ran but could not be recorded: %w", err)
	}
	fmt.Fprintln(out, "recorded in the custody log as a verification")
	return nil
}

// isTerminal reports whether f is a character device such as a terminal.
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
