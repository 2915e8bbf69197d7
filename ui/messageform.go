package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2/theme"
)

// The Messages tab's form: a new message or the correction of one, and
// what it holds unsaved.

// onPick is a message chosen in the list: if the form holds unsaved
// changes, ask first; Cancel keeps the old selection.
func (t *messagesTab) onPick(i int) {
	if t.reselect || i < 0 || i >= len(t.msgs) || t.msgs[i].ID == t.editing {
		if !t.reselect {
			t.onSelect(i)
		}
		return
	}
	if !t.dirty() {
		t.onSelect(i)
		return
	}
	id := t.msgs[i].ID
	t.putSelectionBack()
	askUnsaved(t.cw.win, t.unsaved(), t.saveUnsaved, t.discardUnsaved, func() {
		for j, m := range t.msgs {
			if m.ID == id {
				t.list.Select(j)
			}
		}
	})
}

// putSelectionBack selects the message being edited again, or none.
func (t *messagesTab) putSelectionBack() {
	t.reselect = true
	defer func() { t.reselect = false }()
	for j, m := range t.msgs {
		if m.ID == t.editing {
			t.list.Select(j)
			return
		}
	}
	t.list.UnselectAll()
}

// onSelect shows message i in the form, to read or correct.
func (t *messagesTab) onSelect(i int) {
	if i < 0 || i >= len(t.msgs) {
		return
	}
	m := t.msgs[i]
	t.editing = m.ID
	t.fill(m.Exhibit, m.From, m.To, m.At.Format(msgTimeLayout), m.Body, m.ResidentName, m.ResidentAddress)
	t.note.SetText(fmt.Sprintf("Message %d, entered %s. To correct it, change the fields, say why, and press Save correction: "+
		"the correction becomes a new message that replaces this one, and the custody log keeps both.", m.ID, m.Source))
	t.showMode()
}

// onNew clears the form for a new message, asking first about changes.
func (t *messagesTab) onNew() {
	if !t.dirty() {
		t.startNew()
		return
	}
	askUnsaved(t.cw.win, t.unsaved(), t.saveUnsaved, t.discardUnsaved, t.startNew)
}

func (t *messagesTab) startNew() {
	ref := t.selectedRef()
	t.editing = 0
	t.reselect = true
	t.list.UnselectAll()
	t.reselect = false
	t.fill(ref, "", "", "", "", "", "")
	t.note.SetText("")
	t.showMode()
}

// fill puts values in the form without counting them as edits.
func (t *messagesTab) fill(ref, from, to, at, body, name, addr string) {
	t.filling = true
	if ref == "" {
		t.exhibit.ClearSelected()
	} else {
		t.selectExhibit(ref)
	}
	t.from.SetText(from)
	t.to.SetText(to)
	t.at.SetText(at)
	t.body.SetText(body)
	t.resName.SetText(name)
	t.resAddr.SetText(addr)
	t.reason.SetText("")
	t.filling = false
	t.loaded = t.current()
	t.changed()
}

// showMode shows whether the form adds a message or corrects one.
func (t *messagesTab) showMode() {
	if t.editing == 0 {
		t.heading.SetText("New message")
		t.add.SetText("Add message")
		t.add.SetIcon(theme.ContentAddIcon())
		t.showReason(false)
	} else {
		t.heading.SetText(fmt.Sprintf("Message %d", t.editing))
		t.add.SetText("Save correction")
		t.add.SetIcon(theme.DocumentSaveIcon())
		t.showReason(true)
	}
	t.form.Refresh()
}

// showReason adds or removes the Why corrected row, the form's last: a
// form shows a hidden item's label and hint with a gap where its field
// was, which reads as a field that cannot be typed in.
func (t *messagesTab) showReason(show bool) {
	items := t.form.Items
	has := len(items) > 0 && items[len(items)-1] == t.reasonItem
	switch {
	case show && !has:
		t.form.Items = append(items, t.reasonItem)
	case !show && has:
		t.form.Items = items[:len(items)-1]
	}
}

func (t *messagesTab) current() messageInput {
	return messageInput{t.selectedRef(), strings.TrimSpace(t.from.Text), strings.TrimSpace(t.to.Text), strings.TrimSpace(t.at.Text),
		t.body.Text, strings.TrimSpace(t.resName.Text), strings.TrimSpace(t.resAddr.Text)}
}

// dirty reports whether the form holds what is not saved: a new message
// with anything typed, or a message with changes.
func (t *messagesTab) dirty() bool {
	if t.list == nil {
		return false
	}
	cur := t.current()
	if t.editing == 0 {
		cur.exhibit, t.loaded.exhibit = "", "" // choosing a screenshot alone is no work to lose
	}
	return cur != t.loaded
}

// changed follows an edit: the note shows whether it is saved.
func (t *messagesTab) changed() {
	if t.filling || t.dirtyN == nil {
		return
	}
	showIf(t.dirtyN, t.dirty())
	t.cw.updateDirty()
}

// unsaved is part of unsavedForm.
func (t *messagesTab) unsaved() []string {
	if !t.dirty() {
		return nil
	}
	if t.editing != 0 {
		return []string{fmt.Sprintf("your correction of message %d (Messages)", t.editing)}
	}
	return []string{"the new message you are typing (Messages)"}
}

// saveUnsaved is part of unsavedForm.
func (t *messagesTab) saveUnsaved() error { return t.save() }

// discardUnsaved is part of unsavedForm.
func (t *messagesTab) discardUnsaved() {
	if t.editing == 0 {
		t.startNew()
		return
	}
	for i, m := range t.msgs {
		if m.ID == t.editing {
			t.onSelect(i)
		}
	}
}
