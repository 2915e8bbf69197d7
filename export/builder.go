package export

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"dossier/casefile"
	"dossier/casefile/ocr"
	"dossier/casefile/pdf"
	"dossier/export/marks"
)

// builder lays out one bundle.
type builder struct {
	c        *casefile.Case
	opt      Options
	info     casefile.Info
	settings map[string]string
	exhibits []casefile.Exhibit
	withheld []withheldExhibit // left out ('dossier withhold'), listed only
	log      []casefile.Event
	app      *marks.Applier // nil for an unredacted copy
	d        *doc
	entries  []*entry
	manifest manifest
	images   map[[32]byte]string // registered images by content
	reads    *readBacks          // OCR leak checks of raster pages
	problems Problems            // what stops the export, in bundle order
	stats    stats
	printed  map[string]string // texts printed outside page content (metadata, footer, bookmarks), for the leak check
	cover    coverSlot

	glanceIn   func() (glanceInput, error) // read ahead (see newBuilder)
	scheduleIn func() (scheduleInput, error)
}

// stats count what the pipeline did, for honest results: the cover's
// sentence, Result and the CLI's report come from them.
type stats struct {
	exhibitsMarked int      // exhibits whose copy marks changed
	rasterPlaced   int      // image pages placed (screenshots, photos, rasterised or scanned PDF pages)
	rasterRead     int      // of those, read back with OCR
	notReproduced  []string // references of exhibits listed but not shown
}

// entry is one line of the index: a section or an exhibit.
type entry struct {
	ref, title, date string
	level            int // 0 section, 1 exhibit
	link, page       int
	withheldOf       *entry // for a withheld exhibit: the section listing it
}

func newBuilder(ctx context.Context, c *casefile.Case, opt Options) (*builder, error) {
	b := &builder{c: c, opt: opt, info: c.Info(), images: map[[32]byte]string{}, printed: map[string]string{}}
	var err error
	if b.settings, err = c.Settings(ctx); err != nil {
		return nil, err
	}
	if b.exhibits, err = c.Exhibits(ctx); err != nil {
		return nil, err
	}
	if len(b.exhibits) == 0 {
		return nil, fmt.Errorf("%w: the case has no exhibits yet; add some first", casefile.ErrInvalid)
	}
	if b.exhibits, b.withheld, err = splitWithheld(ctx, c, b.exhibits); err != nil {
		return nil, err
	}
	if len(b.exhibits) == 0 && len(b.withheld) == 0 {
		return nil, fmt.Errorf("%w: the case has no exhibits yet; add some first", casefile.ErrInvalid)
	}
	if opt.layoutOnly && slices.ContainsFunc(b.exhibits, func(ex casefile.Exhibit) bool { return ex.MediaType == "application/pdf" }) {
		pdf.Prepare() // read for their text and pixel pages (see withTools)
	}
	if b.log, err = c.Log(ctx); err != nil {
		return nil, err
	}
	b.log = evidenceLog(b.log)
	// Read while the marks are: on a case of 100,000 rows each is a
	// good part of a second of reading, and the marks take longer.
	b.glanceIn = ahead(func() (glanceInput, error) { return readGlance(ctx, c) })
	b.scheduleIn = ahead(func() (scheduleInput, error) { return readSchedule(ctx, c) })
	if !opt.NoRedact {
		newApplier := marks.New // an export reads the marks itself, always
		if opt.layoutOnly {
			newApplier = previewApplier
		}
		if b.app = opt.app; b.app == nil {
			if b.app, err = newApplier(ctx, c, opt.Renderer); err != nil {
				return nil, err
			}
		}
		if err := b.app.Title(b.info.Title); err != nil {
			b.problem("", 0, fmt.Errorf("the case title, printed in every page's footer: %w", err),
				fmt.Sprintf("dossier case %s --title NEW-TITLE", b.caseArg()))
		}
		if err := b.checkSheets(ctx); err != nil {
			return nil, err
		}
	}
	b.reads = newReadBacks(ctx, b.opt.OCR != nil && b.app != nil && b.app.HasTerms(), !b.opt.layoutOnly)
	return b, nil
}

// checkSheets refuses data sheets whose rows are not imported: a sheet is
// personal data by construction, and until its rows are in the case
// nothing on it is marked. This holds for every format, a scanned sheet (an
// image or PDF) too: boxes drawn on a scan say nothing about the names left
// unboxed, while transcribed rows make every name and number on it a term
// that is marked everywhere and read back from the page's pixels. A sheet
// that is not to be transcribed can be withheld.
func (b *builder) checkSheets(ctx context.Context) error {
	for _, ex := range b.exhibits {
		if ex.Kind != casefile.KindSheet {
			continue
		}
		n, err := b.c.CountRows(ctx, casefile.RowQuery{Exhibit: ex.Ref})
		if err != nil {
			return err
		}
		if n > 0 {
			continue
		}
		b.problem(ex.Ref, 0, fmt.Errorf("%s %w", ex.Ref, ErrSheetNotImported), b.fixFor(ex.Ref, ErrSheetNotImported))
	}
	return nil
}

