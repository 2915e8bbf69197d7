package pdf

import (
	"context"
	"errors"
	"fmt"
	"image"
	"math"
	"strings"
	"sync"
	"unicode"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/enums"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
)

// maxObjects bounds how many drawing objects of a page are counted; a page
// with more is simply known to have visible content.
const maxObjects = 20000

// PageInfo describes one page as a reader sees it.
type PageInfo struct {
	// Width and Height are the page's size in points (1/72 inch) as it is
	// displayed: its crop box, with its rotation applied.
	Width, Height float64
	// Rotation is the page's rotation in degrees clockwise: 0, 90, 180 or 270.
	Rotation int
	// Objects counts the page's drawing objects (text, paths, images,
	// shadings), including those inside forms, up to 20,000.
	Objects int
	// Images counts its image objects, including those inside forms.
	Images int
	// Chars counts the letters, digits and other visible characters of
	// its text layer that map to Unicode.
	Chars int
	// Unmapped counts characters drawn with a font that gives no Unicode
	// for them: what they say cannot be searched. (Private-use characters,
	// such as the bullets of symbol fonts, are counted in Chars.)
	Unmapped int
}

// Pixels says whether the page must be treated as an image: it shows an
// image (a scan, a photo, a screenshot), or it has visible content but no
// text that can be searched (text drawn as outlines, or in a font that
// does not say which letters it draws). Such a page can only be checked
// for personal data by reading its pixels (OCR).
func (p PageInfo) Pixels() bool {
	return p.Images > 0 || (p.Objects > 0 && p.Chars == 0) || p.Unmapped >= maxUnmapped
}

// maxUnmapped is how many characters without Unicode make a page pixels.
// Two cannot spell a name or a number, and ordinary documents have a few
// (a bullet in a symbol font); more may be words that text search cannot
// see.
const maxUnmapped = 3

// Doc is an open PDF document. Its methods may be called from several
// goroutines; they run one at a time. Close it when done: it holds its
// own copy of the document in the engine's memory.
type Doc struct {
	mu     sync.Mutex
	inst   pdfium.Pdfium
	doc    references.FPDF_DOCUMENT
	pages  int
	lim    Limits
	info   []*PageInfo
	closed bool
}

// Open reads a PDF given as bytes with DefaultLimits. A document encrypted
// with an empty user password (as many "protected" PDFs are: they may be
// read, not changed) is opened; one that needs a password gives an error
// wrapping ErrPassword; one that pdfium cannot read even after repairing
// it gives ErrDamaged; one beyond the limits, ErrLimit.
func Open(ctx context.Context, data []byte) (*Doc, error) {
	return DefaultLimits.Open(ctx, data)
}

// Open reads a PDF as the package function Open does, with these limits.
func (l Limits) Open(ctx context.Context, data []byte) (*Doc, error) {
	if err := l.checkBytes(len(data)); err != nil {
		return nil, err
	}
	if len(data) == 0 {
		return nil, fmt.Errorf("%w: the file is empty", ErrDamaged)
	}
	inst, err := instance(ctx)
	if err != nil {
		return nil, err
	}
	d := &Doc{inst: inst, lim: l}
	err = d.call(ctx, "open the PDF", func() error {
		empty := ""
		res, err := inst.OpenDocument(&requests.OpenDocument{File: &data, Password: &empty})
		if err != nil {
			return openError(err)
		}
		d.doc = res.Document
		n, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: d.doc})
		if err != nil {
			return fmt.Errorf("%w: count its pages: %v", ErrDamaged, err)
		}
		d.pages = n.PageCount
		return nil
	})
	if err == nil && d.pages < 1 {
		err = fmt.Errorf("%w: it has no pages", ErrDamaged)
	}
	if err == nil {
		err = l.checkPages(d.pages)
	}
	if err != nil {
		d.Close()
		return nil, err
	}
	d.info = make([]*PageInfo, d.pages)
	return d, nil
}

// openError says why pdfium could not open a document.
func openError(err error) error {
	switch {
	case errors.Is(err, pdfiumerrors.ErrPassword):
		return ErrPassword
	case errors.Is(err, pdfiumerrors.ErrSecurity):
		return fmt.Errorf("%w: its encryption is of a kind that cannot be read", ErrDamaged)
	}
	return fmt.Errorf("%w (%v)", ErrDamaged, err)
}

