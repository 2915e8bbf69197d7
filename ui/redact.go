package ui

import (
	"context"
	"errors"
	"fmt"
	"image"
	"slices"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/casefile"
	"dossier/casefile/ocr"
	"dossier/casefile/pdf"
	"dossier/export"
	"dossier/export/marks"
	"dossier/export/redact"
	"dossier/internal/numfmt"
)

// The OCR engine and PDF renderer the redact tab uses; tests replace them.
var (
	redactOCR      = ocr.New
	redactRenderer = pdf.New
)

// redactDPI is the resolution PDF pages are shown and previewed at. Marks
// are fractions of the page, so it need not match the export's.
const redactDPI = 150

// redactTab shows an exhibit's pages with their marks, lets a person draw,
// move, accept and reject rectangles, lists the terms marked everywhere,
// and previews the exhibit exactly as the export will redact it.
type redactTab struct {
	cw    *caseWindow
	exs   []casefile.Exhibit // exhibits that can carry marks
	marks []casefile.Mark    // suggested and accepted
	sugBy map[string]int     // suggested marks by exhibit (boxes and spans)
	loads latest             // the exhibits and marks being read
	terms []casefile.TermCount
	pseud *casefile.Pseudonyms
	// counts are what the bundle's redaction does to each exhibit, from
	// the pipeline itself (export.MarkCounts); nil until counted.
	counts map[string]export.MarkCount

	ref         string        // selected exhibit
	kind        string        // its preview kind: image, pdf or text
	page        int           // 1-based
	pages       []image.Image // the selected exhibit's pages, nil while loading
	text        string        // a text exhibit's text
	spanOK      bool          // the text shown is the original's bytes, so spans can be marked
	redacted    []image.Image // the preview's pages, nil until made
	previewText string        // a text exhibit's preview, with stand-ins
	previewK    string        // which marks the preview was made with
	sel         latest        // the selected exhibit's pages or preview being made

	list       *widget.List
	mc         *markCanvas
	centre     *fyne.Container
	textView   *widget.Entry
	textShown  string // what textView shows: a prefix of shownText
	markText   *widget.Button
	pageSel    *widget.Select
	previewChk *widget.Check
	suggest    *widget.Button
	accept     *widget.Button
	reject     *widget.Button
	remove     *widget.Button
	acceptAll  *widget.Button
	info       *widget.Label
	help       *widget.Label // how to draw boxes; hidden for text exhibits
	bar        *widget.ProgressBar
	termList   *widget.List
	termNote   *widget.Label
}

func newRedactTab(cw *caseWindow) *redactTab {
	return &redactTab{cw: cw, page: 1}
}

