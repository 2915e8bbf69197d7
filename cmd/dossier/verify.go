package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"dossier/casefile"
)

// VerifyOptions are the flags of 'dossier verify'.
type VerifyOptions struct {
	Case     string
	By       string
	Head     string    // a custody head known from elsewhere, that the log must hold
	JSON     bool      // print the report as JSON
	Record   bool      // append a "verified" custody event with the outcome
	Progress io.Writer // if not nil, where progress is drawn (a terminal)
}

var verbVerify = &verb{
	name:    "verify",
	args:    "CASE [--head HASH] [--json] [--record] [--by NAME]",
	summary: "re-hash every original and re-check the chain of custody",
	help: `Re-computes the SHA-256 of every original and every custody event, checks
each exhibit's details against its history, re-computes the digest of every
record the log recorded (rows, messages, links, marks, pseudonyms, steps,
case details) and finds records it did not, and checks the case file's own
rules (the triggers that keep evidence append-only). When all is intact it
prints a summary and exits 0. Otherwise it prints every problem, one per
line, naming the record, the event and what was expected and found, and
exits 1.

Without --record it writes nothing: the case file keeps its bytes and its
modification time, so anyone holding a copy can still compare it byte for
byte, and it works on read-only media. With --record it appends a
"verified" event to the custody log with the outcome (intact or the number
of problems), as a fixity check, and says so.

--head HASH also checks that the log holds the event HASH (12 or more hex
digits: a bundle's custody head, or one you wrote down): a case file
swapped for another case's, or for an older copy of itself, is intact on
its own, and only a head known from elsewhere shows it.

--json prints an object with the keys ok, exhibits, events, records,
bytes, head and problems (objects with the keys text, exhibit, table, id,
last_id, event, what, expected, found).`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		var o VerifyOptions
		fs := flags(v)
		fs.StringVar(&o.By, "by", "", byUsage)
		fs.StringVar(&o.Head, "head", "", "a custody head (12+ hex digits) the log must hold")
		fs.BoolVar(&o.JSON, "json", false, "print the report as JSON")
		fs.BoolVar(&o.Record, "record", false, "append the check and its outcome to the custody log")
		pos, err := parse(v, fs, args, out, 1, 1)
		if err != nil {
			return err
		}
		o.Case = pos[0]
		if h := strings.ToLower(o.Head); o.Head != "" && (len(h) < 12 || len(h) > 64 || strings.Trim(h, "0123456789abcdef") != "") {
			return usagef(v, "--head %q is not a custody hash: give 12 to 64 hex digits", o.Head)
		}
		if isTerminal(os.Stderr) {
			o.Progress = os.Stderr
		}
		return runVerify(ctx, o, out)
	},
}

// problemJSON is the stable JSON form of one problem verify found.
type problemJSON struct {
	Text     string `json:"text"`
	Exhibit  string `json:"exhibit"`
	Table    string `json:"table"`
	ID       int64  `json:"id"`
	LastID   int64  `json:"last_id"`
	Event    int64  `json:"event"`
	What     string `json:"what"`
	Expected string `json:"expected"`
	Found    string `json:"found"`
}

// reportJSON is the stable JSON form of a verification.
type reportJSON struct {
	OK       bool          `json:"ok"`
	Exhibits int           `json:"exhibits"`
	Events   int           `json:"events"`
	Records  int64         `json:"records"`
	Bytes    int64         `json:"bytes"`
	Head     string        `json:"head"`
	Problems []problemJSON `json:"problems"`
}

func runVerify(ctx context.Context, o VerifyOptions, out io.Writer) error {
	var c *casefile.Case
	var err error
	older := 0
	if o.Record {
		c, err = openCase(o.Case, o.By)
	} else {
		c, older, err = openCaseAsItIs(o.Case)
	}
	if err != nil {
		return err
	}
	defer c.Close()
	if older > 0 {
		fmt.Fprintln(os.Stderr, olderNote(older))
	}
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
	if o.Head != "" {
		if _, err := c.EventByHash(ctx, o.Head); errors.Is(err, casefile.ErrUnknownEvent) {
			rep.Problems = append(rep.Problems, casefile.Problem{What: fmt.Sprintf(
				"custody log has no event %s: this case file is another case's, or an older copy of this one", o.Head)})
		} else if err != nil {
			return err
		}
	}
	if o.JSON {
		if err := writeJSON(out, verifyJSON(rep)); err != nil {
			return err
		}
	}
	if !rep.OK() {
		if !o.JSON {
			for _, p := range rep.Problems {
				fmt.Fprintln(out, p.String())
			}
		}
		if err := record(ctx, c, o, rep, out); err != nil {
			return err
		}
		if len(rep.Problems) == 1 {
			return fmt.Errorf("%s: 1 problem found", o.Case)
		}
		return fmt.Errorf("%s: %d problems found", o.Case, len(rep.Problems))
	}
	if !o.JSON {
		head := rep.Head
		if len(head) > 12 {
			head = head[:12]
		}
		fmt.Fprintf(out, "intact: %d %s, %d %s, %.1f MB re-hashed; chain head %s\n",
			rep.Exhibits, plural(rep.Exhibits, "exhibit", "exhibits"), rep.Events, plural(rep.Events, "event", "events"), float64(rep.Bytes)/1e6, head)
	}
	if err := record(ctx, c, o, rep, out); err != nil {
		return err
	}
	return c.Close()
}

func verifyJSON(rep casefile.Report) reportJSON {
	r := reportJSON{OK: rep.OK(), Exhibits: rep.Exhibits, Events: rep.Events, Records: rep.Records,
		Bytes: rep.Bytes, Head: rep.Head, Problems: []problemJSON{}}
	for _, p := range rep.Problems {
		r.Problems = append(r.Problems, problemJSON{p.String(), p.Exhibit, p.Table, p.ID, p.LastID, p.Event, p.What, p.Expected, p.Found})
	}
	return r
}

// record appends the verification to custody if --record was given, and
// says so (except under --json, whose output stays one object); plain
// verify writes nothing.
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
	if !o.JSON {
		fmt.Fprintln(out, "recorded in the custody log as a verification")
	}
	return nil
}

// isTerminal reports whether f is a character device such as a terminal.
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
