package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/casefile"
	"dossier/internal/bytesize"
)

// metaForm shows one exhibit's recorded facts and edits what a person says
// about it (kind, title, source, date obtained, obtained by).
type metaForm struct {
	ref string

	heading    *widget.Label
	file       *widget.Label
	hash       *widget.Label
	kind       *widget.Select
	title      *widget.Entry
	source     *widget.Entry
	obtained   *widget.Entry
	obtainedBy *widget.Entry
	save       *widget.Button
	saveCopy   *widget.Button
	dirtyNote  *widget.Label
	note       *widget.Label // that saves are logged

	loaded  casefile.Meta // what the case holds, as last shown
	filling bool          // show is filling the fields: not an edit
	// onDirty is told when the form starts or stops holding changes.
	onDirty func()

	onSave     func(ref string, m casefile.Meta)
	onSaveCopy func(ref string)
	ui         fyne.CanvasObject
}

func newMetaForm(onSave func(string, casefile.Meta), onSaveCopy func(string)) *metaForm {
	f := &metaForm{onSave: onSave, onSaveCopy: onSaveCopy}
	var kinds []string
	for _, k := range casefile.Kinds {
		kinds = append(kinds, string(k))
	}
	f.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.heading.Truncation = fyne.TextTruncateEllipsis
	f.file = widget.NewLabel("")
	f.file.Wrapping = fyne.TextWrapWord
	f.hash = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	f.hash.Wrapping = fyne.TextWrapBreak
	f.hash.Selectable = true
	f.kind = widget.NewSelect(kinds, func(string) { f.changed() })
	f.title, f.source, f.obtained, f.obtainedBy = widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	f.source.SetPlaceHolder("e.g. a former employee")
	f.obtained.SetPlaceHolder("e.g. 2015-06-10")
	f.obtainedBy.SetPlaceHolder("e.g. Alex Marsh")
	for _, e := range []*widget.Entry{f.title, f.source, f.obtained, f.obtainedBy} {
		e.OnChanged = func(string) { f.changed() }
	}
	f.dirtyNote = dirtyLabel()
	f.save = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), f.onSaveTapped)
	f.save.Importance = widget.HighImportance
	f.save.Disable()
	f.saveCopy = widget.NewButtonWithIcon("Save a copy…", theme.DownloadIcon(), func() {
		if f.ref != "" && f.onSaveCopy != nil {
			f.onSaveCopy(f.ref)
		}
	})
	return f
}

func (f *metaForm) buildUI() fyne.CanvasObject {
	if f.ui != nil {
		return f.ui
	}
	form := widget.NewForm(
		widget.NewFormItem("Kind", f.kind),
		widget.NewFormItem("Title", f.title),
		widget.NewFormItem("Source", f.source),
		widget.NewFormItem("Date obtained", f.obtained),
		widget.NewFormItem("Obtained by", f.obtainedBy),
	)
	// Under the form, wrapping: beside the buttons it was cut to "Each
	// save is logged in c…" on a small screen.
	f.note = widget.NewLabel("Each save of these details is logged in custody.")
	f.note.Wrapping = fyne.TextWrapWord
	f.note.SizeName = theme.SizeNameCaptionText
	// The buttons stay below the scrolling part, so Save is always in view.
	buttons := container.NewBorder(widget.NewSeparator(), nil, f.saveCopy, withDirty(f.dirtyNote, f.save))
	f.ui = container.NewBorder(nil, buttons, nil, nil,
		// What a person edits comes first, so a small screen shows it; the
		// file's facts follow.
		container.NewVScroll(container.NewVBox(f.heading, form, f.note, widget.NewSeparator(), f.file, f.hash)))
	return f.ui
}

// show fills the form with ex.
func (f *metaForm) show(ex casefile.Exhibit) {
	f.ref = ex.Ref
	f.heading.SetText(ex.Ref + "  " + ex.Title)
	f.file.SetText(strings.Join([]string{ex.Filename, ex.MediaType, bytesize.String(ex.Size),
		"added " + ex.AddedAt.Local().Format("2 Jan 2006 15:04")}, "  ·  "))
	f.hash.SetText("SHA-256 " + ex.SHA256)
	f.filling = true
	f.kind.SetSelected(string(ex.Kind))
	f.title.SetText(ex.Title)
	f.source.SetText(ex.Source)
	f.obtained.SetText(ex.Obtained)
	f.obtainedBy.SetText(ex.ObtainedBy)
	f.filling = false
	f.loaded = f.meta()
	f.changed()
}

// dirty reports whether the form holds changes not saved.
func (f *metaForm) dirty() bool { return f.ref != "" && f.meta() != f.loaded }

// changed follows an edit: the note and Save show whether it is saved.
func (f *metaForm) changed() {
	if f.filling {
		return
	}
	d := f.dirty()
	setEnabled(f.save, d)
	showIf(f.dirtyNote, d)
	if f.onDirty != nil {
		f.onDirty()
	}
}

// meta is what the form holds now.
func (f *metaForm) meta() casefile.Meta {
	return casefile.Meta{
		Kind:       casefile.Kind(f.kind.Selected),
		Title:      strings.TrimSpace(f.title.Text),
		Source:     strings.TrimSpace(f.source.Text),
		Obtained:   strings.TrimSpace(f.obtained.Text),
		ObtainedBy: strings.TrimSpace(f.obtainedBy.Text),
	}
}

func (f *metaForm) onSaveTapped() {
	if f.ref != "" && f.onSave != nil {
		f.onSave(f.ref, f.meta())
	}
}
