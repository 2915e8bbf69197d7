package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"dossier/casefile"
	"dossier/casefile/sheet"
)

// RowsImportOptions are the flags of 'dossier rows import'.
type RowsImportOptions struct {
	Case, File string
	casefile.ImportOptions
	By string
}

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

var verbRowsImport = &verb{
	name:    "import",
	args:    "CASE FILE [--exhibit REF] [--map SPEC] [--sheet NAME] [--by NAME]",
	summary: "import a CSV or XLSX data sheet as rows",
	help: `Reads FILE (CSV in UTF-8, UTF-8 with BOM, UTF-16 or Windows-1252, comma,
semicolon or tab separated; or XLSX, first sheet unless --sheet) and stores
each line as a row of fields uprn, address, estate, neighbourhood, name,
phone; other columns are kept as extra fields. Without --exhibit, FILE
itself is added as a sheet exhibit (or the exhibit already holding its
bytes is used); with --exhibit the rows transcribe that exhibit (a scan).
The whole file is checked first: on any error nothing is written.

Prints the rows imported, the detected format, encoding, delimiter and
column mapping, the lines without a usable phone number and the ragged
lines (more or fewer cells than the header). The import is a "transcribed"
custody event with the file's SHA-256, the row count and the mapping.

Columns are mapped by their headers ("Prop Ref", "Tenant Name", "Contact
No", "Mobile", "Nbhd"...); --map overrides, e.g.
  --map "Contact No=phone,Ref=uprn,Notes=extra"

Example:
  dossier rows import martineau.dossier data-sheet.csv`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		var o RowsImportOptions
		fs := flags(v)
		fs.StringVar(&o.Exhibit, "exhibit", "", "the sheet exhibit (`REF`) the file transcribes (default: add FILE itself)")
		fs.StringVar(&o.Map, "map", "", "column mapping `SPEC`, \"Header=field,...\"")
		fs.StringVar(&o.Sheet, "sheet", "", "XLSX sheet `NAME` (default the first)")
		fs.StringVar(&o.By, "by", "", byUsage)
		pos, err := parse(v, fs, args, out, 2, 2)
		if err != nil {
			return err
		}
		o.Case, o.File = pos[0], pos[1]
		return runRowsImport(ctx, o, out)
	},
}

func runRowsImport(ctx context.Context, o RowsImportOptions, out io.Writer) error {
	c, err := openCase(o.Case, o.By)
	if err != nil {
		return err
	}
	defer c.Close()
	res, err := c.ImportRows(ctx, o.File, o.ImportOptions)
	switch {
	case errors.Is(err, sheet.ErrBadMap):
		return hinted{err, "--map takes \"Header=field,...\" with headers as the file writes them; fields: " + strings.Join(sheet.Fields, ", ") + ", extra"}
	case errors.Is(err, sheet.ErrBadSheet):
		return hinted{err, "give a CSV or XLSX file with a header line naming its columns"}
	case err != nil:
		return err
	}
	how := "rows of " + res.Exhibit.Ref
	if res.Added {
		how += " (added now as a sheet exhibit)"
	}
	fmt.Fprintf(out, "%d %s imported from %s\n", res.Rows, how, res.Exhibit.Filename)
	writeSheetInfo(out, res.Sheet)
	if len(res.NoPhone) > 0 {
		fmt.Fprintf(out, "without a phone number: %d (%s %s)\n", len(res.NoPhone), plural(len(res.NoPhone), "line", "lines"), joinInts(res.NoPhone))
	} else {
		fmt.Fprintln(out, "without a phone number: 0")
	}
	if len(res.Sheet.Ragged) > 0 {
		var parts []string
		for _, r := range res.Sheet.Ragged {
			parts = append(parts, fmt.Sprintf("line %d has %d cells, header %d", r.Line, r.Got, r.Want))
		}
		fmt.Fprintf(out, "ragged: %d (%s)\n", len(parts), strings.Join(parts, "; "))
	} else {
		fmt.Fprintln(out, "ragged: 0")
	}
	return c.Close()
}

// writeSheetInfo prints what was detected about a sheet file.
func writeSheetInfo(out io.Writer, r *sheet.Result) {
	if r.Format == "xlsx" {
		fmt.Fprintf(out, "format: xlsx, sheet %q\n", r.Sheet)
	} else {
		fmt.Fprintf(out, "format: %s, encoding %s, delimiter %s\n", r.Format, r.Encoding, delimiterName(r.Delimiter))
	}
	var cols []string
	for _, h := range r.Header {
		f, ok := r.Mapping[h]
		if !ok {
			continue
		}
		if f == "" {
			f = "extra"
		}
		cols = append(cols, h+"="+f)
	}
	fmt.Fprintf(out, "columns: %s\n", strings.Join(cols, ", "))
	for _, w := range r.Warnings {
		fmt.Fprintf(out, "warning: %s\n", w)
	}
}

func delimiterName(d rune) string {
	switch d {
	case ',':
		return "comma"
	case ';':
		return "semicolon"
	case '\t':
		return "tab"
	}
	return fmt.Sprintf("%q", d)
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
	c, err := openCase(o.Case, "")
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
