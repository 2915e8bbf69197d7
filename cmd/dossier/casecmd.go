package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"dossier/casefile"
	"dossier/casefile/pdf"
	"dossier/export/marks"
	"dossier/export/redact"
)

// CaseOptions are the flags of 'dossier case'. Set maps setting keys to
// new values; only flags given are in it.
type CaseOptions struct {
	Case  string
	Set   map[string]string
	Title *string // a new title, when --title is given
	JSON  bool
	By    string
}

// caseFields maps the flags of 'dossier case' to setting keys, in the order
// they are shown.
var caseFields = []struct{ flag, key, label string }{
	{"complainant", casefile.SettingComplainant, "Complainant"},
	{"complainant-address", casefile.SettingComplainantAddress, "Complainant address"},
	{"complainant-contact", casefile.SettingComplainantContact, "Complainant contact"},
	{"organisation", casefile.SettingOrganisation, "Organisation"},
	{"organisation-address", casefile.SettingOrganisationAddr, "Organisation address"},
	{"summary", casefile.SettingSummary, "Summary"},
	{"election-date", casefile.SettingElectionDate, "Election date"},
	{"regulator", casefile.SettingRegulator, "Regulator"},
}

var verbCase = &verb{
	name:    "case",
	args:    "CASE [--title TITLE] [--complainant NAME] [--organisation NAME] [...] [--json] [--by NAME]",
	summary: "show or set the case's details (complainant, organisation, summary)",
	help: `Without flags, shows the case's details. Each flag given sets that detail;
an empty value clears it. Letters and the bundle cover use these details.
--title changes the case's title, which every page of a bundle prints in
its footer: it is a "retitled" custody event, and a title that holds a
marked value (a resident's name or number) is refused.
--election-date YYYY-MM-DD marks polling day on the chart of messages per
day. --regulator names the regulator in letters when it must differ from
the name in force on the letter's date.
With --json prints an object with the keys uuid, title, prefix, created_at
and the setting keys complainant, complainant_address, complainant_contact,
organisation, organisation_address, summary, election_date, regulator.`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		var o CaseOptions
		fs := flags(v)
		vals := map[string]*string{}
		for _, f := range caseFields {
			vals[f.flag] = fs.String(f.flag, "", "set the "+strings.ToLower(f.label)+" (`TEXT`)")
		}
		title := fs.String("title", "", "change the case's `TITLE`")
		fs.BoolVar(&o.JSON, "json", false, "print JSON")
		fs.StringVar(&o.By, "by", "", byUsage)
		pos, err := parse(v, fs, args, out, 1, 1)
		if err != nil {
			return err
		}
		o.Case, o.Set = pos[0], map[string]string{}
		if d := *vals["election-date"]; d != "" {
			if _, err := time.Parse(time.DateOnly, d); err != nil {
				return usagef(v, "--election-date %q is not a date in the form YYYY-MM-DD", d)
			}
		}
		fs.Visit(func(f *flag.Flag) {
			if f.Name == "title" {
				o.Title = title
			}
			for _, cf := range caseFields {
				if cf.flag == f.Name {
					o.Set[cf.key] = *vals[f.Name]
				}
			}
		})
		return runCase(ctx, o, out)
	},
}

func runCase(ctx context.Context, o CaseOptions, out io.Writer) error {
	open := openCaseReadOnly
	if len(o.Set) > 0 || o.Title != nil {
		open = func(path string) (*casefile.Case, error) { return openCase(path, o.By) }
	}
	c, err := open(o.Case)
	if err != nil {
		return err
	}
	defer c.Close()
	if o.Title != nil {
		a, err := marks.New(ctx, c, pdf.New())
		if err != nil {
			return err
		}
		if err := c.SetTitle(ctx, *o.Title, a.Title); err != nil {
			if errors.Is(err, redact.ErrLeak) {
				return hinted{err, "choose a title without residents' names, numbers or addresses: every page of a bundle prints it"}
			}
			return err
		}
	}
	for _, f := range caseFields {
		if val, ok := o.Set[f.key]; ok {
			if err := c.SetSetting(ctx, f.key, val); err != nil {
				return err
			}
		}
	}
	set, err := c.Settings(ctx)
	if err != nil {
		return err
	}
	info := c.Info()
	if o.JSON {
		m := map[string]string{"uuid": info.UUID, "title": info.Title, "prefix": info.Prefix,
			"created_at": info.CreatedAt.UTC().Format("2006-01-02T15:04:05Z07:00")}
		for _, f := range caseFields {
			m[f.key] = set[f.key]
		}
		return writeJSON(out, m)
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Title:\t%s\nPrefix:\t%s\nCreated:\t%s\nUUID:\t%s\n", info.Title, info.Prefix,
		info.CreatedAt.UTC().Format("2006-01-02T15:04:05Z07:00"), info.UUID)
	for _, f := range caseFields {
		fmt.Fprintf(tw, "%s:\t%s\n", f.label, orDash(set[f.key]))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return c.Close()
}
