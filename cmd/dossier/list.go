package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"dossier/casefile"
	"dossier/internal/bytesize"
)

// ListOptions are the flags of 'dossier list'.
type ListOptions struct {
	Case string
	JSON bool
}

var verbList = &verb{
	name:    "list",
	args:    "CASE [--json]",
	summary: "list a case's exhibits",
	help: `Prints one line per exhibit: reference, kind, date obtained, size, the
first 12 hex digits of its SHA-256, and title. With --json prints an array
of objects with the keys ref, kind, title, filename, sha256, size,
media_type, source, obtained, obtained_by, added_at (RFC 3339, UTC); these
keys are a stable contract.`,
	run: caseJSON(func(ctx context.Context, casePath string, asJSON bool, out io.Writer) error {
		return runList(ctx, ListOptions{Case: casePath, JSON: asJSON}, out)
	}),
}

// exhibitJSON is the stable JSON form of an exhibit.
type exhibitJSON struct {
	Ref        string `json:"ref"`
	Kind       string `json:"kind"`
	Title      string `json:"title"`
	Filename   string `json:"filename"`
	SHA256     string `json:"sha256"`
	Size       int64  `json:"size"`
	MediaType  string `json:"media_type"`
	Source     string `json:"source"`
	Obtained   string `json:"obtained"`
	ObtainedBy string `json:"obtained_by"`
	AddedAt    string `json:"added_at"`
}

func toJSON(e casefile.Exhibit) exhibitJSON {
	return exhibitJSON{e.Ref, string(e.Kind), e.Title, e.Filename, e.SHA256, e.Size, e.MediaType,
		e.Source, e.Obtained, e.ObtainedBy, e.AddedAt.UTC().Format(time.RFC3339)}
}

func runList(ctx context.Context, o ListOptions, out io.Writer) error {
	c, err := openCaseReadOnly(o.Case)
	if err != nil {
		return err
	}
	defer c.Close()
	exs, err := c.Exhibits(ctx)
	if err != nil {
		return err
	}
	if o.JSON {
		list := make([]exhibitJSON, 0, len(exs))
		for _, e := range exs {
			list = append(list, toJSON(e))
		}
		return writeJSON(out, list)
	}
	if len(exs) == 0 {
		fmt.Fprintf(out, "no exhibits yet; add some with 'dossier add %s FILE...'\n", o.Case)
		return nil
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "REF\tKIND\tOBTAINED\tSIZE\tSHA-256\tTITLE")
	for _, e := range exs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", e.Ref, e.Kind, orDash(e.Obtained), bytesize.String(e.Size), e.SHA256[:12], e.Title)
	}
	return tw.Flush()
}

func writeJSON(out io.Writer, v any) error {
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
