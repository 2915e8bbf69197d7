package ui

import (
	"context"
	"fmt"
	"image"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/casefile"
)

// gapRowsShown bounds the unlinked rows listed; a sheet can have thousands.
const gapRowsShown = 200

// linksTab joins messages to the rows of the leaked sheets: automatically
// by phone, proposed by name and address for review, or by hand.
type linksTab struct {
	cw      *caseWindow
	msgs    []casefile.Message
	links   []casefile.Link
	gapMsgs []int64
	gapRows []int64
	rows    map[int64]casefile.Row
	thumbs  map[string]image.Image // decoded screenshots by exhibit ref
	last    string                 // the last result shown, for tests
	gen     int                    // which reload is shown, so a slow one never replaces a newer

	counts   *widget.Label
	auto     *widget.Button
	showGaps *widget.Check
	body     *fyne.Container
}

func newLinksTab(cw *caseWindow) *linksTab {
	return &linksTab{cw: cw, rows: map[int64]casefile.Row{}, thumbs: map[string]image.Image{}}
}

func (t *linksTab) buildUI() fyne.CanvasObject {
	t.counts = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.counts.Wrapping = fyne.TextWrapWord
	t.auto = widget.NewButtonWithIcon("Link automatically", theme.MediaReplayIcon(), t.onAutoLink)
	t.auto.Importance = widget.HighImportance
	manual := widget.NewButtonWithIcon("Link by hand…", theme.ContentAddIcon(), t.onLinkByHand)
	t.showGaps = widget.NewCheck("Show unlinked", func(bool) { t.rebuild() })
	t.body = container.NewVBox()
	top := container.NewVBox(t.counts, container.NewHBox(t.auto, manual, t.showGaps), widget.NewSeparator())
	return container.NewBorder(top, nil, nil, nil, container.NewVScroll(t.body))
}

