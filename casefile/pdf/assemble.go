package pdf

import (
	"bytes"
	"context"
	"fmt"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

func init() {
	// pdfcpu would otherwise write a configuration folder into the user's
	// home on first use.
	api.DisableConfigDir()
}

// Pages is a run of pages of one document, for Assemble.
type Pages struct {
	PDF []byte
	// First and Last are 1-based and inclusive; 0 and 0 mean every page.
	First, Last int
}

// pdfcpuConf is the configuration every pdfcpu call uses: relaxed
// validation (real files bend the rules), offline, and plain output
// (a classic cross-reference table and no object streams, which every
// reader takes).
func pdfcpuConf() *model.Configuration {
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	conf.Offline = true
	conf.WriteObjectStream = false
	conf.WriteXRefStream = false
	conf.CreateBookmarks = false
	return conf
}

// link is a link annotation taken off a page while its page is copied:
// it is put back, pointing at the copy of its target, only if that target
// is copied too.
type link struct {
	annot types.Dict  // the annotation, its destination left out
	dest  types.Array // the destination, its first element the target page
	from  int         // the page it is on, in the source
	to    int         // the page it points to, in the source
}

// Assemble returns a new PDF made of the given runs of pages, in order.
// Pages keep their content and annotations, except internal links: a link
// to a page that is copied into the result is pointed at that copy; a
// link to a page left out is removed, so the result has no link that goes
// nowhere. Bookmarks, attachments and forms are not carried over.
//
// pdfcpu does this work: it edits a document's structure in pure Go,
// which pdfium's page import does not let a caller steer.
func Assemble(ctx context.Context, runs ...Pages) ([]byte, error) {
	var out []byte
	err := guard("assemble a PDF", func() error {
		var err error
		out, err = assemble(ctx, runs)
		return err
	})
	return out, err
}

func assemble(ctx context.Context, runs []Pages) ([]byte, error) {
	conf := pdfcpuConf()
	dest, err := pdfcpu.CreateContextWithXRefTable(conf, types.PaperSize["A4"])
	if err != nil {
		return nil, fmt.Errorf("assemble a PDF: %w", err)
	}
	type placed struct {
		links []link
		first int // the run's first source page
		at    int // where it lands in dest, minus one
		n     int
	}
	var done []placed
	total := 0
	for i, r := range runs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		src, err := api.ReadContext(bytes.NewReader(r.PDF), pdfcpuConf())
		if err != nil {
			return nil, fmt.Errorf("%w: part %d: %v", ErrDamaged, i+1, err)
		}
		if err := src.EnsurePageCount(); err != nil {
			return nil, fmt.Errorf("%w: part %d: %v", ErrDamaged, i+1, err)
		}
		first, last := r.First, r.Last
		if first == 0 && last == 0 {
			first, last = 1, src.PageCount
		}
		if first < 1 || last > src.PageCount || first > last {
			return nil, fmt.Errorf("part %d: pages %d to %d of %d: %w", i+1, first, last, src.PageCount, ErrPage)
		}
		links, restore, err := takeLinks(src, first, last)
		if err != nil {
			return nil, fmt.Errorf("%w: part %d: %v", ErrDamaged, i+1, err)
		}
		nrs := make([]int, 0, last-first+1)
		for p := first; p <= last; p++ {
			nrs = append(nrs, p)
		}
		err = pdfcpu.AddPages(src, dest, nrs, false)
		restore()
		if err != nil {
			return nil, fmt.Errorf("%w: part %d: %v", ErrDamaged, i+1, err)
		}
		done = append(done, placed{links: links, first: first, at: total, n: len(nrs)})
		total += len(nrs)
	}
	dest.PageCount = total
	for _, pl := range done {
		for _, l := range pl.links {
			if l.to < pl.first || l.to >= pl.first+pl.n {
				continue // its target is not in this document: dropped
			}
			if err := putLink(dest, l, pl.at+l.from-pl.first+1, pl.at+l.to-pl.first+1); err != nil {
				return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
			}
		}
	}
	var b bytes.Buffer
	if err := api.WriteContext(dest, &b); err != nil {
		return nil, fmt.Errorf("assemble a PDF: %w", err)
	}
	return b.Bytes(), nil
}

