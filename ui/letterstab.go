package ui

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

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
}

func newLettersTab(cw *caseWindow) *lettersTab {
	return &lettersTab{cw: cw, templates: letter.Templates()}
}

func (t *lettersTab) buildUI() fyne.CanvasObject {
	var titles []string
	for _, tp := range t.templates {
		titles = append(titles, tp.Title)
	}
	t.pick = widget.NewSelect(titles, func(string) { t.onFill() })
	t.pick.PlaceHolder = "(choose a letter)"
	t.fields = widget.NewLabel("")
	t.fields.Wrapping = fyne.TextWrapWord
	t.text = widget.NewMultiLineEntry()
	t.text.Wrapping = fyne.TextWrapWord
	t.text.SetPlaceHolder("Choose a letter above; its text, filled in from the case, appears here for you to edit.")
	t.fill = widget.NewButton("Fill in again", t.onFill)
	t.save = widget.NewButton("Save as exhibit", t.onSave)
	t.save.Importance = widget.HighImportance
	t.pdf = widget.NewButton("Export PDF…", t.onPDF)
	t.note = widget.NewLabel(reminderNote)
	t.note.Wrapping = fyne.TextWrapWord
	top := container.NewBorder(nil, nil, widget.NewLabel("Letter"), container.NewHBox(t.fill, t.save, t.pdf), t.pick)
	side := container.NewVScroll(container.NewVBox(widget.NewLabelWithStyle("Filled in from the case", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), t.fields))
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

// onFill merges the chosen template with the case's values.
func (t *lettersTab) onFill() {
	tp, ok := t.template()
	if !ok {
		return
	}
	f, err := letter.CaseFields(t.cw.ctx, t.cw.c, overviewToday())
	if err != nil {
		showError(t.cw.win, err)
		return
	}
	text, err := letter.Render(tp, f)
	if err != nil {
		showError(t.cw.win, err)
		return
	}
	t.text.SetText(text)
	t.showChecks(tp.ID)
	var lines []string
	for _, k := range letter.KnownFields() {
		if v := strings.TrimSpace(f[k.Name]); v != "" && !strings.Contains(v, "\n") {
			lines = append(lines, fmt.Sprintf("%s: %s", k.Name, v))
		}
	}
	t.fields.SetText(strings.Join(lines, "\n"))
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
