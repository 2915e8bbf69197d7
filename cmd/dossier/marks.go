package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
	"time"

	"dossier/casefile"
	"dossier/casefile/ocr"
	"dossier/casefile/pdf"
)

// MarksSuggestOptions are the flags of 'dossier marks suggest'.
type MarksSuggestOptions struct {
	Case      string
	JSON, OCR bool
	By        string
}

// MarksDecideOptions are the flags of 'dossier marks accept' and 'reject'.
type MarksDecideOptions struct {
	Case string
	IDs  []int64
	All  bool
	By   string
}

// MarksListOptions are the flags of 'dossier marks list'.
type MarksListOptions struct {
	Case      string
	JSON, All bool
}

// MarksRemoveOptions are the flags of 'dossier marks remove'.
type MarksRemoveOptions struct {
	Case   string
	ID     int64
	Reason string
	By     string
}

var verbMarks = &verb{
	name:    "marks",
	summary: "suggest, accept, add and list redaction marks",
	help: `A mark is a redaction: a term (a value blacked out or replaced by its
stand-in everywhere in the case), a span of a text exhibit, or a rectangle
on an image or PDF page. Marks never change originals; they are applied to
copies at export ('dossier redact' writes one copy for checking).`,
	subs: []*verb{verbMarksSuggest, verbMarksAccept, verbMarksReject, verbMarksAdd, verbMarksList, verbMarksRemove},
}

var verbMarksSuggest = &verb{
	name:    "suggest",
	args:    "CASE [--json] [--ocr] [--by NAME]",
	summary: "propose term marks for every name, number and address in the case",
	help: `Proposes a term mark for each name, phone, address and UPRN on the sheets
and in the messages, and for what the detectors find (phones, emails,
postcodes, NI numbers, residents' names) in message bodies and text
exhibits. With --ocr also reads every image and PDF exhibit with tesseract
and proposes rectangles wherever a suggested or accepted term appears.
Suggestions wait for you: accept or reject them with 'dossier marks accept'
and 'dossier marks reject'. Values already marked or rejected are not
suggested again. Prints the counts and the suggestions waiting.

With --json prints an object with the keys new, scanned, findings, rects
and marks (the suggestions waiting, as in 'dossier marks list --json').

Without tesseract --ocr keeps the term suggestions, says how to install it
and exits 1.`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		var o MarksSuggestOptions
		fs := flags(v)
		fs.BoolVar(&o.JSON, "json", false, "print JSON")
		fs.BoolVar(&o.OCR, "ocr", false, "also propose rectangles on images and PDF pages (needs tesseract)")
		fs.StringVar(&o.By, "by", "", byUsage)
		pos, err := parse(v, fs, args, out, 1, 1)
		if err != nil {
			return err
		}
		o.Case = pos[0]
		return runMarksSuggest(ctx, o, out)
	},
}

// suggestJSON is the stable JSON form of 'marks suggest'.
type suggestJSON struct {
	New      int        `json:"new"`
	Scanned  int        `json:"scanned"`
	Findings int        `json:"findings"`
	Rects    int        `json:"rects"`
	Marks    []markJSON `json:"marks"`
}

func runMarksSuggest(ctx context.Context, o MarksSuggestOptions, out io.Writer) error {
	c, err := openCase(o.Case, o.By)
	if err != nil {
		return err
	}
	defer c.Close()
	res, err := c.SuggestMarks(ctx)
	if err != nil {
		return err
	}
	var rects int
	var rectErr error
	if o.OCR {
		rects, rectErr = c.SuggestRects(ctx, ocr.New(), pdf.New(), nil)
	}
	waiting, err := c.Marks(ctx, casefile.MarkSuggested)
	if err != nil {
		return err
	}
	if o.JSON {
		if err := writeJSON(out, suggestJSON{res.New, res.Scanned, res.Findings, rects, marksJSON(waiting)}); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(out, "%d new term suggestions from %d texts (%d findings)\n", res.New, res.Scanned, res.Findings)
		if o.OCR {
			fmt.Fprintf(out, "%d rectangles proposed on images and PDF pages\n", rects)
		}
		if len(waiting) > 0 {
			fmt.Fprintf(out, "%d suggestions waiting; accept with 'dossier marks accept %s --all' or by id:\n\n", len(waiting), o.Case)
			if err := writeMarks(out, waiting); err != nil {
				return err
			}
		}
	}
	if rectErr != nil {
		return fmt.Errorf("rectangles not suggested (term suggestions kept): %w", rectErr)
	}
	return c.Close()
}

