package ui

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"dossier/casefile"
	"dossier/casefile/poppler"
)

// newTestGUI is the app over Fyne's test driver, with background work run
// synchronously so tests need no sleeps.
func newTestGUI(t *testing.T) *gui {
	t.Helper()
	g := newGUI(test.NewTempApp(t))
	g.background = func(f func()) { f() }
	t.Cleanup(g.closeCase)
	return g
}

// openTestCase shows a fresh test case in a test GUI.
func openTestCase(t *testing.T) (*gui, *casefile.Case) {
	t.Helper()
	g := newTestGUI(t)
	c := casefile.TestCase(t)
	g.showCase(c)
	return g, c
}

func pngBytes(t *testing.T, w, h int, c color.Color) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func drop(cw *caseWindow, paths ...string) {
	var uris []fyne.URI
	for _, p := range paths {
		uris = append(uris, storage.NewFileURI(p))
	}
	cw.onDropped(fyne.NewPos(10, 10), uris)
}

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

func TestEditMetadataRecordsCustody(t *testing.T) {
	g, c := openTestCase(t)
	drop(g.cw, casefile.TestFile(t, "scan.txt", []byte("data sheet, estate Martineau")))
	ex := tabOf[*exhibitsTab](g.cw)
	ex.selectRef("LW/1")
	f := ex.form
	f.kind.SetSelected("sheet")
	f.title.SetText("")
	test.Type(f.title, "Data sheet, Martineau estate")
	test.Type(f.source, "A resident")
	test.Type(f.obtained, "2024-05-01")
	test.Type(f.obtainedBy, "Alex Example")
	test.Tap(f.save)

	got, err := c.Exhibit(context.Background(), "LW/1")
	if err != nil {
		t.Fatal(err)
	}
	want := casefile.Meta{Kind: casefile.KindSheet, Title: "Data sheet, Martineau estate", Source: "A resident",
		Obtained: "2024-05-01", ObtainedBy: "Alex Example"}
	if got.Meta != want {
		t.Errorf("meta %+v, want %+v", got.Meta, want)
	}
	log, _ := c.Log(context.Background())
	last := log[len(log)-1]
	if last.Action != casefile.ActionDescribed || last.Exhibit != "LW/1" {
		t.Errorf("last event %s %s, want described LW/1", last.Action, last.Exhibit)
	}
	if ex.cell(0, 2) != "Data sheet, Martineau estate" {
		t.Errorf("table title %q not updated", ex.cell(0, 2))
	}
	cust := tabOf[*custodyTab](g.cw)
	if n := len(cust.events); n != len(log) {
		t.Errorf("custody tab shows %d events, log has %d", n, len(log))
	}

	// A bad date is refused and nothing is recorded.
	f.obtained.SetText("1 May")
	test.Tap(f.save)
	log2, _ := c.Log(context.Background())
	if len(log2) != len(log) {
		t.Errorf("bad date recorded an event")
	}
}

func TestVerifyShowsResultAndRecordsIt(t *testing.T) {
	g, c := openTestCase(t)
	drop(g.cw, casefile.TestFile(t, "a.txt", []byte("evidence")))
	g.cw.onVerify()
	cust := tabOf[*custodyTab](g.cw)
	if !strings.HasPrefix(cust.result.Text, "Intact: 1 exhibit") || cust.result.Importance != widget.SuccessImportance {
		t.Errorf("result %q (importance %v), want green Intact", cust.result.Text, cust.result.Importance)
	}
	log, _ := c.Log(context.Background())
	if last := log[len(log)-1]; last.Action != casefile.ActionVerified {
		t.Errorf("last event %s, want verified", last.Action)
	}
	if rows, _ := cust.table.Length(); rows != len(log) {
		t.Errorf("custody table %d rows, log %d", rows, len(log))
	}
	if cust.verify.Disabled() {
		t.Error("verify button left disabled")
	}

	cust.showReport(casefile.Report{Problems: []casefile.Problem{
		{Exhibit: "LW/1", What: "original bytes do not match their recorded SHA-256", Expected: "aa", Found: "bb"},
		{Event: 3, What: "event was altered after it was recorded"},
	}})
	if cust.result.Text != "2 problems found" || cust.result.Importance != widget.DangerImportance {
		t.Errorf("result %q, want red 2 problems", cust.result.Text)
	}
	for _, want := range []string{"exhibit LW/1: original bytes", "event 3: event was altered"} {
		if !strings.Contains(cust.problems.Text, want) {
			t.Errorf("problems %q lack %q", cust.problems.Text, want)
		}
	}
}

