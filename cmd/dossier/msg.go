package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"dossier/casefile"
	"dossier/casefile/msgfile"
	"dossier/casefile/ocr"
	"dossier/casefile/pdf"
)

// MsgAddOptions are the flags of 'dossier msg add'.
type MsgAddOptions struct {
	Case string
	casefile.MessageInput
	By string
}

// MsgImportOptions are the flags of 'dossier msg import'.
type MsgImportOptions struct {
	Case, File, By string
}

// MsgOCROptions are the flags of 'dossier msg ocr'.
type MsgOCROptions struct {
	Case, Ref string
	JSON      bool
	Engine    ocr.Engine // nil: tesseract
}

// MsgListOptions are the flags of 'dossier msg list'.
type MsgListOptions struct {
	Case string
	JSON bool
}

var verbMsg = &verb{
	name:    "msg",
	summary: "add, import, read (OCR) and list text messages",
	help: `A message is a text as an exhibit (usually a screenshot) shows it: sender,
the phone it reached, when, and what it said, with the resident's name and
address when their statement gives them. Messages are linked to the rows
of the phones they reached ('dossier link auto').`,
	subs: []*verb{verbMsgAdd, verbMsgImport, verbMsgOCR, verbMsgList},
}

const timeHelp = `TIME is RFC 3339 ("2015-06-08T09:00:00+01:00") or as UK phones show it,
day first ("08/06/2015 09:00", "8 June 2015 09:00"), read in UK time
(Europe/London) when no offset is given.`

var verbMsgAdd = &verb{
	name:    "add",
	args:    "CASE --exhibit REF --to PHONE --from SENDER --at TIME --body TEXT [--name N --address A] [--by NAME]",
	summary: "add one text message shown on an exhibit",
	help: `Records a message as the exhibit (usually a screenshot) shows it: who it
is from (a name or number, as shown), the phone it was received on, when,
and its text. --name and --address are the resident's, from their
statement; they are used only to propose links for review when no phone
on a sheet matches. Prints the new message's id. The message is a
"transcribed" custody event (with a hash of its content, never the number).

` + timeHelp + `

Example:
  dossier msg add martineau.dossier --exhibit LW/3 --to "07700 900123" --from "Northfield Forward" --at "08/06/2015 09:00" --body "Vote for Pat Greene"`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		var o MsgAddOptions
		var at string
		fs := flags(v)
		fs.StringVar(&o.Exhibit, "exhibit", "", "the exhibit (`REF`) that shows the message")
		fs.StringVar(&o.To, "to", "", "the `PHONE` number it was received on")
		fs.StringVar(&o.From, "from", "", "the `SENDER` as shown: a name or number")
		fs.StringVar(&at, "at", "", "`TIME` received")
		fs.StringVar(&o.Body, "body", "", "the message `TEXT`")
		fs.StringVar(&o.ResidentName, "name", "", "the resident's `NAME`, from their statement")
		fs.StringVar(&o.ResidentAddress, "address", "", "the resident's `ADDRESS`, from their statement")
		fs.StringVar(&o.By, "by", "", byUsage)
		pos, err := parse(v, fs, args, out, 1, 1)
		if err != nil {
			return err
		}
		if o.Exhibit == "" || o.To == "" || o.From == "" || at == "" {
			return usagef(v, "msg add needs --exhibit, --to, --from and --at")
		}
		t, err := msgfile.ParseTime(at)
		if err != nil {
			return fmt.Errorf("--at: %w", err)
		}
		o.At, o.Case = t, pos[0]
		return runMsgAdd(ctx, o, out)
	},
}

func runMsgAdd(ctx context.Context, o MsgAddOptions, out io.Writer) error {
	c, err := openCase(o.Case, o.By)
	if err != nil {
		return err
	}
	defer c.Close()
	m, err := c.AddMessage(ctx, o.MessageInput)
	if err != nil {
		return msgHint(err)
	}
	fmt.Fprintf(out, "message %d  %s  to %s  at %s\n", m.ID, m.Exhibit, m.ToE164, m.At.Format(time.RFC3339))
	return c.Close()
}

