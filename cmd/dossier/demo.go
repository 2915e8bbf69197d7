package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"dossier/sample"
	"dossier/ui"
)

// DemoOptions are the flags of 'dossier demo'.
type DemoOptions struct {
	Dir    string
	NoOpen bool
}

var verbDemo = &verb{
	name:    "demo",
	args:    "[DIR] [--no-open]",
	summary: "write the fictional sample case and open it in the app",
	help: `Writes "Martineau Estate data sheets", an invented case with exhibits of
every kind (people, places and organisations are fictional; phone numbers
are Ofcom drama numbers), into DIR, then opens it in the app unless
--no-open. DIR defaults to "Dossier sample" in your Documents folder (or
home folder). Beside the case file are its exhibit files and messages.json
for importing messages. Prints the case file's path.`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		var o DemoOptions
		fs := flags(v)
		fs.BoolVar(&o.NoOpen, "no-open", false, "only write the case, do not open the app")
		pos, err := parse(v, fs, args, out, 0, 1)
		if err != nil {
			return err
		}
		if len(pos) == 1 {
			o.Dir = pos[0]
		}
		return runDemo(ctx, o, out)
	},
}

func runDemo(ctx context.Context, o DemoOptions, out io.Writer) error {
	if o.Dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return fmt.Errorf("find your home folder: %w", err)
		}
		o.Dir = filepath.Join(home, "Dossier sample")
		if st, err := os.Stat(filepath.Join(home, "Documents")); err == nil && st.IsDir() {
			o.Dir = filepath.Join(home, "Documents", "Dossier sample")
		}
	}
	s, err := sample.Write(o.Dir)
	if err != nil {
		return hinted{err, "give another folder: dossier demo DIR"}
	}
	fmt.Fprintln(out, s.Case)
	if o.NoOpen {
		return nil
	}
	return ui.Run(s.Case)
}
