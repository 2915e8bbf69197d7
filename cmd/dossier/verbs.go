package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"dossier"
)

// verb is one command of dossier. A verb runs (run), chooses a sub-verb
// (subs, as in "dossier rows import CASE FILE"), or both ("dossier steps
// CASE" and "dossier steps set CASE STEP"). A sub-verb is a verb like any
// other, listed in its parent's subs.
type verb struct {
	name    string
	args    string // synopsis after the name, e.g. "CASE FILE... [flags]"
	summary string // one line for 'dossier help'
	help    string // paragraphs after the synopsis; may be ""
	run     func(ctx context.Context, v *verb, args []string, out io.Writer) error
	subs    []*verb
	parent  *verb
}

// verbs lists every verb in the order 'dossier help' shows them. Adding a
// verb is one file defining it and one line here.
var verbs = []*verb{
	verbNew,
	verbAdd,
	verbList,
	verbShow,
	verbExtract,
	verbDescribe,
	verbHandover,
	verbWithhold,
	verbRestore,
	verbCase,
	verbLog,
	verbVerify,
	verbUpgrade,
	verbRows,
	verbMsg,
	verbLink,
	verbScan,
	verbMarks,
	verbRedact,
	verbSteps,
	verbLetter,
	verbSummary,
	verbExport,
	verbVerifyBundle,
	verbOpen,
	verbDemo,
	verbHelp,
}

const exitCodes = `Exit codes: 0 success; 1 error (or problems found); 2 usage error.`

func (v *verb) fullName() string {
	if v.parent != nil {
		return v.parent.fullName() + " " + v.name
	}
	return v.name
}

func find(list []*verb, name string) *verb {
	for _, v := range list {
		if v.name == name {
			return v
		}
	}
	return nil
}

// dispatch runs the verb named by args[0] (and sub-verbs after it).
func dispatch(ctx context.Context, args []string, out io.Writer) error {
	switch args[0] {
	case "-h", "-help", "--help":
		return writeOverview(out)
	case "-version", "--version":
		_, err := fmt.Fprintf(out, "dossier %s\n", dossier.Version)
		return err
	}
	list, parent := verbs, (*verb)(nil)
	for {
		v := find(list, args[0])
		if v == nil {
			return usagef(nil, "unknown verb %q", args[0])
		}
		v.parent = parent
		args = args[1:]
		// A verb with sub-verbs may also run itself ("steps CASE" beside
		// "steps set CASE ..."): a sub-verb name selects the sub-verb,
		// anything else goes to the verb.
		if len(args) > 0 && find(v.subs, args[0]) != nil {
			list, parent = v.subs, v
			continue
		}
		if v.run != nil {
			return v.run(ctx, v, args, out)
		}
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			head := fmt.Sprintf("usage: dossier %s VERB ...\n\n%s", v.fullName(), capital(v.summary))
			if v.help != "" {
				head += "\n\n" + strings.TrimSpace(v.help)
			}
			return writeVerbList(out, head, v.fullName()+" ", v.subs)
		}
		if len(args) == 0 {
			return usagef(v, "%s needs one of: %s", v.fullName(), names(v.subs))
		}
		return usagef(v, "unknown verb %q for %s", args[0], v.fullName())
	}
}

func names(list []*verb) string {
	var n []string
	for _, v := range list {
		n = append(n, v.name)
	}
	return strings.Join(n, ", ")
}

func writeOverview(out io.Writer) error {
	return writeVerbList(out, `usage: dossier              open the desktop app
       dossier VERB [args]   run a verb without the app
       dossier --version     print the version`, "", verbs)
}

// writeVerbList writes head, then list with summaries; group is the
// parent's name and a space ("rows ") for a group's sub-verbs, else "".
func writeVerbList(out io.Writer, head, group string, list []*verb) error {
	fmt.Fprintf(out, "%s\n\nVerbs:\n", head)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	for _, v := range list {
		fmt.Fprintf(tw, "  %s\t%s\n", v.name, v.summary)
	}
	tw.Flush()
	fmt.Fprintf(out, "\nRun 'dossier help %sVERB' for a verb's flags.\n%s\n", group, exitCodes)
	return nil
}

// flags makes the flag set of v; its usage text is v's help.
func flags(v *verb) *flag.FlagSet {
	fs := flag.NewFlagSet(v.fullName(), flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parse parses args for v, accepting flags before, between and after the
// positional arguments ("dossier list my.dossier --json"). A lone "--" ends
// the flags. It checks the number of positional arguments is within
// [min, max] (max < 0: no limit). --help writes the help to out and returns
// errHelpShown.
func parse(v *verb, fs *flag.FlagSet, args []string, out io.Writer, min, max int) ([]string, error) {
	var fl, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			pos = append(pos, a)
			continue
		}
		fl = append(fl, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		f := fs.Lookup(name)
		if f == nil {
			continue // flag.Parse reports it
		}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			continue
		}
		if i+1 < len(args) {
			i++
			fl = append(fl, args[i])
		}
	}
	if err := fs.Parse(fl); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			writeHelp(out, v, fs)
			return nil, errHelpShown
		}
		return nil, usagef(v, "%s", err.Error())
	}
	pos = append(pos, fs.Args()...)
	switch {
	case len(pos) < min:
		return nil, usagef(v, "%s needs %s", v.fullName(), v.args)
	case max >= 0 && len(pos) > max:
		return nil, usagef(v, "%s takes %s; unexpected %q", v.fullName(), v.args, pos[max])
	}
	return pos, nil
}

// errHelpShown ends a verb after --help successfully.
var errHelpShown = exitError{code: 0, quiet: true, msg: "help shown"}

func writeHelp(out io.Writer, v *verb, fs *flag.FlagSet) {
	fmt.Fprintf(out, "usage: dossier %s %s\n\n%s\n", v.fullName(), v.args, capital(v.summary))
	if v.help != "" {
		fmt.Fprintf(out, "\n%s\n", strings.TrimSpace(v.help))
	}
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n > 0 {
		fmt.Fprintf(out, "\nFlags:\n")
		fs.SetOutput(out)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	if len(v.subs) > 0 {
		fmt.Fprintf(out, "\nSub-verbs (run 'dossier help %s SUB-VERB'):\n", v.fullName())
		tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
		for _, s := range v.subs {
			fmt.Fprintf(tw, "  %s\t%s\n", s.name, s.summary)
		}
		tw.Flush()
	}
	fmt.Fprintf(out, "\n%s\n", exitCodes)
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

// caseJSON is the run of a verb of the form "VERB CASE [--json]".
func caseJSON(do func(ctx context.Context, casePath string, asJSON bool, out io.Writer) error) func(context.Context, *verb, []string, io.Writer) error {
	return func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		fs := flags(v)
		asJSON := fs.Bool("json", false, "print JSON")
		pos, err := parse(v, fs, args, out, 1, 1)
		if err != nil {
			return err
		}
		return do(ctx, pos[0], *asJSON, out)
	}
}
