// Package marks applies a case's redaction marks to copies of its
// exhibits, for the bundle and for 'dossier redact'.
//
// An Applier is made once per export. It pseudonymises free text (every
// accepted term, however it is written, becomes its stand-in such as
// "Resident 3" or "Phone 7"), blacks out the accepted rectangles of images
// and PDF pages, and lists every marked value for the leak check, which
// fails closed: a marked value found anywhere in the output refuses it.
//
// Originals are never touched: every copy is made from the original bytes
// in memory.
package marks

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"sort"
	"strings"

	"dossier/casefile"
	"dossier/casefile/detect"
	"dossier/casefile/names"
	"dossier/casefile/ocr"
	"dossier/casefile/pdf"
	"dossier/casefile/sheet"
	"dossier/export/redact"
)

// DPI is the resolution marked PDF pages are rasterised at: sharp enough
// to read and print, and within the bundle's 300 dpi limit.
const DPI = 150

// ErrUnmarkedText means a PDF's text layer holds a marked value but the
// PDF has no rectangles to black it out with.
var ErrUnmarkedText = errors.New("holds a marked value with no box over it")

// Applier applies one case's accepted marks.
type Applier struct {
	terms  []casefile.Mark            // accepted term marks
	rects  map[string][]redact.Rect   // accepted rectangles by exhibit
	spans  map[string][]casefile.Mark // accepted spans by exhibit
	pseudo *casefile.Pseudonyms
	det    *detect.Detector
	pop    pdf.Renderer
	folded []foldedTerm // terms found by folded search: addresses, UPRNs, free text
	keys   map[[2]string]bool
}

type foldedTerm struct {
	mark   casefile.Mark
	needle string // " folded words "
}

// New reads the case's accepted marks and pseudonyms.
func New(ctx context.Context, c *casefile.Case, pop pdf.Renderer) (*Applier, error) {
	all, err := c.Marks(ctx, casefile.MarkAccepted)
	if err != nil {
		return nil, err
	}
	a := &Applier{rects: map[string][]redact.Rect{}, spans: map[string][]casefile.Mark{}, pop: pop, keys: map[[2]string]bool{}}
	for _, m := range all {
		switch m.Kind {
		case casefile.MarkTerm:
			a.terms = append(a.terms, m)
			a.keys[[2]string{m.ValueKind, m.ValueKey}] = true
			if f := names.Fold(m.Value); f != "" && m.ValueKind != string(detect.Phone) {
				a.folded = append(a.folded, foldedTerm{m, " " + f + " "})
			}
		case casefile.MarkRect:
			a.rects[m.Exhibit] = append(a.rects[m.Exhibit], redact.Rect{Page: m.Page, X: m.X, Y: m.Y, W: m.W, H: m.H})
		case casefile.MarkSpan:
			a.spans[m.Exhibit] = append(a.spans[m.Exhibit], m)
		}
	}
	// Longer terms first, so "14 Martineau Walk, Eastbrook" is replaced
	// whole before "14 Martineau Walk" could take part of it.
	sort.SliceStable(a.folded, func(i, j int) bool { return len(a.folded[i].needle) > len(a.folded[j].needle) })
	if a.pseudo, err = c.Pseudonyms(ctx); err != nil {
		return nil, err
	}
	if a.det, err = c.Detector(ctx); err != nil {
		return nil, err
	}
	return a, nil
}

// Marked says whether an exhibit has marks of its own (rectangles or
// spans); terms apply to every exhibit whose text holds them.
func (a *Applier) Marked(ref string) bool { return len(a.rects[ref])+len(a.spans[ref]) > 0 }

// label is the stand-in for a marked value, or a block if it has none.
func (a *Applier) label(kind, key string) string {
	if l := a.pseudo.Label(kind, key); l != "" {
		return "[" + l + "]"
	}
	return redact.Block
}

// Text returns s with every accepted term, however it is written, replaced
// by its pseudonym in brackets ("[Phone 7]"), and reports whether anything
// was replaced.
func (a *Applier) Text(s string) (string, bool) {
	var repl []redact.Replacement
	for _, f := range a.det.Scan(s) {
		kind := string(f.Kind)
		key := casefile.ValueKey(kind, f.Text)
		if a.keys[[2]string{kind, key}] {
			repl = append(repl, redact.Replacement{Start: f.Start, End: f.End, With: a.label(kind, key)})
		}
	}
	if len(a.folded) > 0 {
		folded, start, end := names.FoldMapped(s)
		padded := " " + folded + " "
		for _, t := range a.folded {
			from := 0
			for {
				i := strings.Index(padded[from:], t.needle)
				if i < 0 {
					break
				}
				i += from
				// padded[i] is the space before the match: folded offset i.
				fs, fe := i, i+len(t.needle)-2
				if fs < len(start) && fe-1 < len(end) && fe > fs {
					repl = append(repl, redact.Replacement{Start: int(start[fs]), End: int(end[fe-1]),
						With: a.label(t.mark.ValueKind, t.mark.ValueKey)})
				}
				from = i + len(t.needle) - 1
			}
		}
	}
	if len(repl) == 0 {
		return s, false
	}
	return redact.Text(s, repl), true
}