func (t *redactTab) buildUI() fyne.CanvasObject {
	t.list = widget.NewList(func() int { return len(t.exs) }, newExhibitRow,
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(t.exs) {
				t.fillExhibitRow(o, t.exs[id])
			}
		})
	t.list.OnSelected = func(id widget.ListItemID) {
		if id < len(t.exs) {
			t.selectExhibit(t.exs[id].Ref)
		}
	}

	t.mc = newMarkCanvas()
	t.mc.onDraw = t.onDraw
	t.mc.onMove = t.onMove
	t.mc.onSelect = func(int64) { t.updateButtons() }
	t.mc.onDelete = t.onDelete
	t.textView = widget.NewMultiLineEntry()
	t.textView.Wrapping = fyne.TextWrapWord
	t.textView.OnChanged = func(s string) { // read-only, but selectable
		if s != t.textShown {
			t.textView.SetText(t.textShown)
		}
	}
	t.markText = widget.NewButtonWithIcon("Black out selected text", theme.ContentCutIcon(), t.onMarkText)
	t.centre = container.NewStack(note("Pick an exhibit on the left."))

	t.pageSel = widget.NewSelect(nil, func(s string) {
		var p int
		if _, err := fmt.Sscanf(s, "Page %d", &p); err == nil && p != t.page {
			t.page = p
			t.showPage()
		}
	})
	t.pageSel.Hide()
	t.previewChk = widget.NewCheck("Preview redacted", func(bool) { t.showPage() })
	t.suggest = widget.NewButtonWithIcon("Suggest marks", theme.SearchIcon(), t.onSuggest)
	t.accept = widget.NewButtonWithIcon("Accept", theme.ConfirmIcon(), t.onAcceptSelected)
	t.reject = widget.NewButtonWithIcon("Reject", theme.CancelIcon(), t.onRejectSelected)
	t.remove = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), func() { t.onDelete(t.mc.selected) })
	t.acceptAll = widget.NewButtonWithIcon("Accept all suggestions", theme.ConfirmIcon(), t.onAcceptAll)
	t.bar = widget.NewProgressBar()
	t.bar.Hide()
	t.info = widget.NewLabel("")
	t.info.Wrapping = fyne.TextWrapWord
	t.help = widget.NewLabel("Drag on the page to black out an area. Tap a box to select it; Delete removes it. " +
		"Dragging a selected box moves it: the case records a new box in its place and the old one as removed (\"moved to box N\"). " +
		"Black boxes are accepted, orange ones are suggestions.")
	t.help.Wrapping = fyne.TextWrapWord
	t.help.SizeName = theme.SizeNameCaptionText
	// Two short rows, so the tool bar never forces the panes beside it shut.
	tools := container.NewVBox(
		container.NewHBox(t.suggest, widget.NewSeparator(), t.previewChk, t.pageSel),
		container.NewHBox(t.accept, t.reject, t.remove, widget.NewSeparator(), t.acceptAll),
		t.bar, t.help, t.info)
	centre := container.NewBorder(tools, nil, nil, nil, t.centre)

	t.termList = widget.NewList(func() int { return len(t.terms) }, t.newTermRow, t.updateTermRow)
	addTerm := widget.NewButtonWithIcon("Add term…", theme.ContentAddIcon(), t.onAddTerm)
	t.termNote = widget.NewLabel("")
	t.termNote.Wrapping = fyne.TextWrapWord
	right := container.NewBorder(container.NewVBox(
		widget.NewLabelWithStyle("Terms redacted everywhere", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		addTerm, t.termNote), nil, nil, nil, t.termList)

	inner := container.NewHSplit(centre, right)
	inner.Offset = 0.64
	// The rows wrap, so their heights follow the pane's width.
	split := container.NewHSplit(container.New(&widthWatch{onWidth: t.fitRows}, t.list), inner)
	split.Offset = 0.2
	t.updateButtons()
	return split
}

// newExhibitRow is a row of the exhibit list: ref and title in bold, then
// what the bundle does to the exhibit. Both wrap rather than end in an
// ellipsis, so a narrow pane (a 1024×600 screen) shows them whole on more
// lines; fitRows gives each row the height its text needs.
func newExhibitRow() fyne.CanvasObject {
	a := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	a.Wrapping = fyne.TextWrapWord
	b := widget.NewLabel("")
	b.Wrapping = fyne.TextWrapWord
	b.SizeName = theme.SizeNameCaptionText
	return container.NewVBox(a, b)
}

func (t *redactTab) fillExhibitRow(o fyne.CanvasObject, ex casefile.Exhibit) {
	box := o.(*fyne.Container)
	box.Objects[0].(*widget.Label).SetText(ex.Ref + "  " + ex.Title)
	box.Objects[1].(*widget.Label).SetText(t.exhibitSummary(ex))
	box.Refresh() // new text may wrap onto more lines: lay the row out again
}

// fitRows sets each exhibit row's height to what its wrapped text needs
// at the list's width (0: the width it last had).
func (t *redactTab) fitRows(width float32) {
	if width <= 0 {
		width = t.list.Size().Width
	}
	if width <= 0 {
		return
	}
	row := newExhibitRow()
	for i, ex := range t.exs {
		t.fillExhibitRow(row, ex)
		row.Resize(fyne.NewSize(width, 1000))
		t.list.SetItemHeight(i, row.MinSize().Height)
	}
}

// refreshList redraws the exhibit list after its entries or their counts
// changed.
func (t *redactTab) refreshList() {
	t.fitRows(0)
	t.list.Refresh()
}

// widthWatch lays out its one object over the whole space and calls
// onWidth when the width changes.
type widthWatch struct {
	width   float32
	onWidth func(float32)
}

func (w *widthWatch) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
	if size.Width != w.width {
		w.width = size.Width
		w.onWidth(size.Width)
	}
}

func (w *widthWatch) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objs {
		m = m.Max(o.MinSize())
	}
	return m
}