func decideVerb(name, summary, help string, decide func(*casefile.Case, context.Context, []int64, bool) (int, error)) *verb {
	return &verb{
		name: name, args: "CASE (--all | ID...) [--by NAME]", summary: summary, help: help,
		run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
			var o MarksDecideOptions
			fs := flags(v)
			fs.BoolVar(&o.All, "all", false, "every suggestion waiting")
			fs.StringVar(&o.By, "by", "", byUsage)
			pos, err := parse(v, fs, args, out, 1, -1)
			if err != nil {
				return err
			}
			if o.All == (len(pos) > 1) {
				return usagef(v, "marks %s takes --all or mark ids, not both or neither", name)
			}
			for _, a := range pos[1:] {
				id, err := strconv.ParseInt(a, 10, 64)
				if err != nil || id <= 0 {
					return usagef(v, "%q is not a mark id (see 'dossier marks list')", a)
				}
				o.IDs = append(o.IDs, id)
			}
			o.Case = pos[0]
			c, err := openCase(o.Case, o.By)
			if err != nil {
				return err
			}
			defer c.Close()
			n, err := decide(c, ctx, o.IDs, o.All)
			if err != nil {
				return markHint(fmt.Errorf("marks %s: %w", name, err))
			}
			fmt.Fprintf(out, "%d %s %sed\n", n, plural(n, "mark", "marks"), name)
			return c.Close()
		},
	}
}

var verbMarksAccept = decideVerb("accept", "accept suggested marks",
	`Accepts the suggestions with the given ids, or every suggestion waiting
with --all. Each accepted mark is a "marked" custody event (without the
value: the log is printed in bundles). If any id is not a suggestion,
nothing is changed.`,
	(*casefile.Case).AcceptMarks)

var verbMarksReject = decideVerb("reject", "reject suggested marks",
	`Rejects the suggestions with the given ids, or every suggestion waiting
with --all. A rejected term is not suggested again. If any id is not a
suggestion, nothing is changed.`,
	(*casefile.Case).RejectMarks)

var verbMarksRemove = &verb{
	name:    "remove",
	args:    "CASE ID --reason TEXT [--by NAME]",
	summary: "withdraw a mark, with a reason",
	help: `Withdraws mark ID. It is kept on record as removed, with the reason, and
the removal is an "unmarked" custody event.`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		var o MarksRemoveOptions
		fs := flags(v)
		fs.StringVar(&o.Reason, "reason", "", "why the mark is withdrawn (`TEXT`)")
		fs.StringVar(&o.By, "by", "", byUsage)
		pos, err := parse(v, fs, args, out, 2, 2)
		if err != nil {
			return err
		}
		if o.ID, err = strconv.ParseInt(pos[1], 10, 64); err != nil || o.ID <= 0 {
			return usagef(v, "%q is not a mark id (see 'dossier marks list')", pos[1])
		}
		if o.Reason == "" {
			return usagef(v, "marks remove needs --reason TEXT")
		}
		o.Case = pos[0]
		c, err := openCase(o.Case, o.By)
		if err != nil {
			return err
		}
		defer c.Close()
		if err := c.RemoveMark(ctx, o.ID, o.Reason); err != nil {
			return markHint(err)
		}
		fmt.Fprintf(out, "mark %d removed\n", o.ID)
		return c.Close()
	},
}

