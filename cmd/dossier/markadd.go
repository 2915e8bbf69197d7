package main

import (
	"context"
	"fmt"
	"image"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"dossier/casefile"
	"dossier/casefile/imagefile"
	"dossier/casefile/pdf"
)

// MarksAddOptions are the flags of 'dossier marks add': a term, or a
// rectangle or span of an exhibit.
type MarksAddOptions struct {
	Case    string
	Term    string
	Kind    string // value kind of a term; "" guesses
	Exhibit string
	Rect    string // "PAGE,X,Y,W,H"
	Span    string // "START,END"
	By      string
}

// valueKinds are the kinds a term mark may have.
var valueKinds = []string{"name", "phone", "address", "email", "postcode", "ni", "uprn", "text"}

var verbMarksAdd = &verb{
	name:    "add",
	args:    "CASE (--term TEXT [--kind K] | --exhibit REF --rect PAGE,X,Y,W,H | --exhibit REF --span START,END) [--by NAME]",
	summary: "mark a term, a rectangle or a span by hand",
	help: `--term marks a value everywhere in the case: every way a phone number is
written, a name in either order. --kind says what it is (name, phone,
address, email, postcode, ni, uprn, text); without it the kind is guessed.

--rect marks a rectangle on page PAGE (1 for an image) of exhibit REF.
X, Y (top-left corner), W and H are fractions 0..1 of the page's width and
height, measured from its top-left corner: 1,0.1,0.2,0.5,0.05 starts a
tenth of the way across and a fifth of the way down. If any of X, Y, W, H
is greater than 1, all four are read as pixels of the image (or, for a
PDF, points of the page, 72 to the inch) and converted to fractions.
A rectangle reaching outside the page is refused.

--span marks the bytes START..END (END exclusive) of a text exhibit, as
'dossier scan --json' reports them.

A mark added by hand is accepted at once: a "marked" custody event.
Prints the new mark as 'dossier marks list' does.`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		var o MarksAddOptions
		fs := flags(v)
		fs.StringVar(&o.Term, "term", "", "the value (`TEXT`) to redact everywhere")
		fs.StringVar(&o.Kind, "kind", "", "what the term is, `K`: "+strings.Join(valueKinds, ", ")+" (default guessed)")
		fs.StringVar(&o.Exhibit, "exhibit", "", "the exhibit (`REF`) of a rectangle or span")
		fs.StringVar(&o.Rect, "rect", "", "rectangle `PAGE,X,Y,W,H` (fractions 0..1, or pixels/points if any is > 1)")
		fs.StringVar(&o.Span, "span", "", "byte range `START,END` of a text exhibit")
		fs.StringVar(&o.By, "by", "", byUsage)
		pos, err := parse(v, fs, args, out, 1, 1)
		if err != nil {
			return err
		}
		n := 0
		for _, s := range []string{o.Term, o.Rect, o.Span} {
			if s != "" {
				n++
			}
		}
		switch {
		case n != 1:
			return usagef(v, "marks add takes one of --term, --rect or --span")
		case o.Term != "" && o.Exhibit != "":
			return usagef(v, "a --term applies to the whole case; --exhibit goes with --rect or --span")
		case o.Term == "" && o.Exhibit == "":
			return usagef(v, "--rect and --span need --exhibit REF")
		case o.Kind != "" && (o.Term == "" || !slices.Contains(valueKinds, o.Kind)):
			return usagef(v, "--kind goes with --term and is one of %s", strings.Join(valueKinds, ", "))
		}
		o.Case = pos[0]
		return runMarksAdd(ctx, v, o, out)
	},
}

