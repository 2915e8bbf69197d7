package main

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"

	"dossier/casefile"
	"dossier/ui"
)

var verbOpen = &verb{
	name:    "open",
	args:    "CASE",
	summary: "open a case in the desktop app",
	help: `Opens the app on CASE, as a file manager does when a .dossier file is
opened. The file is checked first: a missing file or one that is not a
case file is refused here, with the same message the app would show.`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		pos, err := parse(v, flags(v), args, out, 1, 1)
		if err != nil {
			return err
		}
		// Checked without writing; an older case goes through, for the
		// app to ask before upgrading it.
		c, err := openCaseReadOnly(pos[0])
		if err != nil && !errors.Is(err, casefile.ErrNeedsUpgrade) {
			return err
		}
		if c != nil {
			c.Close()
		}
		return ui.Run(pos[0])
	},
}

// openTarget is the case a lone argument names, so that "dossier
// CASE.dossier" (a file association, a double click) opens the app on it
// rather than failing as an unknown verb; "" when the argument is a verb.
func openTarget(args []string) string {
	if len(args) != 1 || find(verbs, args[0]) != nil {
		return ""
	}
	a := args[0]
	// Windows file systems ignore case (Explorer may pass LEAK.DOSSIER)
	// and accept both slashes; a backslash elsewhere is rare enough in a
	// name that treating it as a path costs nothing.
	if strings.EqualFold(filepath.Ext(a), ".dossier") || strings.ContainsAny(a, `/\`) {
		return a // a path: 'open' says what is wrong with it
	}
	if st, err := os.Stat(a); err == nil && st.Mode().IsRegular() {
		return a
	}
	return ""
}
