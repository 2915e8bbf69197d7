package ui

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"dossier/casefile"
)

// showError shows err in a dialog over win. casefile errors already name
// the file or exhibit and the problem; this adds what to do next.
func showError(win fyne.Window, err error) {
	dialog.ShowError(errors.New(errorText(err)), win)
}

// errorText is the dialog text for err: the error itself, then a line
// saying what to do about it.
func errorText(err error) string {
	msg := strings.TrimSpace(err.Error())
	if h := hintFor(err); h != "" && !strings.Contains(msg, h) {
		msg += "\n\n" + h
	}
	return msg
}

// hintFor says what a person can do about err, or "" when the error text
// already says it or there is nothing general to say.
func hintFor(err error) string {
	switch {
	case errors.Is(err, casefile.ErrNotCaseFile):
		return "Choose a .dossier file made by Dossier, or create a new case with File › New case."
	case errors.Is(err, casefile.ErrNewerVersion):
		return "Install the newest Dossier to open this case."
	case errors.Is(err, casefile.ErrDamaged):
		return "Nothing was changed. Open a backup copy of the case file instead."
	case errors.Is(err, casefile.ErrOpenElsewhere):
		return "Close the case in the other Dossier window, then open it here again."
	case errors.Is(err, casefile.ErrReadOnly):
		return "The case is open read-only, so nothing was changed. To work on it, copy it to a folder of your own and open the copy."
	case errors.Is(err, casefile.ErrInUse):
		return "Close the other Dossier window or command using this case, then try again."
	case errors.Is(err, casefile.ErrExists):
		return "Choose another file name; Dossier never replaces an existing file."
	case errors.Is(err, casefile.ErrUnknownExhibit):
		return "Pick the exhibit from the list in the Exhibits tab."
	case errors.Is(err, casefile.ErrInvalid):
		return "Correct the value and try again; nothing was saved."
	case errors.Is(err, fs.ErrNotExist):
		return "Check the file is still there (a USB stick may have been removed), then try again."
	case errors.Is(err, fs.ErrPermission):
		return "Dossier may not read or write that file. Copy it somewhere you own, then try again."
	}
	return ""
}

// caseDir is the folder of the open case, where file dialogs start.
func (cw *caseWindow) caseDir() string { return filepath.Dir(cw.c.Path()) }

// askSavePath asks where to save a new file, starting in the case's
// folder with name and extension ext, and calls then with the path. No
// file is made until then writes one.
func (cw *caseWindow) askSavePath(title, name, ext string, then func(path string)) {
	cw.g.pick.saveFile(title, cw.caseDir(), name, ext, then)
}
