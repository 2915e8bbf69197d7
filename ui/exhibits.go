package ui

import (
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/casefile"
	"dossier/internal/bytesize"
)

// exhibitColumns are the exhibit table's columns: heading, width, value.
var exhibitColumns = []column[casefile.Exhibit]{
	{"Ref", 70, "LW/000", func(e casefile.Exhibit) string { return e.Ref }},
	{"Kind", 105, "screenshot", func(e casefile.Exhibit) string { return string(e.Kind) }},
	{"Title", 200, "", func(e casefile.Exhibit) string { return e.Title }},
	{"Obtained", 100, "0000-00-00", func(e casefile.Exhibit) string { return e.Obtained }},
	{"Size", 85, "000.0 KB", func(e casefile.Exhibit) string { return bytesize.String(e.Size) }},
	{"SHA-256", 120, "", func(e casefile.Exhibit) string { return shortHash(e.SHA256) }},
}

// exhibitsTab lists the case's exhibits, previews the selected one and
// edits what is known about it.
type exhibitsTab struct {
	cw       *caseWindow
	exs      []casefile.Exhibit
	selected string // reference of the selected exhibit, "" for none

	table   *widget.Table
	preview *preview
	detail  *fyne.Container // the detail pane, or the empty-case note
	form    *metaForm
	empty   fyne.CanvasObject

	withheld map[string]casefile.Withholding // exhibits left out of bundles
	hold     *withholdBar

	reselecting bool // the table's selection is being put back, not chosen
}

func newExhibitsTab(cw *caseWindow) *exhibitsTab {
	return &exhibitsTab{cw: cw}
}

func (t *exhibitsTab) buildUI() fyne.CanvasObject {
	t.table = newColumnTable(exhibitColumns, nil, func() int { return len(t.exs) },
		func(row, col int) (string, widget.Importance) { return t.cell(row, col), widget.MediumImportance })
	t.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(t.exs) {
			t.onPick(t.exs[id.Row].Ref)
		}
	}

	addFile := widget.NewButtonWithIcon("Add files…", theme.ContentAddIcon(), t.cw.onAddFile)
	addFile.Importance = widget.HighImportance
	addFolder := widget.NewButtonWithIcon("Add folder…", theme.FolderIcon(), t.cw.onAddFolder)
	left := container.NewBorder(container.NewHBox(addFile, addFolder), nil, nil, nil, t.table)

	t.preview = newPreview(t.cw)
	t.form = newMetaForm(t.onSave, t.onSaveCopy)
	t.form.onDirty = t.cw.updateDirty
	t.hold = newWithholdBar(t)
	emptyNote := widget.NewLabel("No exhibits yet.\n\nDrag files or folders onto this window,\nor use Add files… (" +
		shortcutText(fyne.KeyE) + ").\n\nEach file is stored unchanged, hashed,\nand logged in the custody record.")
	emptyNote.Alignment = fyne.TextAlignCenter
	t.empty = container.NewCenter(emptyNote)
	t.detail = container.NewStack(t.empty)

	split := container.NewHSplit(left, t.detail)
	split.Offset = 0.6
	return split
}

// cell is the text of one table cell.
func (t *exhibitsTab) cell(row, col int) string {
	if row < 0 || row >= len(t.exs) || col < 0 || col >= len(exhibitColumns) {
		return ""
	}
	v := exhibitColumns[col].value(t.exs[row])
	if exhibitColumns[col].title == "Title" {
		if _, ok := t.withheld[t.exs[row].Ref]; ok {
			v = withheldMark + v
		}
	}
	return v
}

// reload re-reads the exhibit list and keeps the selection.
func (t *exhibitsTab) reload() {
	exs, err := t.cw.c.Exhibits(t.cw.ctx)
	if err != nil {
		showError(t.cw.win, err)
		return
	}
	t.exs = exs
	t.loadWithheld()
	if t.table == nil {
		return
	}
	t.table.Refresh()
	switch {
	case t.selected != "":
		t.selectRef(t.selected)
	case len(exs) > 0:
		t.selectRef(exs[0].Ref) // an empty detail pane would look like an empty case
	default:
		t.detail.Objects = []fyne.CanvasObject{t.empty}
		t.detail.Refresh()
	}
}