// takeLinks removes the internal links from pages first..last of src and
// returns them, with a function that puts the pages' annotations back as
// they were. They are taken off before the pages are copied because
// pdfcpu would otherwise copy each link's target page along with it, as a
// stray object that drags the whole page tree behind it.
func takeLinks(src *model.Context, first, last int) ([]link, func(), error) {
	pageNr := map[int]int{} // object number -> page number
	for p := 1; p <= src.PageCount; p++ {
		_, ir, _, err := src.PageDict(p, false)
		if err != nil {
			return nil, func() {}, err
		}
		if ir != nil {
			pageNr[ir.ObjectNumber.Value()] = p
		}
	}
	var links []link
	var undo []func()
	restore := func() {
		for _, u := range undo {
			u()
		}
	}
	for p := first; p <= last; p++ {
		d, _, _, err := src.PageDict(p, false)
		if err != nil {
			restore()
			return nil, func() {}, err
		}
		o, ok := d.Find("Annots")
		if !ok {
			continue
		}
		annots, err := src.DereferenceArray(o)
		if err != nil || annots == nil {
			continue
		}
		var keep types.Array
		for _, a := range annots {
			ad, err := src.DereferenceDict(a)
			if err != nil || ad == nil {
				continue // a broken annotation is dropped
			}
			dest, internal := destOf(src, ad)
			if !internal {
				keep = append(keep, a)
				continue
			}
			to := 0
			if len(dest) > 0 {
				switch t := dest[0].(type) {
				case types.IndirectRef:
					to = pageNr[t.ObjectNumber.Value()]
				case types.Integer:
					to = int(t) + 1
				}
			}
			if to == 0 {
				continue // a link to nowhere is dropped
			}
			clean := ad.Clone().(types.Dict)
			clean.Delete("Dest")
			clean.Delete("A")
			clean.Delete("P")
			clean.Delete("Parent")
			clean.Delete("Popup")
			links = append(links, link{annot: clean, dest: dest.Clone().(types.Array), from: p, to: to})
		}
		orig := o
		undo = append(undo, func() { d["Annots"] = orig })
		if len(keep) == 0 {
			d.Delete("Annots")
		} else {
			d["Annots"] = keep
		}
	}
	return links, restore, nil
}

// destOf returns the destination of an annotation that links inside its
// document (a /Dest, or a /GoTo action), resolving named destinations.
// internal is false for every other annotation.
func destOf(src *model.Context, ad types.Dict) (dest types.Array, internal bool) {
	o, ok := ad.Find("Dest")
	if !ok {
		a, err := src.DereferenceDict(ad["A"])
		if err != nil || a == nil {
			return nil, false
		}
		if s := a.NameEntry("S"); s == nil || *s != "GoTo" {
			return nil, false
		}
		if o, ok = a.Find("D"); !ok {
			return nil, true
		}
	}
	o, err := src.Dereference(o)
	if err != nil {
		return nil, true
	}
	switch v := o.(type) {
	case types.Array:
		return v, true
	case types.Name:
		arr, _ := src.DereferenceDestArray(string(v))
		return arr, true
	case types.StringLiteral, types.HexLiteral:
		name, err := types.StringOrHexLiteral(v)
		if err != nil {
			return nil, true
		}
		arr, _ := src.DereferenceDestArray(*name)
		return arr, true
	case types.Dict:
		return v.ArrayEntry("D"), true
	}
	return nil, true
}

// putLink adds a link annotation to page from of dest, pointing at page to.
func putLink(dest *model.Context, l link, from, to int) error {
	d, ir, _, err := dest.PageDict(from, false)
	if err != nil {
		return err
	}
	_, target, _, err := dest.PageDict(to, false)
	if err != nil {
		return err
	}
	dst := l.dest.Clone().(types.Array)
	dst[0] = *target
	a := l.annot.Clone().(types.Dict)
	a["Dest"] = dst
	a["P"] = *ir
	annots := types.Array{}
	if o, ok := d.Find("Annots"); ok {
		if arr, err := dest.DereferenceArray(o); err == nil {
			annots = arr
		}
	}
	d["Annots"] = append(annots, a)
	return nil
}
