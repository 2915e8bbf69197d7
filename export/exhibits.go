package export

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"

	"github.com/jung-kurt/gofpdf"
	"github.com/phpdave11/gofpdi"
	xdraw "golang.org/x/image/draw"
	"golang.org/x/sync/semaphore"

	"dossier/casefile"
	"dossier/casefile/imagefile"
	"dossier/casefile/pdf"
	"dossier/export/marks"
	"dossier/export/redact"
	"dossier/internal/bytesize"
)

// ErrUnsupported means an exhibit's format cannot be shown in a bundle.
var ErrUnsupported = fmt.Errorf("%w: this format cannot be shown in a bundle", casefile.ErrInvalid)

// errUnmarked is the error of a PDF whose text holds a marked value with
// no box over it.
var errUnmarked = marks.ErrUnmarkedText

// made is an exhibit's copy as copies made it: the copy, or why it could
// not be made (err), or the case's failure to read the original (fatal).
// weight is what it holds of the copies' memory budget, released by the
// layout when it is done with it.
type made struct {
	cp     marks.Copy
	err    error
	fatal  error
	weight int64
	// stream is a sheet whose rows are still being redacted: its copy,
	// or why it cannot be made, comes from it once laid out.
	stream *marks.SheetStream
}

// relayout stops a layout that drew a sheet while its copy was being
// made, when the copy came out other than the layout took it to be: it
// cannot be made (a value is still readable), or marks changed nothing
// in it, so its stamp must not say "redacted copy". lay lays the bundle
// out again with the copy as it came out, which the first layout's bytes
// never reach.
type relayout struct {
	ref  string
	made made
}

func (r *relayout) Error() string { return r.ref + ": its copy is not the one laid out" }

// copiesAhead is how many bytes of copies may wait for the layout.
const copiesAhead = 64 << 20

// copies makes the exhibits' copies in order on a goroutine of its own,
// ahead of the layout, which takes them from the channel in order and
// calls release with each one's weight when it has laid it out:
// redacting a sheet of 100,000 rows takes seconds, and so does laying it
// out, so the pages before the exhibits are laid out while the sheet is
// copied, and the screenshots after it are copied while the sheet is laid
// out. At most copiesAhead bytes of copies wait, besides the one being
// made. Cancelling ctx stops it.
func (b *builder) copies(ctx context.Context) (next <-chan made, release func(int64)) {
	out := make(chan made, len(b.exhibits))
	budget := semaphore.NewWeighted(copiesAhead)
	go func() {
		defer close(out)
		for _, ex := range b.exhibits {
			var m made
			var orig []byte
			var err error
			known, isKnown := b.opt.copied[ex.Ref]
			if !isKnown { // a copy from a first layout needs no original
				orig, _, err = b.c.ReadOriginal(ctx, ex.Ref)
			}
			switch {
			case err != nil:
				m.fatal = err
			case isKnown:
				m.cp, m.err = known.cp, known.err
			case b.app != nil:
				// A sheet is laid out while its rows are redacted.
				if st, ok := b.app.StreamSheet(ctx, ex, orig); ok {
					m.stream = st
					break
				}
				fallthrough
			default:
				m.cp, m.err = b.copyOf(ctx, ex, orig)
			}
			// A sheet being redacted is weighed by its file: its cells
			// are being written.
			m.weight = min(max(copySize(m.cp), int64(len(orig))), copiesAhead)
			if budget.Acquire(ctx, m.weight) != nil {
				return
			}
			out <- m // never blocks: room for every exhibit
			if m.fatal != nil {
				return
			}
		}
	}()
	return out, func(w int64) { budget.Release(w) }
}

// copySize is about how many bytes a copy holds.
func copySize(cp marks.Copy) int64 {
	n := int64(len(cp.Text) + len(cp.PDF))
	for _, p := range cp.Pages {
		n += int64(len(p))
	}
	for _, s := range cp.Sheets {
		for _, r := range s.Rows {
			for _, c := range r {
				n += int64(len(c)) + 16
			}
		}
	}
	return n
}