// exhibitSummary is the second line of an exhibit in the list: what the
// bundle's redaction does to it, as counted by the bundle's own pipeline,
// and the suggestions on it waiting for review.
func (t *redactTab) exhibitSummary(ex casefile.Exhibit) string {
	sug := t.sugBy[ex.Ref]
	// Terms belong to the whole case: those found in this exhibit's text
	// are waiting for review here too.
	for _, tc := range t.terms {
		if tc.Mark.Status == casefile.MarkSuggested && slices.Contains(tc.Where, ex.Ref) {
			sug++
		}
	}
	kind := redactKind(ex)
	var parts []string
	mc, counted := t.counts[ex.Ref]
	switch {
	case !counted:
		parts = append(parts, "counting…")
	case mc.NotReproduced != "":
		parts = append(parts, "listed in bundles, not shown")
	case mc.Unboxed:
		parts = append(parts, "names a marked value with no box over it")
	case mc.Applied == 0:
		parts = append(parts, "nothing redacted")
	case kind == "text" || kind == "sheet":
		parts = append(parts, count(mc.Applied, "value hidden", "values hidden")+" in the bundle")
	default:
		parts = append(parts, count(mc.Applied, "box", "boxes")+" blacked out")
	}
	if sug > 0 {
		parts = append(parts, numfmt.Thousands(sug)+" suggested")
	}
	return kind + " · " + strings.Join(parts, ", ")
}

// redactKind is how the Redact tab shows an exhibit: image, pdf, text,
// or sheet (a workbook or CSV, shown as the bundle prints it), or "".
func redactKind(ex casefile.Exhibit) string {
	if marks.IsSheet(ex.MediaType) {
		return "sheet"
	}
	return previewKind(ex.MediaType)
}

// reload re-reads the exhibits and marks, then the terms, in the
// background: a case of 100,000 rows has 130,000 marks, and reading them
// on the UI goroutine froze the window for a second when the tab was
// first shown.
func (t *redactTab) reload() {
	ctx, c := t.cw.ctx, t.cw.c
	var (
		exs []casefile.Exhibit
		ms  []casefile.Mark
		err error
	)
	t.loads.read(t.cw, func() {
		exs, err = c.Exhibits(ctx)
		if err == nil {
			ms, err = c.Marks(ctx, "")
		}
	}, func() {
		if err != nil {
			showError(t.cw.win, err)
			return
		}
		t.show(exs, ms)
	})
}

// show lists exhibits and marks as read by reload, then counts the terms
// in the background (counting them reads every text exhibit).
func (t *redactTab) show(exs []casefile.Exhibit, ms []casefile.Mark) {
	ctx, c := t.cw.ctx, t.cw.c
	t.marks = ms
	t.sugBy = map[string]int{}
	for _, m := range ms {
		if m.Status == casefile.MarkSuggested && m.Exhibit != "" {
			t.sugBy[m.Exhibit]++
		}
	}
	t.exs = t.exs[:0]
	for _, ex := range exs {
		if redactKind(ex) != "" {
			t.exs = append(t.exs, ex)
		}
	}
	if t.list == nil {
		return
	}
	t.refreshList()
	switch {
	case t.ref != "" && slices.ContainsFunc(t.exs, func(e casefile.Exhibit) bool { return e.Ref == t.ref }):
		t.showPage()
	case len(t.exs) > 0:
		t.list.Select(0)
		t.list.ScrollToTop() // Select scrolls before the list has a size, hiding half the first row
	default:
		t.ref = ""
		t.setCentre(note("No exhibits to redact yet.\n\nAdd screenshots, data sheets and letters on the Exhibits tab " +
			"(or drag them onto this window), then pick one on the left to black out what must not be shown."))
	}
	t.cw.goBackground(func() {
		// A case of 100,000 rows has over 100,000 terms to count in a
		// 12 MB sheet: a second or more, so the pane says how far it is.
		shown := -1
		terms, err := c.TermCountsProgress(ctx, func(done, total int) {
			if pc := 100 * done / max(total, 1); pc != shown {
				shown = pc
				fyne.Do(func() { t.termNote.SetText(fmt.Sprintf("Counting where each term occurs… %d%%", pc)) })
			}
		})
		var p *casefile.Pseudonyms
		if err == nil {
			p, err = c.Pseudonyms(ctx)
		}
		var counts map[string]export.MarkCount
		if err == nil {
			counts, err = export.MarkCounts(ctx, c, export.Options{Renderer: redactRenderer()})
		}
		t.cw.do(func() {
			if err != nil {
				if ctx.Err() == nil {
					showError(t.cw.win, err)
				}
				return
			}
			t.terms, t.pseud, t.counts = terms, p, counts
			t.refreshList()
			t.termList.Refresh()
			acc := 0
			for _, tc := range terms {
				if tc.Mark.Status == casefile.MarkAccepted {
					acc++
				}
			}
			t.termNote.SetText(fmt.Sprintf("%s accepted, %s suggested. Each is replaced by its stand-in (e.g. Phone 3) in the bundle.",
				numfmt.Thousands(acc), numfmt.Thousands(len(terms)-acc)))
		})
	})
}

