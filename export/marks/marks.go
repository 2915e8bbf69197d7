// Package marks applies a case's redaction marks to copies of its
// exhibits, for the bundle, the ICO pack, 'dossier redact' and the app's
// "Preview redacted": one pipeline, so what a person previews is what is
// exported.
//
// An Applier is made once per export. It pseudonymises free text (every
// accepted term, however it is written, becomes its stand-in such as
// "[Resident 3]", "[Phone 7]", "[Address 2]" or "[Property 4]"), rewrites
// sheet copies cell by cell with every original column kept, blacks out
// the accepted rectangles of images and PDF pages, and lists every marked
// value for the leak check, which fails closed: a marked value found
// anywhere in the output refuses it.
//
// Text is searched in one canonical form (names.Canon, names.Fold): full-
// width and other compatibility characters, digits of any script,
// lookalike letters of other alphabets, soft hyphens and zero-width
// characters, and the mojibake a wrong encoding makes of a name
// (names.Variants) all match the plain value.
//
// A value too short to identify anyone on its own (a property reference
// "1", a two-letter name) would match everywhere and make every export
// refuse; such a term is scoped to its column: replaced in the sheet
// column of its kind only.
//
// Originals are never touched: every copy is made from the original bytes
// in memory.
package marks

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	"dossier/casefile"
	"dossier/casefile/detect"
	"dossier/casefile/names"
	"dossier/casefile/pdf"
	"dossier/export/redact"
)

// DPI is the resolution marked PDF pages are rasterised at: sharp enough
// to read and print, and within the bundle's 300 dpi limit.
const DPI = 150

// MinTermLen is the fewest letters and digits a term needs to be searched
// for everywhere; shorter ones are scoped to their sheet column.
const MinTermLen = 3

// ErrUnmarkedText means a PDF's text layer holds a marked value but the
// PDF has no rectangles to black it out with.
var ErrUnmarkedText = errors.New("holds a marked value with no box over it")

// ErrNotReproduced means an exhibit's format is one the pipeline cannot
// look inside (a Word document, HEIC, audio...): it cannot be redacted, so
// it is never reproduced, only listed with its hash.
var ErrNotReproduced = errors.New("cannot be redacted: its format cannot be looked inside")

// Applier applies one case's accepted marks. Its methods may be called
// from several goroutines.
type Applier struct {
	*core
	pop pdf.Renderer

	// The marks that changed something: terms by their index (a sheet's
	// cells are searched on every core, and a lock per replacement held
	// them up), the rest by id.
	termUsed []atomic.Bool
	mu       sync.Mutex
	used     map[int64]bool
}

// core is what an Applier read and worked out from the case, which its
// forks share (see Fork).
type core struct {
	terms   []term                      // accepted term marks searched everywhere
	scoped  map[[2]string]casefile.Mark // short terms, by value kind and key: their column only
	rects   map[string][]redact.Rect    // accepted rectangles by exhibit
	rectIDs map[string][]int64          // their mark ids
	spans   map[string][]casefile.Mark  // accepted spans by exhibit
	keys    map[[2]string]int32         // value kind and key -> index in terms, for detector findings
	labels  []string                    // each term's stand-in in brackets, as label gives it
	scopedK map[string]bool             // the value kinds with a scoped term
	pseudo  *casefile.Pseudonyms
	det     *detect.Detector
	c       *casefile.Case // for the worksheets rows were transcribed from
	folded  []foldedTerm   // forms found by folded search, longest first
	search  *names.Phrases // finds them all in one pass over a text

	// The leak check's needles and the OCR read-back's forms, made when
	// first asked for: a preview needs neither.
	formsOnce sync.Once
	needles   []redact.Needle
	ocr       []ocrForm

	ixOnce sync.Once
	ix     *redact.Index
	ixErr  error
}

// term is what an Applier keeps of an accepted term mark: a whole
// casefile.Mark for each of a large case's 130,000 terms held 35 MB.
type term struct {
	ID                         int64
	ValueKind, ValueKey, Value string
}

type foldedTerm struct {
	term   int32  // index in terms: a copy of the mark for each of 300,000 forms held 60 MB
	needle string // " folded words "
}

