package ui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"dossier/casefile"
)

func TestCreateCaseThroughForm(t *testing.T) {
	g := newTestGUI(t)
	g.showStart()
	path := filepath.Join(t.TempDir(), "leak")
	f := newNewCaseForm(g)
	f.show()
	test.Type(f.location, path)
	test.Type(f.title, "Tenant data sheets")
	f.prefix.SetText("")
	test.Type(f.prefix, "hh")
	test.Type(f.complainant, "Alex Example")
	test.Type(f.organisation, "Example Homes")
	f.onCreate()

	if g.cw == nil {
		t.Fatal("no case window after Create")
	}
	c := g.cw.c
	if got, want := c.Path(), path+".dossier"; got != want {
		t.Errorf("case path %q, want %q", got, want)
	}
	if got, want := g.win.Title(), "Dossier — Tenant data sheets (leak.dossier)"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
	if c.Info().Prefix != "HH" {
		t.Errorf("prefix %q, want HH", c.Info().Prefix)
	}
	for key, want := range map[string]string{casefile.SettingComplainant: "Alex Example", casefile.SettingOrganisation: "Example Homes"} {
		if got, _ := c.Setting(context.Background(), key); got != want {
			t.Errorf("setting %s = %q, want %q", key, got, want)
		}
	}
	if r := recentCases(g.app.Preferences()); len(r) == 0 || r[0] != c.Path() {
		t.Errorf("recent cases %q, want %q first", r, c.Path())
	}
}

func TestCreateCaseRefusesBadInput(t *testing.T) {
	g := newTestGUI(t)
	g.showStart()
	existing := casefile.TestFile(t, "taken.dossier", []byte("not a case"))
	tests := []struct {
		name, location, title, prefix string
	}{
		{"no location", "", "A case", "LW"},
		{"no title", filepath.Join(t.TempDir(), "a"), "", "LW"},
		{"bad prefix", filepath.Join(t.TempDir(), "b"), "A case", "12/"},
		{"existing file", existing, "A case", "LW"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newNewCaseForm(g)
			f.location.SetText(tt.location)
			f.title.SetText(tt.title)
			f.prefix.SetText(tt.prefix)
			f.onCreate()
			if g.cw != nil {
				t.Fatalf("case opened despite %s", tt.name)
			}
		})
	}
	if data, _ := os.ReadFile(existing); string(data) != "not a case" {
		t.Errorf("existing file changed to %q", data)
	}
}

func TestOpenNonCaseFileNamesFileAndNextStep(t *testing.T) {
	g := newTestGUI(t)
	p := casefile.TestFile(t, "notes.dossier", []byte("shopping list: milk, eggs"))
	err := g.openCase(p)
	if !errors.Is(err, casefile.ErrNotCaseFile) {
		t.Fatalf("open: %v, want ErrNotCaseFile", err)
	}
	text := errorText(err)
	for _, want := range []string{p, "not a Dossier case file", "New case"} {
		if !strings.Contains(text, want) {
			t.Errorf("error text %q lacks %q", text, want)
		}
	}
	if g.cw != nil {
		t.Error("a case window opened")
	}
}

func TestRecentCases(t *testing.T) {
	p := test.NewTempApp(t).Preferences()
	dir := t.TempDir()
	for i := 0; i < maxRecent+3; i++ {
		addRecent(p, filepath.Join(dir, string(rune('a'+i))+".dossier"))
	}
	addRecent(p, filepath.Join(dir, "c.dossier"))
	got := recentCases(p)
	if len(got) != maxRecent || filepath.Base(got[0]) != "c.dossier" || filepath.Base(got[1]) != "m.dossier" {
		t.Errorf("recent = %q", got)
	}
	removeRecent(p, got[0])
	if r := recentCases(p); len(r) != maxRecent-1 || filepath.Base(r[0]) != "m.dossier" {
		t.Errorf("after remove: %q", r)
	}
}

func TestStartScreenOpensRecentCase(t *testing.T) {
	g := newTestGUI(t)
	c := casefile.TestCase(t)
	path := c.Path()
	c.Close()
	addRecent(g.app.Preferences(), filepath.Join(t.TempDir(), "gone.dossier"))
	addRecent(g.app.Preferences(), path)
	s := newStartScreen(g)
	g.win.SetContent(s.buildUI())
	if n := s.list.Length(); n != 2 {
		t.Fatalf("recent list has %d entries, want 2", n)
	}
	s.list.Select(0)
	if g.cw == nil || g.cw.c.Path() != path {
		t.Fatalf("recent case not opened")
	}
}

func TestActorNameIsRecorded(t *testing.T) {
	g, c := openTestCase(t)
	g.setActor("  Sam Example ")
	drop(g.cw, casefile.TestFile(t, "a.txt", []byte("evidence")))
	log, _ := c.Log(context.Background())
	if last := log[len(log)-1]; last.Actor != "Sam Example" {
		t.Errorf("acquired by %q, want Sam Example", last.Actor)
	}
	// The name sticks for cases opened later.
	path := c.Path()
	g.showStart()
	if err := g.openCase(path); err != nil {
		t.Fatal(err)
	}
	if got := g.cw.c.Actor(); got != "Sam Example" {
		t.Errorf("reopened case acts as %q", got)
	}
}
