// Command dossier is an evidence-case manager for complaints to the UK
// Information Commissioner's Office. With no arguments it opens the
// desktop app; with a verb it runs that verb headless. See 'dossier help'.
//
// Exit codes: 0 success, 1 an error (or verify found problems), 2 a usage
// error (unknown verb, bad flag, missing argument).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"dossier/ui"
)

func main() {
	os.Exit(mainExit())
}

// mainExit runs dossier with os.Args and returns the exit code; tests run it
// as the "dossier" command of their scripts.
func mainExit() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if len(os.Args) == 1 {
		if err := ui.Run(""); err != nil {
			return report(os.Stderr, err)
		}
		return 0
	}
	args := os.Args[1:]
	if path := openTarget(args); path != "" {
		args = []string{"open", path}
	}
	return report(os.Stderr, dispatch(ctx, args, os.Stdout))
}

// report turns err into the one-line message, an optional hint and the exit
// code. It is the only place that does so.
func report(stderr io.Writer, err error) int {
	if err == nil {
		return 0
	}
	var ex exitError
	if errors.As(err, &ex) && ex.quiet {
		return ex.code
	}
	msg := strings.TrimSuffix(strings.TrimSpace(err.Error()), ".")
	msg = strings.ReplaceAll(msg, "\n", "; ")
	if msg != "" {
		msg = strings.ToLower(msg[:1]) + msg[1:]
	}
	fmt.Fprintf(stderr, "dossier: %s\n", msg)
	if h := hint(err); h != "" {
		fmt.Fprintf(stderr, "hint: %s\n", h)
	}
	var ue *usageError
	if errors.As(err, &ue) {
		return 2
	}
	if errors.As(err, &ex) {
		return ex.code
	}
	return 1
}

// exitError ends dossier with a code; quiet means the verb has already said
// everything on stdout or stderr (verify listing problems, add's failures).
type exitError struct {
	code  int
	quiet bool
	msg   string
}

func (e exitError) Error() string { return e.msg }
