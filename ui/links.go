package ui

import (
	"context"
	"fmt"
	"image"
	"maps"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	xdraw "golang.org/x/image/draw"

	"dossier/casefile"
	"dossier/internal/numfmt"
)

// gapRowsShown bounds the unlinked rows listed; a sheet can have thousands.
const gapRowsShown = 200

// linksTab joins messages to the rows of the leaked sheets: automatically
// by phone, proposed by name and address for review, or by hand.
//
// Its messages and links are one list that draws only the lines on
// screen: 100 messages linked to 5,310 rows made a widget for every line,
// which took seconds to build, and every later change of tab refreshed
// them all again.
type linksTab struct {
	cw      *caseWindow
	msgs    []casefile.Message
	links   []casefile.Link
	gapMsgs []int64
	gapRows []int64
	total   int                    // rows in the case
	rows    map[int64]casefile.Row // linked rows and the first unlinked ones, read in the background
	thumbs  map[string]image.Image // decoded screenshots by exhibit ref
	last    string                 // the last result shown, for tests
	reads   latest                 // the messages, links and rows being read

	counts   *widget.Label
	auto     *widget.Button
	showGaps *widget.Check
	list     *widget.List
	items    []linkItem
	parts    map[fyne.CanvasObject]*linkLineParts
}

// linkItem is one line of the list: a message with its screenshot, one of
// its links, or a line of text (a warning, a heading, an unlinked row).
type linkItem struct {
	kind linkItemKind
	msg  casefile.Message
	link casefile.Link
	text string
}

type linkItemKind int

const (
	itemMessage linkItemKind = iota
	itemLink
	itemWarning
	itemHeading
	itemText
)

// linkLineParts are the widgets of one line of the list, set for the item
// it shows.
type linkLineParts struct {
	thumb      *canvas.Image
	head, text *widget.Label
	b1, b2     *widget.Button
}

func newLinksTab(cw *caseWindow) *linksTab {
	return &linksTab{cw: cw, rows: map[int64]casefile.Row{}, thumbs: map[string]image.Image{}, parts: map[fyne.CanvasObject]*linkLineParts{}}
}

func (t *linksTab) buildUI() fyne.CanvasObject {
	t.counts = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.counts.Wrapping = fyne.TextWrapWord
	t.auto = widget.NewButtonWithIcon("Link automatically", theme.MediaReplayIcon(), t.onAutoLink)
	t.auto.Importance = widget.HighImportance
	manual := widget.NewButtonWithIcon("Link by hand…", theme.ContentAddIcon(), t.onLinkByHand)
	t.showGaps = widget.NewCheck("Show unlinked", func(bool) { t.rebuild() })
	t.list = widget.NewList(func() int { return len(t.items) }, t.newLine, t.updateLine)
	t.list.HideSeparators = true
	top := container.NewVBox(t.counts, container.NewHBox(t.auto, manual, t.showGaps), widget.NewSeparator())
	return container.NewBorder(top, nil, nil, nil, t.list)
}

// reload re-reads messages, links, gaps and the rows to show in the
// background: finding the unlinked rows reads every row, which on a case
// of 100,000 held the window up as it opened.
func (t *linksTab) reload() {
	ctx, c := t.cw.ctx, t.cw.c
	known := map[string]bool{} // screenshots with a thumbnail already
	for ref := range t.thumbs {
		known[ref] = true
	}
	var (
		ms               []casefile.Message
		links            []casefile.Link
		gapMsgs, gapRows []int64
		total            int
		rows             = map[int64]casefile.Row{}
		thumbs           = map[string]image.Image{}
		err              error
	)
	t.reads.read(t.cw, func() {
		ms, err = c.Messages(ctx)
		if err == nil {
			links, err = c.Links(ctx, false)
		}
		if err == nil {
			gapMsgs, gapRows, err = c.Gaps(ctx)
		}
		if err == nil {
			total, err = c.CountRows(ctx, casefile.RowQuery{})
		}
		if err == nil {
			for _, l := range links {
				if _, ok := rows[l.RowID]; !ok {
					rows[l.RowID] = readRow(ctx, c, l.RowID)
				}
			}
			for _, id := range gapRows[:min(len(gapRows), gapRowsShown)] {
				rows[id] = readRow(ctx, c, id)
			}
		}
		for _, m := range ms {
			if _, ok := thumbs[m.Exhibit]; !ok && !known[m.Exhibit] {
				thumbs[m.Exhibit] = thumbnail(t.cw, m.Exhibit)
			}
		}
	}, func() {
		if err != nil {
			showError(t.cw.win, err)
			return
		}
		t.msgs, t.links, t.gapMsgs, t.gapRows, t.total, t.rows = ms, links, gapMsgs, gapRows, total, rows
		maps.Copy(t.thumbs, thumbs)
		if t.list != nil {
			t.rebuild()
		}
	})
}

