package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"dossier/casefile"
)

// NewOptions are the flags of 'dossier new'.
type NewOptions struct {
	Case         string
	Title        string
	Prefix       string
	Complainant  string
	Organisation string
	By           string
}

var verbNew = &verb{
	name:    "new",
	args:    "CASE --title TITLE --prefix PREFIX [flags]",
	summary: "create a new, empty case file",
	help: `CASE is the new file's path; ".dossier" is added if it has no extension.
PREFIX starts every exhibit reference (LW gives LW/1, LW/2, ...): a capital
letter then up to 7 capitals or digits. The file must not exist yet.

Example:
  dossier new martineau.dossier --title "Martineau Estate data sheets" --prefix LW`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		var o NewOptions
		fs := flags(v)
		fs.StringVar(&o.Title, "title", "", "case `TITLE` (required)")
		fs.StringVar(&o.Prefix, "prefix", "", "exhibit reference `PREFIX` (required), e.g. LW")
		fs.StringVar(&o.Complainant, "complainant", "", "complainant's `NAME`")
		fs.StringVar(&o.Organisation, "organisation", "", "`NAME` of the organisation complained about")
		fs.StringVar(&o.By, "by", "", byUsage)
		pos, err := parse(v, fs, args, out, 1, 1)
		if err != nil {
			return err
		}
		o.Case = pos[0]
		if o.Title == "" || o.Prefix == "" {
			return usagef(v, "new needs --title and --prefix")
		}
		return runNew(ctx, o, out)
	},
}

func runNew(ctx context.Context, o NewOptions, out io.Writer) error {
	if filepath.Ext(o.Case) == "" {
		o.Case += ".dossier"
	}
	c, err := casefile.Create(o.Case, o.Title, o.Prefix, casefile.Options{Actor: o.By})
	if err != nil {
		return err
	}
	defer c.Close()
	// In a fixed order: each setting is a custody event, and the same
	// command must give the same log.
	for _, kv := range [][2]string{{casefile.SettingComplainant, o.Complainant}, {casefile.SettingOrganisation, o.Organisation}} {
		if key, val := kv[0], kv[1]; val != "" {
			if err := c.SetSetting(ctx, key, val); err != nil {
				return err
			}
		}
	}
	fmt.Fprintf(out, "created %s (%s, prefix %s)\n", c.Path(), c.Info().Title, c.Info().Prefix)
	return c.Close()
}
