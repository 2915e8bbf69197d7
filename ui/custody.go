package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/casefile"
	"dossier/internal/bytesize"
)

// custodyTab shows the custody log in plain words, one event a line,
// the selected event in full (its stored detail behind "Details"), and
// verifies the case.
type custodyTab struct {
	cw     *caseWindow
	events []casefile.Event

	list     *widget.List
	heading  *widget.Label
	facts    *widget.Label
	json     *widget.Label
	details  *widget.Accordion
	verify   *widget.Button
	bar      *widget.ProgressBar
	icon     *widget.Icon
	result   *widget.Label
	problems *widget.Label
}

func newCustodyTab(cw *caseWindow) *custodyTab {
	return &custodyTab{cw: cw}
}

func (t *custodyTab) buildUI() fyne.CanvasObject {
	t.list = widget.NewList(func() int { return len(t.events) },
		func() fyne.CanvasObject {
			what := widget.NewLabel("")
			what.Truncation = fyne.TextTruncateEllipsis
			when := widget.NewLabel("")
			when.SizeName = theme.SizeNameCaptionText
			when.Truncation = fyne.TextTruncateEllipsis
			return container.NewVBox(what, when)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(t.events) {
				return
			}
			e := t.events[i]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%d.  %s", e.Seq, casefile.EventSummary(e)))
			box.Objects[1].(*widget.Label).SetText(eventWhen(e))
		})
	t.list.OnSelected = func(i widget.ListItemID) { t.onSelect(i) }

	t.heading = widget.NewLabelWithStyle("Select an event to see it in full.", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.heading.Wrapping = fyne.TextWrapWord
	t.facts = widget.NewLabel("")
	t.facts.Wrapping = fyne.TextWrapBreak
	t.facts.Selectable = true
	t.json = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	t.json.Wrapping = fyne.TextWrapBreak
	t.json.Selectable = true
	t.details = widget.NewAccordion(widget.NewAccordionItem("Details, exactly as recorded", t.json))
	t.details.Hide()

	t.verify = widget.NewButtonWithIcon("Verify", theme.ConfirmIcon(), t.cw.onVerify)
	t.verify.Importance = widget.HighImportance
	t.bar = widget.NewProgressBar()
	t.bar.Hide()
	t.result = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.result.SizeName = theme.SizeNameSubHeadingText
	t.result.Wrapping = fyne.TextWrapWord
	t.icon = widget.NewIcon(nil)
	t.problems = widget.NewLabel("")
	t.problems.Wrapping = fyne.TextWrapWord
	t.problems.Selectable = true
	explain := widget.NewLabel("Verify re-reads every original, checks it against its SHA-256, and recomputes the whole chain of custody. " +
		"The check is recorded in the log.")
	explain.Wrapping = fyne.TextWrapWord

	verifyPane := container.NewBorder(
		container.NewVBox(container.NewBorder(nil, nil, t.verify, nil, explain), t.bar,
			container.NewBorder(nil, nil, t.icon, nil, t.result)), nil, nil, nil,
		container.NewVScroll(t.problems))
	detail := container.NewVScroll(container.NewVBox(t.heading, t.facts, t.details))
	right := container.NewVSplit(detail, verifyPane)
	right.Offset = 0.55
	split := container.NewHSplit(t.list, right)
	split.Offset = 0.55
	return split
}

// eventWhen is an event's second line: when, and who.
func eventWhen(e casefile.Event) string {
	return e.At.Local().Format("2 Jan 2006 15:04:05") + "  ·  " + e.Actor
}

// reload re-reads the log.
func (t *custodyTab) reload() {
	evs, err := t.cw.c.Log(t.cw.ctx)
	if err != nil {
		showError(t.cw.win, err)
		return
	}
	grew := len(evs) > len(t.events)
	t.events = evs
	if t.list != nil {
		t.list.Refresh()
		if grew {
			t.list.ScrollToBottom() // the newest event is the one just made
		}
	}
}

// onSelect shows event i in full: the plain words, the facts and hashes,
// and the stored detail behind the Details disclosure.
func (t *custodyTab) onSelect(i int) {
	if i < 0 || i >= len(t.events) {
		return
	}
	e := t.events[i]
	t.heading.SetText(fmt.Sprintf("Event %d: %s", e.Seq, casefile.EventSummary(e)))
	ex := e.Exhibit
	if ex == "" {
		ex = "the case as a whole"
	}
	t.facts.SetText(strings.Join([]string{
		"When:  " + e.At.UTC().Format("2 January 2006, 15:04:05 UTC"),
		"Who:  " + e.Actor,
		"Concerns:  " + ex,
		"Recorded as:  " + e.Action,
		"This event's hash:  " + e.Hash,
		"Previous event's hash:  " + e.PrevHash,
	}, "\n"))
	t.json.SetText(eventDetail(e))
	t.details.Show()
}

// eventDetail is an event's stored detail, indented.
func eventDetail(e casefile.Event) string {
	var detail bytes.Buffer
	if json.Indent(&detail, e.Detail, "", "  ") != nil {
		return string(e.Detail)
	}
	return detail.String()
}

// onVerify checks the whole case in the background, records the check and
// its outcome in the custody log (a fixity check), and shows both.
func (cw *caseWindow) onVerify() {
	t := tabOf[*custodyTab](cw)
	if t == nil || t.verify.Disabled() {
		return
	}
	cw.selectTab("Custody")
	t.verify.Disable()
	t.bar.SetValue(0)
	t.bar.Show()
	t.icon.SetResource(nil)
	t.result.Importance = widget.MediumImportance
	t.result.SetText("Verifying…")
	t.problems.SetText("")
	ctx := cw.ctx
	cw.goBackground(func() {
		var last float64 = -1
		rep, err := cw.c.Verify(ctx, func(done, total int64) {
			if total <= 0 {
				return
			}
			f := float64(done) / float64(total)
			if f-last >= 0.005 || done == total {
				last = f
				cw.do(func() { t.bar.SetValue(f) })
			}
		})
		var note string
		if err == nil {
			note = recordVerification(ctx, cw.c, rep)
		}
		cw.do(func() {
			t.verify.Enable()
			t.bar.Hide()
			if err != nil {
				t.icon.SetResource(theme.NewErrorThemedResource(theme.ErrorIcon()))
				t.result.Importance = widget.DangerImportance
				t.result.SetText("Could not verify")
				showError(cw.win, err)
				return
			}
			t.showReport(rep, note)
			cw.reload()
		})
	})
}

// recordVerification appends the check to the custody log and says what
// became of it, in a sentence for the report.
func recordVerification(ctx context.Context, c *casefile.Case, rep casefile.Report) string {
	if c.ReadOnly() {
		return "This check is not recorded: the case is open read-only."
	}
	if err := c.RecordVerification(ctx, rep); err != nil {
		return "This check could not be recorded in the custody log: " + err.Error()
	}
	seq := "the custody log"
	if log, err := c.Log(ctx); err == nil && len(log) > 0 {
		seq = fmt.Sprintf("the custody log as event %d", log[len(log)-1].Seq)
	}
	return "This check is recorded in " + seq + "."
}

// showReport shows a verification's outcome: green when intact, red with
// every problem listed otherwise, and note (whether it was recorded).
func (t *custodyTab) showReport(rep casefile.Report, note string) {
	if rep.OK() {
		t.icon.SetResource(theme.NewSuccessThemedResource(theme.ConfirmIcon()))
		t.result.Importance = widget.SuccessImportance
		t.result.SetText(fmt.Sprintf("Intact: %d %s and %d custody events checked, %s re-hashed",
			rep.Exhibits, plural(rep.Exhibits, "exhibit", "exhibits"), rep.Events, bytesize.String(rep.Bytes)))
		t.problems.SetText(strings.TrimSpace("Chain head checked: " + rep.Head + "\n" + note))
		return
	}
	n := len(rep.Problems)
	t.icon.SetResource(theme.NewErrorThemedResource(theme.ErrorIcon()))
	t.result.Importance = widget.DangerImportance
	t.result.SetText(fmt.Sprintf("%d %s found", n, plural(n, "problem", "problems")))
	var b strings.Builder
	for _, p := range rep.Problems {
		b.WriteString("• " + p.String() + "\n")
	}
	b.WriteString("\nThis case file has been changed outside Dossier or is damaged: do not rely on it " +
		"or hand it on. Restore the case from a backup, or from a copy you handed over, and verify that copy.")
	if note != "" {
		b.WriteString("\n" + note)
	}
	t.problems.SetText(b.String())
}
