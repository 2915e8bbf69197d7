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

	list     *widget.List
	img      *canvas.Image
	exhibit  *widget.Select
	from     *widget.Entry
	to       *widget.Entry
	at       *widget.Entry
	body     *widget.Entry
	resName  *widget.Entry
	resAddr  *widget.Entry
	add      *widget.Button
	readOCR  *widget.Button
	note     *widget.Label
	lastInfo string // the last summary shown, for tests
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
	t.list.OnSelected = func(i widget.ListItemID) { t.onSelect(i) }

	t.img = canvas.NewImageFromResource(nil)
	t.img.FillMode = canvas.ImageFillContain
	t.img.SetMinSize(fyne.NewSize(240, 240))
	t.exhibit = widget.NewSelect(nil, func(string) { t.showExhibit() })
	t.exhibit.PlaceHolder = "(choose the screenshot)"
	t.from = widget.NewEntry()
	t.from.SetPlaceHolder("sender as shown, e.g. Northfield Forward")
	t.to = widget.NewEntry()
	t.to.SetPlaceHolder("07700 900123")
	t.at = widget.NewEntry()
	t.at.SetPlaceHolder("08/06/2015 09:00")
	t.body = widget.NewMultiLineEntry()
	t.body.Wrapping = fyne.TextWrapWord
	t.body.SetMinRowsVisible(5)
	t.resName = widget.NewEntry()
	t.resAddr = widget.NewEntry()
	t.add = widget.NewButtonWithIcon("Add message", theme.ContentAddIcon(), t.onAdd)
	t.add.Importance = widget.HighImportance
	t.readOCR = widget.NewButtonWithIcon("Read with OCR", theme.SearchIcon(), t.onOCR)
	t.note = widget.NewLabel("")
	t.note.Wrapping = fyne.TextWrapWord

	form := widget.NewForm(
		widget.NewFormItem("Screenshot", t.exhibit),
		widget.NewFormItem("From", t.from),
		widget.NewFormItem("To", t.to),
		widget.NewFormItem("Received", t.at),
		widget.NewFormItem("Text", t.body),
		widget.NewFormItem("Resident's name", t.resName),
		widget.NewFormItem("Resident's address", t.resAddr))
	buttons := container.NewHBox(t.add, t.readOCR)
	right := container.NewVSplit(t.img, container.NewVScroll(container.NewVBox(form, buttons, t.note)))
	right.Offset = 0.4

	imp := widget.NewButtonWithIcon("Import messages…", theme.UploadIcon(), t.onImportFile)
	left := container.NewBorder(imp, nil, nil, nil, t.list)
	split := container.NewHSplit(left, right)
	split.Offset = 0.4
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
}

func exhibitOption(e casefile.Exhibit) string { return e.Ref + " — " + e.Title }

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

// onSelect shows message i in the form, for reading or as a model.
func (t *messagesTab) onSelect(i int) {
	if i < 0 || i >= len(t.msgs) {
		return
	}
	m := t.msgs[i]
	t.selectExhibit(m.Exhibit)
	t.from.SetText(m.From)
	t.to.SetText(m.To)
	t.at.SetText(m.At.Format(msgTimeLayout))
	t.body.SetText(m.Body)
	t.resName.SetText(m.ResidentName)
	t.resAddr.SetText(m.ResidentAddress)
	t.note.SetText(fmt.Sprintf("Message %d, entered %s.", m.ID, m.Source))
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
	at, err := msgfile.ParseTime(strings.TrimSpace(t.at.Text))
	if err != nil {
		return in, fmt.Errorf("%w: received time %q: write it as 08/06/2015 09:00", casefile.ErrInvalid, t.at.Text)
	}
	in.At = at
	return in, nil
}

// onAdd records the message in the form.
func (t *messagesTab) onAdd() {
	in, err := t.input()
	if err != nil {
		showError(t.cw.win, err)
		return
	}
	m, err := t.cw.c.AddMessage(t.cw.ctx, in)
	if err != nil {
		showError(t.cw.win, err)
		return
	}
	t.note.SetText(fmt.Sprintf("Added message %d from %s to %s.", m.ID, m.From, m.To))
	for _, e := range []*widget.Entry{t.from, t.to, t.at, t.body, t.resName, t.resAddr} {
		e.SetText("")
	}
	t.cw.reload()
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
