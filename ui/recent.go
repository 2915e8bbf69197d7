package ui

import (
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
)

// recentKey is the preference holding recently opened case paths.
const recentKey = "recentCases"

// maxRecent is how many recent cases the start screen lists.
const maxRecent = 10

// recentCases lists recently opened cases, most recent first.
func recentCases(p fyne.Preferences) []string {
	return p.StringList(recentKey)
}

// addRecent moves path to the top of the recent list.
func addRecent(p fyne.Preferences, path string) {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	list := []string{path}
	for _, q := range recentCases(p) {
		if q != path && len(list) < maxRecent {
			list = append(list, q)
		}
	}
	p.SetStringList(recentKey, list)
}

// removeRecent drops path from the recent list.
func removeRecent(p fyne.Preferences, path string) {
	var list []string
	for _, q := range recentCases(p) {
		if q != path {
			list = append(list, q)
		}
	}
	p.SetStringList(recentKey, list)
}

// recentDir is the folder of the most recent case that still exists,
// where file dialogs start with no case open; "" for the dialog's default.
func recentDir(p fyne.Preferences) string {
	for _, q := range recentCases(p) {
		if fileExists(q) {
			return filepath.Dir(q)
		}
	}
	return ""
}

// fileExists reports whether path names an existing regular file. Recent
// cases that fail it are shown greyed: a USB stick may be unplugged.
func fileExists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular()
}
