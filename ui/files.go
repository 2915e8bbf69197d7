package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// filePicker chooses files and folders for the app. Every call returns
// at once and calls done on the UI goroutine with the choice, or not at
// all when the person cancels. It never creates, opens or empties a file:
// Fyne's own save dialog does (it hands back a writer), so a refused
// export would leave an empty file or destroy the bundle already at that
// path. A native dialog library (zenity, say) can stand behind this
// interface; the one here is built from Fyne widgets and works wherever
// Fyne does.
type filePicker interface {
	// openFile picks one existing file with one of exts (none: any).
	openFile(title, startDir string, exts []string, done func(path string))
	// openFiles picks several files, leaving out those hide says to.
	openFiles(title, startDir string, hide func(path string) bool, done func(paths []string))
	// openFolder picks a folder.
	openFolder(title, startDir string, done func(path string))
	// saveFile picks where to write a new file: startDir and name to
	// begin with, ext added when the name lacks it. Replacing an existing
	// file is asked about first.
	saveFile(title, startDir, name, ext string, done func(path string))
}

// fynePicker is filePicker over Fyne's dialogs and widgets.
type fynePicker struct{ g *gui }

func newFynePicker(g *gui) *fynePicker { return &fynePicker{g: g} }

func listerFor(dir string) fyne.ListableURI {
	if dir == "" {
		return nil
	}
	l, err := storage.ListerForURI(storage.NewFileURI(dir))
	if err != nil {
		return nil
	}
	return l
}

func (p *fynePicker) openFile(title, startDir string, exts []string, done func(string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			showError(p.g.win, err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		done(path)
	}, p.g.win)
	d.SetTitleText(title)
	if len(exts) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(exts))
	}
	if l := listerFor(startDir); l != nil {
		d.SetLocation(l)
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

func (p *fynePicker) openFolder(title, startDir string, done func(string)) {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil {
			showError(p.g.win, err)
			return
		}
		if u != nil {
			done(u.Path())
		}
	}, p.g.win)
	d.SetTitleText(title)
	d.SetConfirmText("Choose")
	if l := listerFor(startDir); l != nil {
		d.SetLocation(l)
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

func (p *fynePicker) openFiles(title, startDir string, hide func(string) bool, done func([]string)) {
	m := newMultiPicker(p.g.win, title, startDir, hide, done)
	p.g.lastMulti = m
	m.show()
}

func (p *fynePicker) saveFile(title, startDir, name, ext string, done func(string)) {
	s := newSavePicker(p.g, title, startDir, name, ext, done)
	p.g.lastSave = s
	s.show()
}

// multiPicker lists one folder's files with a tick each, so several can
// be chosen at once (Fyne's open dialog takes one). Folders open on a
// tap; ".." goes up.
type multiPicker struct {
	win     fyne.Window
	dir     string
	hide    func(string) bool
	done    func([]string)
	entries []os.DirEntry
	chosen  map[string]bool

	where *widget.Entry // the folder shown; a path typed here goes there, or ticks that file
	list  *widget.List
	ok    *widget.Button
	dlg   *dialog.CustomDialog
}

func newMultiPicker(win fyne.Window, title, dir string, hide func(string) bool, done func([]string)) *multiPicker {
	if dir == "" {
		dir, _ = os.UserHomeDir()
	}
	m := &multiPicker{win: win, dir: dir, hide: hide, done: done, chosen: map[string]bool{}}
	m.where = widget.NewEntry()
	m.where.OnSubmitted = m.onTyped
	up := widget.NewButtonWithIcon("Up", theme.MoveUpIcon(), func() { m.cd(filepath.Dir(m.dir)) })
	other := widget.NewButtonWithIcon("Other folder…", theme.FolderOpenIcon(), func() {
		d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if err == nil && u != nil {
				m.cd(u.Path())
			}
		}, win)
		if l := listerFor(m.dir); l != nil {
			d.SetLocation(l)
		}
		d.Resize(fyne.NewSize(900, 600))
		d.Show()
	})
	m.list = widget.NewList(func() int { return len(m.entries) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, widget.NewIcon(nil), nil, widget.NewCheck("", nil))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(m.entries) {
				return
			}
			e := m.entries[i]
			row := o.(*fyne.Container)
			check, icon := row.Objects[0].(*widget.Check), row.Objects[1].(*widget.Icon)
			path := filepath.Join(m.dir, e.Name())
			check.OnChanged = nil
			check.Text = e.Name()
			if e.IsDir() {
				icon.SetResource(theme.FolderIcon())
				check.Text += "/"
				check.SetChecked(false)
				check.Disable()
			} else {
				icon.SetResource(theme.FileIcon())
				check.Enable()
				check.SetChecked(m.chosen[path])
			}
			check.Refresh()
			check.OnChanged = func(on bool) { m.toggle(path, on) }
		})
	m.list.OnSelected = func(i widget.ListItemID) {
		m.list.UnselectAll()
		if i < len(m.entries) {
			path := filepath.Join(m.dir, m.entries[i].Name())
			if m.entries[i].IsDir() {
				m.cd(path)
			} else {
				m.toggle(path, !m.chosen[path])
				m.list.RefreshItem(i)
			}
		}
	}
	m.ok = widget.NewButtonWithIcon("Add", theme.ConfirmIcon(), func() {
		m.dlg.Hide()
		var paths []string
		for p, on := range m.chosen {
			if on {
				paths = append(paths, p)
			}
		}
		slices.Sort(paths)
		m.done(paths)
	})
	m.ok.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { m.dlg.Hide() })
	hint := widget.NewLabel("Tick the files to add; open a folder to go into it. Ticks are kept when you change folder. " +
		"You can also type or paste a folder or a file's path above and press Return.")
	hint.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(up, other), m.where), hint)
	m.dlg = dialog.NewCustomWithoutButtons(title, container.NewBorder(top, nil, nil, nil, m.list), win)
	m.dlg.SetButtons([]fyne.CanvasObject{cancel, m.ok})
	m.cd(dir)
	return m
}