// exhibit lays out one exhibit from a new page, from its copy m: its
// stamp, then its content, and records it in the manifest. A problem
// with the exhibit (it cannot be redacted, a box is outside its page) is
// recorded and the layout goes on, so that one export names every
// problem; only a failure of the case or of the layout itself is
// returned.
func (b *builder) exhibit(ctx context.Context, ex casefile.Exhibit, e *entry, m made) error {
	if m.fatal != nil {
		return m.fatal
	}
	cp, err := m.cp, m.err
	if m.stream != nil {
		// Taken to be marked when any term is: Copy says at the end.
		cp = marks.Copy{MediaType: "text/csv", Sheets: []marks.Sheet{m.stream.Sheet}, Marked: b.app.HasTerms()}
	}
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		b.problem(ex.Ref, 0, err, b.fixFor(ex.Ref, err))
		cp = marks.Copy{NotReproduced: "not shown: " + err.Error()}
	}
	b.start(e)
	b.d.running = ex.Ref // after start: the page before keeps its own
	b.stamp(ex, cp.Marked, "")
	start := b.d.PageNo()
	h := sha256.New()
	if cp.Marked {
		b.stats.exhibitsMarked++
	}
	switch {
	case cp.NotReproduced != "":
		b.notReproduced(ex, cp.NotReproduced)
	case len(cp.Pages) > 0:
		for i, p := range cp.Pages {
			h.Write(p)
			if i > 0 {
				b.d.AddPage()
				b.stamp(ex, cp.Marked, fmt.Sprintf("page %d of %d", i+1, len(cp.Pages)))
			}
			if err := b.image(ex, i+1, p); err != nil {
				b.problem(ex.Ref, i+1, err, b.withholdFix(ex.Ref))
			}
		}
	case cp.PDF != nil:
		h.Write(cp.PDF)
		if err := b.importPDF(ctx, ex, cp.PDF); err != nil {
			b.problem(ex.Ref, 0, err, b.withholdFix(ex.Ref))
		}
		if err := b.readBackPDF(ctx, ex, cp); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			b.problem(ex.Ref, 0, err, b.withholdFix(ex.Ref))
		}
	case m.stream != nil:
		st := m.stream
		b.sheet(st.Name, st.Rows, func(i int) ([]string, bool) { return st.Row(ctx, i) })
		final, err := st.Copy()
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil || final.Marked != cp.Marked {
			return &relayout{ref: ex.Ref, made: made{cp: final, err: err}}
		}
		data, _ := final.Sheets[0].CSV()
		h.Write(data)
	case cp.Sheets != nil:
		for _, s := range cp.Sheets {
			data, _ := s.CSV()
			h.Write(data)
			b.sheet(s.Name, s.Rows, func(i int) ([]string, bool) { return s.Rows[i], true })
		}
	default:
		h.Write([]byte(cp.Text))
		b.d.para(cp.Text, 9.5)
		if b.app != nil {
			for _, n := range b.app.SpanNeedles(ex.Ref) {
				if err := redact.LeakCheck(map[string][]byte{"the copy": []byte(cp.Text)}, []redact.Needle{n}); err != nil {
					b.problem(ex.Ref, 0, fmt.Errorf("a marked passage is still in the copy: %w", redact.ErrLeak), b.withholdFix(ex.Ref))
				}
			}
		}
	}
	me := manifestExhibit{
		Ref: ex.Ref, Size: ex.Size, SHA256: ex.SHA256, CopySHA256: hex.EncodeToString(h.Sum(nil)),
		Marked: cp.Marked, StartPage: start, Pages: b.d.PageNo() - start + 1,
	}
	if cp.NotReproduced != "" {
		me.CopySHA256, me.NotReproduced = "", cp.NotReproduced
	}
	b.manifest.Exhibits = append(b.manifest.Exhibits, me)
	return nil
}

// notReproduced says, under the stamp, that an exhibit is listed but not
// shown, and why.
func (b *builder) notReproduced(ex casefile.Exhibit, format string) {
	b.stats.notReproduced = append(b.stats.notReproduced, ex.Ref)
	b.d.Ln(4)
	b.d.para("Not reproduced: "+format+".", 11)
	b.d.Ln(2)
	b.d.para("Dossier cannot look inside this exhibit to redact it, so it is not shown in this bundle. "+
		"The original is kept unchanged in the case file; its SHA-256, printed above and in the manifest, "+
		"identifies it. Ask the complainant for a copy if it is needed.", 9.5)
}