func TestImagePreview(t *testing.T) {
	g, _ := openTestCase(t)
	drop(g.cw, casefile.TestFile(t, "shot.png", pngBytes(t, 20, 40, color.RGBA{0, 0, 200, 255})))
	ex := tabOf[*exhibitsTab](g.cw)
	objs := ex.preview.box.Objects
	if len(objs) != 1 {
		t.Fatalf("preview has %d objects", len(objs))
	}
	img, ok := objs[0].(*canvas.Image)
	if !ok {
		t.Fatalf("preview is %T, want *canvas.Image", objs[0])
	}
	if img.FillMode != canvas.ImageFillContain || img.Image.Bounds().Dx() != 20 {
		t.Errorf("preview fill %v, width %d", img.FillMode, img.Image.Bounds().Dx())
	}
}

func TestPreviewKind(t *testing.T) {
	tests := map[string]string{
		"image/png": "image", "image/jpeg": "image", "image/heic": "", "application/pdf": "pdf",
		"text/plain; charset=utf-8": "text", "text/csv": "text", "application/json": "text",
		"application/zip": "", "": "",
	}
	for mt, want := range tests {
		if got := previewKind(mt); got != want {
			t.Errorf("previewKind(%q) = %q, want %q", mt, got, want)
		}
	}
}

func TestHumanSize(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{{0, "0 B"}, {1023, "1023 B"}, {1024, "1.0 KB"}, {1536, "1.5 KB"}, {5 << 20, "5.0 MB"}, {2 << 30, "2.0 GB"}}
	for _, tt := range tests {
		if got := humanSize(tt.n); got != tt.want {
			t.Errorf("humanSize(%d) = %q, want %q", tt.n, got, tt.want)
		}
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

func TestDropWhileAddingIsRefused(t *testing.T) {
	g, c := openTestCase(t)
	g.cw.adding = true
	drop(g.cw, casefile.TestFile(t, "late.txt", []byte("late")))
	if exs, _ := c.Exhibits(context.Background()); len(exs) != 0 {
		t.Errorf("%d exhibits added during another intake", len(exs))
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

func TestPDFPreview(t *testing.T) {
	pdf, err := os.ReadFile("testdata/sheet.pdf")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("first page", func(t *testing.T) {
		if _, err := exec.LookPath("pdftoppm"); err != nil {
			t.Skip("poppler-utils not installed")
		}
		g, _ := openTestCase(t)
		drop(g.cw, casefile.TestFile(t, "sheet.pdf", pdf))
		objs := tabOf[*exhibitsTab](g.cw).preview.box.Objects
		img, ok := objs[0].(*canvas.Image)
		if !ok {
			t.Fatalf("preview is %T, want the page as *canvas.Image", objs[0])
		}
		if b := img.Image.Bounds(); b.Dx() < 500 || b.Dy() < 800 { // A4 at 100 dpi is 827×1170
			t.Errorf("page rendered at %v", b)
		}
	})
	t.Run("without poppler", func(t *testing.T) {
		orig := renderPDFPage
		renderPDFPage = func(context.Context, []byte) (image.Image, error) { return nil, poppler.ErrMissing }
		t.Cleanup(func() { renderPDFPage = orig })
		g, _ := openTestCase(t)
		drop(g.cw, casefile.TestFile(t, "sheet.pdf", pdf))
		box := tabOf[*exhibitsTab](g.cw).preview.box.Objects[0].(*fyne.Container)
		l := box.Objects[1].(*widget.Label)
		if !strings.Contains(l.Text, "install") || !strings.Contains(l.Text, "stored unchanged") {
			t.Errorf("note %q does not say what to install", l.Text)
		}
	})
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
