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
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"dossier/assets"
	"dossier/casefile"
	_ "dossier/ui/internal/posixlocale" // before Fyne reads the locale
)

// appID names the app to the operating system and keys its preferences.
const appID = "org.dossier.app"

// Run opens the desktop app and returns when its last window closes. With
// a case path it opens that case; with "" it shows the start screen.
func Run(casePath string) error {
	a := app.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("dossier.png", assets.Icon))
	g := newGUI(a)
	if casePath != "" {
		if err := g.openCase(casePath); err != nil {
			g.showStart()
			showError(g.win, err)
		}
	} else {
		g.showStart()
	}
	// On X11 the window's class (WM_CLASS), by which a desktop matches it
	// to Dossier's menu entry (StartupWMClass=Dossier) and groups it in
	// the task bar, is the title it has when it is created. Create it as
	// "Dossier", then show the case's title.
	title := g.win.Title()
	g.win.SetTitle("Dossier")
	a.Lifecycle().SetOnStarted(func() { g.win.SetTitle(title) })
	g.win.ShowAndRun()
	g.closeCase()
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
}

func newGUI(a fyne.App) *gui {
	g := &gui{app: a, background: func(f func()) { go f() }}
	g.win = a.NewWindow("Dossier")
	g.win.Resize(fyne.NewSize(1180, 760))
	g.win.SetMaster()
	return g
}

// openCase opens the case file at path and shows it in the main window,
// closing any case open before. It remembers the case in the recent list.
func (g *gui) openCase(path string) error {
	c, err := casefile.Open(path, casefile.Options{Actor: g.actor(), ConcurrentReads: true})
	if err != nil {
		return err
	}
	g.showCase(c)
	return nil
}

// actorKey is the preference holding the name recorded in custody events.
const actorKey = "actor"

// actor is the name the person gave for the custody log, or "" for
// casefile's default (DOSSIER_USER, then the operating system's user).
func (g *gui) actor() string {
	return g.app.Preferences().String(actorKey)
}

// onSetActor asks for the name to record in custody events from now on.
func (g *gui) onSetActor() {
	name := widget.NewEntry()
	current := g.actor()
	if g.cw != nil {
		current = g.cw.c.Actor()
	}
	name.SetText(current)
	items := []*widget.FormItem{widget.NewFormItem("Your name", name)}
	items[0].HintText = "recorded with everything you do to a case, e.g. \"Alex Example\""
	d := dialog.NewForm("Who is working on the case", "Save", "Cancel", items, func(ok bool) {
		if ok {
			g.setActor(name.Text)
		}
	}, g.win)
	d.Resize(fyne.NewSize(480, 0))
	d.Show()
}

// setActor stores the name and applies it to the open case.
func (g *gui) setActor(name string) {
	name = strings.TrimSpace(name)
	g.app.Preferences().SetString(actorKey, name)
	if g.cw != nil && name != "" {
		g.cw.c.SetActor(name)
		g.cw.updateStatus()
	}
}

// showCase puts an opened case into the main window.
func (g *gui) showCase(c *casefile.Case) {
	g.closeCase()
	addRecent(g.app.Preferences(), c.Path())
	g.cw = newCaseWindow(g, c)
	g.win.SetTitle(g.cw.title())
	g.win.SetContent(g.cw.buildUI())
	g.win.SetMainMenu(g.mainMenu())
	g.win.SetOnDropped(g.cw.onDropped)
}

// showStart closes any open case and shows the start screen.
func (g *gui) showStart() {
	g.closeCase()
	s := newStartScreen(g)
	g.win.SetTitle("Dossier")
	g.win.SetContent(s.buildUI())
	g.win.SetMainMenu(g.mainMenu())
	g.win.SetOnDropped(s.onDropped)
}

func (g *gui) closeCase() {
	if g.cw == nil {
		return
	}
	g.cw.close()
	g.cw = nil
}