// selectExhibit shows exhibit ref, loading its pages in the background.
func (t *redactTab) selectExhibit(ref string) {
	if ref == t.ref {
		return
	}
	var ex casefile.Exhibit
	for _, e := range t.exs {
		if e.Ref == ref {
			ex = e
		}
	}
	t.ref, t.kind, t.page, t.pages, t.redacted, t.text, t.previewK = ex.Ref, redactKind(ex), 1, nil, nil, "", ""
	t.mc.selected = 0
	t.pageSel.Hide()
	t.setCentre(note("Loading " + ex.Ref + "…"))
	ctx, c, kind := t.cw.ctx, t.cw.c, t.kind
	var (
		pages  []image.Image
		text   string
		spanOK bool
		err    error
	)
	t.sel.read(t.cw, func() {
		switch kind {
		case "text":
			var data []byte
			data, _, err = c.ReadOriginal(ctx, ref)
			text = casefile.DecodeText(data)
			spanOK = true // spans are offsets into the decoded text, whatever the encoding
		case "sheet":
			text, err = sheetText(ctx, c, ref)
		default:
			pages, err = c.PageImages(ctx, ref, redactRenderer())
		}
	}, func() {
		if err != nil {
			t.setCentre(note("Cannot show " + ref + ": " + err.Error()))
			return
		}
		t.pages, t.text, t.spanOK = pages, text, spanOK
		t.pageSel.Options = nil
		for i := range pages {
			t.pageSel.Options = append(t.pageSel.Options, fmt.Sprintf("Page %d of %d", i+1, len(pages)))
		}
		if len(pages) > 1 {
			t.pageSel.SetSelectedIndex(0)
			t.pageSel.Show()
		}
		t.showPage()
	})
}

func (t *redactTab) setCentre(o fyne.CanvasObject) {
	t.centre.Objects = []fyne.CanvasObject{o}
	t.centre.Refresh()
}

// rectMarks are the selected exhibit's rectangles on page (0 = all pages).
func (t *redactTab) rectMarks(page int, status string) []casefile.Mark {
	var out []casefile.Mark
	for _, m := range t.marks {
		if m.Kind == casefile.MarkRect && m.Exhibit == t.ref && (page == 0 || m.Page == page) && (status == "" || m.Status == status) {
			out = append(out, m)
		}
	}
	return out
}

// showPage shows the current page, or the redacted preview of it.
func (t *redactTab) showPage() {
	if t.ref == "" || t.mc == nil {
		return
	}
	if t.textual() {
		if t.previewChk.Checked && t.previewK != t.previewKey() {
			t.showPreview()
		}
		t.showText()
		return
	}
	if t.pages == nil {
		return // still loading; the load calls showPage again
	}
	if t.page > len(t.pages) {
		t.page = 1
	}
	if t.previewChk.Checked {
		t.showPreview()
		return
	}
	var cms []canvasMark
	for _, m := range t.rectMarks(t.page, "") {
		cms = append(cms, canvasMark{ID: m.ID, Status: m.Status, R: frac{m.X, m.Y, m.W, m.H}})
	}
	t.mc.setPage(t.pages[t.page-1], cms, true)
	t.setCentre(t.mc)
	t.updateButtons()
}

// previewKey names the accepted marks, so a preview is made again only
// when they change (terms and spans change a text's preview too).
func (t *redactTab) previewKey() string {
	var b strings.Builder
	b.WriteString(t.ref)
	for _, m := range t.marks {
		if m.Status == casefile.MarkAccepted {
			fmt.Fprintf(&b, "|%d", m.ID)
		}
	}
	return b.String()
}

