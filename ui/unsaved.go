package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// unsavedForm is a tab (or part of one) that holds typed changes until
// the person saves them. Nothing typed is ever dropped without asking:
// closing the case, quitting, opening another case and selecting another
// item all go through checkUnsaved or askUnsaved first.
type unsavedForm interface {
	// unsaved says what holds unsaved changes, for people ("the case
	// details", "LW/2's details"), or nothing.
	unsaved() []string
	// saveUnsaved saves them, as the form's own Save button does.
	saveUnsaved() error
	// discardUnsaved throws them away, showing what is saved again.
	discardUnsaved()
}

// dirtyMark follows a tab's title while it holds unsaved changes.
const dirtyMark = " ●"

// unsavedNote is the line a form shows beside its Save button while it
// holds unsaved changes.
const unsavedNote = "● Unsaved changes"

// checkUnsaved runs then if no tab holds unsaved changes; otherwise it
// asks to save them, discard them or cancel, and runs then unless the
// person cancels (or a save fails, which it shows).
func (cw *caseWindow) checkUnsaved(then func()) {
	forms, what := cw.unsavedForms()
	if len(forms) == 0 {
		then()
		return
	}
	askUnsaved(cw.win, what, func() error {
		var errs []error
		for _, f := range forms {
			errs = append(errs, f.saveUnsaved())
		}
		cw.reload()
		return errors.Join(errs...)
	}, func() {
		for _, f := range forms {
			f.discardUnsaved()
		}
		cw.updateDirty()
	}, then)
}

// unsavedForms are the tabs holding unsaved changes, and what they hold.
func (cw *caseWindow) unsavedForms() ([]unsavedForm, []string) {
	var forms []unsavedForm
	var what []string
	for i, t := range cw.items {
		if !cw.isBuilt(i) {
			continue // never shown, so nothing typed
		}
		if f, ok := t.(unsavedForm); ok {
			if w := f.unsaved(); len(w) > 0 {
				forms = append(forms, f)
				what = append(what, w...)
			}
		}
	}
	return forms, what
}

// unsavedWhat says what holds unsaved changes, or nothing.
func (cw *caseWindow) unsavedWhat() []string {
	_, what := cw.unsavedForms()
	return what
}

// askUnsaved asks what to do with unsaved changes to what: Save (then
// runs after a save that worked), Discard (then runs after discard) or
// Cancel (nothing runs). The dialog is kept for tests as lastUnsaved.
func askUnsaved(win fyne.Window, what []string, save func() error, discard func(), then func()) {
	msg := widget.NewLabel("You have changes that are not saved:\n\n  • " + strings.Join(what, "\n  • ") +
		"\n\nSave them before going on?")
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomWithoutButtons("Unsaved changes", msg, win)
	saveB := widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), func() {
		d.Hide()
		if err := save(); err != nil {
			showError(win, err)
			return
		}
		then()
	})
	saveB.Importance = widget.HighImportance
	discardB := widget.NewButtonWithIcon("Discard", theme.DeleteIcon(), func() {
		d.Hide()
		discard()
		then()
	})
	discardB.Importance = widget.DangerImportance
	cancelB := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { d.Hide() })
	d.SetButtons([]fyne.CanvasObject{cancelB, discardB, saveB})
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
}

// updateDirty marks the title of every tab that holds unsaved changes.
func (cw *caseWindow) updateDirty() {
	if cw.tabs == nil {
		return
	}
	for i, t := range cw.items {
		title := caseTabs[i].title
		if f, ok := t.(unsavedForm); ok && cw.isBuilt(i) && len(f.unsaved()) > 0 {
			title += dirtyMark
		}
		if it := cw.tabs.Items[i]; it.Text != title {
			it.Text = title
			cw.tabs.Refresh()
		}
	}
}

// onSaveShown is File › Save (Ctrl+S): it saves what the tab on screen
// holds unsaved.
func (cw *caseWindow) onSaveShown() {
	f, ok := cw.shownTab().(unsavedForm)
	if !ok || len(f.unsaved()) == 0 {
		cw.setStatus("Nothing to save here: every change is saved")
		return
	}
	if err := f.saveUnsaved(); err != nil {
		showError(cw.win, err)
	}
	cw.reload()
}

// dirtyLabel is the note a form shows while it holds unsaved changes.
func dirtyLabel() *widget.Label {
	l := widget.NewLabelWithStyle(unsavedNote, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Importance = widget.WarningImportance
	l.Hide()
	return l
}

func showIf(o fyne.CanvasObject, on bool) {
	if on {
		o.Show()
	} else {
		o.Hide()
	}
}

// withDirty puts the unsaved note before a form's buttons.
func withDirty(note *widget.Label, buttons ...fyne.CanvasObject) fyne.CanvasObject {
	return container.NewHBox(append([]fyne.CanvasObject{note}, buttons...)...)
}
