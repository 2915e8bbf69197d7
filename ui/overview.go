package ui

import (
	"fmt"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/casefile"
)

// overviewToday is the day the workflow is judged on; tests pin it.
var overviewToday = time.Now

// Banner colours: red once the ICO deadline has passed, amber before it;
// both dark enough for the banner's white text to pass WCAG AA.
var (
	bannerRed   = color.NRGBA{200, 30, 30, 255}
	bannerAmber = color.NRGBA{0x8a, 0x4b, 0x00, 255}
)

// detailFields are the case details the overview edits, in form order.
var detailFields = []struct {
	key, label, hint string
	multi            bool
}{
	{casefile.SettingComplainant, "Complainant", "your name, as you sign letters", false},
	{casefile.SettingComplainantAddress, "Complainant address", "", true},
	{casefile.SettingComplainantContact, "Contact", "email or phone for replies", false},
	{casefile.SettingOrganisation, "Organisation", "the organisation complained about", false},
	{casefile.SettingOrganisationAddr, "Organisation address", "", true},
	{casefile.SettingSummary, "Summary", "what happened, for letters and the cover", true},
	{casefile.SettingElectionDate, "Election date", "e.g. 2015-06-11, shown on the charts", false},
}

// nextHints say where in the app the next step is taken.
var nextHints = map[string]string{
	casefile.StepConcernSent:      "Write to the organisation first: Letters tab, \"concern\" template. Then set the date here.",
	casefile.StepAckDue:           "The law gives the organisation 30 days to acknowledge your complaint. Follow it up (Letters tab), set the date here, and tell the ICO.",
	casefile.StepResponseDue:      "The organisation has had 30 days. Send a follow-up (Letters tab) and set its date here.",
	casefile.StepFollowUpSent:     "If no answer came, follow up, then set the date here.",
	casefile.StepResponseReceived: "When the organisation answers, set the date here.",
	casefile.StepICODeadline:      "Complain to the ICO: Letters tab, \"ico-complaint\" template, and the bundle from the Export tab.",
	casefile.StepICOSent:          "Complain to the ICO (Letters and Export tabs), then set the date here.",
	casefile.StepICOReference:     "When the ICO writes back, note its case reference here.",
	casefile.StepOutcome:          "When the ICO decides, set the date and outcome here.",
	casefile.StepReviewRequested:  "If you disagree with the outcome, ask for a case review (Letters tab).",
}

// stepRow is one step of the timeline.
type stepRow struct {
	status *widget.Label
	label  *widget.Label
	when   *widget.Label
	date   *widget.Entry
	ref    *widget.Entry
	set    *widget.Button
	box    fyne.CanvasObject

	shownDate, shownRef string // what the case held when last shown
}

// overviewTab shows the case's details, its counts and the workflow: what
// is due next, every step with its date and status, and dates to set.
type overviewTab struct {
	cw    *caseWindow
	steps []casefile.Step

	next        *widget.Label
	nextHint    *widget.Label
	todo        *widget.Label  // what is left of the evidence steps
	goTo        *widget.Button // takes the person to the next step's tab
	goTab       string
	evidence    casefile.Todo
	banner      *fyne.Container
	bannerBg    *canvas.Rectangle
	bannerText  *canvas.Text
	title       *widget.Label
	fields      map[string]*widget.Entry
	save        *widget.Button
	dirty       bool
	dirtyNote   *widget.Label
	stepsScroll *container.Scroll // the steps of the complaint
	reads       latest            // the counts and steps being read
	loading     bool              // fields are being filled from the case: not an edit
	saved       map[string]string
	counts      *widget.Label
	charts      *chartsView
	rows        map[string]*stepRow
	timeline    *fyne.Container
}

func newOverviewTab(cw *caseWindow) *overviewTab {
	return &overviewTab{cw: cw, fields: map[string]*widget.Entry{}, rows: map[string]*stepRow{}, charts: newChartsView(cw)}
}

