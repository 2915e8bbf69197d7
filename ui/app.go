// Package ui is Dossier's desktop app, built with Fyne. Each screen is one
// file; screens hold no business rules and call the same casefile and
// export functions as the command line.
//
// The app has one main window. It shows the start screen (new case, open
// case, recent cases) until a case is opened, then the case window: a set
// of tabs, one per screen, listed in caseTabs (casewin.go). A new screen is
// a file with a type that implements caseTab and one line in caseTabs.
package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/dialog"

	"dossier/assets"
	"dossier/casefile"
	_ "dossier/ui/internal/posixlocale" // before Fyne reads the locale
)

// appID names the app to the operating system and keys its preferences.
// The Linux desktop file is named after it.
const appID = "org.dossier.app"

// appName is the first title of the main window. On X11 a window's class
// (WM_CLASS, which desktops match to the desktop file's StartupWMClass) is
// taken from its title when it is created, so the case's title is set
// only once the window is on screen.
const appName = "Dossier"

// Run opens the desktop app and returns when its last window closes. With
// a case path it opens that case; with "" it shows the start screen.
func Run(casePath string) error {
	a := app.NewWithID(appID)
	icon := fyne.NewStaticResource("dossier.png", assets.Icon)
	a.SetIcon(icon)
	g := newGUI(a)
	g.win.SetIcon(icon)
	g.applyTheme()
	// On X11 the window's class (WM_CLASS), by which a desktop matches it
	// to Dossier's menu entry (StartupWMClass=Dossier) and groups it in
	// the task bar, is the title it has when it is created: it is created
	// on the start screen, as "Dossier", and the case opens once it shows.
	g.showStartScreen()
	if casePath != "" {
		a.Lifecycle().SetOnStarted(func() { g.openCaseOrSay(casePath) })
	}
	g.win.ShowAndRun()
	g.closeNow()
	return nil
}

// gui is the running app: its one main window and the case open in it.
type gui struct {
	app fyne.App
	win fyne.Window
	cw  *caseWindow // nil while the start screen shows

	// background runs slow work (intake, verify, previews) off the UI
	// goroutine. Tests replace it with a synchronous call so that they
	// need no sleeps; the work still updates widgets through fyne.Do.
	background func(func())
	// pick chooses files and folders (files.go); tests replace it.
	pick filePicker

	askedActor      bool          // the name was asked for once this run
	lastActorDialog dialog.Dialog // for tests
	lastMulti       *multiPicker  // for tests
	lastSave        *savePicker   // for tests
}

func newGUI(a fyne.App) *gui {
	g := &gui{app: a, background: func(f func()) { go f() }}
	g.win = a.NewWindow(appName)
	g.win.Resize(fyne.NewSize(1180, 760))
	g.win.SetMaster()
	g.win.SetCloseIntercept(g.onQuit)
	g.win.Canvas().SetOnTypedKey(g.onKey)
	g.pick = newFynePicker(g)
	return g
}

// leaveCase runs then once the open case (if any) may be left: its
// unsaved changes saved or discarded as the person chooses, its
// background work stopped and the case closed. Cancel leaves everything
// as it was and then is not run.
func (g *gui) leaveCase(then func()) {
	cw := g.cw
	if cw == nil {
		then()
		return
	}
	cw.checkUnsaved(func() {
		cw.shutdown(func() {
			if g.cw == cw {
				g.cw = nil
			}
			then()
		})
	})
}

// onQuit is the window's close button and File › Quit: unsaved changes
// are asked about and background work finishes before the app ends.
func (g *gui) onQuit() {
	g.leaveCase(func() { g.win.Close() })
}

// showCase puts a case opened for editing into the main window.
func (g *gui) showCase(c *casefile.Case) { g.showOpened(&caseOpened{c: c}) }

// showOpened puts an opened case into the main window, closing the case
// open before (whose unsaved changes were already dealt with).
func (g *gui) showOpened(c *caseOpened) {
	old := g.cw
	put := func() {
		g.cw = newCaseWindow(g, c)
		addRecent(g.app.Preferences(), c.c.Path())
		g.win.SetTitle(g.cw.title())
		g.win.SetContent(g.cw.buildUI())
		g.win.SetMainMenu(g.mainMenu())
		g.win.SetOnDropped(g.cw.onDropped)
		g.cw.afterOpen()
	}
	if old == nil {
		put()
		return
	}
	old.shutdown(func() {
		g.cw = nil
		put()
	})
}

// showStart closes any open case, after asking about unsaved changes,
// and shows the start screen.
func (g *gui) showStart() { g.leaveCase(g.showStartScreen) }

// showStartScreen puts the start screen in the window; no case is open.
func (g *gui) showStartScreen() {
	s := newStartScreen(g)
	g.win.SetTitle(appName)
	g.win.SetContent(s.buildUI())
	g.win.SetMainMenu(g.mainMenu())
	g.win.SetOnDropped(s.onDropped)
}

// closeCase closes the open case at once, without asking (tests).
func (g *gui) closeCase() { g.closeNow() }

// closeNow closes the case without asking: the app has ended.
func (g *gui) closeNow() {
	if g.cw != nil {
		g.cw.closeCase()
		g.cw = nil
	}
}

// onKey takes the keys no widget took: Escape closes the dialog on top,
// as desktop dialogs do (Fyne's own do not answer it). A dialog closed so
// runs none of its buttons' actions: nothing is saved or changed.
func (g *gui) onKey(ev *fyne.KeyEvent) {
	if ev.Name != fyne.KeyEscape {
		return
	}
	if top := g.win.Canvas().Overlays().Top(); top != nil {
		top.Hide()
	}
}