// readRow reads a row by id, or stands in for one that is gone.
func readRow(ctx context.Context, c *casefile.Case, id int64) casefile.Row {
	r, err := c.RowByID(ctx, id)
	if err != nil {
		r = casefile.Row{ID: id, Name: "(row " + strconv.FormatInt(id, 10) + " not found)"}
	}
	return r
}

// row returns a row by id, remembering it.
func (t *linksTab) row(id int64) casefile.Row {
	if r, ok := t.rows[id]; ok {
		return r
	}
	r := readRow(t.cw.ctx, t.cw.c, id)
	t.rows[id] = r
	return r
}

// countText is the summary at the top of the tab.
func (t *linksTab) countText() string {
	proposed := 0
	for _, l := range t.links {
		if l.Status == casefile.StatusProposed {
			proposed++
		}
	}
	return fmt.Sprintf("Messages: %s linked, %s unlinked   ·   Rows: %s linked, %s unlinked   ·   %s awaiting review",
		numfmt.Thousands(len(t.msgs)-len(t.gapMsgs)), numfmt.Thousands(len(t.gapMsgs)), numfmt.Thousands(t.total-len(t.gapRows)), numfmt.Thousands(len(t.gapRows)),
		count(proposed, "proposal", "proposals"))
}

// rebuild lists every message with its links, and the gaps if asked.
func (t *linksTab) rebuild() {
	t.counts.SetText(t.countText())
	t.items = t.listItems()
	t.list.Refresh()
}

// listItems are the lines of the list: each message, then its links (or
// a warning that it has none), then the gaps if asked.
func (t *linksTab) listItems() []linkItem {
	var items []linkItem
	if len(t.msgs) == 0 {
		items = append(items, linkItem{kind: itemText, text: "No messages yet. Add them in the Messages tab, import rows in the Rows tab, then link them here."})
	}
	byMsg := map[int64][]casefile.Link{}
	for _, l := range t.links {
		byMsg[l.MessageID] = append(byMsg[l.MessageID], l)
	}
	for _, m := range t.msgs {
		items = append(items, linkItem{kind: itemMessage, msg: m})
		ls := byMsg[m.ID]
		if len(ls) == 0 {
			items = append(items, linkItem{kind: itemWarning, text: "not linked to any row"})
		}
		for _, l := range ls {
			items = append(items, linkItem{kind: itemLink, link: l})
		}
	}
	if t.showGaps.Checked {
		items = append(items, t.gapItems()...)
	}
	return items
}

// gapItems list the messages and rows not linked to anything.
func (t *linksTab) gapItems() []linkItem {
	items := []linkItem{{kind: itemHeading, text: fmt.Sprintf("Unlinked messages (%d)", len(t.gapMsgs))}}
	for _, id := range t.gapMsgs {
		for _, m := range t.msgs {
			if m.ID == id {
				items = append(items, linkItem{kind: itemText, text: fmt.Sprintf("   message %d: %s → %s, %s (%s)", m.ID, m.From, m.To, m.At.Format(msgTimeLayout), m.Exhibit)})
			}
		}
	}
	items = append(items, linkItem{kind: itemHeading, text: fmt.Sprintf("Unlinked rows (%s)", numfmt.Thousands(len(t.gapRows)))})
	for i, id := range t.gapRows {
		if i == gapRowsShown {
			items = append(items, linkItem{kind: itemText, text: fmt.Sprintf("   … and %s more; search them in the Rows tab", numfmt.Thousands(len(t.gapRows)-gapRowsShown))})
			break
		}
		r := t.row(id)
		phone := r.Phone
		if r.NoPhone() {
			phone = "no phone"
		}
		items = append(items, linkItem{kind: itemText, text: fmt.Sprintf("   row %d (%s line %d): %s, %s, %s", r.ID, r.Exhibit, r.SourceLine, r.Name, r.Address, phone)})
	}
	return items
}

