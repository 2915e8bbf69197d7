package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"dossier/casefile"
)

// LinkOptions are the flags of 'dossier link add', 'remove', 'accept' and
// 'reject'.
type LinkOptions struct {
	Case         string
	Message, Row int64
	Reason, By   string
}

// LinkListOptions are the flags of 'dossier link list'.
type LinkListOptions struct {
	Case            string
	JSON, All, Gaps bool
}

var verbLink = &verb{
	name:    "link",
	summary: "link messages to the data-sheet rows of the phones they reached",
	help: `A link says message M reached the phone that row R lists. 'auto' links by
phone number and proposes name+address links for review; 'add' links by
hand with a reason. Removing a link is recorded in custody, never a
silent delete. 'list --gaps' shows the messages and rows still unlinked.`,
	subs: []*verb{verbLinkAuto, verbLinkAdd, verbLinkRemove, verbLinkAccept, verbLinkReject, verbLinkList},
}

var verbLinkAuto = &verb{
	name:    "auto",
	args:    "CASE [--by NAME]",
	summary: "link messages to rows by phone number; propose name+address links",
	help: `Links each message to every row whose phone number (normalised to E.164)
is the message's recipient: a household sharing one number gets a link to
each of its rows (basis "phone"). Where no phone matches but the resident's
name and address given with the message match a row, proposes a link
(basis "name+address") for you to accept or reject with 'dossier link
accept' / 'dossier link reject'. It never links on a name alone. Pairs
already linked, removed or rejected are left alone, so running it again
is safe. Each link is a custody event. Prints the counts.`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		var o LinkOptions
		fs := flags(v)
		fs.StringVar(&o.By, "by", "", byUsage)
		pos, err := parse(v, fs, args, out, 1, 1)
		if err != nil {
			return err
		}
		o.Case = pos[0]
		return runLinkAuto(ctx, o, out)
	},
}

func runLinkAuto(ctx context.Context, o LinkOptions, out io.Writer) error {
	c, err := openCase(o.Case, o.By)
	if err != nil {
		return err
	}
	defer c.Close()
	res, err := c.AutoLink(ctx)
	if err != nil {
		return err
	}
	msgs, rows, err := c.Gaps(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "linked by phone: %d new\nproposed by name and address: %d new (review with 'dossier link list')\n", res.Linked, res.Proposed)
	fmt.Fprintf(out, "messages without a link: %d\nrows without a message: %d\n", len(msgs), len(rows))
	return c.Close()
}

// linkVerb makes a sub-verb acting on one message-row pair.
func linkVerb(name, summary, help string, reason int, run func(context.Context, *casefile.Case, LinkOptions) error, done string) *verb {
	args := "CASE --message ID --row ID"
	switch reason {
	case 1:
		args += " --reason TEXT"
	case 2:
		args += " [--reason TEXT]"
	}
	return &verb{
		name: name, args: args + " [--by NAME]", summary: summary, help: help,
		run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
			var o LinkOptions
			fs := flags(v)
			fs.Int64Var(&o.Message, "message", 0, "message `ID` (see 'dossier msg list')")
			fs.Int64Var(&o.Row, "row", 0, "row `ID` (see 'dossier rows list')")
			if reason > 0 {
				fs.StringVar(&o.Reason, "reason", "", "why, in a sentence a reader of the bundle will see (`TEXT`)")
			}
			fs.StringVar(&o.By, "by", "", byUsage)
			pos, err := parse(v, fs, args, out, 1, 1)
			if err != nil {
				return err
			}
			if o.Message <= 0 || o.Row <= 0 {
				return usagef(v, "link %s needs --message ID and --row ID", name)
			}
			if reason == 1 && o.Reason == "" {
				return usagef(v, "link %s needs --reason TEXT", name)
			}
			o.Case = pos[0]
			c, err := openCase(o.Case, o.By)
			if err != nil {
				return err
			}
			defer c.Close()
			if err := run(ctx, c, o); err != nil {
				return err
			}
			fmt.Fprintf(out, "message %d %s row %d\n", o.Message, done, o.Row)
			return c.Close()
		},
	}
}

var verbLinkAdd = linkVerb("add", "link a message to a row by hand, with a reason",
	`Links message ID to row ID (basis "manual"), for example when the resident's
statement says the number was theirs at the time. The reason is required:
it is shown to readers of the bundle. A custody event records who and why.`,
	1, func(ctx context.Context, c *casefile.Case, o LinkOptions) error {
		return c.AddLink(ctx, o.Message, o.Row, o.Reason)
	}, "linked to")