// msgHint adds what to do next to the errors adding messages gives.
func msgHint(err error) error {
	switch {
	case errors.Is(err, casefile.ErrUnknownExhibit):
		return hinted{err, "'dossier list CASE' shows the exhibits; add the screenshot first with 'dossier add'"}
	case errors.Is(err, msgfile.ErrBadMessages):
		return hinted{err, "each message needs the keys " + strings.Join(msgfile.Keys[:5], ", ") + " (name and address are optional)"}
	}
	return err
}

var verbMsgImport = &verb{
	name:    "import",
	args:    "CASE FILE [--by NAME]",
	summary: "import messages from a JSON or CSV file",
	help: `FILE is a JSON array of objects, or a CSV file with a header, with the
keys to, from, at, body and exhibit, and optionally name and address (the
resident's, from their statement). All messages are added, or none: an
error names the item (JSON) or line (CSV) and the problem. Prints one line
per message added.

` + timeHelp + `

Example file:
  [{"to": "07700 900123", "from": "Northfield Forward",
    "at": "08/06/2015 09:00", "body": "Vote for Pat Greene", "exhibit": "LW/3"}]`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		var o MsgImportOptions
		fs := flags(v)
		fs.StringVar(&o.By, "by", "", byUsage)
		pos, err := parse(v, fs, args, out, 2, 2)
		if err != nil {
			return err
		}
		o.Case, o.File = pos[0], pos[1]
		return runMsgImport(ctx, o, out)
	},
}

func runMsgImport(ctx context.Context, o MsgImportOptions, out io.Writer) error {
	c, err := openCase(o.Case, o.By)
	if err != nil {
		return err
	}
	defer c.Close()
	ms, err := c.ImportMessages(ctx, o.File)
	if err != nil {
		return msgHint(err)
	}
	for _, m := range ms {
		fmt.Fprintf(out, "message %d  %s  to %s  at %s\n", m.ID, m.Exhibit, m.ToE164, m.At.Format(time.RFC3339))
	}
	fmt.Fprintf(out, "%d %s imported\n", len(ms), plural(len(ms), "message", "messages"))
	return c.Close()
}

var verbMsgOCR = &verb{
	name:    "ocr",
	args:    "CASE REF [--json]",
	summary: "read a message off a screenshot exhibit by OCR, for you to confirm",
	help: `Reads the words on the image exhibit REF (the first page, for a PDF) with
tesseract and proposes the sender, time, recipient and body. Nothing is
written: check the proposal against the screenshot, correct it, and add
it with 'dossier msg add' (the command is printed, ready to edit).

Needs tesseract (Debian/Ubuntu: apt-get install tesseract-ocr
tesseract-ocr-eng; macOS: brew install tesseract); without it, says how
to install it and exits 1.

With --json prints an object with the keys exhibit, from, to, at (as
written on the screen) and body; these keys are a stable contract.`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		var o MsgOCROptions
		fs := flags(v)
		fs.BoolVar(&o.JSON, "json", false, "print JSON")
		pos, err := parse(v, fs, args, out, 2, 2)
		if err != nil {
			return err
		}
		o.Case, o.Ref = pos[0], pos[1]
		return runMsgOCR(ctx, o, out)
	},
}

// proposalJSON is the stable JSON form of an OCR proposal.
type proposalJSON struct {
	Exhibit string `json:"exhibit"`
	From    string `json:"from"`
	To      string `json:"to"`
	At      string `json:"at"`
	Body    string `json:"body"`
}