func (m *multiPicker) show() {
	m.dlg.Resize(fyne.NewSize(760, 560))
	m.dlg.Show()
	m.win.Canvas().Focus(m.where)
}

// onTyped follows Return in the path field: a folder is opened, a file
// ticked (and its folder shown); Return on the folder shown with files
// ticked adds them.
func (m *multiPicker) onTyped(text string) {
	p := strings.TrimSpace(text)
	if p == "" || p == m.dir {
		if len(m.chosen) > 0 {
			m.ok.OnTapped()
		}
		return
	}
	st, err := os.Stat(p)
	if err != nil {
		showError(m.win, fmt.Errorf("%s: %w", p, pathCause(err)))
		return
	}
	if st.IsDir() {
		m.cd(p)
		return
	}
	if m.hide != nil && m.hide(p) {
		showError(m.win, fmt.Errorf("%s is the open case's own file, which cannot be an exhibit of itself", p))
		return
	}
	m.chosen[p] = true
	m.cd(filepath.Dir(p))
}

// cd shows folder dir.
func (m *multiPicker) cd(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		showError(m.win, fmt.Errorf("open folder %s: %w", dir, pathCause(err)))
		return
	}
	m.dir = dir
	m.entries = m.entries[:0]
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		if strings.HasPrefix(e.Name(), ".") || (m.hide != nil && m.hide(path)) {
			continue
		}
		m.entries = append(m.entries, e)
	}
	slices.SortFunc(m.entries, func(a, b os.DirEntry) int {
		if a.IsDir() != b.IsDir() {
			if a.IsDir() {
				return -1
			}
			return 1
		}
		return strings.Compare(strings.ToLower(a.Name()), strings.ToLower(b.Name()))
	})
	m.where.SetText(dir)
	m.list.Refresh()
	m.list.ScrollToTop()
	m.updateOK()
}

func (m *multiPicker) toggle(path string, on bool) {
	if on {
		m.chosen[path] = true
	} else {
		delete(m.chosen, path)
	}
	m.updateOK()
}

func (m *multiPicker) updateOK() {
	n := len(m.chosen)
	m.ok.SetText(fmt.Sprintf("Add %d %s", n, plural(n, "file", "files")))
	setEnabled(m.ok, n > 0)
}

// savePicker asks for a folder and a file name, and nothing else: the
// file is written later, by whoever asked, to a temporary name first.
type savePicker struct {
	g    *gui
	ext  string
	done func(string)

	folder *widget.Label
	name   *widget.Entry
	dlg    *dialog.CustomDialog
	dir    string
}

func newSavePicker(g *gui, title, dir, name, ext string, done func(string)) *savePicker {
	if dir == "" {
		dir, _ = os.UserHomeDir()
	}
	s := &savePicker{g: g, ext: ext, done: done, dir: dir}
	s.folder = widget.NewLabel(dir)
	s.folder.Wrapping = fyne.TextWrapBreak
	s.name = widget.NewEntry()
	s.name.SetText(name)
	s.name.OnSubmitted = func(string) { s.onSave() }
	choose := widget.NewButtonWithIcon("Change folder…", theme.FolderOpenIcon(), func() {
		g.pick.openFolder("Save in which folder?", s.dir, func(p string) {
			s.dir = p
			s.folder.SetText(p)
		})
	})
	save := widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), s.onSave)
	save.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { s.dlg.Hide() })
	nameItem := widget.NewFormItem("File name", s.name)
	if ext != "" {
		nameItem.HintText = ext + " is added if you leave it out"
	}
	form := widget.NewForm(widget.NewFormItem("Folder", container.NewBorder(nil, nil, nil, choose, s.folder)), nameItem)
	s.dlg = dialog.NewCustomWithoutButtons(title, form, g.win)
	s.dlg.SetButtons([]fyne.CanvasObject{cancel, save})
	return s
}

func (s *savePicker) show() {
	s.dlg.Resize(fyne.NewSize(680, 0))
	s.dlg.Show()
	s.g.win.Canvas().Focus(s.name)
}

// path is where the file will be written: the folder, the name, and the
// extension when the name lacks it.
func (s *savePicker) path() string {
	name := strings.TrimSpace(s.name.Text)
	if name == "" {
		return ""
	}
	if s.ext != "" && !strings.EqualFold(filepath.Ext(name), s.ext) {
		name += s.ext
	}
	return filepath.Join(s.dir, name)
}

func (s *savePicker) onSave() {
	path := s.path()
	if path == "" {
		showError(s.g.win, fmt.Errorf("give the file a name"))
		return
	}
	st, err := os.Stat(path)
	if err == nil && st.IsDir() {
		showError(s.g.win, fmt.Errorf("%s is a folder: give the file another name", path))
		return
	}
	if err == nil {
		d := dialog.NewConfirm("Replace the file?", fmt.Sprintf("%s already exists.\n\nReplace it? The file there now stays "+
			"as it is until the new one is complete; if the new one cannot be written, nothing changes.", path),
			func(ok bool) {
				if ok {
					s.dlg.Hide()
					s.done(path)
				}
			}, s.g.win)
		d.SetConfirmText("Replace")
		d.Show()
		return
	}
	s.dlg.Hide()
	s.done(path)
}
