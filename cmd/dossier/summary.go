package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"dossier/casefile"
	"dossier/export"
)

// SummaryOptions are the flags of 'dossier summary'.
type SummaryOptions struct {
	Case  string
	JSON  bool
	Today time.Time
	Edit  string // text file: written with the summary if missing, else read and kept as the edited summary
	Reset bool   // forget the edited summary
	By    string
}

var verbSummary = &verb{
	name:    "summary",
	args:    "CASE [--json] [--today YYYY-MM-DD] [--edit FILE.txt | --reset]",
	summary: "the 'what happened' text for the ICO's form, its length and the pre-flight checks",
	help: `Prints the answer to the ICO's form question "what happened", written from
the case: who the organisation is, what the data sheets hold, why the data
is believed to have left it (messages received on numbers the sheets
list), the law that engages, what you did and what you ask. Residents'
names and numbers appear only as their stand-ins ([Resident 3]), as in the
bundle. Anything the case does not say yet shows as a [bracketed
reminder]. Then its length as the form counts it (at most 2,000: UTF-16
units, a line break as two) and the pre-flight checks: warnings, each with
what to do, about what would weaken a complaint to the ICO now.

To edit it: --edit FILE.txt writes the text to FILE.txt when it does not
exist (and stops); edit it, then run the same command again: the text is
read back, checked against the limit and kept in the case, and the ICO
pack ('dossier export --pack ico') uses it from then on. --reset goes back
to the text written from the case.

With --json prints an object with the keys text, characters, limit,
edited, missing, warnings (objects with id, problem, do), harm_prompt (for
the form's question on the harm caused) and timeline.`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		var o SummaryOptions
		var today string
		fs := flags(v)
		fs.BoolVar(&o.JSON, "json", false, "print JSON")
		fs.StringVar(&today, "today", "", "work dates out as on `YYYY-MM-DD` (default today)")
		fs.StringVar(&o.Edit, "edit", "", "`FILE.txt` to edit the text in (written if missing, read if present)")
		fs.BoolVar(&o.Reset, "reset", false, "go back to the text written from the case")
		fs.StringVar(&o.By, "by", "", byUsage)
		pos, err := parse(v, fs, args, out, 1, 1)
		if err != nil {
			return err
		}
		if o.Edit != "" && o.Reset {
			return usagef(v, "give --edit or --reset, not both")
		}
		o.Today = casefile.Clock()
		if today != "" {
			if o.Today, err = time.Parse(time.DateOnly, today); err != nil {
				return usagef(v, "--today %q is not a date in the form YYYY-MM-DD", today)
			}
		}
		o.Case = pos[0]
		return runSummary(ctx, o, out)
	},
}

// summaryJSON is the stable JSON form of 'dossier summary'.
type summaryJSON struct {
	Text       string           `json:"text"`
	Characters int              `json:"characters"`
	Limit      int              `json:"limit"`
	Edited     bool             `json:"edited"`
	Missing    []string         `json:"missing"`
	Warnings   []export.Warning `json:"warnings"`
	Harm       string           `json:"harm_prompt"`
	Timeline   string           `json:"timeline"`
}

func runSummary(ctx context.Context, o SummaryOptions, out io.Writer) error {
	c, err := openCase(o.Case, o.By)
	if err != nil {
		return err
	}
	defer c.Close()
	switch {
	case o.Reset:
		if err := c.SetSetting(ctx, casefile.SettingICOSummary, ""); err != nil {
			return err
		}
		fmt.Fprintln(out, "the summary is written from the case again")
		return c.Close()
	case o.Edit != "":
		data, err := os.ReadFile(o.Edit)
		if errors.Is(err, os.ErrNotExist) {
			ft, err := export.Summary(ctx, c, o.Today)
			if err != nil {
				return err
			}
			if err := casefile.WriteFileAtomic(o.Edit, func(w io.Writer) error { _, err := io.WriteString(w, ft.WhatHappened+"\n"); return err }); err != nil {
				return fmt.Errorf("write the summary for editing: %w", err)
			}
			fmt.Fprintf(out, "wrote %s (%d of %d characters); edit it, then run this command again\n", o.Edit, ft.Length, export.FormWhatHappened)
			return c.Close()
		}
		if err != nil {
			return fmt.Errorf("read the summary: %w", err)
		}
		text := strings.TrimSpace(casefile.DecodeText(data))
		if text == "" {
			return hinted{fmt.Errorf("%s is empty: %w", o.Edit, casefile.ErrInvalid), "write the text in it, or use --reset to go back to the text written from the case"}
		}
		if n := export.FormLength(text); n > export.FormWhatHappened {
			return hinted{fmt.Errorf("%s is %d characters: %w (%d)", o.Edit, n, export.ErrTooLong, export.FormWhatHappened),
				"shorten it and run this command again; nothing was changed"}
		}
		if err := c.SetSetting(ctx, casefile.SettingICOSummary, text); err != nil {
			return err
		}
		fmt.Fprintf(out, "kept the edited summary from %s (%d of %d characters); the ICO pack uses it\n", o.Edit, export.FormLength(text), export.FormWhatHappened)
		return c.Close()
	}
	ft, err := export.Summary(ctx, c, o.Today)
	if err != nil {
		return err
	}
	ws, err := export.Preflight(ctx, c, o.Today)
	if err != nil {
		return err
	}
	if o.JSON {
		j := summaryJSON{ft.WhatHappened, ft.Length, export.FormWhatHappened, ft.Edited, ft.Missing, ws, ft.Harm, ft.Timeline}
		if j.Missing == nil {
			j.Missing = []string{}
		}
		if j.Warnings == nil {
			j.Warnings = []export.Warning{}
		}
		return writeJSON(out, j)
	}
	fmt.Fprintln(out, ft.WhatHappened)
	fmt.Fprintln(out)
	source := "written from the case"
	if ft.Edited {
		source = "your edited text"
	}
	fmt.Fprintf(out, "%d of %d characters, as the ICO's form counts them; %s\n", ft.Length, export.FormWhatHappened, source)
	for _, m := range ft.Missing {
		fmt.Fprintf(out, "missing: %s\n", m)
	}
	if len(ws) == 0 {
		fmt.Fprintln(out, "pre-flight checks: none failed")
	}
	for _, w := range ws {
		fmt.Fprintf(out, "warning: %s\n  do: %s\n", w.Problem, w.Do)
	}
	return c.Close()
}

// notePreflight prints the pre-flight checks that fail for case c to w
// (stderr), one warning and one hint each, before the ICO letter or pack.
func notePreflight(ctx context.Context, w io.Writer, c *casefile.Case, today time.Time) error {
	ws, err := export.Preflight(ctx, c, today)
	if err != nil {
		return err
	}
	for _, x := range ws {
		fmt.Fprintf(w, "dossier: warning: %s\nhint: %s\n", x.Problem, x.Do)
	}
	return nil
}