// Copy is the redacted form of one exhibit.
type Copy struct {
	MediaType string   // of the copy: image/png pages, text/plain, application/pdf
	Pages     [][]byte // PNG pages: an image, or a rasterised marked PDF
	Text      string   // a text exhibit or a sheet, pseudonymised
	PDF       []byte   // an unmarked PDF, carried as it is
	Other     []byte   // anything else, unchanged (the bundle decides what it can show)
	Marked    bool     // marks changed something: the copy is a "redacted copy"
}

// Exhibit makes the redacted copy of an exhibit from its original bytes.
func (a *Applier) Exhibit(ctx context.Context, ex casefile.Exhibit, original []byte) (Copy, error) {
	switch {
	case casefile.IsText(ex.MediaType):
		text := casefile.DecodeText(original)
		var repl []redact.Replacement
		for _, s := range a.spans[ex.Ref] {
			repl = append(repl, redact.Replacement{Start: s.Start, End: s.End, With: redact.Block})
		}
		text = redact.Text(text, repl)
		out, changed := a.Text(text)
		return Copy{MediaType: "text/plain", Text: out, Marked: changed || len(repl) > 0}, nil
	case strings.Contains(ex.MediaType, "spreadsheet") || ex.MediaType == "application/vnd.ms-excel":
		res, err := sheet.Read(bytes.NewReader(original), ex.Filename, sheet.Options{})
		if err != nil {
			return Copy{}, fmt.Errorf("%s: %w", ex.Ref, err)
		}
		var b strings.Builder
		b.WriteString(strings.Join(res.Header, "\t") + "\n")
		for _, r := range res.Rows {
			b.WriteString(strings.Join([]string{r.UPRN, r.Address, r.Estate, r.Neighbourhood, r.Name, r.Phone}, "\t") + "\n")
		}
		out, changed := a.Text(b.String())
		return Copy{MediaType: "text/tab-separated-values", Text: out, Marked: changed}, nil
	case casefile.IsImage(ex.MediaType):
		// Always re-encoded: that alone strips EXIF, XMP and thumbnails.
		png, err := redact.Image(bytes.NewReader(original), a.rects[ex.Ref])
		if err != nil {
			return Copy{}, fmt.Errorf("%s: %w", ex.Ref, err)
		}
		return Copy{MediaType: "image/png", Pages: [][]byte{png}, Marked: len(a.rects[ex.Ref]) > 0}, nil
	case ex.MediaType == "application/pdf":
		return a.pdf(ctx, ex, original)
	}
	return Copy{MediaType: ex.MediaType, Other: original}, nil
}

// pdf carries an unmarked PDF as it is and rasterises a marked one, so no
// hidden text of it survives. A PDF whose text names a marked value but
// has no box over it is refused: rasterising alone would print the value.
func (a *Applier) pdf(ctx context.Context, ex casefile.Exhibit, original []byte) (Copy, error) {
	rects := a.rects[ex.Ref]
	text, err := a.pop.Text(ctx, original)
	if err != nil {
		return Copy{}, fmt.Errorf("%s: read its text: %w", ex.Ref, err)
	}
	_, holds := a.Text(text)
	if len(rects) == 0 {
		if holds {
			return Copy{}, fmt.Errorf("%s %w: draw boxes over it on the Redact screen, or run 'dossier marks suggest --ocr' and accept them", ex.Ref, ErrUnmarkedText)
		}
		return Copy{MediaType: "application/pdf", PDF: original}, nil
	}
	pages, err := redact.PDF(ctx, a.pop, original, rects, DPI)
	if err != nil {
		return Copy{}, fmt.Errorf("%s: %w", ex.Ref, err)
	}
	return Copy{MediaType: "image/png", Pages: pages, Marked: true}, nil
}

// ImageLeak reads an image copy with OCR and returns the kind of the first
// accepted term it can still read there ("" if none). Text search cannot
// see into pixels, and a box can miss a word, so a redacted image is read
// back: the same matching that proposes boxes, which tolerates OCR
// misreads, must find nothing.
func (a *Applier) ImageLeak(ctx context.Context, eng ocr.Engine, img image.Image) (string, error) {
	words, err := eng.Words(ctx, img)
	if err != nil {
		return "", err
	}
	for _, m := range a.terms {
		forms := []string{m.Value}
		if m.ValueKind == string(detect.Name) {
			for _, f := range names.Forms(m.Value) {
				forms = append(forms, f.Words)
			}
		}
		for _, f := range forms {
			if len(ocr.FindTerm(words, f)) > 0 {
				return m.ValueKind, nil
			}
		}
	}
	return "", nil
}

// Needles are every accepted marked value, for redact.LeakCheck.
func (a *Applier) Needles() []redact.Needle {
	var out []redact.Needle
	seen := map[redact.Needle]bool{}
	add := func(n redact.Needle) {
		if strings.TrimSpace(n.Value) != "" && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	for _, m := range a.terms {
		switch m.ValueKind {
		case string(detect.Phone):
			add(redact.Needle{Value: m.Value, Kind: redact.KindPhone})
		case string(detect.Name):
			add(redact.Needle{Value: m.Value, Kind: redact.KindName})
			for _, f := range names.Forms(m.Value) {
				add(redact.Needle{Value: f.Words, Kind: redact.KindName})
			}
		case casefile.KindForename:
			add(redact.Needle{Value: m.Value, Kind: redact.KindName})
		default:
			add(redact.Needle{Value: m.Value, Kind: redact.KindText})
		}
	}
	for _, spans := range a.spans {
		for _, s := range spans {
			add(redact.Needle{Value: s.Value, Kind: redact.KindText})
		}
	}
	return out
}
