package marks

import (
	"context"
	"image"
	"strings"
	"unicode"

	"dossier/casefile"
	"dossier/casefile/detect"
	"dossier/casefile/names"
	"dossier/casefile/ocr"
	"dossier/export/redact"
)

// termForms are the ways a term's value may be written, for the folded
// search: the value and its mojibake variants, a name in "First Last" and
// "LAST, First" order, and the shorter forms of an address.
func termForms(m term) []string {
	var out []string
	for _, v := range names.Variants(m.Value) {
		out = append(out, v)
		switch m.ValueKind {
		case string(detect.Name):
			for _, f := range names.Forms(v) {
				out = append(out, f.Words)
			}
		case "address":
			out = append(out, AddressForms(v)...)
		}
	}
	return out
}

// AddressForms are the shorter ways an address is written that still
// name one home: the leading parts of "Flat 23, Dellow House, Bigland
// Street", down to "Flat 23, Dellow House", as long as they keep a number
// and at least three words. "Flat 23" alone, or a street without a
// number, names no one home and is not a form. The address itself is not
// in the list.
func AddressForms(addr string) []string {
	parts := strings.Split(addr, ",")
	var out []string
	for n := len(parts) - 1; n >= 1; n-- {
		f := strings.TrimSpace(strings.Join(parts[:n], ","))
		words := strings.Fields(names.Fold(f))
		if len(words) >= 3 && strings.IndexFunc(f, unicode.IsDigit) >= 0 {
			out = append(out, f)
		}
	}
	return out
}

// makeNeedles lists every form of every term for the leak check.
func (a *Applier) makeNeedles() []redact.Needle {
	var out []redact.Needle
	seen := map[redact.Needle]bool{}
	add := func(n redact.Needle) {
		if names.Fold(n.Value) != "" && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	for _, m := range a.terms {
		switch m.ValueKind {
		case string(detect.Phone):
			add(redact.Needle{Value: m.Value, Kind: redact.KindPhone})
		case string(detect.Name), casefile.KindForename:
			for _, f := range termForms(m) {
				add(redact.Needle{Value: f, Kind: redact.KindName})
			}
		default:
			for _, f := range termForms(m) {
				add(redact.Needle{Value: f, Kind: redact.KindText})
			}
		}
	}
	return out
}

// Needles are every accepted term, in every form, for redact.LeakCheck.
// Spans are not in it (see SpanNeedles), nor are terms scoped to a
// column.
func (a *Applier) Needles() []redact.Needle {
	a.makeForms()
	return a.needles
}

// makeForms makes the needles and the OCR forms once.
func (a *Applier) makeForms() {
	a.formsOnce.Do(func() {
		a.needles = a.makeNeedles()
		a.ocr = a.makeOCRForms()
	})
}

// SpanNeedles are the texts of an exhibit's accepted spans: they must be
// gone from that exhibit's copy. A span hides a passage of one document,
// and the same words elsewhere may be nobody's secret, so they are not
// searched for in the rest of the bundle.
func (a *Applier) SpanNeedles(ref string) []redact.Needle {
	var out []redact.Needle
	for _, s := range a.spans[ref] {
		if names.Fold(s.Value) != "" {
			out = append(out, redact.Needle{Value: s.Value, Kind: redact.KindText})
		}
	}
	return out
}

// ocrForm is a form of a term to look for among OCR words.
type ocrForm struct {
	kind, text string
}

func (a *Applier) makeOCRForms() []ocrForm {
	var out []ocrForm
	seen := map[string]bool{}
	for _, m := range a.terms {
		forms := []string{m.Value}
		if m.ValueKind != string(detect.Phone) {
			forms = termForms(m)
		}
		for _, f := range forms {
			if k := m.ValueKind + "|" + names.Fold(f); !seen[k] {
				seen[k] = true
				out = append(out, ocrForm{baseKind(m.ValueKind), f})
			}
		}
	}
	return out
}

// ImageLeak reads an image copy with OCR and returns the kind of the
// first accepted term it can still read there ("" if none). Text search
// cannot see into pixels, and a box can miss a word, so a redacted image
// is read back: the same matching that proposes boxes, which tolerates
// OCR misreads, must find nothing. The image is read as it is and, where
// captions are hard to read, enlarged, with more contrast and turned each
// way (ocr.ReadHard).
func (a *Applier) ImageLeak(ctx context.Context, eng ocr.Engine, img image.Image) (string, error) {
	a.makeForms()
	if len(a.ocr) == 0 {
		return "", nil
	}
	ix, err := a.ocrIndex()
	if err != nil {
		return "", err
	}
	var found string
	err = ocr.ReadHard(ctx, eng, img, func(words []ocr.Word) bool {
		for _, f := range a.ocr {
			if len(ocr.FindTerm(words, f.text)) > 0 {
				found = f.kind
				return true
			}
		}
		// Letter-spaced captions come back one letter a word; the leak
		// check's matching takes any spacing inside a value.
		var b strings.Builder
		for _, l := range ocr.Lines(words) {
			b.WriteString(l.Text + "\n")
		}
		if n, ok := ix.Find([]byte(b.String())); ok {
			found = n.Kind
			return true
		}
		return false
	})
	return found, err
}

// ocrIndex is the leak search over OCR text, built once.
func (a *Applier) ocrIndex() (*redact.Index, error) {
	a.ixOnce.Do(func() { a.ix, a.ixErr = redact.NewIndex(a.Needles()) })
	return a.ix, a.ixErr
}