// call runs f on the document's instance inside the recover boundary,
// stopping the instance if ctx ends while f runs. After a panic or a
// cancelled call the instance cannot be trusted, so the document is
// closed and later calls fail.
func (d *Doc) call(ctx context.Context, what string, f func() error) error {
	if d.closed {
		return fmt.Errorf("%s: the document is closed", what)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	stop := context.AfterFunc(ctx, func() { d.inst.Kill() })
	err := guard(what, f)
	killed := !stop()
	if killed {
		d.inst, d.closed = nil, true
		return ctx.Err()
	}
	if errors.Is(err, errPanic) {
		d.inst.Kill()
		d.inst, d.closed = nil, true
	}
	return err
}

// Close frees the document and its engine instance.
func (d *Doc) Close() error {
	if d == nil {
		return nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.inst == nil {
		return nil
	}
	inst := d.inst
	d.inst, d.closed = nil, true
	return guard("close the PDF", func() error {
		// Closing the instance frees every document it holds.
		return inst.Close()
	})
}

// PageCount is the number of pages.
func (d *Doc) PageCount() int { return d.pages }

func (d *Doc) checkPage(page int) error {
	if page < 1 || page > d.pages {
		return fmt.Errorf("page %d of %d: %w", page, d.pages, ErrPage)
	}
	return nil
}

// withPage loads a page, runs f with it and closes it.
func (d *Doc) withPage(ctx context.Context, page int, what string, f func(p requests.Page) error) error {
	if err := d.checkPage(page); err != nil {
		return err
	}
	return d.call(ctx, fmt.Sprintf("%s page %d", what, page), func() error {
		res, err := d.inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: d.doc, Index: page - 1})
		if err != nil {
			return fmt.Errorf("%w: page %d cannot be read (%v)", ErrDamaged, page, err)
		}
		defer d.inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: res.Page})
		return f(requests.Page{ByReference: &res.Page})
	})
}

// Page describes one page (1-based). A page larger than the limits gives
// an error wrapping ErrLimit.
func (d *Doc) Page(ctx context.Context, page int) (PageInfo, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.page(ctx, page)
}

func (d *Doc) page(ctx context.Context, page int) (PageInfo, error) {
	if err := d.checkPage(page); err != nil {
		return PageInfo{}, err
	}
	if p := d.info[page-1]; p != nil {
		return *p, d.lim.checkSide(page, p.Width, p.Height)
	}
	var info PageInfo
	err := d.withPage(ctx, page, "describe", func(p requests.Page) error {
		sz, err := d.inst.GetPageSize(&requests.GetPageSize{Page: p})
		if err != nil {
			return fmt.Errorf("%w: page %d has no size (%v)", ErrDamaged, page, err)
		}
		info.Width, info.Height = sz.Width, sz.Height
		if rot, err := d.inst.FPDFPage_GetRotation(&requests.FPDFPage_GetRotation{Page: p}); err == nil {
			info.Rotation = int(rot.PageRotation) * 90
		}
		if err := d.countObjects(p, &info); err != nil {
			return err
		}
		return d.countChars(p, &info)
	})
	if err != nil {
		return PageInfo{}, err
	}
	d.info[page-1] = &info
	return info, d.lim.checkSide(page, info.Width, info.Height)
}

// countObjects walks the page's objects, and the objects inside its forms
// (where scanners often put the scanned image).
func (d *Doc) countObjects(p requests.Page, info *PageInfo) error {
	n, err := d.inst.FPDFPage_CountObjects(&requests.FPDFPage_CountObjects{Page: p})
	if err != nil {
		return fmt.Errorf("%w: its content cannot be read (%v)", ErrDamaged, err)
	}
	var walk func(obj references.FPDF_PAGEOBJECT, depth int)
	walk = func(obj references.FPDF_PAGEOBJECT, depth int) {
		if info.Objects >= maxObjects {
			return
		}
		t, err := d.inst.FPDFPageObj_GetType(&requests.FPDFPageObj_GetType{PageObject: obj})
		if err != nil {
			return
		}
		switch t.Type {
		case enums.FPDF_PAGEOBJ_FORM:
			if depth > 12 {
				info.Objects++
				return
			}
			kids, err := d.inst.FPDFFormObj_CountObjects(&requests.FPDFFormObj_CountObjects{PageObject: obj})
			if err != nil {
				return
			}
			for i := 0; i < kids.Count && info.Objects < maxObjects; i++ {
				k, err := d.inst.FPDFFormObj_GetObject(&requests.FPDFFormObj_GetObject{PageObject: obj, Index: uint64(i)})
				if err == nil {
					walk(k.PageObject, depth+1)
				}
			}
		case enums.FPDF_PAGEOBJ_IMAGE:
			info.Images++
			info.Objects++
		default:
			info.Objects++
		}
	}
	for i := 0; i < n.Count && info.Objects < maxObjects; i++ {
		o, err := d.inst.FPDFPage_GetObject(&requests.FPDFPage_GetObject{Page: p, Index: i})
		if err != nil {
			continue
		}
		walk(o.PageObject, 0)
	}
	return nil
}

