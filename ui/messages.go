package ui

import (
	"errors"
	"fmt"
	"image"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/casefile"
	"dossier/casefile/imagefile"
	"dossier/casefile/msgfile"
	"dossier/casefile/ocr"
)

// msgTimeLayout is how message times are shown and typed.
const msgTimeLayout = "02/01/2006 15:04"

// messagesTab lists the messages residents received and records new ones
// from their screenshots, by hand or helped by OCR.
type messagesTab struct {
	cw        *caseWindow
	msgs      []casefile.Message
	shots     []casefile.Exhibit // exhibits a message can be read from
	ocr       ocr.Engine         // replaceable by tests
	available func() bool        // whether OCR is installed; replaceable by tests
	shown     string             // exhibit whose image is showing

	list       *widget.List
	img        *canvas.Image
	exhibit    *widget.Select
	from       *widget.Entry
	to         *widget.Entry
	at         *widget.Entry
	body       *widget.Entry
	resName    *widget.Entry
	resAddr    *widget.Entry
	reason     *widget.Entry // why a message is corrected; shown while editing
	reasonItem *widget.FormItem
	form       *widget.Form
	add        *widget.Button
	newMsg     *widget.Button
	readOCR    *widget.Button
	note       *widget.Label
	heading    *widget.Label
	dirtyN     *widget.Label
	empty      fyne.CanvasObject
	listBox    *fyne.Container
	lastInfo   string // the last summary shown, for tests

	editing  int64        // the message being corrected, 0 for a new one
	loaded   messageInput // the form as last filled, to tell an edit
	filling  bool
	reselect bool // the list's selection is being put back, not chosen
}

// messageInput is what the form holds, compared to tell unsaved changes.
type messageInput struct {
	exhibit, from, to, at, body, resName, resAddr string
}

func newMessagesTab(cw *caseWindow) *messagesTab {
	return &messagesTab{cw: cw, ocr: ocr.New(), available: ocr.Available}
}

