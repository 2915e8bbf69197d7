package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// withholdBar is the Exhibits tab's line under an exhibit's details: it
// says whether the exhibit is left out of bundles, and withholds or
// restores it (the same casefile calls as 'dossier withhold' and
// 'dossier restore').
type withholdBar struct {
	t      *exhibitsTab
	ref    string
	status *widget.Label
	button *widget.Button
	box    *fyne.Container
}

func newWithholdBar(t *exhibitsTab) *withholdBar {
	w := &withholdBar{t: t, status: widget.NewLabel("")}
	w.status.Wrapping = fyne.TextWrapWord
	w.button = widget.NewButtonWithIcon("Withhold from bundles…", theme.VisibilityOffIcon(), w.onTap)
	w.box = container.NewBorder(nil, nil, nil, w.button, w.status)
	return w
}

// show updates the bar for exhibit ref.
func (w *withholdBar) show(ref string) {
	w.ref = ref
	if h, ok := w.t.withheld[ref]; ok {
		w.status.SetText(fmt.Sprintf("Withheld from bundles: %s", h.Reason))
		w.button.SetText("Restore to bundles")
		w.button.SetIcon(theme.VisibilityIcon())
		return
	}
	w.status.SetText("Shown in bundles.")
	w.button.SetText("Withhold from bundles…")
	w.button.SetIcon(theme.VisibilityOffIcon())
}

func (w *withholdBar) onTap() {
	ref := w.ref
	if _, ok := w.t.withheld[ref]; ok {
		dialog.ShowConfirm("Restore "+ref+"?", ref+" will be shown in bundles again.", func(yes bool) {
			if yes {
				w.restore(ref)
			}
		}, w.t.cw.win)
		return
	}
	reason := widget.NewEntry()
	reason.SetPlaceHolder("e.g. HEIC photo too small to decode; JPEG copy is LW/8")
	reason.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return fmt.Errorf("say why: the reason is printed in the bundle's index")
		}
		return nil
	}
	items := []*widget.FormItem{widget.NewFormItem("Reason", reason)}
	d := dialog.NewForm("Withhold "+ref+" from bundles", "Withhold", "Cancel", items, func(ok bool) {
		if ok {
			w.withhold(ref, reason.Text)
		}
	}, w.t.cw.win)
	d.Resize(fyne.NewSize(520, 200))
	d.Show()
}

// withhold leaves ref out of bundles.
func (w *withholdBar) withhold(ref, reason string) {
	if _, err := w.t.cw.c.Withhold(w.t.cw.ctx, ref, reason); err != nil {
		showError(w.t.cw.win, err)
		return
	}
	w.t.cw.reload()
	w.t.cw.setStatus(fmt.Sprintf("%s withheld from bundles; the index lists it with its hash and your reason", ref))
}

// restore puts ref back into bundles.
func (w *withholdBar) restore(ref string) {
	if _, err := w.t.cw.c.Restore(w.t.cw.ctx, ref); err != nil {
		showError(w.t.cw.win, err)
		return
	}
	w.t.cw.reload()
	w.t.cw.setStatus(fmt.Sprintf("%s restored: bundles show it again", ref))
}

// withheldMark prefixes the title of a withheld exhibit in the table.
const withheldMark = "(withheld) "

func (t *exhibitsTab) loadWithheld() {
	w, err := t.cw.c.Withheld(t.cw.ctx)
	if err != nil {
		showError(t.cw.win, err)
		return
	}
	t.withheld = w
}
