package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier"
	"dossier/casefile"
)

// caseTab is one screen of the case window.
type caseTab interface {
	// buildUI makes the tab's widgets; it is called once.
	buildUI() fyne.CanvasObject
	// reload re-reads what the tab shows from the case. The case window
	// calls it on every tab after anything changed the case (an intake, an
	// edit, a verification), so tabs need not know about each other.
	reload()
}

// tabSpec names a tab and says how to make it for an open case.
type tabSpec struct {
	title string
	icon  func() fyne.Resource // a theme icon, looked up when the tab is built
	make  func(cw *caseWindow) caseTab
}

// caseTabs are the case window's tabs, in order. To add a screen, write
// ui/<screen>.go with a type implementing caseTab and a constructor
// taking *caseWindow, then add one line here, e.g.
//
//	{"Rows", theme.GridIcon, func(cw *caseWindow) caseTab { return newRowsTab(cw) }},
//
// From the caseWindow a tab uses cw.c (the case), cw.ctx (cancelled when
// the case closes), cw.win (parent for dialogs), cw.g.background(f) for
// slow work (update widgets from it only through fyne.Do), showError(cw.win,
// err), cw.reload() after it changed the case, cw.setStatus(msg), and
// cw.selectTab(title) / tabOf[*otherTab](cw) to hand over to another tab.
var caseTabs = []tabSpec{
	{"Overview", theme.HomeIcon, func(cw *caseWindow) caseTab { return newOverviewTab(cw) }},
	{"Exhibits", theme.FileIcon, func(cw *caseWindow) caseTab { return newExhibitsTab(cw) }},
	{"Rows", theme.GridIcon, func(cw *caseWindow) caseTab { return newRowsTab(cw) }},
	{"Messages", theme.MailComposeIcon, func(cw *caseWindow) caseTab { return newMessagesTab(cw) }},
	{"Links", theme.MailAttachmentIcon, func(cw *caseWindow) caseTab { return newLinksTab(cw) }},
	{"Redact", theme.VisibilityOffIcon, func(cw *caseWindow) caseTab { return newRedactTab(cw) }},
	{"Letters", theme.DocumentCreateIcon, func(cw *caseWindow) caseTab { return newLettersTab(cw) }},
	{"Export", theme.DocumentSaveIcon, func(cw *caseWindow) caseTab { return newExportTab(cw) }},
	{"Custody", theme.HistoryIcon, func(cw *caseWindow) caseTab { return newCustodyTab(cw) }},
}

// caseWindow is the main window's content while a case is open: the tabs
// and what they share (the case, the window, background work).
type caseWindow struct {
	g      *gui
	win    fyne.Window
	c      *casefile.Case
	ctx    context.Context
	cancel context.CancelFunc
	tabs   *container.AppTabs
	items  []caseTab
	status *widget.Label

	adding     bool         // an intake is running; touched only on the UI goroutine
	lastIntake intakeResult // the last batch added, for tests
}

func newCaseWindow(g *gui, c *casefile.Case) *caseWindow {
	ctx, cancel := context.WithCancel(context.Background())
	cw := &caseWindow{g: g, win: g.win, c: c, ctx: ctx, cancel: cancel}
	for _, spec := range caseTabs {
		cw.items = append(cw.items, spec.make(cw))
	}
	return cw
}

// title is the window title: the case's title and its file name.
func (cw *caseWindow) title() string {
	return fmt.Sprintf("Dossier — %s (%s)", cw.c.Info().Title, filepath.Base(cw.c.Path()))
}

func (cw *caseWindow) buildUI() fyne.CanvasObject {
	cw.tabs = container.NewAppTabs()
	for i, spec := range caseTabs {
		cw.tabs.Append(container.NewTabItemWithIcon(spec.title, spec.icon(), cw.items[i].buildUI()))
	}
	cw.tabs.OnSelected = func(*container.TabItem) {
		if s, ok := cw.shownTab().(interface{ shown() }); ok {
			s.shown() // a tab with costly work does it only when seen
		}
	}
	cw.status = widget.NewLabel("")
	cw.status.Truncation = fyne.TextTruncateEllipsis
	cw.reload()
	return container.NewBorder(nil, cw.status, nil, nil, cw.tabs)
}

// reload tells every tab the case changed.
func (cw *caseWindow) reload() {
	for _, t := range cw.items {
		t.reload()
	}
	cw.updateStatus()
}

// updateStatus shows who is recorded as acting and where the case lives.
func (cw *caseWindow) updateStatus() {
	if cw.status != nil {
		cw.status.SetText(fmt.Sprintf("%s   ·   acting as %s   ·   drop files on the window to add them as exhibits",
			cw.c.Path(), cw.c.Actor()))
	}
}