var verbLinkRemove = linkVerb("remove", "withdraw a link, with a reason",
	`Withdraws the link between message ID and row ID. The link is kept on
record as removed, with the reason, and the removal is a custody event:
nothing is silently deleted. 'dossier link list --all' shows removed links.`,
	1, func(ctx context.Context, c *casefile.Case, o LinkOptions) error {
		return c.RemoveLink(ctx, o.Message, o.Row, o.Reason)
	}, "unlinked from")

var verbLinkAccept = linkVerb("accept", "accept a proposed (name+address) link",
	`Confirms a link that 'dossier link auto' proposed on the resident's name and
address, after you have checked it. A custody event.`,
	0, func(ctx context.Context, c *casefile.Case, o LinkOptions) error {
		return c.AcceptLink(ctx, o.Message, o.Row)
	}, "linked to")

var verbLinkReject = linkVerb("reject", "reject a proposed link",
	`Turns down a proposed link; it is kept as rejected so 'link auto' does not
propose it again.`,
	2, func(ctx context.Context, c *casefile.Case, o LinkOptions) error {
		return c.RejectLink(ctx, o.Message, o.Row, o.Reason)
	}, "not linked to")

var verbLinkList = &verb{
	name:    "list",
	args:    "CASE [--json] [--all] [--gaps]",
	summary: "list links, or the messages and rows without one",
	help: `Prints one line per link: message id, row id, basis (phone,
name+address, manual), status (linked, proposed; with --all also removed
and rejected), who made it, when, and the reason.

With --json prints an array of objects with the keys message_id, row_id,
basis, by, at (RFC 3339, UTC), status and reason; these keys are a stable
contract.

--gaps instead lists the ids of messages with no standing link and of rows
no message is linked to; with --json as an object with the keys messages
and rows (arrays of ids).`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		var o LinkListOptions
		fs := flags(v)
		fs.BoolVar(&o.JSON, "json", false, "print JSON")
		fs.BoolVar(&o.All, "all", false, "include removed and rejected links")
		fs.BoolVar(&o.Gaps, "gaps", false, "list unlinked messages and rows instead")
		pos, err := parse(v, fs, args, out, 1, 1)
		if err != nil {
			return err
		}
		o.Case = pos[0]
		return runLinkList(ctx, o, out)
	},
}

// linkJSON is the stable JSON form of a link.
type linkJSON struct {
	MessageID int64  `json:"message_id"`
	RowID     int64  `json:"row_id"`
	Basis     string `json:"basis"`
	By        string `json:"by"`
	At        string `json:"at"`
	Status    string `json:"status"`
	Reason    string `json:"reason"`
}

// gapsJSON is the stable JSON form of 'link list --gaps'.
type gapsJSON struct {
	Messages []int64 `json:"messages"`
	Rows     []int64 `json:"rows"`
}

func runLinkList(ctx context.Context, o LinkListOptions, out io.Writer) error {
	c, err := openCaseReadOnly(o.Case)
	if err != nil {
		return err
	}
	defer c.Close()
	if o.Gaps {
		msgs, rows, err := c.Gaps(ctx)
		if err != nil {
			return err
		}
		if o.JSON {
			return writeJSON(out, gapsJSON{append([]int64{}, msgs...), append([]int64{}, rows...)})
		}
		fmt.Fprintf(out, "messages without a link: %d", len(msgs))
		if len(msgs) > 0 {
			fmt.Fprintf(out, " (ids %s)", joinInts(msgs))
		}
		fmt.Fprintf(out, "\nrows without a message: %d", len(rows))
		if len(rows) > 0 {
			fmt.Fprintf(out, " (ids %s)", joinInts(rows))
		}
		fmt.Fprintln(out)
		return nil
	}
	ls, err := c.Links(ctx, o.All)
	if err != nil {
		return err
	}
	if o.JSON {
		list := make([]linkJSON, 0, len(ls))
		for _, l := range ls {
			list = append(list, linkJSON{l.MessageID, l.RowID, l.Basis, l.By, l.At.UTC().Format(time.RFC3339), l.Status, l.Reason})
		}
		return writeJSON(out, list)
	}
	if len(ls) == 0 {
		fmt.Fprintf(out, "no links yet; run 'dossier link auto %s'\n", o.Case)
		return nil
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "MESSAGE\tROW\tBASIS\tSTATUS\tBY\tAT\tREASON")
	for _, l := range ls {
		fmt.Fprintf(tw, "%d\t%d\t%s\t%s\t%s\t%s\t%s\n", l.MessageID, l.RowID, l.Basis, l.Status, l.By, l.At.UTC().Format(time.RFC3339), orDash(l.Reason))
	}
	return tw.Flush()
}
