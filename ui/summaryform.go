package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/casefile"
	"dossier/export"
	"dossier/internal/numfmt"
)

// summaryForm edits the answer to the ICO form's question "what
// happened", as 'dossier summary --edit' does: the text written from the
// case to start from, the count as the form counts it (at most 2,000),
// and Save, which keeps the edited text in the case for the ICO pack.
type summaryForm struct {
	cw *caseWindow

	text    *widget.Entry
	count   *widget.Label
	save    *widget.Button
	reset   *widget.Button
	dirtyN  *widget.Label
	note    *widget.Label
	saved   string // the text as the case holds it (written or edited)
	edited  bool   // the case holds an edited text
	filling bool
	writes  latest // the text being written from the case
	box     fyne.CanvasObject
}

func newSummaryForm(cw *caseWindow) *summaryForm { return &summaryForm{cw: cw} }

func (f *summaryForm) buildUI() fyne.CanvasObject {
	f.text = widget.NewMultiLineEntry()
	f.text.Wrapping = fyne.TextWrapWord
	f.text.SetMinRowsVisible(6)
	f.text.OnChanged = func(string) { f.changed() }
	f.count = widget.NewLabel("")
	f.save = widget.NewButtonWithIcon("Save text", theme.DocumentSaveIcon(), f.onSave)
	f.save.Importance = widget.HighImportance
	f.reset = widget.NewButtonWithIcon("Write it from the case again", theme.ViewRefreshIcon(), f.onReset)
	// Until the text is written from the case (in the background, after
	// the Export tab's size on a large case) there is nothing to save.
	f.text.SetPlaceHolder("Writing the text from the case…")
	f.save.Disable()
	f.reset.Disable()
	f.dirtyN = dirtyLabel()
	f.note = widget.NewLabel("")
	f.note.Wrapping = fyne.TextWrapWord
	head := widget.NewLabelWithStyle("What happened, for the ICO's online form", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	explain := widget.NewLabel("The form takes at most 2,000 characters. Residents appear only as their stand-ins, as in the bundle. " +
		"The ICO upload pack uses this text.")
	explain.Wrapping = fyne.TextWrapWord
	f.box = container.NewVBox(head, explain, f.text,
		container.NewHBox(f.count, f.dirtyN), container.NewHBox(f.save, f.reset), f.note)
	return f.box
}

// reload writes the text from the case, unless it is being edited.
func (f *summaryForm) reload() {
	if f.text == nil || f.dirty() {
		return
	}
	// Writing the text reads every row and mark: over a second on a case
	// of 100,000 rows, so it is done in the background.
	ctx, c, today := f.cw.ctx, f.cw.c, overviewToday()
	var (
		ft  export.FormText
		err error
	)
	f.writes.read(f.cw, func() { ft, err = export.Summary(ctx, c, today) }, func() {
		if !f.dirty() { // what was typed meanwhile stays
			f.fill(ft, err)
		}
	})
}

// fill shows the written text, or why it cannot be written.
func (f *summaryForm) fill(ft export.FormText, err error) {
	if err != nil {
		f.note.SetText("The text cannot be written: " + err.Error())
		return
	}
	f.saved, f.edited = ft.WhatHappened, ft.Edited
	f.filling = true
	f.text.SetText(ft.WhatHappened)
	f.filling = false
	setEnabled(f.reset, f.edited)
	if len(ft.Missing) > 0 {
		f.note.SetText("Not in the case yet (shown as [reminders]): " + strings.Join(ft.Missing, "; ") + ".")
	} else {
		f.note.SetText("")
	}
	f.changed()
}

func (f *summaryForm) dirty() bool { return f.text != nil && !f.filling && f.text.Text != f.saved }

// changed follows an edit: the count, and whether it is saved.
func (f *summaryForm) changed() {
	if f.count == nil || f.filling {
		return
	}
	n := export.FormLength(f.text.Text)
	f.count.SetText(fmt.Sprintf("%s of %s characters", numfmt.Thousands(n), numfmt.Thousands(export.FormWhatHappened)))
	f.count.Importance = widget.MediumImportance
	if n > export.FormWhatHappened {
		f.count.SetText(fmt.Sprintf("%s of %s characters: %s too many", numfmt.Thousands(n), numfmt.Thousands(export.FormWhatHappened),
			numfmt.Thousands(n-export.FormWhatHappened)))
		f.count.Importance = widget.DangerImportance
	}
	f.count.Refresh()
	d := f.dirty()
	showIf(f.dirtyN, d)
	setEnabled(f.save, d)
	f.cw.updateDirty()
}

// check refuses what 'dossier summary --edit' refuses.
func (f *summaryForm) check(text string) error {
	if text == "" {
		return fmt.Errorf("%w: the text is empty: write what happened, or press Write it from the case again", casefile.ErrInvalid)
	}
	if n := export.FormLength(text); n > export.FormWhatHappened {
		return fmt.Errorf("the text is %d characters: %w (%d); shorten it, nothing was saved", n, export.ErrTooLong, export.FormWhatHappened)
	}
	return nil
}

func (f *summaryForm) saveText() error {
	text := strings.TrimSpace(f.text.Text)
	if err := f.check(text); err != nil {
		return err
	}
	if err := f.cw.c.SetSetting(f.cw.ctx, casefile.SettingICOSummary, text); err != nil {
		return err
	}
	f.saved = f.text.Text
	f.changed()
	return nil
}

func (f *summaryForm) onSave() {
	if err := f.saveText(); err != nil {
		showError(f.cw.win, err)
		return
	}
	f.cw.reload()
	f.cw.setStatus("The ICO form's text is saved; the ICO pack uses it")
}

func (f *summaryForm) onReset() {
	if err := f.cw.c.SetSetting(f.cw.ctx, casefile.SettingICOSummary, ""); err != nil {
		showError(f.cw.win, err)
		return
	}
	f.saved = ""
	f.filling = true
	f.text.SetText("")
	f.filling = false
	f.cw.reload()
}

// unsaved, saveUnsaved and discardUnsaved serve the Export tab's
// unsavedForm.
func (f *summaryForm) unsaved() []string {
	if !f.dirty() {
		return nil
	}
	return []string{"the ICO form's \"what happened\" text (Export)"}
}

func (f *summaryForm) saveUnsaved() error { return f.saveText() }

func (f *summaryForm) discardUnsaved() {
	f.filling = true
	f.text.SetText(f.saved)
	f.filling = false
	f.changed()
}