// countChars counts the text layer's visible characters, and those whose
// font gives no Unicode for them.
func (d *Doc) countChars(p requests.Page, info *PageInfo) error {
	tp, err := d.inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: p})
	if err != nil {
		return fmt.Errorf("%w: its text cannot be read (%v)", ErrDamaged, err)
	}
	defer d.inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	n, err := d.inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
	if err != nil {
		return fmt.Errorf("%w: its text cannot be read (%v)", ErrDamaged, err)
	}
	for i := 0; i < n.Count; i++ {
		u, err := d.inst.FPDFText_GetUnicode(&requests.FPDFText_GetUnicode{TextPage: tp.TextPage, Index: i})
		if err != nil {
			continue
		}
		r := rune(u.Unicode)
		if gen, err := d.inst.FPDFText_IsGenerated(&requests.FPDFText_IsGenerated{TextPage: tp.TextPage, Index: i}); err == nil && gen.IsGenerated {
			continue // spaces and line ends pdfium adds
		}
		if bad, err := d.inst.FPDFText_HasUnicodeMapError(&requests.FPDFText_HasUnicodeMapError{TextPage: tp.TextPage, Index: i}); err == nil && bad.HasUnicodeMapError {
			info.Unmapped++
			continue
		}
		switch {
		case r == 0 || r == unicode.ReplacementChar:
			info.Unmapped++
		case unicode.IsSpace(r) || unicode.IsControl(r):
		default:
			info.Chars++
		}
	}
	return nil
}

// Pages describes every page.
func (d *Doc) Pages(ctx context.Context) ([]PageInfo, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make([]PageInfo, d.pages)
	for i := range out {
		p, err := d.page(ctx, i+1)
		if err != nil {
			return nil, err
		}
		out[i] = p
	}
	return out, nil
}

// RenderPage renders a page (1-based) at dpi dots per inch, as displayed
// (rotation applied, annotations drawn) on a white background. The size
// in pixels is checked against the limits before anything is rendered.
func (d *Doc) RenderPage(ctx context.Context, page, dpi int) (image.Image, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if dpi < 1 || dpi > MaxDPI {
		return nil, fmt.Errorf("render page %d: resolution %d dpi outside 1..%d", page, dpi, MaxDPI)
	}
	info, err := d.page(ctx, page)
	if err != nil {
		return nil, fmt.Errorf("render page %d: %w", page, err)
	}
	w := int(math.Ceil(info.Width * float64(dpi) / 72))
	h := int(math.Ceil(info.Height * float64(dpi) / 72))
	if err := d.lim.checkPixels(page, w, h); err != nil {
		return nil, fmt.Errorf("render page %d: %w", page, err)
	}
	var out *image.RGBA
	err = d.withPage(ctx, page, "render", func(p requests.Page) error {
		res, err := d.inst.RenderPageInDPI(&requests.RenderPageInDPI{Page: p, DPI: dpi,
			RenderFlags: enums.FPDF_RENDER_FLAG_ANNOT})
		if err != nil {
			return fmt.Errorf("%w: page %d cannot be drawn (%v)", ErrDamaged, page, err)
		}
		defer res.Cleanup()
		src, ok := res.Result.RenderedImage.(*image.RGBA)
		if !ok || src == nil {
			return fmt.Errorf("%w: page %d gave no image", ErrDamaged, page)
		}
		// The pixels live in the engine's memory until Cleanup: copy them.
		out = &image.RGBA{Pix: append([]byte(nil), src.Pix...), Stride: src.Stride, Rect: src.Rect}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("render page %d: %w", page, err)
	}
	return out, nil
}

// PageText is the text of one page (1-based), lines ended by "\n".
func (d *Doc) PageText(ctx context.Context, page int) (string, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.pageText(ctx, page)
}

func (d *Doc) pageText(ctx context.Context, page int) (string, error) {
	var text string
	err := d.withPage(ctx, page, "read the text of", func(p requests.Page) error {
		res, err := d.inst.GetPageText(&requests.GetPageText{Page: p})
		if err != nil {
			return fmt.Errorf("%w: the text of page %d cannot be read (%v)", ErrDamaged, page, err)
		}
		text = res.Text
		return nil
	})
	if err != nil {
		return "", err
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	return text, nil
}

// Text is the text of every page, each page followed by a form feed
// ("\f"), as pdftotext writes it.
func (d *Doc) Text(ctx context.Context) (string, error) {
	return d.textOf(ctx, 1, d.pages)
}

// textOf is the text of pages from to to, as Text gives it.
func (d *Doc) textOf(ctx context.Context, from, to int) (string, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	var b strings.Builder
	for p := from; p <= to; p++ {
		t, err := d.pageText(ctx, p)
		if err != nil {
			return "", err
		}
		b.WriteString(t)
		if !strings.HasSuffix(t, "\n") && t != "" {
			b.WriteByte('\n')
		}
		b.WriteByte('\f')
	}
	return b.String(), nil
}