var verbMarksList = &verb{
	name:    "list",
	args:    "CASE [--json] [--all]",
	summary: "list the marks suggested and accepted",
	help: `Prints one line per mark: id, kind (term, span, rect), status, exhibit,
where (value kind for a term, bytes for a span, page and rectangle for a
rect), the value, and its origin. With --all also rejected and removed
marks. The values are shown: this is your own case; they never reach a
bundle.

With --json prints an array of objects with the keys id, kind, status,
exhibit, value_kind, value, page, x, y, w, h (fractions 0..1 of the page),
start, end (byte offsets of a span), origin, note, by and at (RFC 3339,
UTC); these keys are a stable contract.`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		var o MarksListOptions
		fs := flags(v)
		fs.BoolVar(&o.JSON, "json", false, "print JSON")
		fs.BoolVar(&o.All, "all", false, "include rejected and removed marks")
		pos, err := parse(v, fs, args, out, 1, 1)
		if err != nil {
			return err
		}
		o.Case = pos[0]
		return runMarksList(ctx, o, out)
	},
}

// markJSON is the stable JSON form of a mark.
type markJSON struct {
	ID        int64   `json:"id"`
	Kind      string  `json:"kind"`
	Status    string  `json:"status"`
	Exhibit   string  `json:"exhibit"`
	ValueKind string  `json:"value_kind"`
	Value     string  `json:"value"`
	Page      int     `json:"page"`
	X         float64 `json:"x"`
	Y         float64 `json:"y"`
	W         float64 `json:"w"`
	H         float64 `json:"h"`
	Start     int     `json:"start"`
	End       int     `json:"end"`
	Origin    string  `json:"origin"`
	Note      string  `json:"note"`
	By        string  `json:"by"`
	At        string  `json:"at"`
}

func marksJSON(ms []casefile.Mark) []markJSON {
	list := make([]markJSON, 0, len(ms))
	for _, m := range ms {
		list = append(list, markJSON{m.ID, m.Kind, m.Status, m.Exhibit, m.ValueKind, m.Value, m.Page, m.X, m.Y, m.W, m.H,
			m.Start, m.End, m.Origin, m.Note, m.By, m.At.UTC().Format(time.RFC3339)})
	}
	return list
}

func runMarksList(ctx context.Context, o MarksListOptions, out io.Writer) error {
	c, err := openCaseReadOnly(o.Case)
	if err != nil {
		return err
	}
	defer c.Close()
	status := ""
	if o.All {
		status = "all"
	}
	ms, err := c.Marks(ctx, status)
	if err != nil {
		return err
	}
	if o.JSON {
		return writeJSON(out, marksJSON(ms))
	}
	if len(ms) == 0 {
		fmt.Fprintf(out, "no marks yet; run 'dossier marks suggest %s' or 'dossier marks add'\n", o.Case)
		return nil
	}
	return writeMarks(out, ms)
}

func writeMarks(out io.Writer, ms []casefile.Mark) error {
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tKIND\tSTATUS\tEXHIBIT\tWHERE\tVALUE\tORIGIN")
	for _, m := range ms {
		where := m.ValueKind
		switch m.Kind {
		case casefile.MarkRect:
			where = fmt.Sprintf("page %d at %.3f,%.3f size %.3fx%.3f", m.Page, m.X, m.Y, m.W, m.H)
		case casefile.MarkSpan:
			where = fmt.Sprintf("bytes %d-%d", m.Start, m.End)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", m.ID, m.Kind, m.Status, orDash(m.Exhibit), where, orDash(clip(m.Value, 40)), m.Origin)
	}
	return tw.Flush()
}

// markHint adds what to do next to the errors of marks verbs.
func markHint(err error) error {
	switch {
	case errors.Is(err, casefile.ErrUnknownExhibit):
		return hinted{err, "'dossier list CASE' shows the exhibits"}
	case errors.Is(err, casefile.ErrUnknownMark):
		return hinted{err, "'dossier marks list CASE --all' shows the marks and their ids"}
	}
	return err
}
