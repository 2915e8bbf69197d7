package ui

import (
	"bytes"
	"context"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/casefile"
)

func TestDropAddsExhibitsAndReportsDuplicates(t *testing.T) {
	g, c := openTestCase(t)
	cw := g.cw
	ex := tabOf[*exhibitsTab](cw)
	dir := t.TempDir()
	a := filepath.Join(dir, "sheet.png")
	b := filepath.Join(dir, "notes.txt")
	os.WriteFile(a, pngBytes(t, 40, 30, color.RGBA{200, 0, 0, 255}), 0o644)
	os.WriteFile(b, []byte("Resident said the text came on 8 June."), 0o644)

	drop(cw, a, b)
	if rows, cols := ex.table.Length(); rows != 2 || cols != len(exhibitColumns) {
		t.Fatalf("table is %d×%d, want 2×%d", rows, cols, len(exhibitColumns))
	}
	wantRows := [][]string{
		{"LW/1", "screenshot", "sheet", "", "", ""},
		{"LW/2", "", "notes", "", "38 B", ""},
	}
	for r, want := range wantRows {
		for col, w := range want {
			if w != "" && ex.cell(r, col) != w {
				t.Errorf("cell (%d,%d) = %q, want %q", r, col, ex.cell(r, col), w)
			}
		}
	}
	if got := ex.cell(0, 5); len(got) != 12 {
		t.Errorf("short hash %q, want 12 hex digits", got)
	}
	// The last added exhibit is selected and its text previewed.
	if ex.selected != "LW/2" || ex.form.title.Text != "notes" {
		t.Errorf("selected %q with title %q, want LW/2 notes", ex.selected, ex.form.title.Text)
	}

	// The same bytes again (under another name), plus one new file.
	a2 := filepath.Join(t.TempDir(), "copy of sheet.png")
	os.WriteFile(a2, pngBytes(t, 40, 30, color.RGBA{200, 0, 0, 255}), 0o644)
	cfile := filepath.Join(dir, "letter.txt")
	os.WriteFile(cfile, []byte("Dear Sir or Madam"), 0o644)
	drop(cw, a2, cfile)
	sum := cw.lastIntake.summary()
	for _, want := range []string{"copy of sheet.png is already LW/1", "LW/3  letter.txt"} {
		if !strings.Contains(sum, want) {
			t.Errorf("summary %q lacks %q", sum, want)
		}
	}
	exs, _ := c.Exhibits(context.Background())
	if len(exs) != 3 {
		t.Errorf("%d exhibits, want 3", len(exs))
	}
	if rows, _ := ex.table.Length(); rows != 3 {
		t.Errorf("table has %d rows, want 3", rows)
	}
}

func TestDropFolderSkipsHiddenFiles(t *testing.T) {
	g, c := openTestCase(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("one"), 0o644)
	os.WriteFile(filepath.Join(dir, ".DS_Store"), []byte("junk"), 0o644)
	os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "sub", "b.txt"), []byte("two"), 0o644)
	drop(g.cw, dir)
	exs, _ := c.Exhibits(context.Background())
	var names []string
	for _, e := range exs {
		names = append(names, e.Filename)
	}
	if strings.Join(names, ",") != "a.txt,b.txt" {
		t.Errorf("added %q, want a.txt,b.txt", names)
	}
}

func TestIntakeCancelKeepsOnlyFinishedFiles(t *testing.T) {
	c := casefile.TestCase(t)
	dir := t.TempDir()
	var files []intakeFile
	for _, n := range []string{"one.txt", "two.txt", "three.txt"} {
		p := filepath.Join(dir, n)
		os.WriteFile(p, []byte("content of "+n), 0o644)
		files = append(files, intakeFile{path: p, size: int64(len("content of " + n))})
	}
	ctx, cancel := context.WithCancel(context.Background())
	var lastDone, total int64
	res := intake(ctx, c, files, func(i int, _ string, done, tot int64) {
		lastDone, total = done, tot
		if i == 1 {
			cancel() // the person presses Cancel while the second file is going in
		}
	})
	if !res.cancelled || len(res.added) != 1 || strings.Join(res.notAdded, ",") != "two.txt,three.txt" {
		t.Errorf("result added %d, cancelled %v, not added %q", len(res.added), res.cancelled, res.notAdded)
	}
	exs, _ := c.Exhibits(context.Background())
	if len(exs) != 1 || exs[0].Filename != "one.txt" {
		t.Errorf("case holds %v, want only one.txt", exs)
	}
	if total != files[0].size+files[1].size+files[2].size || lastDone > total {
		t.Errorf("progress %d of %d", lastDone, total)
	}
	if rep, _ := c.Verify(context.Background(), nil); !rep.OK() {
		t.Errorf("case does not verify after cancel: %v", rep.Problems)
	}
}

func TestDropWhileAddingIsRefused(t *testing.T) {
	g, c := openTestCase(t)
	g.cw.adding = true
	drop(g.cw, casefile.TestFile(t, "late.txt", []byte("late")))
	if exs, _ := c.Exhibits(context.Background()); len(exs) != 0 {
		t.Errorf("%d exhibits added during another intake", len(exs))
	}
}

func TestIntakeProgressAndCancelMidFile(t *testing.T) {
	big := bytes.Repeat([]byte("0123456789abcdef"), 3<<20/16) // 3 MB: several chunks
	p := casefile.TestFile(t, "big.bin", big)
	files := []intakeFile{{path: p, size: int64(len(big))}}

	t.Run("progress reaches the total", func(t *testing.T) {
		c := casefile.TestCase(t)
		var seen []int64
		res := intake(context.Background(), c, files, func(_ int, _ string, done, total int64) {
			if total != int64(len(big)) {
				t.Errorf("total %d, want %d", total, len(big))
			}
			seen = append(seen, done)
		})
		if len(res.added) != 1 {
			t.Fatalf("added %d", len(res.added))
		}
		for i := 1; i < len(seen); i++ {
			if seen[i] < seen[i-1] {
				t.Fatalf("progress went back: %v", seen)
			}
		}
		if len(seen) < 3 || seen[len(seen)-1] != int64(len(big)) {
			t.Errorf("progress %v, want several steps ending at %d", seen, len(big))
		}
	})
	t.Run("cancel mid-file leaves nothing", func(t *testing.T) {
		c := casefile.TestCase(t)
		ctx, cancel := context.WithCancel(context.Background())
		res := intake(ctx, c, files, func(_ int, _ string, done, _ int64) {
			if done > 0 {
				cancel()
			}
		})
		if !res.cancelled || len(res.added) != 0 || len(res.notAdded) != 1 {
			t.Errorf("result %+v", res)
		}
		if exs, _ := c.Exhibits(context.Background()); len(exs) != 0 {
			t.Errorf("%d exhibits after cancel", len(exs))
		}
		if rep, _ := c.Verify(context.Background(), nil); !rep.OK() {
			t.Errorf("case does not verify: %v", rep.Problems)
		}
	})
}