// New reads the case's accepted marks and pseudonyms. pop reads PDFs.
//
// The marks with their pseudonyms, and the detector, are read side by
// side: on a case of 100,000 rows each takes a good part of a second, and
// the Export tab waits for both before it can count pages.
func New(ctx context.Context, c *casefile.Case, pop pdf.Renderer) (*Applier, error) {
	var det *detect.Detector
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) { det, err = c.Detector(gctx); return err })
	all, pseudo, err := c.AcceptedMarks(gctx)
	if err != nil {
		g.Wait()
		return nil, err
	}
	// What is read and worked out here goes in a's core; the Applier
	// returned is a fork of it.
	a := &Applier{core: &core{rects: map[string][]redact.Rect{}, rectIDs: map[string][]int64{}, spans: map[string][]casefile.Mark{},
		keys: map[[2]string]int32{}, scoped: map[[2]string]casefile.Mark{}, scopedK: map[string]bool{}, c: c}}
	for _, m := range all {
		switch m.Kind {
		case casefile.MarkTerm:
			if tooShort(m) {
				a.scoped[[2]string{baseKind(m.ValueKind), m.ValueKey}] = m
				a.scopedK[baseKind(m.ValueKind)] = true
				continue
			}
			a.terms = append(a.terms, term{ID: m.ID, ValueKind: m.ValueKind, ValueKey: m.ValueKey, Value: m.Value})
			a.keys[[2]string{m.ValueKind, m.ValueKey}] = int32(len(a.terms) - 1)
		case casefile.MarkRect:
			a.rects[m.Exhibit] = append(a.rects[m.Exhibit], redact.Rect{Page: m.Page, X: m.X, Y: m.Y, W: m.W, H: m.H})
			a.rectIDs[m.Exhibit] = append(a.rectIDs[m.Exhibit], m.ID)
		case casefile.MarkSpan:
			a.spans[m.Exhibit] = append(a.spans[m.Exhibit], m)
		}
	}
	// Every form of every term, folded on every core (130,000 terms took
	// most of a second one after another), then listed in term order.
	folds := make([][]string, len(a.terms))
	a.pseudo, a.labels = pseudo, make([]string, len(a.terms))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w * len(a.terms) / workers; i < (w+1)*len(a.terms)/workers; i++ {
				// A sheet's cells replace 130,000 terms: each term's
				// stand-in is made once.
				a.labels[i] = a.label(a.terms[i].ValueKind, a.terms[i].ValueKey)
				if a.terms[i].ValueKind == string(detect.Phone) {
					continue // found by the phone detector in every written form
				}
				for _, f := range termForms(a.terms[i]) {
					folds[i] = append(folds[i], names.Fold(f))
				}
			}
		}()
	}
	wg.Wait()
	seenForm := map[[2]string]bool{}
	for i, fs := range folds {
		for _, fl := range fs {
			if k := [2]string{a.terms[i].ValueKind, fl}; fl != "" && !seenForm[k] {
				seenForm[k] = true
				a.folded = append(a.folded, foldedTerm{int32(i), " " + fl + " "})
			}
		}
	}
	// Longer forms first, so "14 Martineau Walk, Eastbrook" is replaced
	// whole before "14 Martineau Walk" could take part of it.
	slices.SortStableFunc(a.folded, func(x, y foldedTerm) int { return cmp.Compare(len(y.needle), len(x.needle)) })
	phrases := make([]string, len(a.folded))
	for i, t := range a.folded {
		phrases[i] = strings.TrimSpace(t.needle)
	}
	a.search = names.NewPhrases(phrases)
	if err := g.Wait(); err != nil {
		return nil, err
	}
	a.det = det
	return a.Fork(pop), nil // what it applies is counted from none
}

// Fork is an Applier with a's marks, stand-ins and searches, which it
// shares, reading PDFs with pop and counting the marks it applies from
// none: what one fork applies is not counted by another (see Used). A
// case's marks are read and worked out once for the size count, the form's
// text and the previews of the same state of the case.
func (a *Applier) Fork(pop pdf.Renderer) *Applier {
	return &Applier{core: a.core, pop: pop, termUsed: make([]atomic.Bool, len(a.terms)), used: map[int64]bool{}}
}

// baseKind is the kind whose stand-in a value kind shares: a first name
// stands for the whole person.
func baseKind(kind string) string {
	if kind == casefile.KindForename {
		return string(detect.Name)
	}
	return kind
}

// tooShort says whether a term is too short to search for everywhere: a
// phone that is not a number, or any other value with fewer than
// MinTermLen letters and digits.
func tooShort(m casefile.Mark) bool {
	if m.ValueKind == string(detect.Phone) {
		_, err := redact.PhoneDigits(m.Value)
		return err != nil
	}
	return len(strings.ReplaceAll(names.Fold(m.Value), " ", "")) < MinTermLen
}

// Pseudonyms are the stand-ins the Applier shows, some perhaps only
// worked out and not stored yet (see casefile.StorePseudonyms).
func (a *Applier) Pseudonyms() *casefile.Pseudonyms { return a.pseudo }

// Marked says whether an exhibit has marks of its own (rectangles or
// spans); terms apply to every exhibit whose text holds them.
func (a *Applier) Marked(ref string) bool { return len(a.rects[ref])+len(a.spans[ref]) > 0 }

// Rects are the accepted rectangles of an exhibit.
func (a *Applier) Rects(ref string) []redact.Rect { return a.rects[ref] }

