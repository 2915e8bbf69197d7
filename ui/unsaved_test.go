package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dossier/casefile"
	"dossier/casefile/msgfile"
)

// unsavedCase is one form: what to type into it, and whether what was
// typed reached the case.
type unsavedCase struct {
	name  string
	tab   string
	setup func(t *testing.T, g *gui, c *casefile.Case)
	typeF func(t *testing.T, g *gui)
	saved func(t *testing.T, c *casefile.Case) bool
}

func unsavedCases() []unsavedCase {
	ctx := context.Background()
	return []unsavedCase{
		{name: "case details", tab: "Overview",
			typeF: func(t *testing.T, g *gui) {
				test.Type(tabOf[*overviewTab](g.cw).fields[casefile.SettingSummary], "Texts reached tenants")
			},
			saved: func(t *testing.T, c *casefile.Case) bool {
				v, _ := c.Setting(ctx, casefile.SettingSummary)
				return v == "Texts reached tenants"
			}},
		{name: "step date", tab: "Overview",
			typeF: func(t *testing.T, g *gui) {
				test.Type(tabOf[*overviewTab](g.cw).rows[casefile.StepConcernSent].date, "2015-06-10")
			},
			saved: func(t *testing.T, c *casefile.Case) bool {
				steps, _ := c.Steps(ctx, dayOf("2015-07-01"))
				for _, s := range steps {
					if s.ID == casefile.StepConcernSent {
						return s.Date == "2015-06-10"
					}
				}
				return false
			}},
		{name: "exhibit details", tab: "Exhibits",
			setup: func(t *testing.T, g *gui, c *casefile.Case) {
				drop(g.cw, casefile.TestFile(t, "a.txt", []byte("evidence")))
			},
			typeF: func(t *testing.T, g *gui) {
				test.Type(tabOf[*exhibitsTab](g.cw).form.source, "A former employee")
			},
			saved: func(t *testing.T, c *casefile.Case) bool {
				ex, _ := c.Exhibit(ctx, "LW/1")
				return ex.Source == "A former employee"
			}},
		{name: "new message", tab: "Messages",
			setup: func(t *testing.T, g *gui, c *casefile.Case) { addShot(t, c); g.cw.reload() },
			typeF: func(t *testing.T, g *gui) {
				mt := tabOf[*messagesTab](g.cw)
				mt.exhibit.SetSelectedIndex(0)
				test.Type(mt.from, "Campaign")
				test.Type(mt.to, "07700 900101")
				test.Type(mt.at, "08/06/2015 09:00")
				test.Type(mt.body, "Vote for us")
			},
			saved: func(t *testing.T, c *casefile.Case) bool {
				ms, _ := c.Messages(ctx)
				return len(ms) == 1 && ms[0].Body == "Vote for us"
			}},
		{name: "message correction", tab: "Messages",
			setup: func(t *testing.T, g *gui, c *casefile.Case) {
				ref := addShot(t, c)
				at, _ := parseMsgTime("08/06/2015 09:00")
				if _, err := c.AddMessage(ctx, casefile.MessageInput{Exhibit: ref, From: "Campaign", To: "07700 900101", At: at, Body: "Vote", Source: "typed"}); err != nil {
					t.Fatal(err)
				}
				g.cw.reload()
				tabOf[*messagesTab](g.cw).list.Select(0)
			},
			typeF: func(t *testing.T, g *gui) {
				mt := tabOf[*messagesTab](g.cw)
				test.Type(mt.body, " today")
				test.Type(mt.reason, "a word was missed")
			},
			saved: func(t *testing.T, c *casefile.Case) bool {
				ms, _ := c.Messages(ctx)
				return len(ms) == 1 && strings.Contains(ms[0].Body, "today") && ms[0].Supersedes != 0
			}},
		{name: "letter", tab: "Letters",
			setup: func(t *testing.T, g *gui, c *casefile.Case) { tabOf[*lettersTab](g.cw).pick.SetSelectedIndex(0) },
			typeF: func(t *testing.T, g *gui) {
				test.Type(tabOf[*lettersTab](g.cw).text, "Edited by hand. ")
			},
			saved: func(t *testing.T, c *casefile.Case) bool {
				exs, _ := c.Exhibits(ctx)
				return len(exs) == 1 && exs[0].Kind == casefile.KindLetter
			}},
		{name: "ICO form text", tab: "Export",
			setup: func(t *testing.T, g *gui, c *casefile.Case) { g.cw.selectTab("Export") },
			typeF: func(t *testing.T, g *gui) {
				s := tabOf[*exportTab](g.cw).summary
				s.text.SetText("")
				test.Type(s.text, "Our own words for the ICO.")
			},
			saved: func(t *testing.T, c *casefile.Case) bool {
				v, _ := c.Setting(ctx, casefile.SettingICOSummary)
				return v == "Our own words for the ICO."
			}},
	}
}