// ahead runs f on a goroutine of its own at once, and returns a function
// that waits for its result.
func ahead[T any](f func() (T, error)) func() (T, error) {
	var (
		v    T
		err  error
		done = make(chan struct{})
	)
	go func() {
		defer close(done)
		v, err = f()
	}()
	return func() (T, error) {
		<-done
		return v, err
	}
}

// evidenceLog drops trailing export, verification and extraction records,
// and the pseudonyms an export stored: they are about copies of the case,
// not its evidence, and leaving them out makes a second export of an
// unchanged case byte-identical to the first, and to its preview. What
// remains is a prefix of the log, so its chain still checks.
func evidenceLog(log []casefile.Event) []casefile.Event {
	n := len(log)
	for n > 0 {
		switch log[n-1].Action {
		case casefile.ActionExported, casefile.ActionVerified, casefile.ActionExtracted, casefile.ActionPseudonyms:
			n--
			continue
		}
		break
	}
	return log[:n]
}

// text is s as the bundle's reader may see it.
func (b *builder) text(s string) string {
	if b.app == nil {
		return s
	}
	out, _ := b.app.Text(s)
	return out
}

func (b *builder) progress(stage string, done, total int) {
	if b.opt.Progress != nil {
		b.opt.Progress(stage, done, total)
	}
}

func (b *builder) section(title string) *entry {
	e := &entry{title: title, link: b.d.AddLink()}
	b.entries = append(b.entries, e)
	return e
}

// start begins a section on a new page, with its link target and a
// bookmark that gives its page.
func (b *builder) start(e *entry) {
	b.d.AddPage() // writes the footer of the page before, as it was
	b.d.running = ""
	e.page = b.d.PageNo()
	b.d.SetLink(e.link, 0, e.page)
	bm := fmt.Sprintf("%s — p. %d", e.title, e.page)
	b.printed["the bookmarks"] += bm + "\n"
	b.d.Bookmark(bm, e.level, 0)
}

func (b *builder) build(ctx context.Context) ([]byte, error) {
	banner := ""
	if b.opt.NoRedact {
		banner = "UNREDACTED — complainant's own copy: not for disclosure"
	}
	title, author, footer := b.text(b.info.Title), b.text(b.settings[casefile.SettingComplainant]), b.text(b.info.Title)
	b.printed["the PDF's metadata"] = title + "\n" + author
	b.printed["the page footers"] = footer
	b.d = newDoc(title, author, footer, banner)
	b.d.SetCreationDate(b.opt.Date)
	b.d.SetModificationDate(b.opt.Date)

	cover := b.section("Cover")
	defer b.reads.cancel() // an export that fails stops the read-backs
	glance := b.section("Evidence at a glance")
	letterText, letterTitle, err := b.letter(ctx)
	if err != nil {
		return nil, err
	}
	var letter *entry
	if letterText != "" {
		letter = b.section(letterTitle)
	}
	index := b.section("Index")
	chron := b.section("Chronology")
	sched := b.section("Link schedule")
	exhibits := b.section("Exhibits")
	var exEntries []*entry
	for _, ex := range b.exhibits {
		e := &entry{ref: ex.Ref, title: b.text(ex.Title), date: ex.Obtained, level: 1, link: b.d.AddLink()}
		exEntries = append(exEntries, e)
		b.entries = append(b.entries, e)
	}
	b.entries = append(b.entries, b.withheldEntries(exhibits)...)
	custody := b.section("Custody log")
	manifestE := b.section("Manifest of hashes")

	ctx, stop := context.WithCancel(ctx)
	defer stop() // a layout that fails stops the copies
	copies, release := b.copies(ctx)

	b.start(cover)
	b.coverPage()
	b.start(glance)
	gin, err := b.glanceIn()
	b.glanceIn = nil // its 100,000 rows are not held through the layout
	if err != nil {
		return nil, err
	}
	b.glancePage(gin)
	if letter != nil {
		b.start(letter)
		b.d.para(letterText, 10.5)
	}
	b.start(index)
	indexPages := b.reserveIndex()
	b.start(chron)
	if err := b.chronology(ctx); err != nil {
		return nil, err
	}
	b.start(sched)
	sin, err := b.scheduleIn()
	b.scheduleIn = nil
	if err != nil {
		return nil, err
	}
	b.schedule(sin)
	b.start(exhibits)
	b.exhibitsIntro()
	for i, ex := range b.exhibits {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		b.progress("exhibits", i, len(b.exhibits))
		m, ok := <-copies
		if !ok { // cancelled
			return nil, cmp.Or(ctx.Err(), context.Canceled)
		}
		if err := b.exhibit(ctx, ex, exEntries[i], m); err != nil {
			return nil, err
		}
		release(m.weight)
		if err := b.reads.failed(); err != nil {
			return nil, err
		}
	}
	b.progress("exhibits", len(b.exhibits), len(b.exhibits))
	b.start(custody)
	b.custody()
	b.start(manifestE)
	if err := b.writeManifest(); err != nil {
		return nil, err
	}
	for _, e := range b.entries {
		if e.withheldOf != nil {
			e.page = e.withheldOf.page
		}
	}
	b.index(index, indexPages)
	leaks, err := b.reads.wait()
	if err != nil {
		return nil, err
	}
	b.problems = append(b.problems, leaks...)
	if b.app != nil && b.app.HasTerms() && b.opt.OCR == nil && !b.opt.SkipOCRCheck && b.stats.rasterPlaced > 0 {
		b.problem("", 0, fmt.Errorf("%s %w", count(b.stats.rasterPlaced, "image page", "image pages"), ErrNoOCR),
			"install tesseract ("+ocr.InstallSteps()+"), "+
				"or export with --skip-ocr-check, and the cover and manifest will say the pixels were not read back")
	}
	b.coverNote()

	var buf bytes.Buffer
	if err := b.d.Output(&buf); err != nil {
		return nil, fmt.Errorf("make the PDF: %w", err)
	}
	return buf.Bytes(), nil
}

