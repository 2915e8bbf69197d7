package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"dossier/casefile"
	"dossier/export/letter"
)

// LetterFieldsOptions are the flags of 'dossier letter fields'.
type LetterFieldsOptions struct {
	Case  string
	JSON  bool
	Today time.Time
}

// LetterNewOptions are the flags of 'dossier letter new'.
type LetterNewOptions struct {
	Case, Template string
	Out            string // PDF to write, or ""
	Edit           string // text file: read the letter from it if it exists, else write the merged text to it
	Save, Force    bool
	Today          time.Time
	By             string
	Stderr         io.Writer // where a letter with unfilled gaps is noted
	// ShowNumbers are message ids whose resident agreed to show the
	// number they received it on (pecr-report); others show stand-ins.
	ShowNumbers map[int64]bool
}

var verbLetter = &verb{
	name:    "letter",
	summary: "write the complaint's letters from built-in templates",
	help: `Templates: concern (to the organisation), subject-access, ico-complaint,
pecr-report (the ICO's report of unsolicited marketing texts), case-review,
board-chair. Each is merged with the case's details ('dossier case'),
counts, exhibits, workflow dates ('dossier steps') and the law the case's
facts engage, in plain English with the reference in brackets. Residents'
names and numbers appear only as their stand-ins, as in the bundle.`,
	subs: []*verb{verbLetterList, verbLetterFields, verbLetterNew},
}

var verbLetterList = &verb{
	name:    "list",
	args:    "[--json]",
	summary: "list the letter templates",
	help: `Prints each template's id and what it is for. With --json prints an
array of objects with the keys id and title.`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		fs := flags(v)
		asJSON := fs.Bool("json", false, "print JSON")
		if _, err := parse(v, fs, args, out, 0, 0); err != nil {
			return err
		}
		ts := letter.Templates()
		if *asJSON {
			type tj struct {
				ID    string `json:"id"`
				Title string `json:"title"`
			}
			list := make([]tj, 0, len(ts))
			for _, t := range ts {
				list = append(list, tj{t.ID, t.Title})
			}
			return writeJSON(out, list)
		}
		tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
		for _, t := range ts {
			fmt.Fprintf(tw, "%s\t%s\n", t.ID, t.Title)
		}
		return tw.Flush()
	},
}

// todayFlag adds --today to fs; the returned func reads it (default: the
// case file clock's today).
func todayFlag(v *verb, fs interface {
	StringVar(*string, string, string, string)
}) func() (time.Time, error) {
	var s string
	fs.StringVar(&s, "today", "", "date the letter `YYYY-MM-DD` (default today)")
	return func() (time.Time, error) {
		if s == "" {
			return casefile.Clock(), nil
		}
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return t, usagef(v, "--today %q is not a date in the form YYYY-MM-DD", s)
		}
		return t, nil
	}
}

var verbLetterFields = &verb{
	name:    "fields",
	args:    "CASE [--json] [--today YYYY-MM-DD]",
	summary: "show the values a letter is merged with",
	help: `Prints every merge field, its value from the case, and what it holds.
A field the case does not know yet is shown as the reminder a letter
would carry ("[your postal address]"): fill it in with 'dossier case' or
'dossier steps set'. With --json prints an object of field name to value
("" when not known).`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		var o LetterFieldsOptions
		fs := flags(v)
		fs.BoolVar(&o.JSON, "json", false, "print JSON")
		today := todayFlag(v, fs)
		pos, err := parse(v, fs, args, out, 1, 1)
		if err != nil {
			return err
		}
		if o.Today, err = today(); err != nil {
			return err
		}
		o.Case = pos[0]
		return runLetterFields(ctx, o, out)
	},
}

