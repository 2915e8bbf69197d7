package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"dossier/casefile"
	"dossier/export"
	"dossier/internal/bytesize"
	"dossier/internal/fileurl"
)

// exportTab writes the complaint bundle: what it will hold, the options,
// progress with Cancel, and the bundle's hash and a way to open it.
type exportTab struct {
	cw       *caseWindow
	letters  []casefile.Exhibit
	cancel   context.CancelFunc
	lastPath string

	sections *widget.Label
	size     *widget.Label // pages and bytes, from export.Preview
	letter   *widget.Select
	date     *widget.Entry
	noRedact *widget.Check
	pack     *widget.Check
	checks   *widget.Label // the pre-flight warnings, while the pack is chosen
	start    *widget.Button
	stop     *widget.Button
	bar      *widget.ProgressBar
	stage    *widget.Label
	result   *widget.Label
	open     *widget.Button

	// The preview is laid out in the background while the tab shows, and
	// again after the case or an option changes.
	stale         bool
	previews      latest
	cancelPreview context.CancelFunc
	// previewing says a preview is being laid out. The form's text waits
	// for it: both read every mark, and on a case of 100,000 rows the
	// size came seconds later while the two ran together.
	previewing bool

	summary      *summaryForm
	summaryStale bool
	body         *container.Scroll

	// What the bundle will hold is counted in the background (reload);
	// loaded says a count has arrived.
	counts     latest
	loaded     bool
	preflights latest // the pack's pre-flight checks being made
}

func newExportTab(cw *caseWindow) *exportTab { return &exportTab{cw: cw, summary: newSummaryForm(cw)} }

// unsaved is part of unsavedForm: the ICO form's text.
func (t *exportTab) unsaved() []string { return t.summary.unsaved() }

// saveUnsaved is part of unsavedForm.
func (t *exportTab) saveUnsaved() error { return t.summary.saveUnsaved() }

// discardUnsaved is part of unsavedForm.
func (t *exportTab) discardUnsaved() { t.summary.discardUnsaved() }

func (t *exportTab) buildUI() fyne.CanvasObject {
	t.sections = widget.NewLabel("")
	t.sections.Wrapping = fyne.TextWrapWord
	t.size = widget.NewLabel("")
	t.size.Wrapping = fyne.TextWrapWord
	t.letter = widget.NewSelect(nil, func(string) { t.optionsChanged() })
	t.date = widget.NewEntry()
	t.date.SetText(overviewToday().Format(time.DateOnly))
	t.date.OnChanged = func(string) { t.optionsChanged() }
	t.noRedact = widget.NewCheck("Unredacted: the complainant's own copy (every page says so; never send it)", func(bool) { t.optionsChanged() })
	t.pack = widget.NewCheck("Also write the ICO upload pack (up to 4 files of 3 MB, summary, timeline and harm questions)", func(bool) { t.showChecks() })
	t.checks = widget.NewLabel("")
	t.checks.Wrapping = fyne.TextWrapWord
	t.checks.Importance = widget.WarningImportance
	t.start = widget.NewButton("Export bundle…", t.onExport)
	t.start.Importance = widget.HighImportance
	t.stop = widget.NewButton("Cancel", func() {
		if t.cancel != nil {
			t.cancel()
		}
	})
	t.stop.Disable()
	t.bar = widget.NewProgressBar()
	t.bar.Hide()
	t.stage = widget.NewLabel("")
	t.stage.Hide() // shown while an export runs
	t.result = widget.NewLabel("")
	t.result.Hide() // shown once an export is written
	t.result.Wrapping = fyne.TextWrapWord
	t.open = widget.NewButton("Open the bundle", t.onOpen)
	t.open.Hide()
	form := widget.NewForm(
		widget.NewFormItem("Letter", t.letter),
		widget.NewFormItem("Date", t.date),
		widget.NewFormItem("", t.noRedact),
		widget.NewFormItem("", t.pack),
		widget.NewFormItem("", t.checks),
	)
	t.stale = true // laid out when first shown
	t.reload()
	// Export, its progress and its result stay in view below the
	// scrolling part, whatever the height of the screen.
	action := container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, container.NewHBox(t.start, t.stop), nil, t.bar),
		t.stage, t.result, container.NewHBox(t.open))
	t.body = container.NewVScroll(container.NewVBox(
		widget.NewLabelWithStyle("The bundle will hold", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		t.sections, t.size, form,
		widget.NewSeparator(), t.summary.buildUI(),
	))
	return container.NewBorder(nil, action, nil, nil, t.body)
}

