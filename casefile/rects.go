package casefile

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"image"

	"dossier/casefile/imagefile"
	"dossier/casefile/names"
	"dossier/casefile/ocr"
	"dossier/casefile/pdf"
	"dossier/casefile/phone"
)

// rectDPI is the resolution PDF pages are rendered at for OCR: enough for
// tesseract to read ordinary print, small enough to stay quick.
const rectDPI = 150

// IsImage says whether a media type is a raster image Dossier can decode.
func IsImage(mediaType string) bool {
	switch mediaType {
	case "image/png", "image/jpeg", "image/gif", "image/webp", "image/heic", "image/heif":
		return true
	}
	return false
}

// SuggestRects reads every image and PDF exhibit with OCR and proposes a
// rectangle wherever a suggested or accepted term appears, so scanned
// sheets and screenshots can be blacked out where the words are. PDF
// pages are rendered by pr (pdf.New()). Without tesseract it returns an
// error wrapping ocr.ErrMissing, which says how to install it; text marks
// still work. An image or PDF that cannot be read (too many pixels, not an
// image, damaged) is skipped and the others are read; the error then names
// each skipped exhibit. progress, if not nil, is told pages done of total
// exhibits.
func (c *Case) SuggestRects(ctx context.Context, eng ocr.Engine, pr pdf.Renderer, progress func(done, total int)) (int, error) {
	terms, err := c.Marks(ctx, "")
	if err != nil {
		return 0, err
	}
	var forms []termForm
	for _, m := range terms {
		if m.Kind == MarkTerm {
			forms = append(forms, searchForms(m)...)
		}
	}
	exs, err := c.Exhibits(ctx)
	if err != nil {
		return 0, err
	}
	var todo []Exhibit
	for _, ex := range exs {
		if IsImage(ex.MediaType) || ex.MediaType == "application/pdf" {
			todo = append(todo, ex)
		}
	}
	added := 0
	var skipped []error
	for i, ex := range todo {
		if err := ctx.Err(); err != nil {
			return added, err
		}
		// One page at a time: a PDF of hundreds of pages rendered whole
		// would hold gigabytes of pixels.
		var ocrErr error
		err := c.eachPage(ctx, ex, pr, func(p int, img image.Image) error {
			// Hard captions (small, faint, sideways) are read again
			// enlarged, stretched and turned; boxes come from every reading.
			var perr error
			err := ocr.ReadHard(ctx, eng, img, func(words []ocr.Word) bool {
				n, err := c.proposeRects(ctx, ex, p, img.Bounds(), words, forms)
				added += n
				perr = err
				return err != nil
			})
			if err == nil {
				err = perr
			}
			if err != nil {
				ocrErr = fmt.Errorf("suggest rectangles on %s page %d: %w", ex.Ref, p, err)
			}
			return ocrErr
		})
		switch {
		case ocrErr != nil:
			return added, ocrErr
		case unreadable(err):
			// One image or PDF that cannot be read must not stop the others.
			skipped = append(skipped, fmt.Errorf("suggest rectangles: %w", err))
			continue
		case err != nil:
			return added, fmt.Errorf("suggest rectangles on %s: %w", ex.Ref, err)
		}
		if progress != nil {
			progress(i+1, len(todo))
		}
	}
	return added, errors.Join(skipped...)
}

// PageImages returns an exhibit's pages as images: one for an image, one
// per page for a PDF (rendered by pr at 150 dpi).
func (c *Case) PageImages(ctx context.Context, ref string, pr pdf.Renderer) ([]image.Image, error) {
	ex, err := c.Exhibit(ctx, ref)
	if err != nil {
		return nil, err
	}
	return c.pageImages(ctx, ex, pr)
}

func (c *Case) pageImages(ctx context.Context, ex Exhibit, pr pdf.Renderer) ([]image.Image, error) {
	var out []image.Image
	err := c.eachPage(ctx, ex, pr, func(_ int, img image.Image) error {
		out = append(out, img)
		return nil
	})
	return out, err
}