func (t *messagesTab) buildUI() fyne.CanvasObject {
	t.list = widget.NewList(
		func() int { return len(t.msgs) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(t.listText(i))
		})
	t.list.OnSelected = func(i widget.ListItemID) { t.onPick(i) }

	t.img = canvas.NewImageFromResource(nil)
	t.img.FillMode = canvas.ImageFillContain
	t.img.SetMinSize(fyne.NewSize(240, 240))
	t.exhibit = widget.NewSelect(nil, func(string) { t.showExhibit(); t.changed() })
	t.exhibit.PlaceHolder = "(choose the screenshot)"
	t.from = widget.NewEntry()
	t.from.SetPlaceHolder("e.g. Northfield Forward")
	t.to = widget.NewEntry()
	t.to.SetPlaceHolder("e.g. 07700 900123")
	t.at = widget.NewEntry()
	t.at.SetPlaceHolder("e.g. 08/06/2015 09:00")
	t.body = widget.NewMultiLineEntry()
	t.body.Wrapping = fyne.TextWrapWord
	t.body.SetMinRowsVisible(4)
	t.resName = widget.NewEntry()
	t.resAddr = widget.NewEntry()
	t.reason = widget.NewEntry()
	t.reason.SetPlaceHolder("e.g. the time was misread")
	for _, e := range []*widget.Entry{t.from, t.to, t.at, t.body, t.resName, t.resAddr} {
		e.OnChanged = func(string) { t.changed() }
	}
	t.add = widget.NewButtonWithIcon("Add message", theme.ContentAddIcon(), t.onAdd)
	t.add.Importance = widget.HighImportance
	t.newMsg = widget.NewButtonWithIcon("New message", theme.ContentClearIcon(), t.onNew)
	t.readOCR = widget.NewButtonWithIcon("Read with OCR", theme.SearchIcon(), t.onOCR)
	t.note = widget.NewLabel("")
	t.note.Wrapping = fyne.TextWrapWord
	t.heading = widget.NewLabelWithStyle("New message", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.dirtyN = dirtyLabel()

	at := widget.NewFormItem("Received", t.at)
	at.HintText = "day/month/year hours:minutes, as the phone shows it"
	to := widget.NewFormItem("To (phone)", t.to)
	to.HintText = "the resident's number the text was sent to"
	reason := widget.NewFormItem("Why corrected", t.reason)
	reason.HintText = "needed to save a correction; kept in the custody log"
	form := widget.NewForm(
		widget.NewFormItem("Screenshot", t.exhibit),
		widget.NewFormItem("From (sender)", t.from),
		to, at,
		widget.NewFormItem("Text", t.body),
		widget.NewFormItem("Resident's name", t.resName),
		widget.NewFormItem("Resident's address", t.resAddr),
		reason)
	t.reasonItem = reason
	t.form = form
	// The buttons and the note stay below the scrolling form, so Add
	// message is in view on a small screen too.
	buttons := container.NewVBox(widget.NewSeparator(), container.NewHBox(t.add, t.readOCR, t.newMsg, t.dirtyN), t.note)
	right := container.NewVSplit(t.img, container.NewBorder(t.heading, buttons, nil, nil, container.NewVScroll(form)))
	right.Offset = 0.35

	imp := widget.NewButtonWithIcon("Import messages…", theme.UploadIcon(), t.onImportFile)
	emptyNote := widget.NewLabel("No messages yet.\n\nChoose a screenshot on the right, type what it shows " +
		"(or press Read with OCR and check what it read), then press Add message.\n\n" +
		"Or import a JSON or CSV file of messages.")
	emptyNote.Wrapping = fyne.TextWrapWord
	t.empty = container.NewVBox(emptyNote)
	t.listBox = container.NewStack(t.list)
	left := container.NewBorder(imp, nil, nil, nil, t.listBox)
	split := container.NewHSplit(left, right)
	split.Offset = 0.4
	t.showMode()
	return split
}

// listText is message i's line in the list: time, from, to, exhibit.
func (t *messagesTab) listText(i int) string {
	if i < 0 || i >= len(t.msgs) {
		return ""
	}
	m := t.msgs[i]
	return fmt.Sprintf("%s   %s → %s   %s", m.At.Format(msgTimeLayout), m.From, m.To, m.Exhibit)
}

// reload re-reads the messages and the exhibits they can come from.
func (t *messagesTab) reload() {
	ms, err := t.cw.c.Messages(t.cw.ctx)
	if err != nil {
		showError(t.cw.win, err)
		return
	}
	exs, err := t.cw.c.Exhibits(t.cw.ctx)
	if err != nil {
		showError(t.cw.win, err)
		return
	}
	t.msgs = ms
	t.shots = t.shots[:0]
	var opts []string
	for _, e := range exs {
		if strings.HasPrefix(e.MediaType, "image/") || e.Kind == casefile.KindScreenshot {
			t.shots = append(t.shots, e)
			opts = append(opts, exhibitOption(e))
		}
	}
	if t.list == nil {
		return
	}
	t.exhibit.Options = opts
	t.exhibit.Refresh()
	t.list.Refresh()
	t.suggestShot()
	if len(ms) == 0 {
		t.listBox.Objects = []fyne.CanvasObject{t.empty}
	} else {
		t.listBox.Objects = []fyne.CanvasObject{t.list}
	}
	t.listBox.Refresh()
}

func exhibitOption(e casefile.Exhibit) string { return e.Ref + " — " + e.Title }

// suggestShot chooses, for a new message with nothing typed yet, the
// first screenshot no message was read from: the next one to do.
func (t *messagesTab) suggestShot() {
	if t.editing != 0 || t.dirty() || t.exhibit.Selected != "" {
		return
	}
	done := map[string]bool{}
	for _, m := range t.msgs {
		done[m.Exhibit] = true
	}
	for _, e := range t.shots {
		if !done[e.Ref] && e.Kind == casefile.KindScreenshot {
			t.filling = true
			t.exhibit.SetSelected(exhibitOption(e))
			t.filling = false
			t.loaded = t.current()
			return
		}
	}
}

// selectedRef is the reference of the chosen screenshot exhibit.
func (t *messagesTab) selectedRef() string {
	ref, _, _ := strings.Cut(t.exhibit.Selected, " — ")
	return ref
}

// selectExhibit chooses exhibit ref in the select, if it is a screenshot.
func (t *messagesTab) selectExhibit(ref string) {
	for _, e := range t.shots {
		if e.Ref == ref {
			t.exhibit.SetSelected(exhibitOption(e))
			return
		}
	}
}

// showExhibit shows the chosen screenshot.
func (t *messagesTab) showExhibit() {
	ref := t.selectedRef()
	if ref == t.shown {
		return
	}
	t.shown = ref
	img, err := t.exhibitImage(ref)
	if err != nil {
		t.img.Image = nil
		t.note.SetText(err.Error())
	} else {
		t.img.Image = img
	}
	t.img.Refresh()
}

// exhibitImage decodes an image exhibit's original.
func (t *messagesTab) exhibitImage(ref string) (image.Image, error) {
	return decodeExhibit(t.cw, ref)
}

func decodeExhibit(cw *caseWindow, ref string) (image.Image, error) {
	data, _, err := cw.c.ReadOriginal(cw.ctx, ref)
	if err != nil {
		return nil, err
	}
	img, _, err := imagefile.Decode(data)
	if err != nil {
		return nil, fmt.Errorf("exhibit %s: %w", ref, err)
	}
	return img, nil
}

// input is the form as a message to add.
func (t *messagesTab) input() (casefile.MessageInput, error) {
	in := casefile.MessageInput{
		Exhibit: t.selectedRef(), From: strings.TrimSpace(t.from.Text), To: strings.TrimSpace(t.to.Text),
		Body: t.body.Text, ResidentName: strings.TrimSpace(t.resName.Text),
		ResidentAddress: strings.TrimSpace(t.resAddr.Text), Source: "typed",
	}
	if in.Exhibit == "" {
		return in, fmt.Errorf("%w: choose the screenshot exhibit that shows the message", casefile.ErrInvalid)
	}
	typed := strings.TrimSpace(t.at.Text)
	if typed == "" {
		return in, fmt.Errorf("%w: the received time is empty: type the date and time the phone shows, such as 08/06/2015 09:00", casefile.ErrInvalid)
	}
	at, err := msgfile.ParseTime(typed)
	if err != nil {
		return in, fmt.Errorf("%w: the received time %q is not a date and time Dossier can read: write it as 08/06/2015 09:00", casefile.ErrInvalid, typed)
	}
	in.At = at
	return in, nil
}

// onAdd records the message in the form, or the correction of the one
// being edited.
func (t *messagesTab) onAdd() {
	if err := t.save(); err != nil {
		showError(t.cw.win, err)
	}
}

// save adds the new message, or saves the correction as a message that
// supersedes the old one (casefile.SupersedeMessage: custody keeps both).
func (t *messagesTab) save() error {
	in, err := t.input()
	if err != nil {
		return err
	}
	if t.editing != 0 {
		old := t.editing
		if strings.TrimSpace(t.reason.Text) == "" {
			return fmt.Errorf("%w: say why message %d is corrected (the Why corrected field); the custody log keeps it", casefile.ErrInvalid, old)
		}
		in.Exhibit = ""
		m, err := t.cw.c.SupersedeMessage(t.cw.ctx, old, in, t.reason.Text)
		if err != nil {
			return err
		}
		t.editing = m.ID
		t.cw.reload()
		for i, x := range t.msgs {
			if x.ID == m.ID {
				t.reselect = true
				t.list.Select(i)
				t.reselect = false
				t.onSelect(i)
			}
		}
		t.note.SetText(fmt.Sprintf("Message %d corrected: it is now message %d; the custody log keeps both.", old, m.ID))
		return nil
	}
	m, err := t.cw.c.AddMessage(t.cw.ctx, in)
	if err != nil {
		return err
	}
	t.startNew()
	t.filling = true
	t.exhibit.ClearSelected() // the reload chooses the next screenshot to do
	t.filling = false
	t.loaded = t.current()
	t.cw.reload()
	t.note.SetText(fmt.Sprintf("Added message %d from %s to %s.", m.ID, m.From, m.To))
	return nil
}

// onOCR reads the chosen screenshot with OCR and fills the form for the
// person to check. Nothing is saved until they press Add message.
func (t *messagesTab) onOCR() {
	if !t.available() {
		t.showOCRMissing()
		return
	}
	ref := t.selectedRef()
	if ref == "" {
		showError(t.cw.win, fmt.Errorf("%w: choose the screenshot exhibit to read", casefile.ErrInvalid))
		return
	}
	img, err := t.exhibitImage(ref)
	if err != nil {
		showError(t.cw.win, err)
		return
	}
	t.readOCR.Disable()
	t.note.SetText("Reading " + ref + "…")
	eng, ctx := t.ocr, t.cw.ctx
	t.cw.goBackground(func() {
		words, err := eng.Words(ctx, img)
		t.cw.do(func() {
			t.readOCR.Enable()
			if errors.Is(err, ocr.ErrMissing) {
				t.note.SetText("")
				t.showOCRMissing()
				return
			}
			if err != nil {
				t.note.SetText("")
				showError(t.cw.win, fmt.Errorf("read %s with OCR: %w", ref, err))
				return
			}
			p := ocr.ProposeMessage(words)
			t.from.SetText(p.From)
			t.to.SetText(p.To)
			t.at.SetText(p.At)
			t.body.SetText(p.Body)
			t.note.SetText("Read by OCR: check every field against the screenshot, correct it, then press Add message.")
		})
	})
}

// showOCRMissing says how to install tesseract.
func (t *messagesTab) showOCRMissing() {
	t.lastInfo = ocr.ErrMissing.Error()
	msg := widget.NewLabel(strings.ToUpper(t.lastInfo[:1]) + t.lastInfo[1:] + ".\n\nYou can type the message in by hand.")
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("OCR is not installed", "OK", msg, t.cw.win)
	d.Resize(fyne.NewSize(520, 260))
	d.Show()
}

// onImportFile imports messages from a JSON or CSV file.
func (t *messagesTab) onImportFile() {
	t.cw.g.pick.openFile("Import messages", t.cw.caseDir(), []string{".json", ".csv"}, t.importFile)
}

// importFile imports path and says how many messages it held.
func (t *messagesTab) importFile(path string) {
	ms, err := t.cw.c.ImportMessages(t.cw.ctx, path)
	if err != nil {
		showError(t.cw.win, fmt.Errorf("import messages from %s: %w", filepath.Base(path), err))
		return
	}
	t.cw.reload()
	t.lastInfo = fmt.Sprintf("%d %s imported from %s.", len(ms), plural(len(ms), "message", "messages"), filepath.Base(path))
	dialog.ShowInformation("Messages imported", t.lastInfo, t.cw.win)
}
