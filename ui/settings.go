package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// onSettings is File › Settings: the name recorded in custody and the
// theme. A theme choice shows at once; Cancel puts the old one back.
func (g *gui) onSettings() {
	name := widget.NewEntry()
	name.SetText(g.actor())
	if name.Text == "" && g.cw != nil {
		name.SetText(g.cw.c.Actor())
	}
	var labels []string
	for _, tc := range themeChoices {
		labels = append(labels, tc.label)
	}
	before := g.themeChoice()
	pick := widget.NewRadioGroup(labels, func(label string) {
		for _, tc := range themeChoices {
			if tc.label == label {
				g.setTheme(tc.key)
			}
		}
	})
	for _, tc := range themeChoices {
		if tc.key == before {
			pick.Selected = tc.label
		}
	}
	pick.Required = true
	nameItem := widget.NewFormItem("Your name", name)
	nameItem.HintText = "recorded in the custody log with everything you do, and printed in bundles"
	d := dialog.NewForm("Settings", "Save", "Cancel", []*widget.FormItem{nameItem, widget.NewFormItem("Theme", pick)},
		func(ok bool) {
			if !ok {
				g.setTheme(before)
				return
			}
			if name.Text != g.actor() {
				g.setActor(name.Text)
			}
		}, g.win)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
}