func runMarksAdd(ctx context.Context, v *verb, o MarksAddOptions, out io.Writer) error {
	c, err := openCase(o.Case, o.By)
	if err != nil {
		return err
	}
	defer c.Close()
	var m casefile.Mark
	switch {
	case o.Term != "":
		m, err = c.AddTermMark(ctx, o.Term, o.Kind)
	case o.Span != "":
		var se []float64
		if se, err = numbers(o.Span, 2); err != nil {
			return usagef(v, "--span %q: %v; write START,END in bytes", o.Span, err)
		}
		m, err = c.AddSpanMark(ctx, o.Exhibit, int(se[0]), int(se[1]))
	default:
		var r []float64
		if r, err = numbers(o.Rect, 5); err != nil {
			return usagef(v, "--rect %q: %v; write PAGE,X,Y,W,H", o.Rect, err)
		}
		page := int(r[0])
		if float64(page) != r[0] {
			return usagef(v, "--rect %q: page %g is not a whole number", o.Rect, r[0])
		}
		x, y, w, h := r[1], r[2], r[3], r[4]
		pixels := x > 1 || y > 1 || w > 1 || h > 1
		size, serr := pageSize(ctx, c, o.Exhibit, page, pixels)
		if serr != nil {
			return markHint(serr)
		}
		if pixels {
			sw, sh := float64(size.X), float64(size.Y)
			if x+w > sw || y+h > sh {
				return fmt.Errorf("mark %s: %w: rectangle at %g,%g of %gx%g reaches outside the page, which is %dx%d (pixels of an image, points of a PDF page)",
					c.NormalizeRef(o.Exhibit), casefile.ErrInvalid, x, y, w, h, size.X, size.Y)
			}
			x, y, w, h = x/sw, y/sh, w/sw, h/sh
		}
		m, err = c.AddRectMark(ctx, o.Exhibit, page, x, y, w, h)
	}
	if err != nil {
		return markHint(err)
	}
	if err := writeMarks(out, []casefile.Mark{m}); err != nil {
		return err
	}
	return c.Close()
}

// numbers parses n comma-separated numbers.
func numbers(s string, n int) ([]float64, error) {
	parts := strings.Split(s, ",")
	if len(parts) != n {
		return nil, fmt.Errorf("want %d numbers separated by commas, got %d", n, len(parts))
	}
	out := make([]float64, n)
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || f < 0 {
			return nil, fmt.Errorf("%q is not a number of 0 or more", p)
		}
		out[i] = f
	}
	return out, nil
}

// pageSize checks that a rectangle can go on page of exhibit ref (an
// image, or a PDF with that page) and, when measure is set, returns the
// page's size in the units a person measures it in: pixels for an image,
// points (72 to the inch) for a PDF.
func pageSize(ctx context.Context, c *casefile.Case, ref string, page int, measure bool) (image.Point, error) {
	data, ex, err := c.ReadOriginal(ctx, ref)
	if err != nil {
		return image.Point{}, fmt.Errorf("mark %s: %w", ref, err)
	}
	switch {
	case casefile.IsImage(ex.MediaType):
		if page != 1 {
			return image.Point{}, fmt.Errorf("mark %s: %w: an image has one page; give page 1", ex.Ref, casefile.ErrInvalid)
		}
		// The size as seen (EXIF orientation applied), which is what the
		// user measured pixels on and what export blacks out.
		info, err := imagefile.DecodeConfig(data)
		if err != nil {
			return image.Point{}, fmt.Errorf("mark %s: %w", ex.Ref, err)
		}
		return image.Pt(info.Width, info.Height), nil
	case ex.MediaType == "application/pdf":
		d, err := pdf.Open(ctx, data)
		if err != nil {
			return image.Point{}, fmt.Errorf("mark %s: %w", ex.Ref, err)
		}
		defer d.Close()
		if n := d.PageCount(); page > n {
			return image.Point{}, fmt.Errorf("mark %s: %w: page %d is outside the document, which has %d %s", ex.Ref, casefile.ErrInvalid, page, n, plural(n, "page", "pages"))
		}
		if !measure {
			return image.Point{}, nil
		}
		info, err := d.Page(ctx, page)
		if err != nil {
			return image.Point{}, fmt.Errorf("mark %s page %d: %w", ex.Ref, page, err)
		}
		// Points as displayed: what a person measures on the page.
		return image.Pt(int(math.Round(info.Width)), int(math.Round(info.Height))), nil
	}
	return image.Point{}, fmt.Errorf("mark %s: %w: a rectangle needs an image or PDF exhibit; this is %s (mark a span or a term instead)", ex.Ref, casefile.ErrInvalid, ex.MediaType)
}
