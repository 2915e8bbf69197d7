package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dossier/casefile"
)

// closedCase is a case file made and closed, for the app to open.
func closedCase(t *testing.T) string {
	t.Helper()
	c := casefile.TestCase(t)
	path := c.Path()
	if err := c.SetSetting(context.Background(), casefile.SettingComplainant, "Alex Marsh"); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// A case another window holds for editing opens read-only, with a band
// saying why; once that window lets go, it opens for editing.
func TestCaseOpenElsewhereOpensReadOnly(t *testing.T) {
	path := closedCase(t)
	other, err := casefile.LockForEditing(path)
	if err != nil {
		t.Fatal(err)
	}
	g := newTestGUI(t)
	if err := g.openCase(path); err != nil {
		t.Fatal(err)
	}
	if !g.cw.c.ReadOnly() || g.cw.roWhy != whyElsewhere || !strings.HasSuffix(g.win.Title(), "[read-only]") {
		t.Fatalf("read-only %v, why %q, title %q", g.cw.c.ReadOnly(), g.cw.roWhy, g.win.Title())
	}
	if got := visibleRichText(g.win.Content()); !strings.Contains(got, "open for editing in another Dossier window") {
		t.Errorf("no band says why: %q", got)
	}
	g.showStart()
	other.Release()
	if err := g.openCase(path); err != nil {
		t.Fatal(err)
	}
	if g.cw.c.ReadOnly() {
		t.Error("still read-only after the other window let go")
	}
	// This window now holds it: a second one would open it read-only.
	if _, err := casefile.LockForEditing(path); err == nil {
		t.Error("the app opened the case without taking its edit lock")
	}
}

// A case from an older Dossier is upgraded only after asking.
func TestOlderCaseUpgradedOnlyAfterAsking(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.dossier")
	casefile.TestOldCase(t, path, casefile.SchemaVersion()-1)
	g := newTestGUI(t)
	if err := g.openCase(path); err != nil {
		t.Fatal(err)
	}
	if g.cw != nil {
		t.Fatal("opened (and so upgraded) without asking")
	}
	if v, _ := casefile.FileSchema(path); v != casefile.SchemaVersion()-1 {
		t.Fatalf("schema %d before the answer", v)
	}
	test.Tap(dialogButton(g.win, "Upgrade and open"))
	if g.cw == nil || g.cw.c.ReadOnly() {
		t.Fatal("not opened after Upgrade")
	}
	if v, _ := casefile.FileSchema(path); v != casefile.SchemaVersion() {
		t.Errorf("schema %d after the upgrade", v)
	}
}

// The first case opened for writing asks who is acting, prefilled with
// the complainant; the answer is kept and shown in the status bar.
func TestAsksWhoIsActing(t *testing.T) {
	path := closedCase(t)
	g := newTestGUI(t)
	g.app.Preferences().SetString(actorKey, "")
	if err := g.openCase(path); err != nil {
		t.Fatal(err)
	}
	if g.lastActorDialog == nil {
		t.Fatal("no question about who is acting")
	}
	b := dialogButton(g.win, "Use this name")
	if b == nil {
		t.Fatal("the question has no Use this name button")
	}
	test.Tap(b)
	if g.actor() != "Alex Marsh" || g.cw.c.Actor() != "Alex Marsh" || g.cw.actor.Text != "Acting as Alex Marsh" {
		t.Errorf("actor %q, case %q, status %q", g.actor(), g.cw.c.Actor(), g.cw.actor.Text)
	}
	// Asked once: a case opened later is not asked about again.
	g.showStart()
	g.lastActorDialog = nil
	if err := g.openCase(path); err != nil {
		t.Fatal(err)
	}
	if g.lastActorDialog != nil {
		t.Error("asked again")
	}
}

// Closing a case waits for its background work to stop.
func TestCloseWaitsForBackgroundWork(t *testing.T) {
	g, c := openTestCase(t)
	g.background = func(f func()) { go f() }
	var finished atomic.Bool
	started := make(chan struct{})
	ctx := g.cw.ctx
	g.cw.goBackground(func() {
		close(started)
		<-ctx.Done()
		time.Sleep(30 * time.Millisecond) // the work's own clean-up
		_, _ = c.Exhibits(context.Background())
		finished.Store(true)
	})
	<-started
	g.showStart()
	if !finished.Load() {
		t.Fatal("the case closed before its background work had stopped")
	}
	if g.cw != nil {
		t.Error("the case is still open")
	}
}

// A refused export leaves the file already at the chosen path as it was:
// the save dialog names a path and creates nothing.
func TestRefusedExportKeepsThePreviousFile(t *testing.T) {
	g, c := openTestCase(t)
	// A data sheet whose rows are not imported refuses the export.
	if _, err := c.Add(context.Background(), casefile.TestFile(t, "sheet.csv", []byte("Name,Phone\nZoe Okafor,07700 900123\n")),
		casefile.Meta{Kind: casefile.KindSheet}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(filepath.Dir(c.Path()), "bundle.pdf")
	if err := os.WriteFile(out, []byte("the bundle sent last week"), 0o644); err != nil {
		t.Fatal(err)
	}
	g.cw.reload()
	et := tabOf[*exportTab](g.cw)
	et.onExport()
	s := g.lastSave
	if s == nil || s.dir != filepath.Dir(c.Path()) || !strings.HasSuffix(s.name.Text, ".pdf") {
		t.Fatalf("save dialog %+v, want it in the case's folder with a .pdf name", s)
	}
	s.name.SetText("bundle")
	s.onSave() // the .pdf is added; the file exists, so it asks
	test.Tap(dialogButton(g.win, "Replace"))
	if data, _ := os.ReadFile(out); string(data) != "the bundle sent last week" {
		t.Errorf("the previous bundle became %q", data)
	}
	if et.lastPath != "" {
		t.Errorf("a refused export says it wrote %s", et.lastPath)
	}
}

// Several files are added at once; the case's own files are not offered.
func TestAddSeveralFilesHidesCaseFiles(t *testing.T) {
	g, c := openTestCase(t)
	dir := filepath.Dir(c.Path())
	for _, name := range []string{"a.txt", "b.txt", filepath.Base(c.Path()) + "-wal"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	g.cw.onAddFile()
	m := g.lastMulti
	if m == nil || m.dir != dir {
		t.Fatalf("picker %+v, want it in the case's folder", m)
	}
	var names []string
	for _, e := range m.entries {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != "a.txt b.txt" {
		t.Errorf("offered %q, want a.txt b.txt only", got)
	}
	m.toggle(filepath.Join(dir, "a.txt"), true)
	m.toggle(filepath.Join(dir, "b.txt"), true)
	test.Tap(m.ok)
	if exs, _ := c.Exhibits(context.Background()); len(exs) != 2 {
		t.Errorf("%d exhibits added, want 2", len(exs))
	}
	// Dropped or typed, the case's own file is refused too.
	drop(g.cw, c.Path())
	if len(g.cw.lastIntake.failed) != 1 || !strings.Contains(g.cw.lastIntake.failed[0].Error(), "own file") {
		t.Errorf("dropping the case file: %v", g.cw.lastIntake.failed)
	}
}

// Ctrl+1…9 bring the tabs forward, Ctrl+S saves the tab's form, and the
// Edit menu is there.
func TestDesktopShortcuts(t *testing.T) {
	g, c := openTestCase(t)
	sh := g.win.Canvas().(interface{ TypedShortcut(fyne.Shortcut) })
	press := func(k fyne.KeyName) {
		sh.TypedShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault})
	}
	press("3")
	if got := g.cw.tabs.Selected().Text; got != "Rows" {
		t.Errorf("Ctrl+3 shows %q", got)
	}
	press("1")
	ov := tabOf[*overviewTab](g.cw)
	test.Type(ov.fields[casefile.SettingComplainantContact], "alex@example.org")
	press(fyne.KeyS)
	if v, _ := c.Setting(context.Background(), casefile.SettingComplainantContact); v != "alex@example.org" {
		t.Errorf("Ctrl+S saved %q", v)
	}
	var menus []string
	for _, m := range g.mainMenu().Items {
		menus = append(menus, m.Label)
	}
	if got := strings.Join(menus, " "); got != "File Edit View Case Help" {
		t.Errorf("menus %q", got)
	}
}

// visibleRichText is the text of every rich text a widget draws now.
func visibleRichText(o fyne.CanvasObject) string {
	var out []string
	walk(o, func(o fyne.CanvasObject) bool {
		if !o.Visible() {
			return false
		}
		if x, ok := o.(*widget.RichText); ok {
			out = append(out, x.String())
			return false
		}
		return true
	})
	return strings.Join(out, "\n")
}

// Escape closes the dialog on top and does nothing else.
func TestEscapeClosesDialog(t *testing.T) {
	g, c := openTestCase(t)
	ov := tabOf[*overviewTab](g.cw)
	test.Type(ov.fields[casefile.SettingComplainantContact], "typed")
	g.showStart()
	if g.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no question about the unsaved details")
	}
	g.onKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if g.win.Canvas().Overlays().Top() != nil {
		t.Error("Escape left the dialog open")
	}
	if g.cw == nil || len(g.cw.unsavedWhat()) != 1 {
		t.Error("Escape closed the case or dropped the typed details")
	}
	if v, _ := c.Setting(context.Background(), casefile.SettingComplainantContact); v != "" {
		t.Errorf("Escape saved %q", v)
	}
}