// HasTerms says whether any value is marked to be found everywhere: with
// none, reading pixels back has nothing to look for.
func (a *Applier) HasTerms() bool { return len(a.terms) > 0 }

// Used is how many distinct marks have changed something in the copies
// made so far: terms replaced, spans and rectangles applied.
func (a *Applier) Used() int {
	n := 0
	for i := range a.termUsed {
		if a.termUsed[i].Load() {
			n++
		}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	return n + len(a.used)
}

func (a *Applier) use(id int64) {
	a.mu.Lock()
	a.used[id] = true
	a.mu.Unlock()
}

// label is the stand-in for a marked value, or a block if it has none.
func (a *Applier) label(kind, key string) string {
	if l := a.pseudo.Label(kind, key); l != "" {
		return "[" + l + "]"
	}
	return redact.Block
}

// Text returns s with every accepted term, however it is written, replaced
// by its stand-in in brackets ("[Phone 7]"), and reports whether anything
// was replaced. The text is first put in canonical form (names.Canon), so
// a number in full-width digits or a name with a soft hyphen in it is
// replaced like the plain one.
func (a *Applier) Text(s string) (string, bool) {
	s = names.Canon(s)
	repl := a.find(s, true)
	if len(repl) == 0 {
		return s, false
	}
	return redact.Text(s, repl), true
}

// Holds says whether s holds an accepted term, without counting it as
// applied.
func (a *Applier) Holds(s string) bool { return len(a.find(names.Canon(s), false)) > 0 }

// find lists the replacements of the terms in s (already canonical).
func (a *Applier) find(s string, record bool) []redact.Replacement {
	var repl []redact.Replacement
	folded, start, end := names.FoldMapped(s)
	for _, f := range a.det.ScanFolded(s, folded, start, end) {
		kind := string(f.Kind)
		// A phone's value is its E.164 form however oddly written, and a
		// name's its names.Key: both are their value keys already.
		key := f.Value
		if f.Kind != detect.Phone && f.Kind != detect.Name {
			key = casefile.ValueKey(kind, f.Text)
		}
		if i, ok := a.keys[[2]string{kind, key}]; ok {
			repl = append(repl, redact.Replacement{Start: f.Start, End: f.End, With: a.labels[i]})
			if record {
				a.termUsed[i].Store(true)
			}
		}
	}
	if a.search == nil {
		return repl
	}
	// Every form of every term in one pass (a sheet of 100,000 rows has
	// 130,000 terms; searching for each in turn never finished), then in
	// the order a search term by term gave: longer forms first, so that
	// where two start together the longer one's stand-in is shown.
	type hit struct{ term, s, e int }
	var hits []hit
	a.search.Each(folded, func(p, s, e int) { hits = append(hits, hit{p, s, e}) })
	slices.SortStableFunc(hits, func(x, y hit) int { return cmp.Compare(x.term, y.term) })
	for _, h := range hits {
		i := a.folded[h.term].term
		repl = append(repl, redact.Replacement{Start: int(start[h.s]), End: int(end[h.e-1]), With: a.labels[i]})
		if record {
			a.termUsed[i].Store(true)
		}
	}
	return repl
}

// Cell returns a sheet cell as the copy shows it: a cell that is a value
// scoped to the column of field (a property reference "7" in the UPRN
// column) becomes its stand-in, and any other cell goes through Text.
func (a *Applier) Cell(field, cell string) (string, bool) {
	if kind := fieldKinds[field]; a.scopedK[kind] {
		if m, ok := a.scoped[[2]string{kind, casefile.ValueKey(kind, strings.TrimSpace(cell))}]; ok && strings.TrimSpace(cell) != "" {
			a.use(m.ID)
			return a.label(m.ValueKind, m.ValueKey), true
		}
	}
	return a.Text(cell)
}

// fieldKinds maps the sheet fields that hold personal data to the value
// kind of their marks. Estate and neighbourhood are not marked: they are
// the evidence of whose data leaked.
var fieldKinds = map[string]string{"uprn": "uprn", "address": "address", "name": "name", "phone": "phone"}

// ScopedIn says whether cell, in the column of field, is a scoped value
// still readable: the check that a sheet copy hid every short value.
func (a *Applier) ScopedIn(field, cell string) bool {
	kind := fieldKinds[field]
	if !a.scopedK[kind] || strings.TrimSpace(cell) == "" {
		return false
	}
	_, ok := a.scoped[[2]string{kind, casefile.ValueKey(kind, strings.TrimSpace(cell))}]
	return ok
}

// Title checks a text that every page of a bundle prints as it is (a
// case's title): it must hold no marked value.
func (a *Applier) Title(s string) error {
	if a.Holds(s) {
		return fmt.Errorf("%w: the title holds a marked value", redact.ErrLeak)
	}
	return nil
}