func runMsgOCR(ctx context.Context, o MsgOCROptions, out io.Writer) error {
	c, err := openCaseReadOnly(o.Case)
	if err != nil {
		return err
	}
	defer c.Close()
	ex, err := c.Exhibit(ctx, o.Ref)
	if err != nil {
		return msgHint(err)
	}
	if !casefile.IsImage(ex.MediaType) && ex.MediaType != "application/pdf" {
		return hinted{fmt.Errorf("exhibit %s is %s, not an image", ex.Ref, ex.MediaType), "msg ocr reads screenshots (PNG, JPEG, GIF, WebP) and scanned PDFs"}
	}
	pages, err := c.PageImages(ctx, ex.Ref, pdf.New())
	if err != nil {
		return err
	}
	if len(pages) == 0 {
		return fmt.Errorf("exhibit %s has no pages", ex.Ref)
	}
	eng := o.Engine
	if eng == nil {
		eng = ocr.New()
	}
	words, err := eng.Words(ctx, pages[0])
	if err != nil {
		return fmt.Errorf("read %s: %w", ex.Ref, err)
	}
	p := ocr.ProposeMessage(words)
	if o.JSON {
		return writeJSON(out, proposalJSON{ex.Ref, p.From, p.To, p.At, p.Body})
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Exhibit:\t%s\nFrom:\t%s\nTo:\t%s\nAt:\t%s\nBody:\t%s\n", ex.Ref, orDash(p.From), orDash(p.To), orDash(p.At), orDash(p.Body))
	tw.Flush()
	at := p.At
	if _, err := msgfile.ParseTime(at); err != nil {
		at = "DD/MM/YYYY HH:MM"
	}
	to := p.To
	if to == "" {
		to = "PHONE"
	}
	fmt.Fprintf(out, "\nThis is what OCR read; check it against the screenshot. To record it, correct and run:\n  dossier msg add %s --exhibit %s --to %s --from %s --at %s --body %s\n",
		shellQuote(o.Case), ex.Ref, shellQuote(to), shellQuote(p.From), shellQuote(at), shellQuote(p.Body))
	return nil
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-+:@", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

var verbMsgList = &verb{
	name:    "list",
	args:    "CASE [--json]",
	summary: "list the case's text messages",
	help: `Prints one line per message: id, exhibit, time received, sender,
recipient phone and the start of the body.

With --json prints an array of objects with the keys id, exhibit, from,
to (as written), to_e164, at (RFC 3339 in the zone it was given in) and
body; these keys are a stable contract.`,
	run: caseJSON(func(ctx context.Context, casePath string, asJSON bool, out io.Writer) error {
		return runMsgList(ctx, MsgListOptions{Case: casePath, JSON: asJSON}, out)
	}),
}

// messageJSON is the stable JSON form of a message.
type messageJSON struct {
	ID      int64  `json:"id"`
	Exhibit string `json:"exhibit"`
	From    string `json:"from"`
	To      string `json:"to"`
	ToE164  string `json:"to_e164"`
	At      string `json:"at"`
	Body    string `json:"body"`
}

func runMsgList(ctx context.Context, o MsgListOptions, out io.Writer) error {
	c, err := openCaseReadOnly(o.Case)
	if err != nil {
		return err
	}
	defer c.Close()
	ms, err := c.Messages(ctx)
	if err != nil {
		return err
	}
	if o.JSON {
		list := make([]messageJSON, 0, len(ms))
		for _, m := range ms {
			list = append(list, messageJSON{m.ID, m.Exhibit, m.From, m.To, m.ToE164, m.At.Format(time.RFC3339), m.Body})
		}
		return writeJSON(out, list)
	}
	if len(ms) == 0 {
		fmt.Fprintf(out, "no messages yet; add them with 'dossier msg add' or 'dossier msg import %s FILE'\n", o.Case)
		return nil
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tEXHIBIT\tAT\tFROM\tTO\tBODY")
	for _, m := range ms {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", m.ID, m.Exhibit, m.At.Format("2006-01-02 15:04 -07:00"), m.From, m.To, clip(m.Body, 40))
	}
	return tw.Flush()
}

// clip shortens s to n characters for a table, on one line.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