// showPreview shows the exhibit as the export will carry it, made by the
// export's own pipeline (export.PreviewExhibit): boxes burnt into pages,
// stand-ins in texts and sheets.
func (t *redactTab) showPreview() {
	key := t.previewKey()
	if t.previewK == key && (t.redacted != nil || t.textual()) {
		if t.textual() {
			t.showText()
			return
		}
		if t.page <= len(t.redacted) {
			t.mc.setPage(t.redacted[t.page-1], nil, false)
			t.setCentre(t.mc)
		}
		t.updateButtons()
		return
	}
	t.setCentre(note("Redacting " + t.ref + " as the export will…"))
	ctx, c, ref := t.cw.ctx, t.cw.c, t.ref
	var (
		p   export.ExhibitPreview
		err error
	)
	t.sel.more(t.cw, func() {
		p, err = export.PreviewExhibit(ctx, c, ref, export.Options{Renderer: redactRenderer()})
	}, func() {
		if err == nil && p.NotReproduced != "" {
			err = fmt.Errorf("%s is %s, which cannot be redacted: a bundle lists it with its hash and does not show it", ref, p.NotReproduced)
		}
		if err != nil {
			t.setCentre(note("Cannot make the redacted copy: " + err.Error()))
			return
		}
		t.redacted, t.previewText, t.previewK = p.Pages, p.Text, key
		if t.previewChk.Checked {
			t.showPage()
		}
	})
}

// selectedMark is the mark selected on the canvas.
func (t *redactTab) selectedMark() (casefile.Mark, bool) {
	for _, m := range t.marks {
		if m.ID == t.mc.selected && m.ID != 0 {
			return m, true
		}
	}
	return casefile.Mark{}, false
}

// updateButtons enables what applies to the selection and describes it.
func (t *redactTab) updateButtons() {
	if t.accept == nil {
		return
	}
	sug := 0
	for _, m := range t.marks {
		if m.Status == casefile.MarkSuggested {
			sug++
		}
	}
	setEnabled(t.acceptAll, sug > 0)
	t.help.Show()
	t.info.Show()
	m, ok := t.selectedMark()
	previewing := t.previewChk.Checked
	setEnabled(t.accept, ok && !previewing && m.Status == casefile.MarkSuggested)
	setEnabled(t.reject, ok && !previewing && m.Status == casefile.MarkSuggested)
	setEnabled(t.remove, ok && !previewing)
	switch {
	case previewing && t.textual():
		t.help.Hide()
		t.info.SetText("Preview: the text exactly as the bundle will carry it, every accepted term replaced by its stand-in.")
	case previewing:
		t.info.SetText("Preview: the page exactly as the bundle will carry it (accepted boxes burnt in, suggestions left out).")
	case t.textual():
		t.info.SetText("")
		t.help.Hide()
		t.info.Hide()
		return
	case ok:
		where := ""
		if m.Value != "" {
			where = fmt.Sprintf(", where %s %q appears", m.ValueKind, m.Value)
		}
		t.info.SetText(fmt.Sprintf("Box %d on page %d: %s, %s%s.", m.ID, m.Page, m.Status, m.Origin, where))
	default:
		n := len(t.rectMarks(t.page, ""))
		t.info.SetText(fmt.Sprintf("%d %s on this page.", n, plural(n, "box", "boxes")))
	}
}

