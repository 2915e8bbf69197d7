package ui

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"dossier/casefile"
	"dossier/export"
	"dossier/export/letter"
)

// lettersTab writes the complaint's letters: pick a template, fill it in
// from the case, edit the text, then save it as an exhibit or as a PDF.
type lettersTab struct {
	cw        *caseWindow
	templates []letter.Template

	pick   *widget.Select
	fields *widget.Label
	text   *widget.Entry
	fill   *widget.Button
	save   *widget.Button
	pdf    *widget.Button
	note   *widget.Label
	dirtyN *widget.Label

	// The PECR report prints receiving numbers as stand-ins unless the
	// resident agreed to show their own ('letter new --show-number').
	showBox  *fyne.Container
	showNums map[int64]bool

	filled  string // the text as last filled in or saved
	current int    // the template whose text is shown, -1 for none
	picking bool   // the select is being put back, not chosen
}

func newLettersTab(cw *caseWindow) *lettersTab {
	return &lettersTab{cw: cw, templates: letter.Templates(), current: -1, showNums: map[int64]bool{}}
}

func (t *lettersTab) buildUI() fyne.CanvasObject {
	var titles []string
	for _, tp := range t.templates {
		titles = append(titles, tp.Title)
	}
	t.pick = widget.NewSelect(titles, func(string) { t.onPick() })
	t.pick.PlaceHolder = "(choose a letter)"
	t.fields = widget.NewLabel("")
	t.fields.Wrapping = fyne.TextWrapWord
	t.text = widget.NewMultiLineEntry()
	t.text.Wrapping = fyne.TextWrapWord
	t.text.SetPlaceHolder("Choose a letter above; its text, filled in from the case, appears here for you to edit.")
	t.text.OnChanged = func(string) { t.changed() }
	t.dirtyN = dirtyLabel()
	t.showBox = container.NewVBox()
	t.fill = widget.NewButton("Fill in again", func() {
		if t.dirty() {
			askUnsaved(t.cw.win, t.unsaved(), t.saveUnsaved, t.discardUnsaved, t.onFill)
			return
		}
		t.onFill()
	})
	t.save = widget.NewButton("Save as exhibit", t.onSave)
	t.save.Importance = widget.HighImportance
	t.pdf = widget.NewButton("Export PDF…", t.onPDF)
	t.note = widget.NewLabel(reminderNote)
	t.note.Wrapping = fyne.TextWrapWord
	top := container.NewBorder(nil, nil, widget.NewLabel("Letter"), container.NewHBox(t.dirtyN, t.fill, t.save, t.pdf), t.pick)
	side := container.NewVScroll(container.NewVBox(t.showBox,
		widget.NewLabelWithStyle("Filled in from the case", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), t.fields))
	split := container.NewHSplit(t.text, side)
	split.Offset = 0.68
	return container.NewBorder(container.NewVBox(top, t.note), nil, nil, nil, split)
}

func (t *lettersTab) reload() {}

func (t *lettersTab) template() (letter.Template, bool) {
	i := t.pick.SelectedIndex()
	if i < 0 {
		return letter.Template{}, false
	}
	return t.templates[i], true
}

// onPick is a template chosen: a letter being edited is asked about
// first, and Cancel puts the select back.
func (t *lettersTab) onPick() {
	if t.picking {
		return
	}
	if !t.dirty() {
		t.onFill()
		return
	}
	want := t.pick.SelectedIndex()
	t.putBack()
	askUnsaved(t.cw.win, t.unsaved(), t.saveUnsaved, t.discardUnsaved, func() {
		t.picking = true
		t.pick.SetSelectedIndex(want)
		t.picking = false
		t.onFill()
	})
}

func (t *lettersTab) putBack() {
	t.picking = true
	defer func() { t.picking = false }()
	if t.current < 0 {
		t.pick.ClearSelected()
	} else {
		t.pick.SetSelectedIndex(t.current)
	}
}

// dirty reports whether the letter's text was edited since it was filled
// in or saved.
func (t *lettersTab) dirty() bool {
	return t.text != nil && strings.TrimSpace(t.text.Text) != "" && t.text.Text != t.filled
}