// TestNothingLostOnClose types into each form, then closes the case: the
// app asks, Cancel keeps the case open with the text, Discard closes
// without saving, Save closes having saved.
func TestNothingLostOnClose(t *testing.T) {
	for _, tc := range unsavedCases() {
		for _, answer := range []string{"Cancel", "Discard", "Save"} {
			t.Run(tc.name+"/"+answer, func(t *testing.T) {
				pinToday(t, "2015-07-01")
				g, c := openTestCase(t)
				path := c.Path()
				if tc.setup != nil {
					tc.setup(t, g, c)
				}
				tc.typeF(t, g)
				if w := g.cw.unsavedWhat(); len(w) != 1 {
					t.Fatalf("unsaved %q, want one thing", w)
				}
				if title := tabTitle(g.cw, tc.tab); !strings.HasSuffix(title, dirtyMark) {
					t.Errorf("tab title %q shows no unsaved mark", title)
				}
				g.showStart() // Close case, Ctrl+W
				b := dialogButton(g.win, answer)
				if b == nil {
					t.Fatalf("closing with unsaved %s asked nothing", tc.name)
				}
				test.Tap(b)
				if answer == "Cancel" {
					if g.cw == nil || len(g.cw.unsavedWhat()) != 1 {
						t.Fatal("Cancel closed the case or lost the text")
					}
					return
				}
				if g.cw != nil {
					t.Fatalf("%s left the case open", answer)
				}
				ro, err := casefile.OpenReadOnly(path, casefile.Options{})
				if err != nil {
					t.Fatal(err)
				}
				defer ro.Close()
				if got, want := tc.saved(t, ro), answer == "Save"; got != want {
					t.Errorf("after %s, saved = %v", answer, got)
				}
			})
		}
	}
}

// Quitting asks too, and selecting another exhibit asks before the
// typed details are replaced.
func TestNothingLostOnQuitOrSelect(t *testing.T) {
	g, c := openTestCase(t)
	drop(g.cw, casefile.TestFile(t, "a.txt", []byte("one")), casefile.TestFile(t, "b.txt", []byte("two")))
	et := tabOf[*exhibitsTab](g.cw)
	et.selectRef("LW/1")
	test.Type(et.form.source, "Typed, not saved")
	g.onQuit()
	if dialogButton(g.win, "Discard") == nil {
		t.Fatal("quitting with unsaved details asked nothing")
	}
	test.Tap(dialogButton(g.win, "Cancel"))
	et.table.Select(tableCell(1))
	if dialogButton(g.win, "Save") == nil {
		t.Fatal("selecting another exhibit asked nothing")
	}
	if et.form.ref != "LW/1" || et.form.source.Text != "Typed, not saved" {
		t.Fatalf("the form shows %s %q before the answer", et.form.ref, et.form.source.Text)
	}
	test.Tap(dialogButton(g.win, "Save"))
	if et.form.ref != "LW/2" {
		t.Errorf("after Save the form shows %s, want LW/2", et.form.ref)
	}
	if ex, _ := c.Exhibit(context.Background(), "LW/1"); ex.Source != "Typed, not saved" {
		t.Errorf("LW/1 source %q", ex.Source)
	}
}

func tabTitle(cw *caseWindow, title string) string {
	for _, it := range cw.tabs.Items {
		if strings.TrimSuffix(it.Text, dirtyMark) == title {
			return it.Text
		}
	}
	return ""
}

func tableCell(row int) widget.TableCellID { return widget.TableCellID{Row: row, Col: 0} }

func parseMsgTime(s string) (time.Time, error) { return msgfile.ParseTime(s) }