func setEnabled(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// changed re-reads everything after the case changed, keeping selection id.
func (t *redactTab) changed(selectID int64) {
	t.mc.selected = selectID
	t.cw.reload()
}

// onDraw adds a rectangle the person drew.
func (t *redactTab) onDraw(r frac) {
	m, err := t.cw.c.AddRectMark(t.cw.ctx, t.ref, t.page, r.X, r.Y, r.W, r.H)
	if err != nil {
		showError(t.cw.win, err)
		return
	}
	t.changed(m.ID)
	t.cw.setStatus(fmt.Sprintf("Box %d added to %s page %d", m.ID, t.ref, t.page))
}

// onMove moves a rectangle. The case does it in one step: a new box
// that supersedes the old, which is recorded as removed (a suggestion as
// rejected) with the reason "moved to box N".
func (t *redactTab) onMove(id int64, r frac) {
	m, err := t.cw.c.MoveRectMark(t.cw.ctx, id, r.X, r.Y, r.W, r.H)
	if err != nil {
		showError(t.cw.win, err)
		t.cw.reload()
		return
	}
	t.changed(m.ID)
	t.cw.setStatus(fmt.Sprintf("Box %d moved: it is now box %d", id, m.ID))
}

// onDelete rejects a suggestion, or asks why before removing an accepted
// mark (the reason goes into the custody log).
func (t *redactTab) onDelete(id int64) {
	m, err := t.cw.c.MarkByID(t.cw.ctx, id)
	if err != nil {
		showError(t.cw.win, err)
		return
	}
	if m.Status == casefile.MarkSuggested {
		t.decide([]int64{id}, false)
		return
	}
	t.askReason(fmt.Sprintf("Remove box %d", id), func(reason string) { t.removeMark(id, reason) })
}

// askReason asks why an accepted mark is removed, then calls done.
func (t *redactTab) askReason(title string, done func(reason string)) {
	reason := widget.NewEntry()
	reason.SetPlaceHolder("e.g. covers the sender's name, which is not personal data")
	item := widget.NewFormItem("Reason", reason)
	item.HintText = "recorded in the custody log"
	d := dialog.NewForm(title, "Remove", "Cancel", []*widget.FormItem{item}, func(ok bool) {
		if ok {
			done(reason.Text)
		}
	}, t.cw.win)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
}

// removeMark withdraws an accepted mark with a reason.
func (t *redactTab) removeMark(id int64, reason string) {
	if err := t.cw.c.RemoveMark(t.cw.ctx, id, reason); err != nil {
		showError(t.cw.win, err)
		return
	}
	t.changed(0)
}

// decide accepts or rejects suggestions.
func (t *redactTab) decide(ids []int64, accept bool) {
	var err error
	if accept {
		_, err = t.cw.c.AcceptMarks(t.cw.ctx, ids, false)
	} else {
		_, err = t.cw.c.RejectMarks(t.cw.ctx, ids, false)
	}
	if err != nil {
		showError(t.cw.win, err)
	}
	keep := t.mc.selected
	if !accept {
		keep = 0
	}
	t.changed(keep)
}

func (t *redactTab) onAcceptSelected() {
	if m, ok := t.selectedMark(); ok {
		t.decide([]int64{m.ID}, true)
	}
}

func (t *redactTab) onRejectSelected() {
	if m, ok := t.selectedMark(); ok {
		t.decide([]int64{m.ID}, false)
	}
}

// onAcceptAll asks, then accepts every suggestion in the case.
func (t *redactTab) onAcceptAll() {
	n := 0
	for _, m := range t.marks {
		if m.Status == casefile.MarkSuggested {
			n++
		}
	}
	dialog.ShowConfirm("Accept all suggestions",
		fmt.Sprintf("Accept all %d suggested marks (terms and boxes, on every exhibit)? Each is recorded in the custody log.", n),
		func(ok bool) {
			if ok {
				t.acceptAllNow()
			}
		}, t.cw.win)
}

func (t *redactTab) acceptAllNow() {
	n, err := t.cw.c.AcceptMarks(t.cw.ctx, nil, true)
	if err != nil {
		showError(t.cw.win, err)
	}
	t.changed(t.mc.selected)
	t.cw.setStatus(numfmt.Thousands(n) + " suggestions accepted")
}

// newTermRow is a row of the term list: the value with its kind and
// stand-in, where it occurs, and buttons to decide on it.
func (t *redactTab) newTermRow() fyne.CanvasObject {
	var lines []fyne.CanvasObject
	for i := 0; i < 3; i++ {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		if i == 0 {
			l.TextStyle.Bold = true
		} else {
			l.SizeName = theme.SizeNameCaptionText
		}
		lines = append(lines, l)
	}
	acc := widget.NewButtonWithIcon("", theme.ConfirmIcon(), nil)
	rej := widget.NewButtonWithIcon("", theme.CancelIcon(), nil)
	return container.NewBorder(nil, nil, nil, container.NewVBox(acc, rej), container.NewVBox(lines...))
}

func (t *redactTab) updateTermRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(t.terms) {
		return
	}
	tc := t.terms[id]
	m := tc.Mark
	row := o.(*fyne.Container)
	text := row.Objects[0].(*fyne.Container)
	btns := row.Objects[1].(*fyne.Container)
	acc, rej := btns.Objects[0].(*widget.Button), btns.Objects[1].(*widget.Button)
	label := t.pseud.Label(m.ValueKind, m.ValueKey)
	if label == "" {
		label = "no stand-in until accepted"
	}
	where := "not found in texts or messages"
	if tc.Count > 0 {
		where = fmt.Sprintf("%d× in %s", tc.Count, strings.Join(tc.Where, ", "))
	}
	for i, s := range []string{m.Value, fmt.Sprintf("%s · %s → %s", m.Status, kindWords(m.ValueKind), label), where} {
		text.Objects[i].(*widget.Label).SetText(s)
	}
	if m.Status == casefile.MarkSuggested {
		acc.Show()
		acc.OnTapped = func() { t.decide([]int64{m.ID}, true) }
		rej.OnTapped = func() { t.decide([]int64{m.ID}, false) }
	} else {
		acc.Hide()
		rej.OnTapped = func() {
			t.askReason("Stop redacting "+m.Value, func(reason string) { t.removeMark(m.ID, reason) })
		}
	}
}