func (t *lettersTab) changed() {
	showIf(t.dirtyN, t.dirty())
	t.cw.updateDirty()
}

// unsaved is part of unsavedForm.
func (t *lettersTab) unsaved() []string {
	if !t.dirty() {
		return nil
	}
	tp := t.templates[max(t.current, 0)]
	return []string{"the letter you are editing, \"" + tp.Title + "\" (Letters)"}
}

// saveUnsaved is part of unsavedForm: the letter is saved as an exhibit,
// as Save as exhibit does (its [reminders] were listed when asked).
func (t *lettersTab) saveUnsaved() error {
	if t.current < 0 {
		return nil
	}
	tp := t.templates[t.current]
	ex, err := letter.Save(t.cw.ctx, t.cw.c, tp.ID, t.text.Text, tp.Title)
	if err != nil {
		return err
	}
	t.filled = t.text.Text
	t.changed()
	t.cw.setStatus(fmt.Sprintf("Letter saved as %s", ex.Ref))
	return nil
}

// discardUnsaved is part of unsavedForm.
func (t *lettersTab) discardUnsaved() {
	t.text.SetText(t.filled)
	t.changed()
}

// onFill merges the chosen template with the case's values.
func (t *lettersTab) onFill() {
	tp, ok := t.template()
	if !ok {
		return
	}
	t.current = t.pick.SelectedIndex()
	t.showNumberChoices(tp.ID)
	f, err := letter.CaseFieldsWith(t.cw.ctx, t.cw.c, overviewToday(), letter.FieldOptions{ShowNumbers: t.showNums})
	if err != nil {
		showError(t.cw.win, err)
		return
	}
	text, err := letter.Render(tp, f)
	if err != nil {
		showError(t.cw.win, err)
		return
	}
	t.filled = text
	t.text.SetText(text)
	t.changed()
	t.showChecks(tp.ID)
	var lines []string
	for _, k := range letter.KnownFields() {
		if v := strings.TrimSpace(f[k.Name]); v != "" && !strings.Contains(v, "\n") {
			lines = append(lines, fmt.Sprintf("%s: %s", fieldLabel(k.Name), v))
		}
	}
	t.fields.SetText(strings.Join(lines, "\n"))
}

// fieldLabel writes a merge field's name as words: "OrganisationAddress"
// becomes "Organisation address", "ICOSent" "ICO sent".
func fieldLabel(name string) string {
	var words []string
	rs := []rune(name)
	start := 0
	for i := 1; i <= len(rs); i++ {
		if i == len(rs) || (unicode.IsUpper(rs[i]) && (unicode.IsLower(rs[i-1]) || (i+1 < len(rs) && unicode.IsLower(rs[i+1])))) {
			w := string(rs[start:i])
			if len(words) > 0 && strings.ToUpper(w) != w {
				w = strings.ToLower(w)
			}
			words = append(words, w)
			start = i
		}
	}
	return strings.Join(words, " ")
}