// reload recounts what the bundle will hold and the letters to choose,
// in the background: on a case of 100,000 rows, reading its 130,000
// marks to count them froze the window for over two seconds when the tab
// was first shown. The first count leaves the preview to shown; a later
// one, after the case changed, lays it out again.
func (t *exportTab) reload() {
	if t.sections == nil {
		return
	}
	again := t.loaded
	if !t.loaded {
		t.sections.SetText("Counting what the bundle will hold…")
	}
	ctx, c := t.cw.ctx, t.cw.c
	var (
		text    string
		letters []casefile.Exhibit
		err     error
	)
	t.counts.read(t.cw, func() { text, letters, err = bundleContents(ctx, c) }, func() {
		t.loaded = true
		if err != nil {
			t.sections.SetText(err.Error())
			return
		}
		t.sections.SetText(text)
		if t.body != nil {
			t.body.Refresh() // the list is taller than "Counting…": lay the tab out again
		}
		t.letters = letters
		names := []string{"(no letter)"}
		for _, ex := range letters {
			names = append(names, ex.Ref+"  "+ex.Title)
		}
		// Set without OnChanged: the choice itself has not changed.
		sel := t.letter.Selected
		if !slices.Contains(names, sel) {
			sel = names[0]
		}
		t.letter.Options, t.letter.Selected = names, sel
		t.letter.Refresh()
		t.showChecks()
		if again {
			t.optionsChanged()
		}
		// Writing the form's text reads the whole case: only while seen.
		t.summaryStale = true
		if t.cw.shownTab() == caseTab(t) {
			t.writeSummary()
		}
	})
}

// bundleContents is the list of what the bundle will hold, and the
// letters that can go after its cover.
func bundleContents(ctx context.Context, c *casefile.Case) (string, []casefile.Exhibit, error) {
	exs, err := c.Exhibits(ctx)
	if err != nil {
		return "", nil, err
	}
	msgs, _ := c.Messages(ctx)
	links, _ := c.Links(ctx, false)
	counts, _ := c.MarkCounts(ctx)
	marks := counts[casefile.MarkAccepted]
	kinds := map[casefile.Kind]int{}
	var letters []casefile.Exhibit
	for _, ex := range exs {
		kinds[ex.Kind]++
		if ex.Kind == casefile.KindLetter && casefile.IsText(ex.MediaType) {
			letters = append(letters, ex)
		}
	}
	var byKind []string
	for _, k := range casefile.Kinds {
		if kinds[k] > 0 {
			byKind = append(byKind, kindCount(kinds[k], k))
		}
	}
	linked := 0
	for _, l := range links {
		if l.Status == casefile.StatusLinked {
			linked++
		}
	}
	exhibits := "none yet"
	if len(exs) > 0 {
		exhibits = fmt.Sprintf("%d (%s)", len(exs), strings.Join(byKind, ", "))
	}
	return fmt.Sprintf("1. Cover\n2. Evidence at a glance: charts of the messages and estates\n3. Letter (if chosen below)\n"+
		"4. Index, every entry a link\n5. Chronology\n"+
		"6. Link schedule: %s, %s\n7. Exhibits: %s, with %s applied\n"+
		"8. Custody log\n9. Manifest of hashes", count(len(msgs), "message", "messages"), count(linked, "link", "links"),
		exhibits, count(marks, "accepted mark", "accepted marks")), letters, nil
}

// kindCount says how many exhibits of a kind there are in words: "1
// sheet", "3 screenshots" ("other" stays as it is).
func kindCount(n int, k casefile.Kind) string {
	if k == casefile.KindOther {
		return fmt.Sprintf("%d other", n)
	}
	return fmt.Sprintf("%d %s", n, plural(n, string(k), string(k)+"s"))
}

// showChecks shows the pre-flight checks that fail while the ICO pack is
// chosen: each problem and what to do, as 'dossier summary' prints them.
// They read the whole case, so they run in the background.
func (t *exportTab) showChecks() {
	if t.checks == nil {
		return
	}
	if !t.pack.Checked {
		t.preflights.drop()
		t.checks.SetText("")
		return
	}
	t.checks.SetText("Checking the case for the ICO pack…")
	ctx, c := t.cw.ctx, t.cw.c
	text := ""
	t.preflights.read(t.cw, func() {
		ws, err := export.Preflight(ctx, c, overviewToday())
		if err != nil {
			text = "The checks before the ICO pack could not run: " + err.Error()
		}
		for _, w := range ws {
			text += "Warning: " + w.Problem + ". What to do: " + w.Do + ".\n"
		}
	}, func() { t.checks.SetText(strings.TrimSpace(text)) })
}

// optionsChanged marks the preview out of date and lays it out again if
// the tab is showing; otherwise shown does when the user comes to it.
func (t *exportTab) optionsChanged() {
	if t.size == nil {
		return
	}
	t.stale = true
	if t.cw.shownTab() == caseTab(t) {
		t.preview()
	}
}

// shown is called when the tab is selected.
func (t *exportTab) shown() {
	if t.stale {
		t.preview()
	}
	if t.summaryStale {
		t.writeSummary()
	}
}

// writeSummary writes the form's text again, once the preview being laid
// out, if any, has its size.
func (t *exportTab) writeSummary() {
	t.summaryStale = true
	if t.previewing {
		return // the preview's end writes it
	}
	t.summaryStale = false
	t.summary.reload()
}

