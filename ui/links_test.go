package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dossier/casefile"
)

// linkCase is a case with testSheet's rows, a message to Maureen's phone
// and one naming Desmond (who has no phone) by name and address.
func linkCase(t *testing.T) (*gui, *casefile.Case) {
	t.Helper()
	g, c := openTestCase(t)
	importTestRows(t, c)
	ref := addShot(t, c)
	at := time.Date(2015, 6, 8, 9, 0, 0, 0, time.UTC)
	for _, in := range []casefile.MessageInput{
		{Exhibit: ref, From: "Campaign", To: "07700 900101", At: at, Body: "Vote"},
		{Exhibit: ref, From: "Campaign", To: "07700 900999", At: at, Body: "Vote", ResidentName: "Desmond Fictive", ResidentAddress: "2 Alder Court"},
	} {
		if _, err := c.AddMessage(context.Background(), in); err != nil {
			t.Fatal(err)
		}
	}
	g.cw.reload()
	return g, c
}

func linkStatus(t *testing.T, c *casefile.Case) map[string]int {
	t.Helper()
	ls, err := c.Links(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	n := map[string]int{}
	for _, l := range ls {
		n[l.Status]++
	}
	return n
}

func lastAction(t *testing.T, c *casefile.Case) string {
	log, _ := c.Log(context.Background())
	return log[len(log)-1].Action
}

func TestLinksTabAutoLinkAndReview(t *testing.T) {
	g, c := linkCase(t)
	lt := tabOf[*linksTab](g.cw)
	if !strings.Contains(lt.counts.Text, "Messages: 0 linked, 2 unlinked") {
		t.Errorf("counts before %q", lt.counts.Text)
	}
	test.Tap(lt.auto)
	if lt.last != "1 link by phone, 1 proposal to review" {
		t.Errorf("auto link said %q", lt.last)
	}
	if !strings.Contains(lt.counts.Text, "Messages: 1 linked, 1 unlinked") || !strings.Contains(lt.counts.Text, "1 proposal awaiting review") {
		t.Errorf("counts after %q", lt.counts.Text)
	}

	var proposed, linked casefile.Link
	for _, l := range lt.links {
		switch l.Status {
		case casefile.StatusProposed:
			proposed = l
		case casefile.StatusLinked:
			linked = l
		}
	}
	lt.accept(proposed)
	if n := linkStatus(t, c); n[casefile.StatusLinked] != 2 {
		t.Errorf("after accept %v", n)
	}
	if a := lastAction(t, c); a != casefile.ActionLinked {
		t.Errorf("accept recorded %q", a)
	}
	lt.remove(linked, "wrong number on the sheet")
	if n := linkStatus(t, c); n[casefile.StatusRemoved] != 1 {
		t.Errorf("after remove %v", n)
	}
	if a := lastAction(t, c); a != casefile.ActionUnlinked {
		t.Errorf("remove recorded %q", a)
	}
	lt.linkByHand(linked.MessageID, "3", "resident confirmed")
	if n := linkStatus(t, c); n[casefile.StatusLinked] != 2 {
		t.Errorf("after link by hand %v", n)
	}
	test.Tap(lt.showGaps)
	kinds := map[linkItemKind]int{}
	for _, it := range lt.items {
		kinds[it.kind]++
	}
	if kinds[itemMessage] != 2 || kinds[itemHeading] != 2 || lt.list.Length() != len(lt.items) {
		t.Errorf("the list shows %v (%d lines), want 2 messages and the gaps' 2 headings", kinds, lt.list.Length())
	}
}

func TestLinksTabReject(t *testing.T) {
	g, c := linkCase(t)
	lt := tabOf[*linksTab](g.cw)
	test.Tap(lt.auto)
	for _, l := range lt.links {
		if l.Status == casefile.StatusProposed {
			lt.reject(l, "different Desmond")
		}
	}
	if n := linkStatus(t, c); n[casefile.StatusRejected] != 1 || n[casefile.StatusProposed] != 0 {
		t.Errorf("after reject %v", n)
	}
	if a := lastAction(t, c); a != casefile.ActionRejected {
		t.Errorf("reject recorded %q", a)
	}
}

// The list draws the lines on screen from the template: a proposed link's
// line has its Accept button, and tapping it accepts that link.
func TestLinksListLineAccepts(t *testing.T) {
	g, c := linkCase(t)
	lt := tabOf[*linksTab](g.cw)
	test.Tap(lt.auto)
	g.cw.selectTab("Links")
	g.win.Resize(fyne.NewSize(1200, 800))
	var accept *widget.Button
	var lines []string
	walk(lt.list, func(o fyne.CanvasObject) bool {
		switch w := o.(type) {
		case *widget.Button:
			if w.Text == "Accept" && w.Visible() {
				accept = w
			}
		case *widget.Label:
			if w.Visible() && w.Text != "" {
				lines = append(lines, w.Text)
			}
		}
		return true
	})
	if accept == nil {
		t.Fatalf("no Accept button on screen; lines: %q", lines)
	}
	if !strings.Contains(strings.Join(lines, "\n"), "row 2: Desmond Fictive") {
		t.Errorf("the proposed row is not shown: %q", lines)
	}
	test.Tap(accept)
	if n := linkStatus(t, c); n[casefile.StatusLinked] != 2 || n[casefile.StatusProposed] != 0 {
		t.Errorf("after tapping Accept: %v", n)
	}
}