// eachPage calls f with each page (from 1) of an image or PDF exhibit as
// an image, rendering one PDF page at a time. Errors name the exhibit.
func (c *Case) eachPage(ctx context.Context, ex Exhibit, pr pdf.Renderer, f func(page int, img image.Image) error) error {
	data, _, err := c.ReadOriginal(ctx, ex.Ref)
	if err != nil {
		return err
	}
	if IsImage(ex.MediaType) {
		img, _, err := imagefile.Decode(data)
		if err != nil {
			return fmt.Errorf("exhibit %s (%s): %w", ex.Ref, ex.Filename, err)
		}
		return f(1, img)
	}
	n, err := pr.PageCount(ctx, data)
	if err != nil {
		return fmt.Errorf("exhibit %s (%s): %w", ex.Ref, ex.Filename, err)
	}
	for p := 1; p <= n; p++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		img, err := pr.RenderPage(ctx, data, p, rectDPI)
		if err != nil {
			return fmt.Errorf("exhibit %s (%s) page %d: %w", ex.Ref, ex.Filename, p, err)
		}
		if err := f(p, img); err != nil {
			return err
		}
	}
	return nil
}

// unreadable says whether err is an image or PDF that cannot be read: too
// many pixels, not an image, damaged, locked by a password.
func unreadable(err error) bool {
	for _, e := range []error{imagefile.ErrTooLarge, imagefile.ErrUnreadable, pdf.ErrDamaged, pdf.ErrPassword, pdf.ErrLimit} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

type termForm struct {
	mark Mark
	text string
}

// searchForms are the ways a term may be printed: a phone in its national
// and international forms, a name as written and in "First Last" order.
func searchForms(m Mark) []termForm {
	seen := map[string]bool{}
	var out []termForm
	add := func(s string) {
		if k := names.Fold(s); k != "" && !seen[k] {
			seen[k] = true
			out = append(out, termForm{m, s})
		}
	}
	for _, v := range names.Variants(m.Value) {
		add(v) // the value first, then its mojibake forms
	}
	switch m.ValueKind {
	case "phone":
		if e, err := phone.Normalize(m.Value); err == nil {
			add(phone.National(e))
			add(e)
		}
	case "name":
		for _, f := range names.Forms(m.Value) {
			add(f.Words)
		}
	}
	return out
}

// proposeRects stores a suggested rectangle for each place a form occurs,
// unless a rectangle already covers it.
func (c *Case) proposeRects(ctx context.Context, ex Exhibit, page int, bounds image.Rectangle, words []ocr.Word, forms []termForm) (int, error) {
	type rect struct{ x, y, w, h float64 }
	var found []struct {
		r rect
		f termForm
	}
	W, H := float64(bounds.Dx()), float64(bounds.Dy())
	for _, f := range forms {
		for _, b := range ocr.FindTerm(words, f.text) {
			// A little margin: OCR boxes hug the ink, and anti-aliased
			// edges of letters must be covered too.
			b = b.Inset(-3).Intersect(bounds)
			found = append(found, struct {
				r rect
				f termForm
			}{rect{float64(b.Min.X-bounds.Min.X) / W, float64(b.Min.Y-bounds.Min.Y) / H, float64(b.Dx()) / W, float64(b.Dy()) / H}, f})
		}
	}
	if len(found) == 0 {
		return 0, nil
	}
	added := 0
	err := c.tx(ctx, func(tx *sql.Tx) error {
		rec, err := startRecords(ctx, tx, "marks")
		if err != nil {
			return err
		}
		existing, err := tx.QueryContext(ctx, `SELECT x, y, w, h FROM current_marks WHERE kind = 'rect' AND exhibit_id = ? AND page = ?
			AND status != 'removed'`, ex.ID, page)
		if err != nil {
			return err
		}
		var have []rect
		for existing.Next() {
			var r rect
			if err := existing.Scan(&r.x, &r.y, &r.w, &r.h); err != nil {
				existing.Close()
				return err
			}
			have = append(have, r)
		}
		existing.Close()
		covered := func(r rect) bool {
			for _, h := range have {
				if r.x >= h.x-0.002 && r.y >= h.y-0.002 && r.x+r.w <= h.x+h.w+0.002 && r.y+r.h <= h.y+h.h+0.002 {
					return true
				}
			}
			return false
		}
		for _, fd := range found {
			if covered(fd.r) {
				continue
			}
			m := Mark{Kind: MarkRect, Status: MarkSuggested, Exhibit: ex.Ref, ValueKind: fd.f.mark.ValueKind, Value: fd.f.mark.Value,
				ValueKey: fd.f.mark.ValueKey, Page: page, X: fd.r.x, Y: fd.r.y, W: fd.r.w, H: fd.r.h, Origin: "ocr",
				Note: fmt.Sprintf("where mark %d (%s) appears", fd.f.mark.ID, fd.f.mark.ValueKind)}
			if _, err := c.insertMark(ctx, tx, m); err != nil {
				return err
			}
			have = append(have, fd.r)
			added++
		}
		if added == 0 {
			return nil
		}
		return c.recordEvent(ctx, tx, rec, ActionMarksSuggested, ex.Ref, map[string]any{"marks": added, "kind": MarkRect, "page": page})
	})
	return added, err
}

// TermCount is how often a term mark's value occurs in the case's texts.
type TermCount struct {
	Mark  Mark
	Count int      // occurrences in text exhibits and message bodies
	Where []string // exhibit references and message ids where it occurs
}

// TermCounts says, for each suggested or accepted term, where it occurs
// in text exhibits and message bodies (by folded, whole-word search), so
// a person can judge a suggestion before accepting it.
func (c *Case) TermCounts(ctx context.Context) ([]TermCount, error) {
	return c.TermCountsProgress(ctx, nil)
}

// TermCountsProgress is TermCounts telling progress, if not nil, how far
// it has got: done of total steps, the search built being the first step
// and each text read and searched one more. Every form of every term is
// found in one pass over each text (names.Phrases), so a case of 100,000
// rows and its 12 MB sheet is counted in seconds, not hours; texts are
// read one at a time.
func (c *Case) TermCountsProgress(ctx context.Context, progress func(done, total int)) ([]TermCount, error) {
	marks, err := c.Marks(ctx, "")
	if err != nil {
		return nil, err
	}
	var out []TermCount
	var phrases []string
	var owner []int // phrase -> index in out
	for _, m := range marks {
		if m.Kind != MarkTerm {
			continue
		}
		for _, f := range searchForms(m) {
			phrases = append(phrases, names.Fold(f.text))
			owner = append(owner, len(out))
		}
		out = append(out, TermCount{Mark: m})
	}
	exs, err := c.Exhibits(ctx)
	if err != nil {
		return nil, err
	}
	var refs []string
	for _, ex := range exs {
		if IsText(ex.MediaType) {
			refs = append(refs, ex.Ref)
		}
	}
	msgs, err := c.Messages(ctx)
	if err != nil {
		return nil, err
	}
	total, done := 1+len(refs)+len(msgs), 0
	step := func() {
		done++
		if progress != nil {
			progress(done, total)
		}
	}
	if progress != nil {
		progress(0, total)
	}
	search := names.NewPhrases(phrases)
	step()
	// last[i] is the number of the text term i was last found in, plus
	// one, so each text is listed once under Where.
	last := make([]int, len(out))
	count := func(n int, where, text string) {
		search.Each(names.Fold(text), func(p, _, _ int) {
			t := &out[owner[p]]
			t.Count++
			if last[owner[p]] != n+1 {
				last[owner[p]] = n + 1
				t.Where = append(t.Where, where)
			}
		})
		step()
	}
	for i, ref := range refs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		t, _, err := c.ExhibitText(ctx, ref)
		if err != nil {
			return nil, err
		}
		count(i, ref, t)
	}
	for i, m := range msgs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		count(len(refs)+i, fmt.Sprintf("message %d", m.ID), m.Body+" "+m.To)
	}
	return out, nil
}
