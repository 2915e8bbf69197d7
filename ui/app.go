// Package ui is Dossier's desktop app, built with Fyne. Each screen is one
// file; screens hold no business rules and call the same casefile and
// export functions as the command line.
package ui

// Run opens the desktop app and returns when its last window closes. With
// a case path it opens that case; with "" it shows the start screen.
func Run(casePath string) error {
	return nil
}
