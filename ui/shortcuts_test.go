package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"dossier/casefile"
)

func TestShortcutsRunTheirActions(t *testing.T) {
	g, c := openTestCase(t)
	drop(g.cw, casefile.TestFile(t, "a.txt", []byte("evidence")))
	sh := g.win.Canvas().(interface{ TypedShortcut(fyne.Shortcut) })
	sh.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyR, Modifier: fyne.KeyModifierShortcutDefault})
	log, _ := c.Log(context.Background())
	if last := log[len(log)-1]; last.Action != casefile.ActionVerified {
		t.Errorf("Ctrl+R: last event %s, want verified", last.Action)
	}
	sh.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyW, Modifier: fyne.KeyModifierShortcutDefault})
	if g.cw != nil || g.win.Title() != "Dossier" {
		t.Errorf("Ctrl+W left the case open (title %q)", g.win.Title())
	}
	// The menu lists every shortcut the window answers to.
	var labels []string
	for _, m := range g.mainMenu().Items {
		for _, it := range m.Items {
			labels = append(labels, it.Label)
		}
	}
	if got := strings.Join(labels, "|"); !strings.Contains(got, "New case…") || !strings.Contains(got, "Keyboard shortcuts") {
		t.Errorf("menu items %q", got)
	}
}