// preview lays the bundle out in the background and shows its size. A
// bundle of hundreds of screenshots takes seconds, so the last run is
// cancelled when another starts.
func (t *exportTab) preview() {
	t.stale = false
	if t.cancelPreview != nil {
		t.cancelPreview()
	}
	opt, err := t.options()
	if err != nil {
		t.size.SetText("Size: give the date as YYYY-MM-DD to see how many pages the bundle will have.")
		t.previews.drop()    // a preview under way shows nothing
		t.previewing = false // and was cancelled above
		if t.summaryStale {
			t.writeSummary()
		}
		return
	}
	ctx, cancel := context.WithCancel(t.cw.ctx)
	t.cancelPreview = cancel
	t.previewing = true
	t.size.SetText("Size: counting pages…")
	var res export.Result
	t.previews.read(t.cw, func() {
		res, err = export.Preview(ctx, t.cw.c, opt)
		cancel()
	}, func() {
		t.previewing = false
		if t.summaryStale && t.cw.shownTab() == caseTab(t) {
			defer t.writeSummary()
		}
		switch {
		case errors.Is(err, context.Canceled):
			t.size.SetText("")
		case err != nil:
			t.size.SetText("Size: not known yet: " + err.Error())
		default:
			t.size.SetText(fmt.Sprintf("Size: %d pages, %s.", res.Pages, bytesize.String(res.Bytes)))
		}
	})
}

func (t *exportTab) options() (export.Options, error) {
	d, err := time.Parse(time.DateOnly, strings.TrimSpace(t.date.Text))
	if err != nil {
		return export.Options{}, fmt.Errorf("%w: the bundle's date %q is not in the form YYYY-MM-DD", casefile.ErrInvalid, t.date.Text)
	}
	opt := export.Options{Date: d, NoRedact: t.noRedact.Checked}
	if i := t.letter.SelectedIndex(); i > 0 {
		opt.Letter = t.letters[i-1].Ref
	}
	return opt, nil
}

// onExport asks where to write the bundle, then writes it.
func (t *exportTab) onExport() {
	if _, err := t.options(); err != nil {
		showError(t.cw.win, err)
		return
	}
	name := strings.TrimSuffix(filepath.Base(t.cw.c.Path()), filepath.Ext(t.cw.c.Path())) + " bundle.pdf"
	t.cw.askSavePath("Export the bundle", name, ".pdf", t.exportTo)
}

// exportTo writes the bundle (and the pack) in the background.
func (t *exportTab) exportTo(path string) {
	opt, err := t.options()
	if err != nil {
		showError(t.cw.win, err)
		return
	}
	ctx, cancel := context.WithCancel(t.cw.ctx)
	t.cancel = cancel
	opt.Progress = func(stage string, done, total int) {
		t.cw.do(func() { t.progress(stage, done, total) })
	}
	withPack := t.pack.Checked
	t.start.Disable()
	t.stop.Enable()
	t.bar.SetValue(0)
	t.bar.Show()
	t.open.Hide()
	t.result.SetText("")
	t.result.Hide()
	t.cw.goBackground(func() {
		res, err := export.Bundle(ctx, t.cw.c, path, true, opt)
		var pack export.PackResult
		if err == nil && withPack {
			pack, err = export.Pack(ctx, t.cw.c, path, opt)
		}
		cancel()
		t.cw.do(func() {
			t.start.Enable()
			t.stop.Disable()
			t.bar.Hide()
			t.stage.SetText("")
			t.stage.Hide()
			if err != nil {
				showError(t.cw.win, err)
				return
			}
			t.lastPath = path
			msg := fmt.Sprintf("Written %s: %d pages, %d exhibits.\nSHA-256 %s (recorded in the custody log).", path, res.Pages, res.Exhibits, res.SHA256)
			if !opt.NoRedact {
				msg += "\n" + export.Counts(res)
			}
			if len(pack.Parts) > 0 {
				msg += fmt.Sprintf("\nICO pack: %d file(s), summary %s, timeline %s.", len(pack.Parts), filepath.Base(pack.Summary), filepath.Base(pack.Timeline))
			}
			t.result.SetText(msg)
			t.result.Show()
			t.open.Show()
			t.cw.reload()
		})
	})
}

// exportStages are the export's stages in order, each with the share of
// the bar it fills, so the bar moves on from one stage to the next and
// never goes back.
var exportStages = []struct {
	name     string
	from, to float64
}{
	{"exhibits", 0, 0.8},
	{"checking for leaks", 0.8, 1},
}

// progress shows how far the export has got: the stage in words, and
// the bar over the whole export.
func (t *exportTab) progress(stage string, done, total int) {
	words := stage
	if total > 1 {
		words = fmt.Sprintf("%s: %d of %d", stage, done, total)
	}
	t.stage.SetText(strings.ToUpper(words[:1]) + words[1:] + "…")
	t.stage.Show()
	for _, s := range exportStages {
		if s.name != stage {
			continue
		}
		f := s.from
		if total > 0 {
			f += (s.to - s.from) * float64(done) / float64(total)
		}
		if f > t.bar.Value {
			t.bar.SetValue(f)
		}
	}
}

// onOpen opens the bundle in the system's PDF viewer.
func (t *exportTab) onOpen() {
	if t.lastPath == "" {
		return
	}
	if err := fyne.CurrentApp().OpenURL(fileurl.FromPath(t.lastPath)); err != nil {
		showError(t.cw.win, err)
	}
}
