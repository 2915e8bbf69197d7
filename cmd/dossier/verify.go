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
	Progress io.Writer // if not nil, where progress is drawn (a terminal)
}

var verbVerify = &verb{
	name:    "verify",
	args:    "CASE",
	summary: "re-hash every original and re-check the chain of custody",
	help: `Re-computes the SHA-256 of every original and every custody event, and
checks each exhibit's details against its history. When all is intact it
prints a summary, records the verification in custody and exits 0. Otherwise
it prints every problem, one per line, and exits 1.`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		var o VerifyOptions
		fs := flags(v)
		fs.StringVar(&o.By, "by", "", byUsage)
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
	c, err := openCase(o.Case, o.By)
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
	if err := c.RecordVerification(ctx, rep); err != nil {
		return err
	}
	if !rep.OK() {
		for _, p := range rep.Problems {
			fmt.Fprintln(out, p.String())
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
	return c.Close()
}

// isTerminal reports whether f is a character device such as a terminal.
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