// newLine is the list's template: a thumbnail, two lines of text and two
// buttons, each shown as an item needs. Every line has the same height
// (two lines of text): lines of their own heights made each change to
// the list go through all 5,400 of them, which froze the window.
func (t *linksTab) newLine() fyne.CanvasObject {
	p := &linkLineParts{
		thumb: canvas.NewImageFromImage(nil),
		head:  widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		text:  widget.NewLabel(""),
		b1:    widget.NewButton("", nil),
		b2:    widget.NewButton("", nil),
	}
	p.thumb.FillMode = canvas.ImageFillContain
	p.thumb.SetMinSize(fyne.NewSize(48, 48))
	p.text.Truncation = fyne.TextTruncateEllipsis
	p.head.Truncation = fyne.TextTruncateEllipsis
	for _, o := range []fyne.CanvasObject{p.thumb, p.b1, p.b2} {
		o.Hide()
	}
	root := container.NewBorder(nil, nil, p.thumb, container.NewHBox(p.b1, p.b2), container.NewVBox(p.head, p.text))
	t.parts[root] = p
	return root
}

// updateLine sets line obj to show item id.
func (t *linksTab) updateLine(id widget.ListItemID, obj fyne.CanvasObject) {
	p, ok := t.parts[obj]
	if !ok || id >= len(t.items) {
		return
	}
	it := t.items[id]
	for _, o := range []fyne.CanvasObject{p.thumb, p.b1, p.b2} {
		o.Hide()
	}
	p.head.Importance, p.head.TextStyle = widget.MediumImportance, fyne.TextStyle{}
	p.text.Importance = widget.MediumImportance
	p.text.SetText("")
	switch it.kind {
	case itemMessage:
		m := it.msg
		p.head.TextStyle = fyne.TextStyle{Bold: true}
		p.head.SetText(fmt.Sprintf("Message %d   %s   %s → %s   (%s)", m.ID, m.At.Format(msgTimeLayout), m.From, m.To, m.Exhibit))
		p.text.SetText(oneLine(m.Body, 120))
		p.thumb.Image = t.thumb(m.Exhibit)
		p.thumb.Show()
		p.thumb.Refresh()
	case itemLink:
		t.linkLine(p, it.link)
	case itemWarning:
		p.head.Importance = widget.WarningImportance
		p.head.SetText("   " + it.text)
	case itemHeading:
		p.head.TextStyle = fyne.TextStyle{Bold: true}
		p.head.SetText(it.text)
	default:
		p.head.SetText(it.text)
	}
	p.head.Refresh()
	p.text.Refresh()
}

// linkLine sets p to show one link: the row, the basis and status, and
// what can be done.
func (t *linksTab) linkLine(p *linkLineParts, l casefile.Link) {
	r := t.row(l.RowID)
	phone := r.Phone
	if r.NoPhone() {
		phone = "no phone"
	}
	p.head.SetText(fmt.Sprintf("   row %d: %s, %s, %s", r.ID, r.Name, r.Address, phone))
	p.text.SetText(fmt.Sprintf("   %s, %s", l.Basis, l.Status))
	button := func(b *widget.Button, label string, icon fyne.Resource, imp widget.Importance, tapped func()) {
		b.SetText(label)
		b.SetIcon(icon)
		b.Importance = imp
		b.OnTapped = tapped
		b.Show()
		b.Refresh()
	}
	switch l.Status {
	case casefile.StatusProposed:
		p.head.Importance, p.text.Importance = widget.WarningImportance, widget.WarningImportance
		button(p.b1, "Accept", theme.ConfirmIcon(), widget.SuccessImportance, func() { t.accept(l) })
		button(p.b2, "Reject", theme.CancelIcon(), widget.MediumImportance, func() {
			t.askReason("Reject this proposed link", func(reason string) { t.reject(l, reason) })
		})
	case casefile.StatusLinked:
		button(p.b1, "Remove", theme.DeleteIcon(), widget.MediumImportance, func() {
			t.askReason("Remove this link", func(reason string) { t.remove(l, reason) })
		})
	}
}

// thumb is a message's screenshot as a thumbnail, made once; nil if it
// is not an image.
func (t *linksTab) thumb(ref string) image.Image {
	if img, ok := t.thumbs[ref]; ok {
		return img
	}
	img := thumbnail(t.cw, ref)
	t.thumbs[ref] = img
	return img
}

