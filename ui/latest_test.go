package ui

import "testing"

// A screen's background reads show only the newest: one that ends after
// a newer one began, or after drop, shows nothing, and nothing shows once
// the case has closed.
func TestLatestShowsOnlyTheNewestRead(t *testing.T) {
	g, _ := openTestCase(t)
	var queued []func()
	g.background = func(f func()) { queued = append(queued, f) }
	run := func(i int) { queued[i]() }
	var l latest
	var shown []string
	read := func(name string) {
		var v string
		l.read(g.cw, func() { v = name }, func() { shown = append(shown, v) })
	}
	read("first")
	read("second")
	run(1) // the newer ends first
	run(0)
	if len(shown) != 1 || shown[0] != "second" {
		t.Fatalf("shown %q, want only the newer read", shown)
	}
	read("third")
	l.more(g.cw, func() {}, func() { shown = append(shown, "more") })
	l.drop()
	run(2)
	run(3)
	if len(shown) != 1 {
		t.Errorf("after drop, shown %q", shown)
	}
	read("fourth")
	g.closeCase()
	run(4)
	if len(shown) != 1 {
		t.Errorf("after the case closed, shown %q", shown)
	}
}