// readBackPDF reads back, with OCR, the pages of a PDF carried as it is
// that hold pixels (a scanned page, a photo): their text layer is in the
// bundle's text, which the leak check searches, but their pixels are not.
func (b *builder) readBackPDF(ctx context.Context, ex casefile.Exhibit, cp marks.Copy) error {
	if b.app == nil {
		return nil
	}
	for _, p := range cp.PixelPages {
		if !b.reads.run {
			b.readBack(ex.Ref, p, nil)
			continue
		}
		img, err := b.opt.Renderer.RenderPage(ctx, cp.PDF, p, marks.DPI)
		if err != nil {
			return fmt.Errorf("page %d: render it to read it back: %w", p, err)
		}
		b.readBack(ex.Ref, p, img)
	}
	return nil
}

// copyOf is the exhibit as the bundle shows it: redacted unless this is
// the complainant's own copy.
func (b *builder) copyOf(ctx context.Context, ex casefile.Exhibit, orig []byte) (marks.Copy, error) {
	if b.app != nil {
		return b.app.Exhibit(ctx, ex, orig)
	}
	return marks.Unredacted(ex, orig)
}

const (
	stampGap      = 4.0  // mm between the stamp's label and the title
	stampTitleMin = 60.0 // mm under which the title gets its own line
)

// stamp is the header on an exhibit's pages: reference, title, the
// original's SHA-256 and whether this is a redacted copy.
func (b *builder) stamp(ex casefile.Exhibit, marked bool, cont string) {
	d := b.d
	y := d.GetY()
	d.SetFillColor(240, 243, 247)
	full := cont == ""
	label := "Exhibit " + ex.Ref
	if !full {
		label += " (" + cont + ")"
	}
	// The label is measured, not given a fixed cell: "(page 118 of 240)"
	// or a long prefix would otherwise run under the title. The title
	// takes the rest of the line, or a line of its own when too little
	// is left for it to be read.
	d.SetFont("dejavu", "B", 12)
	labelW := d.GetStringWidth(label) + 2
	titleX := margin + 2 + labelW + stampGap
	ownLine := margin+contentW-2-titleX < stampTitleMin
	h := 9.0
	if full {
		h = 24
	}
	if ownLine {
		h += 6
		titleX = margin + 2
	}
	titleW := margin + contentW - 2 - titleX
	d.Rect(margin, y, contentW, h, "F")
	d.SetXY(margin+2, y+1.5)
	d.CellFormat(labelW, 6, label, "", 0, "L", false, 0, "")
	if ownLine {
		d.SetXY(titleX, y+7.5)
	} else {
		d.SetX(titleX)
	}
	d.SetFont("dejavu", "", 10)
	d.CellFormat(titleW, 6, fitLine(d, b.text(ex.Title), titleW-2), "", 1, "L", false, 0, "")
	if full {
		d.SetX(margin + 2)
		d.SetFont("dejavu", "", 8)
		meta := fmt.Sprintf("%s · %s · %s", ex.Kind, ex.Filename, bytesize.String(ex.Size))
		if ex.Obtained != "" {
			meta += " · obtained " + ukDate(ex.Obtained)
		}
		if ex.Source != "" {
			meta += " from " + b.text(ex.Source)
		}
		d.CellFormat(contentW-4, 5, fitLine(d, b.text(meta), contentW-6), "", 1, "L", false, 0, "")
		d.SetX(margin + 2)
		d.SetFont("mono", "", 7.5)
		d.CellFormat(contentW-4, 5, "SHA-256 of original: "+ex.SHA256, "", 1, "L", false, 0, "")
		d.SetX(margin + 2)
		d.SetFont("dejavu", "B", 8)
		switch {
		case b.app == nil:
			d.SetTextColor(180, 0, 0)
			d.CellFormat(contentW-4, 5, "Unredacted copy", "", 1, "L", false, 0, "")
		case marked:
			d.SetTextColor(150, 60, 0)
			d.CellFormat(contentW-4, 5, "Redacted copy: names and numbers replaced by stand-ins or blacked out", "", 1, "L", false, 0, "")
		default:
			d.CellFormat(contentW-4, 5, "Copy of the original", "", 1, "L", false, 0, "")
		}
		d.SetTextColor(0, 0, 0)
	}
	d.SetXY(margin, y+h+4)
}