// reload re-reads messages, links and gaps in the background: finding
// the unlinked rows reads every row, which on a case of 100,000 held the
// window up as it opened.
func (t *linksTab) reload() {
	t.gen++
	gen, ctx, c := t.gen, t.cw.ctx, t.cw.c
	t.cw.goBackground(func() {
		var (
			links            []casefile.Link
			gapMsgs, gapRows []int64
		)
		ms, err := c.Messages(ctx)
		if err == nil {
			links, err = c.Links(ctx, false)
		}
		if err == nil {
			gapMsgs, gapRows, err = c.Gaps(ctx)
		}
		rows := map[int64]casefile.Row{}
		for _, l := range links {
			if _, ok := rows[l.RowID]; !ok && err == nil {
				rows[l.RowID] = readRow(ctx, c, l.RowID)
			}
		}
		t.cw.do(func() {
			if gen != t.gen || ctx.Err() != nil {
				return
			}
			if err != nil {
				showError(t.cw.win, err)
				return
			}
			t.msgs, t.links, t.gapMsgs, t.gapRows, t.rows = ms, links, gapMsgs, gapRows, rows
			if t.body != nil {
				t.rebuild()
			}
		})
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
	total, _ := t.cw.c.CountRows(t.cw.ctx, casefile.RowQuery{})
	return fmt.Sprintf("Messages: %d linked, %d unlinked   ·   Rows: %d linked, %d unlinked   ·   %d %s awaiting review",
		len(t.msgs)-len(t.gapMsgs), len(t.gapMsgs), total-len(t.gapRows), len(t.gapRows),
		proposed, plural(proposed, "proposal", "proposals"))
}

// rebuild lays out every message with its links, and the gaps if asked.
func (t *linksTab) rebuild() {
	t.counts.SetText(t.countText())
	t.body.RemoveAll()
	if len(t.msgs) == 0 {
		t.body.Add(widget.NewLabel("No messages yet. Add them in the Messages tab, import rows in the Rows tab, then link them here."))
	}
	byMsg := map[int64][]casefile.Link{}
	for _, l := range t.links {
		byMsg[l.MessageID] = append(byMsg[l.MessageID], l)
	}
	for _, m := range t.msgs {
		t.body.Add(t.messageBox(m, byMsg[m.ID]))
	}
	if t.showGaps.Checked {
		t.body.Add(t.gapsBox())
	}
	t.body.Refresh()
}

// messageBox is one message with a thumbnail and its linked rows.
func (t *linksTab) messageBox(m casefile.Message, ls []casefile.Link) fyne.CanvasObject {
	head := widget.NewLabelWithStyle(fmt.Sprintf("Message %d   %s   %s → %s   (%s)",
		m.ID, m.At.Format(msgTimeLayout), m.From, m.To, m.Exhibit), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	body := widget.NewLabel(oneLine(m.Body, 120))
	body.Truncation = fyne.TextTruncateEllipsis
	lines := container.NewVBox(head, body)
	if len(ls) == 0 {
		l := widget.NewLabel("not linked to any row")
		l.Importance = widget.WarningImportance
		lines.Add(l)
	}
	for _, l := range ls {
		lines.Add(t.linkLine(l))
	}
	thumb := canvas.NewImageFromImage(t.thumb(m.Exhibit))
	thumb.FillMode = canvas.ImageFillContain
	thumb.SetMinSize(fyne.NewSize(64, 64))
	return container.NewVBox(container.NewBorder(nil, nil, thumb, nil, lines), widget.NewSeparator())
}

// linkLine is one link: the row, the basis and status, and what can be done.
func (t *linksTab) linkLine(l casefile.Link) fyne.CanvasObject {
	r := t.row(l.RowID)
	phone := r.Phone
	if r.NoPhone() {
		phone = "no phone"
	}
	text := widget.NewLabel(fmt.Sprintf("   row %d: %s, %s, %s   [%s, %s]", r.ID, r.Name, r.Address, phone, l.Basis, l.Status))
	text.Truncation = fyne.TextTruncateEllipsis
	var buttons []fyne.CanvasObject
	switch l.Status {
	case casefile.StatusProposed:
		text.Importance = widget.WarningImportance
		acc := widget.NewButtonWithIcon("Accept", theme.ConfirmIcon(), func() { t.accept(l) })
		acc.Importance = widget.SuccessImportance
		rej := widget.NewButtonWithIcon("Reject", theme.CancelIcon(), func() {
			t.askReason("Reject this proposed link", func(reason string) { t.reject(l, reason) })
		})
		buttons = append(buttons, acc, rej)
	case casefile.StatusLinked:
		buttons = append(buttons, widget.NewButtonWithIcon("Remove", theme.DeleteIcon(), func() {
			t.askReason("Remove this link", func(reason string) { t.remove(l, reason) })
		}))
	}
	return container.NewBorder(nil, nil, nil, container.NewHBox(buttons...), text)
}

// gapsBox lists the messages and rows not linked to anything.
func (t *linksTab) gapsBox() fyne.CanvasObject {
	box := container.NewVBox(widget.NewLabelWithStyle(fmt.Sprintf("Unlinked messages (%d)", len(t.gapMsgs)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for _, id := range t.gapMsgs {
		for _, m := range t.msgs {
			if m.ID == id {
				box.Add(widget.NewLabel(fmt.Sprintf("   message %d: %s → %s, %s (%s)", m.ID, m.From, m.To, m.At.Format(msgTimeLayout), m.Exhibit)))
			}
		}
	}
	box.Add(widget.NewLabelWithStyle(fmt.Sprintf("Unlinked rows (%d)", len(t.gapRows)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for i, id := range t.gapRows {
		if i == gapRowsShown {
			box.Add(widget.NewLabel(fmt.Sprintf("   … and %d more; search them in the Rows tab", len(t.gapRows)-gapRowsShown)))
			break
		}
		r, err := t.cw.c.RowByID(t.cw.ctx, id)
		if err != nil {
			continue
		}
		phone := r.Phone
		if r.NoPhone() {
			phone = "no phone"
		}
		box.Add(widget.NewLabel(fmt.Sprintf("   row %d (%s line %d): %s, %s, %s", r.ID, r.Exhibit, r.SourceLine, r.Name, r.Address, phone)))
	}
	return box
}

// thumb is a message's screenshot, decoded once; nil if it is not an image.
func (t *linksTab) thumb(ref string) image.Image {
	if img, ok := t.thumbs[ref]; ok {
		return img
	}
	img, err := decodeExhibit(t.cw, ref)
	if err != nil {
		img = nil
	}
	t.thumbs[ref] = img
	return img
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
			t.last = fmt.Sprintf("%d %s by phone, %d %s to review", res.Linked, plural(res.Linked, "link", "links"),
				res.Proposed, plural(res.Proposed, "proposal", "proposals"))
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