// showNumberChoices lists the messages for the PECR report, each with a
// tick for a resident who agreed to show their own number; other letters
// show nothing here.
func (t *lettersTab) showNumberChoices(id string) {
	t.showBox.RemoveAll()
	if id != "pecr-report" {
		t.showBox.Refresh()
		return
	}
	msgs, err := t.cw.c.Messages(t.cw.ctx)
	if err != nil {
		showError(t.cw.win, err)
		return
	}
	head := widget.NewLabelWithStyle("Show a resident's own number", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	explain := widget.NewLabel("The report shows each receiving number as its stand-in (Phone 3). Tick a message only if " +
		"its resident agreed to show their own number to the ICO.")
	explain.Wrapping = fyne.TextWrapWord
	t.showBox.Add(head)
	t.showBox.Add(explain)
	for _, m := range msgs {
		id := m.ID
		ch := widget.NewCheck(fmt.Sprintf("Message %d, %s, to %s", m.ID, m.At.Format(msgTimeLayout), m.To), func(on bool) {
			if on {
				t.showNums[id] = true
			} else {
				delete(t.showNums, id)
			}
			if !t.dirty() {
				t.onFill()
			} else {
				t.note.SetText("Press Fill in again to show your choice of numbers (your edits to the text are then replaced).")
			}
		})
		ch.Checked = t.showNums[id]
		t.showBox.Add(ch)
	}
	t.showBox.Add(widget.NewSeparator())
	t.showBox.Refresh()
}

// reminderNote is the note above a letter when no check has failed.
const reminderNote = "Replace every [bracketed reminder] before the letter goes out."

// showChecks adds the pre-flight checks that fail to the note above an
// ICO complaint, each problem with what to do, as the CLI prints them.
func (t *lettersTab) showChecks(id string) {
	note := reminderNote
	t.note.Importance = widget.MediumImportance
	if id == "ico-complaint" {
		ws, err := export.Preflight(t.cw.ctx, t.cw.c, overviewToday())
		if err != nil {
			note += "\nThe checks before an ICO complaint could not run: " + err.Error()
		}
		for _, w := range ws {
			note += "\nWarning: " + w.Problem + ". What to do: " + w.Do + "."
			t.note.Importance = widget.WarningImportance
		}
	}
	t.note.SetText(note)
}

// onSave stores the edited letter as an exhibit of kind letter.
func (t *lettersTab) onSave() {
	tp, ok := t.template()
	if !ok || strings.TrimSpace(t.text.Text) == "" {
		dialog.ShowInformation("Nothing to save", "Choose a letter and fill it in first.", t.cw.win)
		return
	}
	t.confirmFilled("Save the letter", func() {
		ex, err := letter.Save(t.cw.ctx, t.cw.c, tp.ID, t.text.Text, tp.Title)
		if err != nil {
			showError(t.cw.win, err)
			return
		}
		t.filled = t.text.Text
		t.changed()
		t.cw.reload()
		t.cw.setStatus(fmt.Sprintf("Letter saved as %s", ex.Ref))
	})
}

// confirmFilled runs do at once when the letter has no reminders left
// ("[your postal address]"), else asks first: a saved letter is an
// exhibit for good, and a sent one cannot be taken back.
func (t *lettersTab) confirmFilled(action string, do func()) {
	gaps := letter.Unfilled(t.text.Text)
	if len(gaps) == 0 {
		do()
		return
	}
	msg := fmt.Sprintf("The letter still has %d %s to fill in:\n\n%s\n\nReplace %s in the text, or fill in the case details "+
		"on the Overview tab and choose the template again. %s anyway?",
		len(gaps), plural(len(gaps), "gap", "gaps"), strings.Join(gaps, "\n"), plural(len(gaps), "it", "them"), action)
	d := dialog.NewConfirm("Unfilled gaps", msg, func(ok bool) {
		if ok {
			do()
		}
	}, t.cw.win)
	d.SetConfirmText(action + " anyway")
	d.SetDismissText("Go back")
	d.Show()
}

// onPDF asks where to write the letter as a PDF.
func (t *lettersTab) onPDF() {
	tp, ok := t.template()
	if !ok || strings.TrimSpace(t.text.Text) == "" {
		dialog.ShowInformation("Nothing to export", "Choose a letter and fill it in first.", t.cw.win)
		return
	}
	t.confirmFilled("Export the PDF", func() {
		t.cw.askSavePath("Export the letter as PDF", "letter-"+tp.ID+".pdf", ".pdf", func(path string) {
			if err := t.writePDF(tp, path); err != nil {
				showError(t.cw.win, err)
				return
			}
			t.cw.setStatus("Letter written to " + path)
		})
	})
}

func (t *lettersTab) writePDF(tp letter.Template, path string) error {
	data, err := letter.PDF(t.text.Text, letter.PDFOptions{Title: tp.Title, Author: t.cw.c.Actor(), Date: overviewToday()})
	if err != nil {
		return fmt.Errorf("letter %s: %w", filepath.Base(path), err)
	}
	return casefile.WriteFileAtomic(path, func(w io.Writer) error { _, err := w.Write(data); return err })
}