// image places a PNG page under the stamp, fitted to the space left and
// down-sampled to at most MaxDPI (300 unless an upload pack needs less)
// at the size it is shown, and has it read back with OCR.
func (b *builder) image(ex casefile.Exhibit, page int, data []byte) error {
	info, err := imagefile.DecodeConfig(data)
	if err != nil {
		return fmt.Errorf("%s page %d: %w", ex.Ref, page, err)
	}
	px := image.Rect(0, 0, info.Width, info.Height)
	top := b.d.GetY()
	availW, availH := contentW, bodyBottom-top-2
	scale := min(availW/float64(px.Dx()), availH/float64(px.Dy()))
	// Never enlarge past 96 dpi: small screenshots stay crisp, not blown up.
	scale = min(scale, 25.4/96)
	w, h := float64(px.Dx())*scale, float64(px.Dy())*scale
	dpi := float64(px.Dx()) / (w / 25.4)
	// The pixels are decoded to be read back or scaled down; a preview
	// only counts the page (twenty screenshots decoded for nothing were a
	// fifth of a second and 190 MB).
	var img image.Image
	if (b.app != nil && b.reads.run) || dpi > b.opt.MaxDPI {
		if img, _, err = imagefile.Decode(data); err != nil {
			return fmt.Errorf("%s page %d: %w", ex.Ref, page, err)
		}
	}
	if b.app != nil {
		b.readBack(ex.Ref, page, img)
	}
	if dpi > b.opt.MaxDPI {
		nw := int(w / 25.4 * b.opt.MaxDPI)
		nh := int(float64(px.Dy()) * float64(nw) / float64(px.Dx()))
		dst := image.NewRGBA(image.Rect(0, 0, nw, nh))
		xdraw.CatmullRom.Scale(dst, dst.Bounds(), img, px, xdraw.Src, nil)
		var buf bytes.Buffer
		if err := png.Encode(&buf, dst); err != nil {
			return err
		}
		data = buf.Bytes()
	}
	opts := gofpdf.ImageOptions{ImageType: "PNG"}
	if _, err := jpeg.DecodeConfig(bytes.NewReader(data)); err == nil {
		opts.ImageType = "JPG"
	}
	// gofpdf keys images by content: two copies that redaction made
	// identical must be registered once, or the page's resources name
	// the same image twice.
	sum := sha256.Sum256(data)
	name, ok := b.images[sum]
	if !ok {
		name = fmt.Sprintf("%s-p%d", ex.Ref, page)
		b.images[sum] = name
		b.d.RegisterImageOptionsReader(name, opts, bytes.NewReader(data))
		if err := b.d.Error(); err != nil {
			return fmt.Errorf("%s page %d: %w", ex.Ref, page, err)
		}
	}
	x := margin + (contentW-w)/2
	b.d.ImageOptions(name, x, top, w, h, false, opts, 0, "")
	b.d.SetDrawColor(180, 180, 180)
	b.d.Rect(x, top, w, h, "D")
	b.d.SetDrawColor(0, 0, 0)
	return nil
}

// importPDF places each page of a PDF exhibit that is carried as it is,
// scaled to fit under the stamp (first page) or a page of its own. The
// pages are imported from a clean copy (pdf.Clean: decrypted, classic
// cross-reference table), because gofpdi reads no other form; gofpdi runs
// inside a recover boundary, and a page it still cannot import is placed
// as a rendered image instead, with a line under the stamp that says so.
// A PDF that cannot be opened at all (a password, damage beyond repair,
// beyond the limits) is an error naming the exhibit.
func (b *builder) importPDF(ctx context.Context, ex casefile.Exhibit, data []byte) error {
	info, err := b.opt.Renderer.Pages(ctx, data)
	if err != nil {
		return fmt.Errorf("%s (%s): %w", ex.Ref, ex.Filename, err)
	}
	n := len(info)
	imp, tpls := importPages(ctx, data, n)
	if imp != nil && b.importObjects(imp) != nil {
		imp = nil
		for i := range tpls {
			tpls[i] = -1
		}
	}
	for p := 1; p <= n; p++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		if p > 1 {
			b.d.AddPage()
			b.stamp(ex, false, fmt.Sprintf("page %d of %d", p, n))
		}
		if tpls[p-1] < 0 {
			if err := b.pageAsImage(ctx, ex, data, p); err != nil {
				return err
			}
			continue
		}
		pw, ph := info[p-1].Width*25.4/72, info[p-1].Height*25.4/72
		top := b.d.GetY()
		scale := min(contentW/pw, (bodyBottom-top-2)/ph, 1)
		w, h := pw*scale, ph*scale
		x := margin + (contentW-w)/2
		name, sx, sy, tx, ty := imp.UseTemplate(tpls[p-1], x, top, w, h)
		b.d.UseImportedTemplate(name, sx, sy, tx, ty)
		b.d.SetDrawColor(180, 180, 180)
		b.d.Rect(x, top, w, h, "D")
		b.d.SetDrawColor(0, 0, 0)
	}
	if err := b.d.Error(); err != nil {
		return fmt.Errorf("%s: %w", ex.Ref, err)
	}
	return nil
}

