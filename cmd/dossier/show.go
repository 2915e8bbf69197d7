package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"dossier/internal/bytesize"
)

// ShowOptions are the arguments of 'dossier show'.
type ShowOptions struct {
	Case string
	Ref  string
}

var verbShow = &verb{
	name:    "show",
	args:    "CASE REF",
	summary: "show one exhibit's details and custody events",
	help:    `REF is an exhibit reference such as LW/3; "lw3" and "3" also work.`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		fs := flags(v)
		pos, err := parse(v, fs, args, out, 2, 2)
		if err != nil {
			return err
		}
		return runShow(ctx, ShowOptions{Case: pos[0], Ref: pos[1]}, out)
	},
}

func runShow(ctx context.Context, o ShowOptions, out io.Writer) error {
	c, err := openCaseReadOnly(o.Case)
	if err != nil {
		return err
	}
	defer c.Close()
	e, err := c.Exhibit(ctx, o.Ref)
	if err != nil {
		return err
	}
	events, err := c.Log(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	for _, kv := range [][2]string{
		{"Reference", e.Ref}, {"Kind", string(e.Kind)}, {"Title", e.Title},
		{"File name", e.Filename}, {"Size", fmt.Sprintf("%s (%d bytes)", bytesize.String(e.Size), e.Size)},
		{"Media type", e.MediaType}, {"SHA-256", e.SHA256},
		{"Source", orDash(e.Source)}, {"Obtained", orDash(e.Obtained)}, {"Obtained by", orDash(e.ObtainedBy)},
		{"Added", e.AddedAt.UTC().Format(time.RFC3339)},
	} {
		fmt.Fprintf(tw, "%s:\t%s\n", kv[0], kv[1])
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(out, "\nCustody:\n")
	tw = tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	for _, ev := range events {
		if ev.Exhibit == e.Ref {
			fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s\n", ev.Seq, ev.At.UTC().Format(time.RFC3339), ev.Action, ev.Actor, ev.Detail)
		}
	}
	return tw.Flush()
}
