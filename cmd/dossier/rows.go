package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"dossier/casefile"
)

// RowsListOptions are the flags of 'dossier rows list'.
type RowsListOptions struct {
	Case    string
	JSON    bool
	Search  string
	NoPhone bool
}

var verbRows = &verb{
	name:    "rows",
	summary: "import and list the rows transcribed from data sheets",
	help: `A row is one line of a landlord's data sheet: UPRN, address, estate,
neighbourhood, resident's name and phone, each kept as written beside its
normalised form (E.164 for phones, a folded key for names) and the line
or cell it came from. Rows are what messages are linked to.`,
	subs: []*verb{verbRowsImport, verbRowsList},
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func joinInts[T int | int64](ns []T) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, ", ")
}

var verbRowsList = &verb{
	name:    "list",
	args:    "CASE [--json] [--search TEXT] [--no-phone]",
	summary: "list the transcribed rows",
	help: `Prints one line per row: id, exhibit, source line, UPRN, name, phone as
written (flagged "no phone" when it is missing or not a phone number) and
address. --search keeps rows with every word of TEXT in some field
(case-insensitive; names also without accents and in any order), or, when
TEXT is a phone number, rows with that number however it is written;
--no-phone keeps rows without a usable phone number.

With --json prints an array of objects with the keys id, exhibit,
source_line, uprn, address, estate, neighbourhood, name, phone (as
written), phone_e164 ("" when not a phone number) and extra (an object of
the other columns); these keys are a stable contract.`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		var o RowsListOptions
		fs := flags(v)
		fs.BoolVar(&o.JSON, "json", false, "print JSON")
		fs.StringVar(&o.Search, "search", "", "only rows with every word of `TEXT` in some field, or with that phone number")
		fs.BoolVar(&o.NoPhone, "no-phone", false, "only rows without a usable phone number")
		pos, err := parse(v, fs, args, out, 1, 1)
		if err != nil {
			return err
		}
		o.Case = pos[0]
		return runRowsList(ctx, o, out)
	},
}

// rowJSON is the stable JSON form of a row.
type rowJSON struct {
	ID            int64             `json:"id"`
	Exhibit       string            `json:"exhibit"`
	SourceLine    int               `json:"source_line"`
	UPRN          string            `json:"uprn"`
	Address       string            `json:"address"`
	Estate        string            `json:"estate"`
	Neighbourhood string            `json:"neighbourhood"`
	Name          string            `json:"name"`
	Phone         string            `json:"phone"`
	PhoneE164     string            `json:"phone_e164"`
	Extra         map[string]string `json:"extra"`
}

func runRowsList(ctx context.Context, o RowsListOptions, out io.Writer) error {
	c, err := openCaseReadOnly(o.Case)
	if err != nil {
		return err
	}
	defer c.Close()
	rows, err := c.Rows(ctx, casefile.RowQuery{Search: o.Search, NoPhone: o.NoPhone})
	if err != nil {
		return err
	}
	if o.JSON {
		list := make([]rowJSON, 0, len(rows))
		for _, r := range rows {
			extra := r.Extra
			if extra == nil {
				extra = map[string]string{}
			}
			list = append(list, rowJSON{r.ID, r.Exhibit, r.SourceLine, r.UPRN, r.Address, r.Estate, r.Neighbourhood,
				r.Name, r.Phone, r.PhoneE164, extra})
		}
		return writeJSON(out, list)
	}
	if len(rows) == 0 {
		if o.Search != "" || o.NoPhone {
			fmt.Fprintln(out, "no rows match")
		} else {
			fmt.Fprintf(out, "no rows yet; import a sheet with 'dossier rows import %s FILE'\n", o.Case)
		}
		return nil
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tEXHIBIT\tLINE\tUPRN\tNAME\tPHONE\tADDRESS")
	for _, r := range rows {
		ph := r.Phone
		if r.NoPhone() {
			ph = strings.TrimSpace(ph + " (no phone)")
		}
		fmt.Fprintf(tw, "%d\t%s\t%d\t%s\t%s\t%s\t%s\n", r.ID, r.Exhibit, r.SourceLine, orDash(r.UPRN), orDash(r.Name), ph, orDash(r.Address))
	}
	return tw.Flush()
}

// sortedKeys returns m's keys in order, for stable output.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