func runLetterFields(ctx context.Context, o LetterFieldsOptions, out io.Writer) error {
	c, err := openCaseReadOnly(o.Case)
	if err != nil {
		return err
	}
	defer c.Close()
	f, err := letter.CaseFields(ctx, c, o.Today)
	if err != nil {
		return err
	}
	if o.JSON {
		return writeJSON(out, map[string]string(f))
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FIELD\tVALUE\tWHAT")
	for _, k := range letter.KnownFields() {
		val := f[k.Name]
		if val == "" {
			val = k.Reminder
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", k.Name, clip(val, 50), k.Help)
	}
	return tw.Flush()
}

var verbLetterNew = &verb{
	name:    "new",
	args:    "CASE --template ID [--out FILE.pdf] [--edit FILE.txt] [--save] [--show-number ID,...] [--today YYYY-MM-DD] [--by NAME]",
	summary: "write a letter from a template",
	help: `Merges template ID with the case and prints the letter's text. Fields the
case does not know are merged as bracketed reminders ("[your postal
address]") for you to replace.

To edit before sending: --edit FILE.txt writes the merged text to FILE.txt
when it does not exist yet (and stops); edit it, then run the same command
again: the letter is then read from FILE.txt.

--out FILE.pdf typesets the letter as an A4 PDF (an existing file is
replaced only with --force). --save stores the final text in the case as
a new exhibit of kind letter (with custody), so it can be enclosed in the
bundle and verified.

pecr-report lists every text message, grouped by sender, with what the
ICO's report of unsolicited messages asks for; the number each was
received on is shown as its stand-in ([Phone 3]). --show-number ID,...
shows the real number for those message ids ('dossier msg list'), when
the resident has agreed. For ico-complaint, the pre-flight checks of
'dossier summary' are printed to stderr as warnings.

Example:
  dossier letter new martineau.dossier --template concern --edit concern.txt
  dossier letter new martineau.dossier --template concern --edit concern.txt --out concern.pdf --save`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		var o LetterNewOptions
		fs := flags(v)
		fs.StringVar(&o.Template, "template", "", "template `ID` (see 'dossier letter list')")
		fs.StringVar(&o.Out, "out", "", "also write the letter as a PDF to `FILE.pdf`")
		fs.StringVar(&o.Edit, "edit", "", "`FILE.txt` to edit the letter in (written if missing, read if present)")
		fs.BoolVar(&o.Save, "save", false, "store the letter in the case as a letter exhibit")
		fs.BoolVar(&o.Force, "force", false, "replace an existing --out file")
		fs.StringVar(&o.By, "by", "", byUsage)
		show := fs.String("show-number", "", "message `ID,...` whose receiving number the resident agreed to show (pecr-report)")
		today := todayFlag(v, fs)
		pos, err := parse(v, fs, args, out, 1, 1)
		if err != nil {
			return err
		}
		for _, f := range strings.FieldsFunc(*show, func(r rune) bool { return r == ',' || r == ' ' }) {
			id, err := strconv.ParseInt(f, 10, 64)
			if err != nil || id <= 0 {
				return usagef(v, "--show-number %q: give message ids, such as 3,5", *show)
			}
			if o.ShowNumbers == nil {
				o.ShowNumbers = map[int64]bool{}
			}
			o.ShowNumbers[id] = true
		}
		if o.Template == "" {
			return usagef(v, "letter new needs --template ID (one of %s)", strings.Join(letter.IDs(), ", "))
		}
		if o.Today, err = today(); err != nil {
			return err
		}
		o.Case, o.Stderr = pos[0], os.Stderr
		return runLetterNew(ctx, o, out)
	},
}

func runLetterNew(ctx context.Context, o LetterNewOptions, out io.Writer) error {
	t, err := letter.Lookup(o.Template)
	if err != nil {
		return hinted{err, "'dossier letter list' shows the templates"}
	}
	c, err := openCase(o.Case, o.By)
	if err != nil {
		return err
	}
	defer c.Close()
	var text string
	edited := false
	if o.Edit != "" {
		if b, err := casefile.ReadInput(o.Edit); err == nil {
			text, edited = casefile.DecodeText(b), true
		} else if !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("read the letter: %w", err)
		}
	}
	for id := range o.ShowNumbers {
		if _, err := c.MessageByID(ctx, id); err != nil {
			return hinted{fmt.Errorf("--show-number %d: %w", id, err), "'dossier msg list' shows the message ids"}
		}
	}
	if t.ID == "ico-complaint" && o.Stderr != nil {
		if err := notePreflight(ctx, o.Stderr, c, o.Today); err != nil {
			return err
		}
	}
	if !edited {
		f, err := letter.CaseFieldsWith(ctx, c, o.Today, letter.FieldOptions{ShowNumbers: o.ShowNumbers})
		if err != nil {
			return err
		}
		if text, err = letter.Render(t, f); err != nil {
			return fmt.Errorf("template %s: %w", t.ID, err)
		}
		if o.Edit != "" {
			if err := casefile.WriteFileAtomic(o.Edit, func(w io.Writer) error { _, err := io.WriteString(w, text); return err }); err != nil {
				return fmt.Errorf("write the letter for editing: %w", err)
			}
			fmt.Fprintf(out, "wrote %s; edit it, then run this command again (add --out FILE.pdf and/or --save)\n", o.Edit)
			return nil
		}
	}
	if strings.TrimSpace(text) == "" {
		return fmt.Errorf("%s is empty: %w", o.Edit, casefile.ErrInvalid)
	}
	if gaps := letter.Unfilled(text); len(gaps) > 0 && (o.Out != "" || o.Save) && o.Stderr != nil {
		fmt.Fprintf(o.Stderr, "dossier: note: the letter still has gaps to fill: %s\n", strings.Join(gaps, ", "))
		fmt.Fprintf(o.Stderr, "hint: fill in 'dossier case' and 'dossier steps', or edit the text with --edit FILE.txt\n")
	}
	if o.Out != "" {
		if !o.Force {
			if _, err := os.Stat(o.Out); err == nil {
				return hinted{fmt.Errorf("write %s: %w", o.Out, casefile.ErrExists), "add --force to replace it"}
			}
		}
		author, _ := c.Setting(ctx, casefile.SettingComplainant)
		pdf, err := letter.PDF(text, letter.PDFOptions{Title: t.Title, Author: author, Date: o.Today})
		if err != nil {
			return fmt.Errorf("typeset the letter: %w", err)
		}
		if err := casefile.WriteFileAtomic(o.Out, func(w io.Writer) error { _, err := w.Write(pdf); return err }); err != nil {
			return fmt.Errorf("write %s: %w", o.Out, err)
		}
	}
	if o.Save {
		ex, err := letter.Save(ctx, c, t.ID, text, "")
		if err != nil {
			return err // a duplicate names the exhibit that holds this text
		}
		defer fmt.Fprintf(out, "saved as %s  %s\n", ex.Ref, ex.Filename)
	}
	if o.Out == "" && !o.Save {
		fmt.Fprint(out, text)
		return c.Close()
	}
	if o.Out != "" {
		fmt.Fprintf(out, "wrote %s\n", o.Out)
	}
	return c.Close()
}
