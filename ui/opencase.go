package ui

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/casefile"
)

// Why a case opened read-only, as the banner says it.
const (
	whyElsewhere = "This case is open for editing in another Dossier window. It is open here read-only: " +
		"you can look and verify, but not change it. Close it there, then open it here again to make changes."
	whyReadOnlyMedia = "This case file, or its folder, cannot be written (a locked USB stick, a read-only folder or a CD). " +
		"It is open read-only: you can look and verify, but not change it. Copy it to a folder of your own to work on it."
)

// openCase opens the case file at path in the main window, after asking
// about unsaved changes in the case open before. A case another window
// edits, or one on read-only media, opens read-only with a banner saying
// why; a case from an older Dossier is upgraded only after asking. The
// error is returned (and not shown) when the file cannot be opened at all.
func (g *gui) openCase(path string) error {
	if cw := g.cw; cw != nil {
		if len(cw.unsavedWhat()) > 0 {
			cw.checkUnsaved(func() { g.openCaseOrSay(path) })
			return nil
		}
		if sameFile(cw.c.Path(), path) {
			// This window holds the case's edit lock: let go first.
			g.leaveCase(func() {
				g.showStartScreen()
				g.openCaseOrSay(path)
			})
			return nil
		}
	}
	o, err := g.tryOpen(path, false)
	if errors.Is(err, casefile.ErrNeedsUpgrade) {
		g.askUpgrade(path)
		return nil
	}
	if err != nil {
		return err
	}
	g.showOpened(o)
	return nil
}

// sameFile reports whether two paths name one file.
func sameFile(a, b string) bool {
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	return err == nil && os.SameFile(sa, sb)
}

// openCaseOrSay opens path and shows any error in a dialog.
func (g *gui) openCaseOrSay(path string) {
	if err := g.openCase(path); err != nil {
		showError(g.win, err)
	}
}

// tryOpen opens path for this window: for editing when it can, holding
// the edit lock, and read-only otherwise.
func (g *gui) tryOpen(path string, upgrade bool) (*caseOpened, error) {
	opt := casefile.Options{Actor: g.actor(), ConcurrentReads: true, Upgrade: upgrade}
	lock, lerr := casefile.LockForEditing(path)
	if errors.Is(lerr, casefile.ErrOpenElsewhere) {
		c, err := casefile.OpenReadOnly(path, casefile.Options{Actor: g.actor()})
		if err != nil {
			return nil, err
		}
		return &caseOpened{c: c, readOnlyWhy: whyElsewhere}, nil
	}
	// Any other failure to lock (a folder that cannot be written) shows
	// again, and is said better, when the case is opened.
	c, err := casefile.Open(path, opt)
	switch {
	case errors.Is(err, casefile.ErrReadOnly):
		lock.Release()
		c, err = casefile.OpenReadOnly(path, casefile.Options{Actor: g.actor()})
		if err != nil {
			return nil, err
		}
		return &caseOpened{c: c, readOnlyWhy: whyReadOnlyMedia}, nil
	case err != nil:
		lock.Release()
		return nil, err
	}
	return &caseOpened{c: c, lock: lock}, nil
}

// askUpgrade asks before a case from an older Dossier is upgraded.
func (g *gui) askUpgrade(path string) {
	from, _ := casefile.FileSchema(path)
	msg := fmt.Sprintf("%s was made by an older version of Dossier (case file version %d; this one writes version %d).\n\n"+
		"To open it, Dossier must upgrade it. The upgrade is one step, recorded in the custody log; "+
		"nothing in the evidence changes, but older versions of Dossier cannot open the case afterwards. "+
		"Keep a copy of the file first if others use an older version.\n\nUpgrade it now?",
		path, from, casefile.SchemaVersion())
	d := dialog.NewConfirm("Upgrade this case?", msg, func(ok bool) {
		if !ok {
			return
		}
		o, err := g.tryOpen(path, true)
		if err != nil {
			showError(g.win, err)
			return
		}
		g.showOpened(o)
	}, g.win)
	d.SetConfirmText("Upgrade and open")
	d.SetDismissText("Cancel")
	d.Show()
}

// readOnlyBanner is the band across a read-only case window saying why.
// It is drawn in the theme's warning colour with the text colour made
// for it, a pair that passes WCAG AA in both variants (appTheme).
func readOnlyBanner(why string) fyne.CanvasObject {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameWarning))
	text := widget.NewRichText(&widget.TextSegment{Text: "Read-only. " + why, Style: widget.RichTextStyle{
		ColorName: theme.ColorNameForegroundOnWarning, TextStyle: fyne.TextStyle{Bold: true}}})
	text.Wrapping = fyne.TextWrapWord
	return container.NewStack(bg, text)
}

// actorKey is the preference holding the name recorded in custody events.
const actorKey = "actor"

// actor is the name the person gave for the custody log, or "" for
// casefile's default (DOSSIER_USER, then the operating system's user).
func (g *gui) actor() string {
	return strings.TrimSpace(g.app.Preferences().String(actorKey))
}

// actorText is the status bar's button: who the custody log records.
func actorText(c *casefile.Case) string {
	return "Acting as " + c.Actor()
}

// afterOpen asks who is acting the first time a case is opened for
// writing, when the person has not said yet: otherwise every event would
// carry the computer's login name without anyone having chosen it.
func (cw *caseWindow) afterOpen() {
	g := cw.g
	if cw.c.ReadOnly() || g.actor() != "" || g.askedActor {
		return
	}
	g.askedActor = true
	g.askActor(true)
}

// onSetActor is the status bar's button and Settings' name: it asks for
// the name to record in custody events from now on.
func (g *gui) onSetActor() { g.askActor(false) }

// askActor asks for the person's name, prefilled with the complainant's
// name when the case has one (the usual first user), else the name in use.
func (g *gui) askActor(first bool) {
	name := widget.NewEntry()
	current := g.actor()
	if g.cw != nil {
		if current == "" {
			current, _ = g.cw.c.Setting(g.cw.ctx, casefile.SettingComplainant)
		}
		if strings.TrimSpace(current) == "" {
			current = g.cw.c.Actor()
		}
	}
	name.SetText(strings.TrimSpace(current))
	item := widget.NewFormItem("Your name", name)
	item.HintText = "recorded with everything you do to a case, and printed in its bundles"
	title, ok, cancel := "Who is working on the case?", "Save", "Cancel"
	if first {
		ok, cancel = "Use this name", "Not now"
	}
	d := dialog.NewForm(title, ok, cancel, []*widget.FormItem{item}, func(yes bool) {
		if yes {
			g.setActor(name.Text)
		}
	}, g.win)
	d.Resize(fyne.NewSize(520, 0))
	name.OnSubmitted = func(string) { d.Submit() }
	g.lastActorDialog = d
	d.Show()
	g.win.Canvas().Focus(name)
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
