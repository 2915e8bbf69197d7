package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

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
// the case closes), cw.win (parent for dialogs), cw.goBackground(f) for
// slow work (update widgets from it only through cw.do), showError(cw.win,
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

// caseOpened is a case as the app opened it: writable with this window's
// edit lock, or read-only and why.
type caseOpened struct {
	c           *casefile.Case
	lock        *casefile.EditLock // nil when read-only, or in tests
	readOnlyWhy string             // "" when the case can be changed
}

// caseWindow is the main window's content while a case is open: the tabs
// and what they share (the case, the window, background work).
type caseWindow struct {
	g      *gui
	win    fyne.Window
	c      *casefile.Case
	lock   *casefile.EditLock
	roWhy  string
	ctx    context.Context
	cancel context.CancelFunc
	tabs   *container.AppTabs
	items  []caseTab
	// built says which tabs have made their widgets: a tab is built the
	// first time it is shown or another tab hands over to it, so opening
	// a big case lays out one tab before the first frame, not nine.
	// slots hold each tab's content once built, while it is shown;
	// parked holds it while another tab is (see buildUI).
	built  []bool
	slots  []*fyne.Container
	parked [][]fyne.CanvasObject
	status *widget.Label
	actor  *widget.Button

	// work counts background work still running; closing waits for it.
	// closed is set once the case starts closing: results that arrive
	// after it are dropped. Both touched only on the UI goroutine, but
	// for work's own counter.
	work    sync.WaitGroup
	closed  bool
	closing bool

	adding     bool         // an intake is running; touched only on the UI goroutine
	lastIntake intakeResult // the last batch added, for tests
}

func newCaseWindow(g *gui, o *caseOpened) *caseWindow {
	ctx, cancel := context.WithCancel(context.Background())
	cw := &caseWindow{g: g, win: g.win, c: o.c, lock: o.lock, roWhy: o.readOnlyWhy, ctx: ctx, cancel: cancel}
	for _, spec := range caseTabs {
		cw.items = append(cw.items, spec.make(cw))
	}
	return cw
}

// title is the window title: the case's title and its file name.
func (cw *caseWindow) title() string {
	t := fmt.Sprintf("Dossier — %s (%s)", cw.c.Info().Title, filepath.Base(cw.c.Path()))
	if cw.c.ReadOnly() {
		t += " [read-only]"
	}
	return t
}

func (cw *caseWindow) buildUI() fyne.CanvasObject {
	cw.built = make([]bool, len(caseTabs))
	cw.slots = make([]*fyne.Container, len(caseTabs))
	items := make([]*container.TabItem, len(caseTabs))
	for i, spec := range caseTabs {
		cw.slots[i] = container.NewStack()
		items[i] = container.NewTabItemWithIcon(spec.title, spec.icon(), cw.slots[i])
	}
	// All at once: each Append lays the tab bar out again.
	cw.tabs = container.NewAppTabs(items...)
	// The first tab is filled by the reload below.
	cw.built[0] = true
	cw.slots[0].Objects = []fyne.CanvasObject{cw.items[0].buildUI()}
	// A tab's content is taken out of its slot while another tab shows:
	// changing tab refreshes every tab's content, and with all nine built
	// on a case of 100,000 rows that took a fifth of a second.
	cw.parked = make([][]fyne.CanvasObject, len(caseTabs))
	cw.tabs.OnUnselected = func(it *container.TabItem) {
		for i, other := range items {
			if other == it && cw.built[i] {
				cw.parked[i], cw.slots[i].Objects = cw.slots[i].Objects, nil
			}
		}
	}
	cw.tabs.OnSelected = func(*container.TabItem) {
		if i := cw.tabs.SelectedIndex(); i >= 0 && cw.parked[i] != nil {
			cw.slots[i].Objects, cw.parked[i] = cw.parked[i], nil
			cw.slots[i].Refresh()
		}
		cw.build(cw.tabs.SelectedIndex())
		if s, ok := cw.shownTab().(interface{ shown() }); ok {
			s.shown() // a tab with costly work does it only when seen
		}
	}
	cw.status = widget.NewLabel("")
	cw.status.Truncation = fyne.TextTruncateEllipsis
	cw.actor = widget.NewButtonWithIcon("", theme.AccountIcon(), cw.g.onSetActor)
	cw.actor.Importance = widget.LowImportance
	cw.reload()
	bottom := container.NewBorder(widget.NewSeparator(), nil, cw.actor, nil, cw.status)
	var top fyne.CanvasObject
	if cw.c.ReadOnly() {
		top = readOnlyBanner(cw.roWhy)
	}
	return container.NewBorder(top, bottom, nil, nil, cw.tabs)
}

