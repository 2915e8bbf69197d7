package ui

import (
	"context"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"dossier/casefile"
)

// goBackground runs background work on real goroutines, as the app does,
// and lets the test wait for all of it.
func goBackground(g *gui) *sync.WaitGroup {
	var wg sync.WaitGroup
	g.background = func(f func()) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f()
		}()
	}
	return &wg
}

func TestBackgroundWorkOnGoroutines(t *testing.T) {
	g, c := openTestCase(t)
	wg := goBackground(g)
	drop(g.cw, casefile.TestFile(t, "a.txt", []byte("first")), casefile.TestFile(t, "b.txt", []byte("second")))
	// The intake starts the preview of the exhibit it selects before it
	// finishes, so one Wait covers both.
	wg.Wait()
	if exs, _ := c.Exhibits(context.Background()); len(exs) != 2 {
		t.Fatalf("%d exhibits, want 2", len(exs))
	}
	g.cw.onVerify()
	wg.Wait()
	cust := tabOf[*custodyTab](g.cw)
	if !strings.HasPrefix(cust.result.Text, "Intact: 2 exhibits") {
		t.Errorf("result %q", cust.result.Text)
	}
}

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