// letter returns the letter section's text and title, if any.
func (b *builder) letter(ctx context.Context) (string, string, error) {
	switch {
	case b.opt.Letter != "":
		text, ok, err := b.c.ExhibitText(ctx, b.opt.Letter)
		if err != nil {
			return "", "", err
		}
		if !ok {
			return "", "", fmt.Errorf("%w: %s is not a text letter", casefile.ErrInvalid, b.opt.Letter)
		}
		ex, _ := b.c.Exhibit(ctx, b.opt.Letter)
		return b.text(text), "Letter: " + b.text(ex.Title), nil
	case b.opt.LetterFile != "":
		data, err := casefile.ReadInput(b.opt.LetterFile)
		if err != nil {
			return "", "", fmt.Errorf("letter: %w", err)
		}
		return b.text(casefile.DecodeText(data)), "Letter", nil
	}
	return "", "", nil
}

func (b *builder) coverPage() {
	d := b.d
	d.SetY(60)
	d.SetFont("dejavu", "", 11)
	d.SetTextColor(90, 90, 90)
	d.CellFormat(contentW, 6, "Complaint bundle", "", 1, "L", false, 0, "")
	d.SetTextColor(0, 0, 0)
	d.SetFont("dejavu", "B", 22)
	d.MultiCell(contentW, 10, b.text(b.info.Title), "", "L", false)
	d.Ln(8)
	rows := [][]string{
		{"Complainant", orDash(b.settings[casefile.SettingComplainant])},
		{"Organisation complained about", orDash(b.settings[casefile.SettingOrganisation])},
		{"Date of this bundle", longDate(b.opt.Date)},
		{"Exhibits", b.exhibitCount()},
		{"Pages", "{nb}, numbered from this cover"},
		{"Case reference", b.info.UUID},
	}
	for _, r := range rows {
		d.SetFont("dejavu", "B", 10)
		d.CellFormat(72, 7, r[0], "", 0, "L", false, 0, "")
		d.SetFont("dejavu", "", 10)
		d.MultiCell(contentW-72, 7, r[1], "", "L", false)
	}
	d.Ln(10)
	b.cover = coverSlot{page: d.PageNo(), y: d.GetY()}
}

func (b *builder) exhibitsIntro() {
	b.d.heading("Exhibits")
	b.d.para(fmt.Sprintf("%d exhibits follow, each starting on a new page with its reference, title and the SHA-256 of the original.", len(b.exhibits)), 10)
	b.withheldTable()
}

// exhibitCount is the cover's count of exhibits, naming any withheld.
func (b *builder) exhibitCount() string {
	if len(b.withheld) == 0 {
		return fmt.Sprint(len(b.exhibits))
	}
	return fmt.Sprintf("%d, and %d withheld (listed in the index, not shown)", len(b.exhibits), len(b.withheld))
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

func longDate(t time.Time) string { return t.Format("2 January 2006") }
