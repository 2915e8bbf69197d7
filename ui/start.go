package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/casefile"
)

// caseExt is the file name extension of case files.
const caseExt = ".dossier"

// startScreen is what the main window shows with no case open: create a
// case, open one, or pick a recent one.
type startScreen struct {
	g      *gui
	recent []string
	list   *widget.List
}

func newStartScreen(g *gui) *startScreen {
	return &startScreen{g: g, recent: recentCases(g.app.Preferences())}
}

func (s *startScreen) buildUI() fyne.CanvasObject {
	title := widget.NewLabelWithStyle("Dossier", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	icon := canvas.NewImageFromResource(s.g.app.Icon())
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(48, 48))
	intro := widget.NewLabel("Keep evidence for a data-protection complaint in one case file:\n" +
		"originals stored unchanged, every step logged, ready to hand to the ICO.")
	intro.Wrapping = fyne.TextWrapWord

	newBtn := widget.NewButtonWithIcon("New case…", theme.DocumentCreateIcon(), s.g.onNewCase)
	newBtn.Importance = widget.HighImportance
	openBtn := widget.NewButtonWithIcon("Open case…", theme.FolderOpenIcon(), s.g.onOpenCase)

	s.list = widget.NewList(
		func() int { return len(s.recent) },
		func() fyne.CanvasObject {
			name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			dir := widget.NewLabel("")
			dir.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, name, nil, dir)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			dir, name := row.Objects[0].(*widget.Label), row.Objects[1].(*widget.Label)
			p := s.recent[i]
			name.SetText(filepath.Base(p))
			dir.SetText(filepath.Dir(p))
			imp := widget.MediumImportance
			if !fileExists(p) {
				imp = widget.LowImportance
				dir.SetText(filepath.Dir(p) + "  (not found)")
			}
			name.Importance, dir.Importance = imp, imp
			name.Refresh()
			dir.Refresh()
		})
	s.list.OnSelected = func(i widget.ListItemID) {
		s.list.UnselectAll()
		s.onRecent(i)
	}
	var recentPane fyne.CanvasObject = s.list
	if len(s.recent) == 0 {
		recentPane = widget.NewLabel("Cases you open will be listed here.")
	}
	hint := widget.NewLabel("Tip: drop a .dossier file on this window to open it.")
	hint.SizeName = theme.SizeNameCaptionText // Fyne's low importance is the disabled grey, too faint to read

	top := container.NewVBox(container.NewHBox(icon, title), intro, container.NewHBox(newBtn, openBtn), widget.NewSeparator(),
		widget.NewLabelWithStyle("Recent cases", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	return container.NewPadded(container.NewBorder(top, hint, nil, nil, recentPane))
}

// onRecent opens recent case i, or offers to forget it if it is gone.
func (s *startScreen) onRecent(i int) {
	p := s.recent[i]
	if !fileExists(p) {
		dialog.ShowConfirm("Case not found",
			fmt.Sprintf("%s\nis not there. If it is on a USB stick or network drive, connect it and try again.\n\nRemove it from the recent list?", p),
			func(ok bool) {
				if ok {
					removeRecent(s.g.app.Preferences(), p)
					s.g.showStart()
				}
			}, s.g.win)
		return
	}
	s.g.openCaseOrSay(p)
}

// onDropped opens a case file dropped on the start screen.
func (s *startScreen) onDropped(_ fyne.Position, uris []fyne.URI) {
	if len(uris) == 0 {
		return
	}
	s.g.openCaseOrSay(uris[0].Path())
}

// onOpenCase asks for a case file and opens it, after asking about
// unsaved changes in the case open now.
func (g *gui) onOpenCase() {
	g.ifSaved(func() {
		g.pick.openFile("Open a case", recentDir(g.app.Preferences()), []string{caseExt}, g.openCaseOrSay)
	})
}

// ifSaved runs then once the open case holds no unsaved changes (saved
// or discarded as the person chooses), or at once with no case open.
func (g *gui) ifSaved(then func()) {
	if g.cw == nil {
		then()
		return
	}
	g.cw.checkUnsaved(then)
}

// newCaseForm collects what Create needs, plus the complaint's parties.
type newCaseForm struct {
	g            *gui
	location     *widget.Entry
	title        *widget.Entry
	prefix       *widget.Entry
	complainant  *widget.Entry
	organisation *widget.Entry
	dlg          *dialog.FormDialog
}

func newNewCaseForm(g *gui) *newCaseForm {
	f := &newCaseForm{g: g,
		location: widget.NewEntry(), title: widget.NewEntry(), prefix: widget.NewEntry(),
		complainant: widget.NewEntry(), organisation: widget.NewEntry()}
	f.location.SetPlaceHolder("where to save the case file")
	f.title.SetPlaceHolder("e.g. Tenant data sheets used for election texts")
	f.prefix.SetText("LW")
	f.complainant.SetPlaceHolder("your name, as you sign letters")
	f.organisation.SetPlaceHolder("the organisation you complain about")
	return f
}

// onNewCase shows the new-case form.
func (g *gui) onNewCase() { g.ifSaved(func() { newNewCaseForm(g).show() }) }

func (f *newCaseForm) show() {
	g := f.g
	choose := widget.NewButtonWithIcon("Choose…", theme.FolderOpenIcon(), f.onChooseLocation)
	items := []*widget.FormItem{
		widget.NewFormItem("Case file", container.NewBorder(nil, nil, nil, choose, f.location)),
		widget.NewFormItem("Title", f.title),
		widget.NewFormItem("Exhibit prefix", f.prefix),
		widget.NewFormItem("Complainant", f.complainant),
		widget.NewFormItem("Organisation", f.organisation),
	}
	items[2].HintText = "a few capital letters that start every exhibit's reference: LW gives LW/1, LW/2, …"
	f.dlg = dialog.NewForm("New case", "Create", "Cancel", items, func(ok bool) {
		if ok {
			f.onCreate()
		}
	}, g.win)
	f.dlg.Resize(fyne.NewSize(640, 0))
	f.dlg.Show()
	// Return in any field creates the case, as in a native dialog.
	for _, e := range []*widget.Entry{f.location, f.title, f.prefix, f.complainant, f.organisation} {
		e.OnSubmitted = func(string) { f.dlg.Submit() }
	}
	g.win.Canvas().Focus(f.location)
}

// onChooseLocation picks the case file's folder and name. Nothing is
// created until Create.
func (f *newCaseForm) onChooseLocation() {
	name := filepath.Base(withCaseExt(strings.TrimSpace(f.location.Text)))
	if name == "." || name == caseExt {
		name = "case" + caseExt
	}
	f.g.pick.saveFile("Where to save the new case", recentDir(f.g.app.Preferences()), name, caseExt, func(p string) {
		f.location.SetText(withCaseExt(p))
	})
}

// withCaseExt adds .dossier to a path that lacks it.
func withCaseExt(path string) string {
	if path == "" || strings.EqualFold(filepath.Ext(path), caseExt) {
		return path
	}
	return path + caseExt
}

// onCreate creates the case and opens it. On a mistake the form comes back
// with what was typed, so nothing has to be entered twice.
func (f *newCaseForm) onCreate() {
	path := withCaseExt(strings.TrimSpace(f.location.Text))
	if path == "" {
		f.fail(fmt.Errorf("%w: choose where to save the case file", casefile.ErrInvalid))
		return
	}
	c, err := casefile.Create(path, f.title.Text, f.prefix.Text, casefile.Options{Actor: f.g.actor(), ConcurrentReads: true})
	if err != nil {
		f.fail(err)
		return
	}
	ctx := context.Background()
	// In a fixed order: each setting is a custody event.
	for _, kv := range [][2]string{
		{casefile.SettingComplainant, f.complainant.Text},
		{casefile.SettingOrganisation, f.organisation.Text},
	} {
		if err := c.SetSetting(ctx, kv[0], strings.TrimSpace(kv[1])); err != nil {
			showError(f.g.win, fmt.Errorf("%s: save %s: %w", path, kv[0], err))
		}
	}
	f.g.showCase(c)
}

func (f *newCaseForm) fail(err error) {
	d := dialog.NewError(fmt.Errorf("%s", errorText(err)), f.g.win)
	d.SetOnClosed(func() {
		if f.dlg != nil {
			f.dlg.Show()
		}
	})
	d.Show()
}
