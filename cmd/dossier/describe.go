package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"dossier/casefile"
)

// DescribeOptions are the flags of 'dossier describe'. Only the fields
// named in Set are changed.
type DescribeOptions struct {
	Case string
	Ref  string
	casefile.Meta
	Set map[string]bool // flag names given: kind, title, source, obtained, obtained-by
	By  string
}

var verbDescribe = &verb{
	name:    "describe",
	args:    "CASE REF [--kind K] [--title T] [--source S] [--obtained DATE] [--obtained-by NAME]",
	summary: "change an exhibit's details",
	help: `Only the details given are changed; an empty value clears one (except kind
and title). The change is recorded in custody as "described" with the old
and new values. The original bytes never change.`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		var o DescribeOptions
		var kind string
		fs := flags(v)
		fs.StringVar(&kind, "kind", "", "exhibit `KIND`")
		fs.StringVar(&o.Title, "title", "", "`TITLE`")
		fs.StringVar(&o.Source, "source", "", "who it came from (`NAME`)")
		fs.StringVar(&o.Obtained, "obtained", "", "`DATE` obtained, YYYY-MM-DD")
		fs.StringVar(&o.ObtainedBy, "obtained-by", "", "`NAME` of who obtained it")
		fs.StringVar(&o.By, "by", "", byUsage)
		pos, err := parse(v, fs, args, out, 2, 2)
		if err != nil {
			return err
		}
		o.Set = map[string]bool{}
		fs.Visit(func(f *flag.Flag) { o.Set[f.Name] = true })
		if o.Set["kind"] {
			k, err := casefile.ParseKind(kind)
			if err != nil {
				return usagef(v, "%v", err)
			}
			o.Kind = k
		}
		o.Case, o.Ref = pos[0], pos[1]
		return runDescribe(ctx, o, out)
	},
}

func runDescribe(ctx context.Context, o DescribeOptions, out io.Writer) error {
	c, err := openCase(o.Case, o.By)
	if err != nil {
		return err
	}
	defer c.Close()
	e, err := c.Exhibit(ctx, o.Ref)
	if err != nil {
		return err
	}
	m := e.Meta
	for name, p := range map[string]*string{"title": &m.Title, "source": &m.Source, "obtained": &m.Obtained, "obtained-by": &m.ObtainedBy} {
		if o.Set[name] {
			*p = map[string]string{"title": o.Title, "source": o.Source, "obtained": o.Obtained, "obtained-by": o.ObtainedBy}[name]
		}
	}
	if o.Set["kind"] {
		m.Kind = o.Kind
	}
	if m == e.Meta {
		fmt.Fprintf(out, "%s unchanged\n", e.Ref)
		return nil
	}
	e, err = c.Describe(ctx, e.Ref, m)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s  %s  %s\n", e.Ref, e.Kind, e.Title)
	return c.Close()
}