// importPages reads the pages of a clean copy of data with gofpdi and
// returns the importer and each page's template, -1 for a page it cannot
// read. A page that fails leaves the importer with a partial parse, so
// the pages that worked are imported again by a fresh importer: the
// bundle then holds only what its pages show.
func importPages(ctx context.Context, data []byte, n int) (*gofpdi.Importer, []int) {
	tpls := make([]int, n)
	for i := range tpls {
		tpls[i] = -1
	}
	clean, err := pdf.Clean(ctx, data)
	if err != nil {
		return nil, tpls
	}
	try := func(want []bool) (*gofpdi.Importer, []int, bool) {
		imp := gofpdi.NewImporter()
		got := make([]int, n)
		var rs io.ReadSeeker = bytes.NewReader(clean)
		if pdf.Guard("read the PDF for import", func() error { imp.SetSourceStream(&rs); return nil }) != nil {
			return nil, tpls, false
		}
		all := true
		for p := 1; p <= n; p++ {
			got[p-1] = -1
			if !want[p-1] {
				continue
			}
			err := pdf.Guard(fmt.Sprintf("import page %d", p), func() error {
				got[p-1] = importPage(imp, p)
				return nil
			})
			if err != nil {
				got[p-1], all = -1, false
			}
		}
		return imp, got, all
	}
	want := make([]bool, n)
	for i := range want {
		want[i] = true
	}
	imp, got, all := try(want)
	if imp == nil || all {
		return imp, got
	}
	for i := range want {
		want[i] = got[i] >= 0
	}
	imp, got, all = try(want)
	if imp == nil || !all {
		return nil, tpls
	}
	return imp, got
}

// importPage reads one page with gofpdi; tests make it fail.
var importPage = func(imp *gofpdi.Importer, page int) int { return imp.ImportPage(page, "/MediaBox") }

// importObjects hands the imported pages' objects to the bundle once,
// after all of them are read: gofpdi's page-by-page wrapper rewrites every
// page imported so far on each call, which takes minutes for a few hundred
// pages.
func (b *builder) importObjects(imp *gofpdi.Importer) error {
	return pdf.Guard("copy the PDF's pages", func() error {
		b.d.ImportTemplates(imp.PutFormXobjectsUnordered())
		b.d.ImportObjects(imp.GetImportedObjectsUnordered())
		b.d.ImportObjPos(imp.GetImportedObjHashPos())
		return nil
	})
}

// pageAsImage places page p of a PDF as a picture of the page, rendered
// as a reader sees it, under a line saying so. In a redacted bundle the
// picture is read back by OCR like every other image.
func (b *builder) pageAsImage(ctx context.Context, ex casefile.Exhibit, data []byte, p int) error {
	img, err := b.opt.Renderer.RenderPage(ctx, data, p, marks.DPI)
	if err != nil {
		return fmt.Errorf("%s page %d: %w", ex.Ref, p, err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return fmt.Errorf("%s page %d: %w", ex.Ref, p, err)
	}
	b.d.SetFont("dejavu", "", 8)
	b.d.SetTextColor(90, 90, 90)
	b.d.CellFormat(contentW, 5, fmt.Sprintf("Page %d is shown as a picture of the page: its PDF content could not be copied as it is.", p),
		"", 1, "L", false, 0, "")
	b.d.SetTextColor(0, 0, 0)
	b.d.SetY(b.d.GetY() + 1)
	return b.image(ex, p, buf.Bytes())
}

// sheet renders a worksheet of a sheet copy as a table, every column in
// its original order: rows gives their number and widths (redaction
// replaces cells, never adds or drops one), row each row once it is final.
func (b *builder) sheet(name string, rows [][]string, row func(int) ([]string, bool)) {
	if name != "" {
		b.d.subheading("Sheet " + name)
	}
	cols := 0
	for _, r := range rows {
		cols = max(cols, len(r))
	}
	if len(rows) == 0 || cols == 0 {
		b.d.para("(empty)", 9)
		return
	}
	widths := make([]float64, cols)
	for i := range widths {
		widths[i] = 1 / float64(cols)
	}
	size := 8.5
	if cols > 6 {
		size = 7
	}
	b.d.tableOf(widths, len(rows), row, size, nil)
}