// termKinds are the kinds a person may give a term, with the words the
// app shows for each; "" lets the case guess.
var termKinds = []struct{ key, words string }{
	{"", "(let Dossier guess)"},
	{"name", "name"},
	{"phone", "phone number"},
	{"address", "address"},
	{"email", "email address"},
	{"postcode", "postcode"},
	{"ni", "National Insurance number"},
	{"uprn", "property number (UPRN)"},
	{"text", "other text"},
}

// kindWords is a term's kind as the app shows it: "uprn" is "property
// number (UPRN)".
func kindWords(kind string) string {
	for _, k := range termKinds {
		if k.key == kind && kind != "" {
			return k.words
		}
	}
	return kind
}

// onAddTerm asks for a value to redact everywhere.
func (t *redactTab) onAddTerm() {
	value := widget.NewEntry()
	value.SetPlaceHolder("e.g. Alex Example or 07700 900123")
	var words []string
	for _, k := range termKinds {
		words = append(words, k.words)
	}
	kind := widget.NewSelect(words, nil)
	kind.SetSelectedIndex(0)
	items := []*widget.FormItem{widget.NewFormItem("Value", value), widget.NewFormItem("Kind", kind)}
	items[0].HintText = "redacted in every exhibit, row and message, in every way it is written"
	d := dialog.NewForm("Add a term to redact", "Add", "Cancel", items, func(ok bool) {
		if ok {
			t.addTerm(value.Text, termKinds[max(kind.SelectedIndex(), 0)].key)
		}
	}, t.cw.win)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
}

func (t *redactTab) addTerm(value, kind string) {
	m, err := t.cw.c.AddTermMark(t.cw.ctx, value, kind)
	if err != nil {
		showError(t.cw.win, err)
		return
	}
	t.changed(t.mc.selected)
	t.cw.setStatus(fmt.Sprintf("Term %d (%s) will be redacted everywhere; Suggest marks finds it on images", m.ID, kindWords(m.ValueKind)))
}

// onSuggest proposes terms from the rows, messages and texts, then boxes
// where they appear on images and PDF pages (by OCR). Without tesseract the
// term suggestions stay and the person is told how to install it.
func (t *redactTab) onSuggest() {
	t.suggest.Disable()
	t.bar.SetValue(0)
	t.bar.Show()
	t.cw.setStatus("Looking for names and numbers…")
	ctx, c := t.cw.ctx, t.cw.c
	t.cw.goBackground(func() {
		res, err := c.SuggestMarks(ctx)
		var boxes int
		var rectErr error
		if err == nil {
			boxes, rectErr = c.SuggestRects(ctx, redactOCR(), redactRenderer(), func(done, total int) {
				if total > 0 {
					t.cw.do(func() { t.bar.SetValue(float64(done) / float64(total)) })
				}
			})
		}
		t.cw.do(func() {
			t.suggest.Enable()
			t.bar.Hide()
			if err != nil {
				showError(t.cw.win, err)
				return
			}
			t.changed(t.mc.selected)
			msg := fmt.Sprintf("%s from %s, %s on images", count(res.New, "new term suggestion", "new term suggestions"),
				count(res.Scanned, "text", "texts"), count(boxes, "box", "boxes"))
			t.cw.setStatus(msg)
			switch {
			case errors.Is(rectErr, ocr.ErrMissing):
				dialog.ShowInformation("Boxes on images not suggested",
					fmt.Sprintf("%s new term suggestions were kept. To find them on screenshots and scans too:\n\n%s",
						numfmt.Thousands(res.New), rectErr.Error()), t.cw.win)
			case rectErr != nil && ctx.Err() == nil:
				showError(t.cw.win, rectErr)
			}
		})
	})
}

// shownText is what the text view shows: the text, or its redacted form
// as the bundle will print it (made by showPreview).
func (t *redactTab) shownText() string {
	if t.previewChk == nil || !t.previewChk.Checked {
		return t.text
	}
	if t.previewK != t.previewKey() {
		return "Redacting " + t.ref + " as the export will…"
	}
	return t.previewText
}

