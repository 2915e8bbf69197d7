package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"dossier/casefile"
	"dossier/casefile/detect"
)

// ScanOptions are the flags of 'dossier scan'.
type ScanOptions struct {
	File, Case string
	JSON       bool
}

var verbScan = &verb{
	name:    "scan",
	args:    "FILE [--case CASE] [--json]",
	summary: "find phone numbers, emails, postcodes, NI numbers and names in a text file",
	help: `Reads FILE as text (UTF-8, or Windows-1252 as Excel writes it) and prints
each piece of personal data found: byte offsets START-END, kind (phone,
email, postcode, ni, uprn, name) and the text as written. Without --case
only patterns are found (phones, emails, postcodes, NI numbers); with
--case the names of the case's residents (rows, messages, dictionary) are
found too. Nothing is written anywhere.

With --json prints an array of objects with the keys kind, text, start and
end (byte offsets into the UTF-8 text, end exclusive); these keys are a
stable contract. For a Windows-1252 file the offsets are into its UTF-8
form.`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		var o ScanOptions
		fs := flags(v)
		fs.StringVar(&o.Case, "case", "", "also find the names of this `CASE`")
		fs.BoolVar(&o.JSON, "json", false, "print JSON")
		pos, err := parse(v, fs, args, out, 1, 1)
		if err != nil {
			return err
		}
		o.File = pos[0]
		return runScan(ctx, o, out)
	},
}

// findingJSON is the stable JSON form of a detector finding.
type findingJSON struct {
	Kind  string `json:"kind"`
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

func runScan(ctx context.Context, o ScanOptions, out io.Writer) error {
	data, err := casefile.ReadInput(o.File)
	if err != nil {
		return fmt.Errorf("scan: %w", err)
	}
	var det *detect.Detector
	if o.Case != "" {
		c, err := openCaseReadOnly(o.Case)
		if err != nil {
			return err
		}
		det, err = c.Detector(ctx)
		c.Close()
		if err != nil {
			return err
		}
	} else if det, err = detect.New(detect.Options{}); err != nil {
		return err
	}
	found := det.Scan(casefile.DecodeText(data))
	if o.JSON {
		list := make([]findingJSON, 0, len(found))
		for _, f := range found {
			list = append(list, findingJSON{string(f.Kind), f.Text, f.Start, f.End})
		}
		return writeJSON(out, list)
	}
	if len(found) == 0 {
		fmt.Fprintln(out, "nothing found")
		return nil
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "BYTES\tKIND\tTEXT")
	for _, f := range found {
		fmt.Fprintf(tw, "%d-%d\t%s\t%s\n", f.Start, f.End, f.Kind, f.Text)
	}
	return tw.Flush()
}
