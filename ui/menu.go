package ui

import (
	"fmt"
	"runtime"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"dossier"
)

// shortcut is one keyboard shortcut with its menu entry.
type shortcut struct {
	label string
	key   fyne.KeyName
	menu  string // the menu it sits in
	run   func()
}

// shortcuts are the app's keyboard shortcuts; the menus and Help › Keyboard
// shortcuts are built from this list, so they never disagree.
func (g *gui) shortcuts() []shortcut {
	list := []shortcut{
		{"New case…", fyne.KeyN, "File", g.onNewCase},
		{"Open case…", fyne.KeyO, "File", g.onOpenCase},
	}
	if cw := g.cw; cw != nil {
		list = append(list,
			shortcut{"Save", fyne.KeyS, "File", cw.onSaveShown},
			shortcut{"Close case", fyne.KeyW, "File", g.showStart},
			shortcut{"Add exhibits…", fyne.KeyE, "Case", cw.onAddFile},
			shortcut{"Add a folder of exhibits…", fyne.KeyD, "Case", cw.onAddFolder},
			shortcut{"Verify the case", fyne.KeyR, "Case", cw.onVerify},
		)
		for i, spec := range caseTabs {
			if i >= 9 {
				break
			}
			title := spec.title
			list = append(list, shortcut{title, fyne.KeyName(strconv.Itoa(i + 1)), "View", func() { cw.selectTab(title) }})
		}
	}
	return append(list, shortcut{"Quit", fyne.KeyQ, "File", g.onQuit})
}

// mainMenu builds the menu bar and registers the shortcuts on the window.
func (g *gui) mainMenu() *fyne.MainMenu {
	cv := g.win.Canvas()
	items := map[string][]*fyne.MenuItem{}
	for _, s := range g.shortcuts() {
		sc := &desktop.CustomShortcut{KeyName: s.key, Modifier: fyne.KeyModifierShortcutDefault}
		cv.RemoveShortcut(sc)
		run := s.run
		cv.AddShortcut(sc, func(fyne.Shortcut) { run() })
		it := fyne.NewMenuItem(s.label, run)
		it.Shortcut = sc
		if s.key == fyne.KeyQ {
			it.IsQuit = true // Fyne then adds no Quit of its own, which would skip the unsaved-changes question
			items["File"] = append(items["File"], fyne.NewMenuItemSeparator(),
				fyne.NewMenuItem("Settings…", g.onSettings), fyne.NewMenuItemSeparator())
		}
		items[s.menu] = append(items[s.menu], it)
	}
	menus := []*fyne.Menu{fyne.NewMenu("File", items["File"]...), g.editMenu()}
	for _, name := range []string{"View", "Case"} {
		if len(items[name]) > 0 {
			menus = append(menus, fyne.NewMenu(name, items[name]...))
		}
	}
	menus = append(menus, fyne.NewMenu("Help",
		fyne.NewMenuItem("Keyboard shortcuts", g.onShowShortcuts),
		fyne.NewMenuItem("About Dossier", g.onAbout)))
	return fyne.NewMainMenu(menus...)
}

// editMenu is the usual Edit menu. Its entries act on the field that has
// the keyboard focus, as the keys themselves do (Fyne's entries answer
// Ctrl+X, C, V, A and Z on their own, so the keys are not registered again).
func (g *gui) editMenu() *fyne.Menu {
	clip := func() fyne.Clipboard { return g.app.Clipboard() }
	item := func(label string, key fyne.KeyName, make func() fyne.Shortcut) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, func() { g.typeShortcut(make()) })
		it.Shortcut = &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
		return it
	}
	return fyne.NewMenu("Edit",
		item("Undo", fyne.KeyZ, func() fyne.Shortcut { return &fyne.ShortcutUndo{} }),
		item("Redo", fyne.KeyY, func() fyne.Shortcut { return &fyne.ShortcutRedo{} }),
		fyne.NewMenuItemSeparator(),
		item("Cut", fyne.KeyX, func() fyne.Shortcut { return &fyne.ShortcutCut{Clipboard: clip()} }),
		item("Copy", fyne.KeyC, func() fyne.Shortcut { return &fyne.ShortcutCopy{Clipboard: clip()} }),
		item("Paste", fyne.KeyV, func() fyne.Shortcut { return &fyne.ShortcutPaste{Clipboard: clip()} }),
		item("Select all", fyne.KeyA, func() fyne.Shortcut { return &fyne.ShortcutSelectAll{} }),
	)
}

// typeShortcut hands s to the focused widget, as pressing its keys would.
func (g *gui) typeShortcut(s fyne.Shortcut) {
	if f, ok := g.win.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(s)
	}
}

func (g *gui) onShowShortcuts() {
	var rows []fyne.CanvasObject
	for _, s := range g.shortcuts() {
		rows = append(rows, widget.NewLabelWithStyle(shortcutText(s.key), fyne.TextAlignLeading, fyne.TextStyle{Monospace: true}),
			widget.NewLabel(s.menu+" › "+s.label))
	}
	rows = append(rows, widget.NewLabelWithStyle("drag and drop", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true}),
		widget.NewLabel("drop files or folders on a case window to add them"))
	dialog.ShowCustom("Keyboard shortcuts", "Close", container.NewVScroll(container.New(layout.NewFormLayout(), rows...)), g.win)
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
		"Dossier "+dossier.Version+"\n"+
			fmt.Sprintf("Build %d · %s · %s/%s\n\n", dossier.Build, runtime.Version(), runtime.GOOS, runtime.GOARCH)+
			"Dossier keeps the evidence for a complaint to the Information Commissioner's Office\n"+
			"in one case file, with an unbroken, checkable record of custody.", g.win)
}