// selectRef selects the exhibit with reference ref in the table.
func (t *exhibitsTab) selectRef(ref string) {
	for i, e := range t.exs {
		if e.Ref == ref {
			t.table.Select(widget.TableCellID{Row: i, Col: 0})
			if t.table.Size().Height <= 0 || i < 5 {
				// Select scrolls to the row even before the table has a
				// size (the tab not yet shown), and the table then keeps
				// that offset: its rows drawn below an empty band.
				t.table.ScrollToTop()
				t.table.ScrollToLeading()
			}
			t.onSelect(ref)
			return
		}
	}
}

// onPick is a row chosen in the table: if the details shown hold
// unsaved changes, ask first; Cancel keeps the old row selected.
func (t *exhibitsTab) onPick(ref string) {
	if t.reselecting || ref == t.selected || !t.form.dirty() {
		t.onSelect(ref)
		return
	}
	old := t.selected
	t.reselecting = true
	t.selectRow(old) // until the person decides
	t.reselecting = false
	askUnsaved(t.cw.win, t.unsaved(), func() error {
		return t.saveForm()
	}, t.discardUnsaved, func() {
		t.selectRef(ref)
	})
}

func (t *exhibitsTab) selectRow(ref string) {
	for i, e := range t.exs {
		if e.Ref == ref {
			t.table.Select(widget.TableCellID{Row: i, Col: 0})
		}
	}
}

// unsaved is part of unsavedForm.
func (t *exhibitsTab) unsaved() []string {
	if t.form == nil || !t.form.dirty() {
		return nil
	}
	return []string{"the details of exhibit " + t.form.ref + " (Exhibits)"}
}

// saveUnsaved is part of unsavedForm.
func (t *exhibitsTab) saveUnsaved() error { return t.saveForm() }

// discardUnsaved is part of unsavedForm.
func (t *exhibitsTab) discardUnsaved() {
	for _, e := range t.exs {
		if e.Ref == t.form.ref {
			t.form.show(e)
		}
	}
}

// saveForm saves the details form, as its Save button does.
func (t *exhibitsTab) saveForm() error {
	ex, err := t.cw.c.Describe(t.cw.ctx, t.form.ref, t.form.meta())
	if err != nil {
		return err
	}
	t.selected = ex.Ref
	t.cw.reload()
	t.cw.setStatus(fmt.Sprintf("%s saved at %s", ex.Ref, time.Now().Format("15:04")))
	return nil
}

// onSelect shows exhibit ref in the detail pane.
func (t *exhibitsTab) onSelect(ref string) {
	var ex casefile.Exhibit
	for _, e := range t.exs {
		if e.Ref == ref {
			ex = e
		}
	}
	if ex.Ref == "" {
		return
	}
	same := t.selected == ref && len(t.detail.Objects) == 1 && t.detail.Objects[0] != t.empty
	t.selected = ref
	if !same || !t.form.dirty() {
		t.form.show(ex) // a reload keeps what is being typed
	}
	t.hold.show(ref)
	if !same {
		t.preview.show(ex)
	}
	if len(t.detail.Objects) != 1 || t.detail.Objects[0] == t.empty {
		pane := container.NewVSplit(t.preview.content(), container.NewBorder(nil, t.hold.box, nil, nil, t.form.buildUI()))
		pane.Offset = 0.42
		t.detail.Objects = []fyne.CanvasObject{pane}
		t.detail.Refresh()
	}
}

// onSave records the edited metadata as a "described" custody event.
func (t *exhibitsTab) onSave(string, casefile.Meta) {
	if err := t.saveForm(); err != nil {
		showError(t.cw.win, err)
	}
}

// onSaveCopy writes exhibit ref's original bytes to a file the person
// chooses, so it can be opened in another program.
func (t *exhibitsTab) onSaveCopy(ref string) {
	ex, err := t.cw.c.Exhibit(t.cw.ctx, ref)
	if err != nil {
		showError(t.cw.win, err)
		return
	}
	t.cw.askSavePath("Save a copy of "+ref, ex.Filename, filepath.Ext(ex.Filename), func(path string) {
		t.cw.setStatus(fmt.Sprintf("Saving %s as %s…", ref, path))
		t.cw.goBackground(func() {
			_, err := t.cw.c.Extract(t.cw.ctx, ref, path, true)
			t.cw.do(func() {
				if err != nil {
					showError(t.cw.win, err)
					return
				}
				t.cw.reload()
				t.cw.setStatus(fmt.Sprintf("%s saved as %s", ref, path))
			})
		})
	})
}

// shortHash is the first 12 hex digits of a hash: enough to tell exhibits
// apart at a glance; the detail pane shows the whole hash.
func shortHash(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}