func (t *overviewTab) buildUI() fyne.CanvasObject {
	t.next = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.next.SizeName = theme.SizeNameSubHeadingText
	t.next.Wrapping = fyne.TextWrapWord
	t.nextHint = widget.NewLabel("")
	t.nextHint.Wrapping = fyne.TextWrapWord
	t.bannerBg = canvas.NewRectangle(bannerAmber)
	t.bannerBg.CornerRadius = 4
	t.bannerText = canvas.NewText("", color.White)
	t.bannerText.TextStyle = fyne.TextStyle{Bold: true}
	t.banner = container.NewStack(t.bannerBg, container.NewPadded(t.bannerText))
	t.banner.Hide()
	t.todo = widget.NewLabel("")
	t.todo.Wrapping = fyne.TextWrapWord
	t.goTo = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() {
		if t.goTab != "" {
			t.cw.selectTab(t.goTab)
		}
	})
	t.goTo.Hide()
	top := container.NewVBox(t.banner, container.NewBorder(nil, nil, nil, container.NewCenter(t.goTo), t.next), t.nextHint, t.todo, widget.NewSeparator())

	t.title = widget.NewLabel(t.cw.c.Info().Title)
	t.title.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(widget.NewFormItem("Title", t.title))
	for _, f := range detailFields {
		var e *widget.Entry
		if f.multi {
			e = widget.NewMultiLineEntry()
			e.Wrapping = fyne.TextWrapWord
			e.SetMinRowsVisible(3)
		} else {
			e = widget.NewEntry()
		}
		e.OnChanged = func(string) { t.onEdited() }
		t.fields[f.key] = e
		item := widget.NewFormItem(f.label, e)
		item.HintText = f.hint
		form.AppendItem(item)
	}
	t.save = widget.NewButtonWithIcon("Save details", theme.DocumentSaveIcon(), t.onSave)
	t.save.Importance = widget.HighImportance
	t.save.Disable()
	t.dirtyNote = dirtyLabel()
	t.counts = widget.NewLabel("")
	details := container.NewVBox(
		widget.NewLabelWithStyle("Case details", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		form, container.NewHBox(layout.NewSpacer(), withDirty(t.dirtyNote, t.save)), widget.NewSeparator(),
		widget.NewLabelWithStyle("In the case", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), t.counts,
		widget.NewSeparator(), t.charts.buildUI())

	t.timeline = container.NewVBox()
	// Fyne draws the scroll bar over the content's right edge: the Set
	// buttons keep clear of it, or their right side is cut off.
	t.stepsScroll = container.NewVScroll(container.New(layout.NewCustomPaddedLayout(0, 0, 0, theme.ScrollBarSize()), t.timeline))
	steps := container.NewBorder(
		widget.NewLabelWithStyle("Steps of the complaint", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		nil, nil, nil, t.stepsScroll)
	// Scrolling both ways: on a small screen the details may be narrower
	// than their form, and the window must never be wider than the screen.
	split := container.NewHSplit(container.NewScroll(details), steps)
	split.Offset = 0.42
	return container.NewBorder(top, nil, nil, nil, split)
}

// reload re-reads details, counts and steps. Details being edited are
// kept until saved.
func (t *overviewTab) reload() {
	if t.next == nil {
		return
	}
	ctx, c := t.cw.ctx, t.cw.c
	if !t.dirty {
		settings, err := c.Settings(ctx)
		if err != nil {
			showError(t.cw.win, err)
			return
		}
		t.loading = true
		for key, e := range t.fields {
			e.SetText(settings[key])
		}
		t.loading = false
		t.saved = settings
		t.setDirty(false)
	}
	t.charts.reload()
	// The counts and what is left to do read every row and mark: on a
	// case of 100,000 rows that held the window up as it opened.
	var (
		counts   string
		steps    []casefile.Step
		evidence casefile.Todo
		err      error
	)
	t.reads.read(t.cw, func() {
		counts = t.countText()
		steps, err = c.Steps(ctx, overviewToday())
		if err == nil {
			evidence, err = c.EvidenceTodo(ctx)
		}
	}, func() {
		t.counts.SetText(counts)
		if err != nil {
			showError(t.cw.win, err)
			return
		}
		t.steps, t.evidence = steps, evidence
		t.showSteps()
	})
}

// onEdited follows a typed change to the details.
func (t *overviewTab) onEdited() {
	if t.loading {
		return
	}
	changed := false
	for key, e := range t.fields {
		if strings.TrimSpace(e.Text) != strings.TrimSpace(t.saved[key]) {
			changed = true
		}
	}
	t.setDirty(changed)
}

func (t *overviewTab) setDirty(on bool) {
	t.dirty = on
	setEnabled(t.save, on)
	showIf(t.dirtyNote, on)
	t.cw.updateDirty()
}

// unsaved is part of unsavedForm: the details, and step dates typed but
// not set.
func (t *overviewTab) unsaved() []string {
	var out []string
	if t.dirty {
		out = append(out, "the case details (Overview)")
	}
	for _, id := range t.unsetSteps() {
		out = append(out, "the date typed for the step \""+t.stepLabel(id)+"\" (Overview)")
	}
	return out
}

// unsetSteps are the steps whose date or reference was typed but not set.
func (t *overviewTab) unsetSteps() []string {
	var ids []string
	for _, s := range t.steps {
		r, ok := t.rows[s.ID]
		if !ok || r.date == nil {
			continue
		}
		typed := strings.TrimSpace(r.date.Text) != s.Date
		if r.ref != nil && strings.TrimSpace(r.ref.Text) != s.Ref {
			typed = true
		}
		if typed {
			ids = append(ids, s.ID)
		}
	}
	return ids
}

func (t *overviewTab) stepLabel(id string) string {
	for _, s := range t.steps {
		if s.ID == id {
			return s.Label
		}
	}
	return id
}

// saveUnsaved is part of unsavedForm.
func (t *overviewTab) saveUnsaved() error {
	if t.dirty {
		if err := t.saveDetails(); err != nil {
			return err
		}
	}
	for _, id := range t.unsetSteps() {
		if err := t.setStep(id); err != nil {
			return err
		}
	}
	return nil
}

// discardUnsaved is part of unsavedForm.
func (t *overviewTab) discardUnsaved() {
	t.dirty = false
	for _, s := range t.steps {
		if r, ok := t.rows[s.ID]; ok && r.date != nil {
			r.date.SetText(s.Date)
			r.shownDate = s.Date
			if r.ref != nil {
				r.ref.SetText(s.Ref)
				r.shownRef = s.Ref
			}
		}
	}
	t.reload()
}

// countText sums up what the case holds.
func (t *overviewTab) countText() string {
	ctx, c := t.cw.ctx, t.cw.c
	var lines []string
	add := func(n int, err error, one, many string) {
		if err != nil {
			lines = append(lines, many+": cannot count ("+err.Error()+")")
			return
		}
		lines = append(lines, count(n, one, many))
	}
	exs, err := c.Exhibits(ctx)
	add(len(exs), err, "exhibit", "exhibits")
	n, err := c.CountRows(ctx, casefile.RowQuery{})
	add(n, err, "row transcribed", "rows transcribed")
	msgs, err := c.Messages(ctx)
	add(len(msgs), err, "message", "messages")
	links, err := c.Links(ctx, false)
	linked := map[int64]bool{}
	for _, l := range links {
		if l.Status == casefile.StatusLinked {
			linked[l.MessageID] = true
		}
	}
	add(len(linked), err, "message linked to a row", "messages linked to a row")
	marks, err := c.MarkCounts(ctx)
	add(marks[casefile.MarkAccepted], err, "mark accepted", "marks accepted")
	add(marks[casefile.MarkSuggested], err, "mark suggested", "marks suggested")
	return strings.Join(lines, "\n")
}

// statusImportance colours a step's status.
func statusImportance(status string) widget.Importance {
	switch status {
	case casefile.StepDone, casefile.StepMet:
		return widget.SuccessImportance
	case casefile.StepOverdue:
		return widget.DangerImportance
	case casefile.StepWarning:
		return widget.WarningImportance
	case casefile.StepDue:
		return widget.HighImportance
	}
	// Pending and the like are plain text: Fyne's low importance is the
	// disabled grey, which fails contrast in both themes.
	return widget.MediumImportance
}

// showSteps updates the next-step heading, the deadline banner and the timeline.
func (t *overviewTab) showSteps() {
	next, ok := casefile.NextStep(t.steps)
	ev := evidenceSteps(t.evidence)
	urgent := ok && (next.Status == casefile.StepOverdue || next.Status == casefile.StepWarning)
	t.goTab = ""
	switch {
	case len(ev) > 0 && !urgent:
		// The evidence comes first: the letters and the bundle need it.
		t.next.SetText("Next: " + ev[0].text)
		t.next.Importance = widget.HighImportance
		t.nextHint.SetText(ev[0].hint)
		t.goTab = ev[0].tab
	case !ok:
		t.next.SetText("Nothing is due: every step is recorded.")
		t.next.Importance = widget.SuccessImportance
		t.nextHint.SetText("")
	default:
		t.next.SetText(nextText(next))
		t.next.Importance = statusImportance(next.Status)
		if next.Status == casefile.StepPending {
			t.next.Importance = widget.MediumImportance
		}
		t.nextHint.SetText(nextHints[next.ID])
	}
	var left []string
	for i, s := range ev {
		if i > 0 || urgent {
			left = append(left, s.text)
		}
	}
	t.todo.SetText("")
	if len(left) > 0 {
		t.todo.SetText("Also still to do with the evidence: " + strings.Join(left, " · ") + ".")
	}
	showIf(t.todo, len(left) > 0)
	showIf(t.goTo, t.goTab != "")
	t.goTo.SetText("Go to " + t.goTab)
	t.next.Refresh()
	t.banner.Hide()
	for _, s := range t.steps {
		if s.ID != casefile.StepICODeadline {
			continue
		}
		switch s.Status {
		case casefile.StepOverdue:
			t.bannerBg.FillColor = bannerRed
			t.bannerText.Text = fmt.Sprintf("The deadline to complain to the ICO was %s (three months after your last contact). Complain as soon as you can and explain the delay.", s.Due)
			t.banner.Show()
		case casefile.StepWarning:
			days := int(dayOf(s.Due).Sub(dayOf(overviewToday().Format(time.DateOnly))).Hours() / 24)
			t.bannerBg.FillColor = bannerAmber
			t.bannerText.Text = fmt.Sprintf("Complain to the ICO by %s: %d %s left (three months after your last contact).", s.Due, days, plural(days, "day", "days"))
			t.banner.Show()
		}
		t.banner.Refresh()
	}
	var objs []fyne.CanvasObject
	for _, s := range t.steps {
		r := t.row(s)
		r.status.SetText(statusText(s.Status))
		r.status.Importance = statusImportance(s.Status)
		r.status.Refresh()
		// A short line does not wrap: a wrapping label's height is worked
		// out for the width it had when first laid out, which clipped the
		// line under a step that changed from "not yet" to its date.
		when := withoutStepKeys(stepWhen(s), t.steps)
		r.when.Wrapping = fyne.TextWrapOff
		if len([]rune(when)) > 60 {
			r.when.Wrapping = fyne.TextWrapWord
		}
		r.when.SetText(when)
		// A date typed and not yet set stays: the case changing
		// elsewhere must not wipe it.
		if r.date != nil && r.date.Text == r.shownDate {
			r.date.SetText(s.Date)
		}
		if r.ref != nil && r.ref.Text == r.shownRef {
			r.ref.SetText(s.Ref)
		}
		r.shownDate, r.shownRef = s.Date, s.Ref
		objs = append(objs, r.box, widget.NewSeparator())
	}
	t.timeline.Objects = objs
	t.timeline.Refresh()
}

// withoutStepKeys takes out of text the step keys the command line uses,
// " (concern-sent)": the app names each step in words beside it.
func withoutStepKeys(text string, steps []casefile.Step) string {
	for _, s := range steps {
		text = strings.ReplaceAll(text, " ("+s.ID+")", "")
	}
	return text
}

func dayOf(s string) time.Time {
	d, _ := time.Parse(time.DateOnly, s)
	return d
}

// nextText is the heading for the step that needs attention.
func nextText(s casefile.Step) string {
	switch s.Status {
	case casefile.StepOverdue:
		return fmt.Sprintf("Overdue: %s (due %s)", s.Label, s.Due)
	case casefile.StepWarning:
		return fmt.Sprintf("Due soon: %s (%s)", s.Label, s.Due)
	}
	return "Next: " + s.Label
}

// stepWhen is a step's date or due date, as a person reads it.
func stepWhen(s casefile.Step) string {
	var parts []string
	if s.Date != "" {
		parts = append(parts, "on "+s.Date)
	}
	if s.Due != "" {
		parts = append(parts, "due "+s.Due)
	}
	if s.Ref != "" {
		parts = append(parts, "ref "+s.Ref)
	}
	if s.Explain != "" {
		// How the date is worked out, in one sentence, and where the rule
		// comes from.
		return strings.Join(append(parts, s.Explain+" ("+s.Source+")"), " · ")
	}
	if len(parts) == 0 {
		if s.Derived {
			return "worked out from the dates you set"
		}
		return "not yet"
	}
	return strings.Join(parts, " · ")
}

// row returns the timeline row of step s, making it the first time.
func (t *overviewTab) row(s casefile.Step) *stepRow {
	if r, ok := t.rows[s.ID]; ok {
		return r
	}
	r := &stepRow{
		status: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		label:  widget.NewLabel(s.Label),
		when:   widget.NewLabel(""),
	}
	r.label.Wrapping = fyne.TextWrapWord
	r.when.SizeName = theme.SizeNameCaptionText
	r.when.Wrapping = fyne.TextWrapWord
	status := container.NewGridWrap(fyne.NewSize(130, r.status.MinSize().Height), r.status)
	text := container.NewVBox(r.label, r.when)
	if s.Derived {
		r.box = container.NewBorder(nil, nil, status, nil, text)
	} else {
		id := s.ID
		r.date = widget.NewEntry()
		r.date.SetPlaceHolder("e.g. 2015-06-22")
		r.date.OnChanged = func(string) { t.cw.updateDirty() }
		r.set = widget.NewButton("Set", func() { t.onSetStep(id) })
		controls := []fyne.CanvasObject{container.NewGridWrap(fyne.NewSize(130, r.date.MinSize().Height), r.date)}
		if id == casefile.StepICOReference || id == casefile.StepOutcome {
			r.ref = widget.NewEntry()
			r.ref.SetPlaceHolder(map[string]string{casefile.StepICOReference: "e.g. IC-123456-A1B2", casefile.StepOutcome: "e.g. upheld"}[id])
			r.ref.OnChanged = func(string) { t.cw.updateDirty() }
			controls = append(controls, container.NewGridWrap(fyne.NewSize(150, r.ref.MinSize().Height), r.ref))
		}
		controls = append(controls, r.set)
		r.box = container.NewBorder(nil, nil, status, container.NewCenter(container.NewHBox(controls...)), text)
	}
	t.rows[s.ID] = r
	return r
}

// onSetStep records the date (and reference) typed for step id; an empty
// date clears the step.
func (t *overviewTab) onSetStep(id string) {
	if err := t.setStep(id); err != nil {
		showError(t.cw.win, err)
		return
	}
	t.cw.reload()
	t.cw.setStatus("Recorded: " + t.rows[id].label.Text)
}

func (t *overviewTab) setStep(id string) error {
	r := t.rows[id]
	ref := ""
	if r.ref != nil {
		ref = r.ref.Text
	}
	return t.cw.c.SetStep(t.cw.ctx, id, strings.TrimSpace(r.date.Text), ref)
}

// onSave stores the case details.
func (t *overviewTab) onSave() {
	if err := t.saveDetails(); err != nil {
		showError(t.cw.win, err)
		return
	}
	t.cw.reload()
	t.cw.setStatus("Case details saved")
}

// saveDetails stores the details that changed; each is one custody event.
func (t *overviewTab) saveDetails() error {
	for _, f := range detailFields {
		v := strings.TrimSpace(t.fields[f.key].Text)
		if v == strings.TrimSpace(t.saved[f.key]) {
			continue
		}
		if err := t.cw.c.SetSetting(t.cw.ctx, f.key, v); err != nil {
			return err
		}
	}
	t.dirty = false
	return nil
}