// thumbHeight is the height thumbnails are kept at: twice what the list
// shows, for screens that scale by two. A phone's screenshot decoded in
// full is 10 MB.
const thumbHeight = 128

// thumbnail reads exhibit ref (decodeExhibit) and scales it down to
// thumbHeight; nil if it is not an image.
func thumbnail(cw *caseWindow, ref string) image.Image {
	img, err := decodeExhibit(cw, ref)
	if err != nil {
		return nil
	}
	b := img.Bounds()
	if b.Dy() <= thumbHeight {
		return img
	}
	w := max(1, b.Dx()*thumbHeight/b.Dy())
	dst := image.NewRGBA(image.Rect(0, 0, w, thumbHeight))
	xdraw.ApproxBiLinear.Scale(dst, dst.Bounds(), img, b, xdraw.Src, nil)
	return dst
}

func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// askReason asks why, then runs do with the reason given.
func (t *linksTab) askReason(title string, do func(reason string)) {
	e := widget.NewEntry()
	e.SetPlaceHolder("why, in a few words (recorded in the custody log)")
	d := dialog.NewForm(title, "OK", "Cancel", []*widget.FormItem{widget.NewFormItem("Reason", e)}, func(ok bool) {
		if ok {
			do(strings.TrimSpace(e.Text))
		}
	}, t.cw.win)
	d.Resize(fyne.NewSize(520, 180))
	d.Show()
}

// done reloads the case window after a change, or shows err.
func (t *linksTab) done(err error) {
	if err != nil {
		showError(t.cw.win, err)
		return
	}
	t.cw.reload()
}

func (t *linksTab) accept(l casefile.Link) {
	t.done(t.cw.c.AcceptLink(t.cw.ctx, l.MessageID, l.RowID))
}

func (t *linksTab) reject(l casefile.Link, reason string) {
	t.done(t.cw.c.RejectLink(t.cw.ctx, l.MessageID, l.RowID, reason))
}

func (t *linksTab) remove(l casefile.Link, reason string) {
	t.done(t.cw.c.RemoveLink(t.cw.ctx, l.MessageID, l.RowID, reason))
}

// onAutoLink links messages to rows by phone and proposes name+address
// links, then says what it did.
func (t *linksTab) onAutoLink() {
	ctx := t.cw.ctx
	t.cw.goBackground(func() {
		res, err := t.cw.c.AutoLink(ctx)
		t.cw.do(func() {
			if err != nil {
				showError(t.cw.win, err)
				return
			}
			t.cw.reload()
			t.last = count(res.Linked, "link", "links") + " by phone, " + count(res.Proposed, "proposal", "proposals") + " to review"
			dialog.ShowInformation("Linked automatically", t.last, t.cw.win)
		})
	})
}

// onLinkByHand links a chosen message to a row by its id, with a reason.
func (t *linksTab) onLinkByHand() {
	var opts []string
	for _, m := range t.msgs {
		opts = append(opts, fmt.Sprintf("%d: %s → %s, %s", m.ID, m.From, m.To, m.At.Format(msgTimeLayout)))
	}
	msg := widget.NewSelect(opts, nil)
	row := widget.NewEntry()
	row.SetPlaceHolder("row number, as in the Links or Rows tab")
	reason := widget.NewEntry()
	reason.SetPlaceHolder("e.g. the resident confirmed this is their number")
	d := dialog.NewForm("Link a message to a row by hand", "Link", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Message", msg), widget.NewFormItem("Row", row), widget.NewFormItem("Reason", reason),
	}, func(ok bool) {
		if !ok {
			return
		}
		if msg.SelectedIndex() < 0 {
			showError(t.cw.win, fmt.Errorf("%w: choose a message", casefile.ErrInvalid))
			return
		}
		t.linkByHand(t.msgs[msg.SelectedIndex()].ID, row.Text, reason.Text)
	}, t.cw.win)
	d.Resize(fyne.NewSize(600, 260))
	d.Show()
}

// linkByHand records a manual link.
func (t *linksTab) linkByHand(msgID int64, rowText, reason string) {
	rowID, err := strconv.ParseInt(strings.TrimSpace(rowText), 10, 64)
	if err != nil {
		showError(t.cw.win, fmt.Errorf("%w: row %q is not a number", casefile.ErrInvalid, rowText))
		return
	}
	t.done(t.cw.c.AddLink(t.cw.ctx, msgID, rowID, strings.TrimSpace(reason)))
}