// setStatus shows a short message in the status line.
func (cw *caseWindow) setStatus(msg string) {
	if cw.status != nil {
		cw.status.SetText(msg + "   ·   " + cw.c.Path())
	}
}

// selectTab brings the tab with the given title to the front.
func (cw *caseWindow) selectTab(title string) {
	for _, it := range cw.tabs.Items {
		if it.Text == title {
			cw.tabs.Select(it)
		}
	}
}

// shownTab is the tab on screen, or nil before the tabs are built.
func (cw *caseWindow) shownTab() caseTab {
	if cw.tabs == nil {
		return nil
	}
	i := cw.tabs.SelectedIndex()
	if i < 0 || i >= len(cw.items) {
		return nil
	}
	return cw.items[i]
}

// tab returns the open tab of type T, for handlers that act across tabs
// (the Verify shortcut, selecting a newly added exhibit).
func tabOf[T caseTab](cw *caseWindow) T {
	var zero T
	for _, t := range cw.items {
		if v, ok := t.(T); ok {
			return v
		}
	}
	return zero
}

// close stops background work and closes the case file.
func (cw *caseWindow) close() {
	cw.cancel()
	cw.c.Close()
}

// shortcut is one keyboard shortcut with its menu entry.
type shortcut struct {
	label string
	key   fyne.KeyName
	run   func()
}

// shortcuts are the app's keyboard shortcuts; the menus and Help › Keyboard
// shortcuts are built from this list, so they never disagree.
func (g *gui) shortcuts() []shortcut {
	list := []shortcut{
		{"New case…", fyne.KeyN, g.onNewCase},
		{"Open case…", fyne.KeyO, g.onOpenCase},
	}
	if cw := g.cw; cw != nil {
		list = append(list,
			shortcut{"Add exhibits…", fyne.KeyE, cw.onAddFile},
			shortcut{"Add a folder of exhibits…", fyne.KeyD, cw.onAddFolder},
			shortcut{"Verify the case", fyne.KeyR, cw.onVerify},
			shortcut{"Close case", fyne.KeyW, g.showStart},
		)
	}
	return list
}

// mainMenu builds the menu bar and registers the shortcuts on the window.
func (g *gui) mainMenu() *fyne.MainMenu {
	cv := g.win.Canvas()
	var file, caseItems []*fyne.MenuItem
	for _, s := range g.shortcuts() {
		sc := &desktop.CustomShortcut{KeyName: s.key, Modifier: fyne.KeyModifierShortcutDefault}
		cv.RemoveShortcut(sc)
		run := s.run
		cv.AddShortcut(sc, func(fyne.Shortcut) { run() })
		it := fyne.NewMenuItem(s.label, run)
		it.Shortcut = sc
		switch s.key {
		case fyne.KeyE, fyne.KeyD, fyne.KeyR:
			caseItems = append(caseItems, it)
		default:
			file = append(file, it)
		}
	}
	file = append(file, fyne.NewMenuItemSeparator(), fyne.NewMenuItem("Your name in the custody log…", g.onSetActor))
	menus := []*fyne.Menu{fyne.NewMenu("File", file...)}
	if len(caseItems) > 0 {
		menus = append(menus, fyne.NewMenu("Case", caseItems...))
	}
	menus = append(menus, fyne.NewMenu("Help",
		fyne.NewMenuItem("Keyboard shortcuts", g.onShowShortcuts),
		fyne.NewMenuItem("About Dossier", g.onAbout)))
	return fyne.NewMainMenu(menus...)
}

func (g *gui) onShowShortcuts() {
	var rows []fyne.CanvasObject
	for _, s := range g.shortcuts() {
		rows = append(rows, widget.NewLabelWithStyle(shortcutText(s.key), fyne.TextAlignLeading, fyne.TextStyle{Monospace: true}),
			widget.NewLabel(s.label))
	}
	rows = append(rows, widget.NewLabelWithStyle("drag and drop", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true}),
		widget.NewLabel("drop files or folders on a case window to add them"))
	dialog.ShowCustom("Keyboard shortcuts", "Close", container.New(layout.NewFormLayout(), rows...), g.win)
}

// shortcutText is how a shortcut is written for people: Ctrl+O, or Cmd+O
// on a Mac, where Fyne's default modifier is Command.
func shortcutText(key fyne.KeyName) string {
	if runtime.GOOS == "darwin" {
		return "Cmd+" + string(key)
	}
	return "Ctrl+" + string(key)
}

func (g *gui) onAbout() {
	dialog.ShowInformation("About Dossier",
		"Dossier "+dossier.Version+"\n\n"+
			"Dossier keeps the evidence for a complaint to the Information Commissioner's Office\n"+
			"in one case file, with an unbroken, checkable record of custody.", g.win)
}