// build makes tab i's widgets and fills them from the case, the first
// time it is called for i.
func (cw *caseWindow) build(i int) {
	if cw.tabs == nil || i < 0 || i >= len(cw.items) || cw.built[i] {
		return
	}
	cw.built[i] = true
	cw.slots[i].Objects = []fyne.CanvasObject{cw.items[i].buildUI()}
	cw.slots[i].Refresh()
	if !cw.closed {
		cw.items[i].reload()
	}
}

// reload tells every built tab the case changed; the others read the
// case when they are built.
func (cw *caseWindow) reload() {
	if cw.closed {
		return
	}
	for i, t := range cw.items {
		if cw.built == nil || cw.built[i] {
			t.reload()
		}
	}
	cw.updateStatus()
	cw.updateDirty()
}

// statusTip is the status line's advice while nothing has happened.
const statusTip = "Drop files on the window to add them as exhibits"

// updateStatus shows who is recorded as acting and where the case lives.
func (cw *caseWindow) updateStatus() {
	if cw.status == nil {
		return
	}
	cw.actor.SetText(actorText(cw.c))
	// The tip first: a long path is what the ellipsis may cut.
	cw.status.SetText(statusTip + "   ·   " + cw.c.Path())
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
		if it.Text == title || strings.TrimSuffix(it.Text, dirtyMark) == title {
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
	for i, t := range cw.items {
		if v, ok := t.(T); ok {
			cw.build(i) // a tab handed a task has its widgets
			return v
		}
	}
	return zero
}

// goBackground runs f off the UI goroutine and counts it as work that
// closing the case waits for.
func (cw *caseWindow) goBackground(f func()) {
	cw.work.Add(1)
	cw.g.background(func() {
		defer cw.work.Done()
		f()
	})
}

// do runs f on the UI goroutine, unless the case has started closing by
// then: background work reports through it, and a result that arrives
// for a closed case has nowhere to go.
func (cw *caseWindow) do(f func()) {
	fyne.Do(func() {
		if !cw.closed {
			f()
		}
	})
}

// latest numbers a screen's background reads, so that one which ends
// after a newer one began shows nothing: a slow read never replaces a
// newer one. It is used on the UI goroutine only.
type latest struct{ n int }

// read starts a read: work runs off the UI goroutine, then show on it
// with what work set (both close over it), unless another read began on
// l meanwhile or the case is closing.
func (l *latest) read(cw *caseWindow, work, show func()) {
	l.n++
	l.more(cw, work, show)
}

// more is read for the read under way: show is dropped if another read
// begins before work ends.
func (l *latest) more(cw *caseWindow, work, show func()) {
	n := l.n
	cw.goBackground(func() {
		work()
		cw.do(func() {
			if n == l.n && cw.ctx.Err() == nil {
				show()
			}
		})
	})
}

// drop makes the reads under way show nothing.
func (l *latest) drop() { l.n++ }

// shutdownGrace is how long closing waits for background work before it
// says what it is waiting for.
const shutdownGrace = 150 * time.Millisecond

// shutdown stops the case's background work, waits for it (saying so if
// it takes a moment), closes the case and then runs then on the UI
// goroutine.
func (cw *caseWindow) shutdown(then func()) {
	if cw.closing {
		return
	}
	cw.closing, cw.closed = true, true
	cw.cancel()
	done := make(chan struct{})
	go func() { cw.work.Wait(); close(done) }()
	select {
	case <-done:
		cw.closeCase()
		then()
		return
	case <-time.After(shutdownGrace):
	}
	bar := widget.NewProgressBarInfinite()
	d := dialog.NewCustomWithoutButtons("Closing the case",
		container.NewVBox(widget.NewLabel("Stopping the work in progress; nothing half-done is kept…"), bar), cw.win)
	d.Show()
	go func() {
		<-done
		fyne.Do(func() {
			bar.Stop()
			d.Hide()
			cw.closeCase()
			then()
		})
	}()
}

// closeCase closes the case file and lets go of its edit lock; background
// work must have stopped (shutdown), or never started.
func (cw *caseWindow) closeCase() {
	cw.closed = true
	cw.cancel()
	if err := cw.c.Close(); err != nil {
		showError(cw.win, err)
	}
	cw.lock.Release()
}

// isBuilt says whether tab i has made its widgets.
func (cw *caseWindow) isBuilt(i int) bool {
	return cw.built != nil && cw.built[i]
}
