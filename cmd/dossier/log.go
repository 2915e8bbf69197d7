package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"text/tabwriter"
	"time"
)

// LogOptions are the flags of 'dossier log'.
type LogOptions struct {
	Case string
	JSON bool
}

var verbLog = &verb{
	name:    "log",
	args:    "CASE [--json]",
	summary: "print the case's chain of custody",
	help: `Prints every custody event, oldest first. With --json prints an array of
objects with the keys seq, at (RFC 3339, UTC), actor, action, exhibit ("" for
the case as a whole), detail (a JSON object), prev_hash and hash; these keys
are a stable contract. hash = SHA-256(prev_hash || event), so anyone can
recompute the chain.`,
	run: caseJSON(func(ctx context.Context, casePath string, asJSON bool, out io.Writer) error {
		return runLog(ctx, LogOptions{Case: casePath, JSON: asJSON}, out)
	}),
}

// eventJSON is the stable JSON form of a custody event.
type eventJSON struct {
	Seq      int64           `json:"seq"`
	At       string          `json:"at"`
	Actor    string          `json:"actor"`
	Action   string          `json:"action"`
	Exhibit  string          `json:"exhibit"`
	Detail   json.RawMessage `json:"detail"`
	PrevHash string          `json:"prev_hash"`
	Hash     string          `json:"hash"`
}

func runLog(ctx context.Context, o LogOptions, out io.Writer) error {
	c, older, err := openCaseAsItIs(o.Case)
	if err != nil {
		return err
	}
	defer c.Close()
	if older > 0 {
		fmt.Fprintln(os.Stderr, olderNote(older))
	}
	events, err := c.Log(ctx)
	if err != nil {
		return err
	}
	if o.JSON {
		list := make([]eventJSON, 0, len(events))
		for _, e := range events {
			d := e.Detail
			if len(d) == 0 || string(d) == "null" {
				d = json.RawMessage("{}")
			}
			list = append(list, eventJSON{e.Seq, e.At.UTC().Format(time.RFC3339), e.Actor, e.Action, e.Exhibit, d, e.PrevHash, e.Hash})
		}
		return writeJSON(out, list)
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SEQ\tAT\tACTOR\tACTION\tEXHIBIT\tHASH\tDETAIL")
	for _, e := range events {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", e.Seq, e.At.UTC().Format(time.RFC3339), e.Actor, e.Action, orDash(e.Exhibit), e.Hash[:12], e.Detail)
	}
	return tw.Flush()
}