// redactTextRun is how much of a text exhibit the Redact tab shows: an
// editable, wrapping entry slows badly past a few thousand lines.
const redactTextRun = 16 << 10

// showText shows a text exhibit; spans are marked by selecting text.
func (t *redactTab) showText() {
	// A transcribed sheet can run to 100,000 lines, which a text widget
	// cannot lay out in reasonable time. Only a prefix is shown, so
	// selections still map to the same byte offsets of the whole text.
	shown, cut := t.shownText(), false
	if utf8.RuneCountInString(shown) > redactTextRun {
		shown, cut = string([]rune(shown)[:redactTextRun]), true
	}
	t.textShown = shown // before SetText, whose OnChanged restores textShown
	t.textView.SetText(shown)
	n := 0
	for _, m := range t.marks {
		if m.Kind == casefile.MarkSpan && m.Exhibit == t.ref {
			n++
		}
	}
	setEnabled(t.markText, t.spanOK && !t.previewChk.Checked)
	msg := fmt.Sprintf("%d blacked-out passages. Select text and press \"Black out selected text\"; "+
		"the preview shows them as %s. Terms on the right are replaced by their stand-ins at export.", n, redact.Block)
	switch {
	case t.previewChk.Checked:
		msg = "This is the bundle's copy. Untick Preview redacted to see the original."
	case t.kind == "sheet":
		msg = "A sheet is shown, and redacted, cell by cell as the bundle prints it: add a name or number as a term on the right, " +
			"and every cell holding it shows its stand-in. Tick Preview redacted to see the bundle's copy."
	case !t.spanOK:
		msg = "Passages of this text cannot be marked by position; add a term on the right instead."
	}
	if t.kind == "sheet" {
		t.markText.Hide()
	} else {
		t.markText.Show()
	}
	if cut {
		msg += fmt.Sprintf(" Only the first %d characters are shown; add terms on the right to redact the rest.", redactTextRun)
	}
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord // a long line would widen the pane and shut its neighbours
	t.setCentre(container.NewBorder(container.NewVBox(l, t.markText), nil, nil, nil, t.textView))
	t.updateButtons()
}

// onMarkText marks the selected text of a text exhibit as a span. The
// entry reports the selection as text and the cursor as a character
// offset at one end of it; the span is worked out in bytes from those.
func (t *redactTab) onMarkText() {
	sel := t.textView.SelectedText()
	if sel == "" {
		dialog.ShowInformation("Nothing selected", "Select the words to black out first.", t.cw.win)
		return
	}
	start, end, ok := selectionBytes(t.text, sel, t.textView.CursorTextOffset())
	if !ok {
		dialog.ShowInformation("Cannot mark the selection", "Select the text again and retry.", t.cw.win)
		return
	}
	if _, err := t.cw.c.AddSpanMark(t.cw.ctx, t.ref, start, end); err != nil {
		showError(t.cw.win, err)
		return
	}
	t.changed(0)
}

// selectionBytes finds sel next to the cursor (a character offset at
// either end of the selection) and returns its byte range in text.
func selectionBytes(text, sel string, cursor int) (int, int, bool) {
	runes := []rune(text)
	n := len([]rune(sel))
	for _, s := range []int{cursor - n, cursor} {
		if s >= 0 && s+n <= len(runes) && string(runes[s:s+n]) == sel {
			b := len(string(runes[:s]))
			return b, b + len(sel), true
		}
	}
	return 0, 0, false
}

// textual reports whether the selected exhibit shows as text: a text
// file, or a sheet as the bundle prints it.
func (t *redactTab) textual() bool { return t.kind == "text" || t.kind == "sheet" }

// sheetText is a sheet exhibit as the bundle prints it unredacted: every
// worksheet, cell by cell, as CSV.
func sheetText(ctx context.Context, c *casefile.Case, ref string) (string, error) {
	data, ex, err := c.ReadOriginal(ctx, ref)
	if err != nil {
		return "", err
	}
	cp, err := marks.Unredacted(ex, data)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, s := range cp.Sheets {
		if s.Name != "" && len(cp.Sheets) > 1 {
			b.WriteString("Sheet " + s.Name + "\n")
		}
		csv, err := s.CSV()
		if err != nil {
			return "", err
		}
		b.Write(csv)
	}
	return b.String(), nil
}
