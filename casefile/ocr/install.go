package ocr

import (
	"errors"
	"os"
	"os/exec"
	"runtime"
)

// ErrMissing means tesseract is not installed. Its message says, for the
// system Dossier runs on, what OCR adds and how to install it.
var ErrMissing = errors.New(missingText(runtime.GOOS))

// missingText is ErrMissing's message on goos: one line, because the
// command line prints it after "dossier: ".
func missingText(goos string) string {
	return "OCR is not available because tesseract is not installed; OCR reads the words on " +
		"screenshots and scanned pages so that Dossier can propose messages and where names and " +
		"numbers are to redact. To add it: " + installSteps(goos) + " — everything else works without it"
}

// InstallSteps says how to install tesseract on the system Dossier runs
// on, for messages that ask for it.
func InstallSteps() string { return installSteps(runtime.GOOS) }

func installSteps(goos string) string {
	var how string
	switch goos {
	case "windows":
		how = "download the Windows installer from github.com/UB-Mannheim/tesseract/wiki and " +
			"install it in the folder it suggests, then start Dossier again"
	case "darwin":
		how = "install Homebrew (brew.sh), then run  brew install tesseract  in Terminal and start Dossier again"
	case "linux":
		how = "Debian/Ubuntu: sudo apt-get install tesseract-ocr tesseract-ocr-eng; " +
			"Fedora: sudo dnf install tesseract tesseract-langpack-eng"
	default:
		how = "install the tesseract package of your system, with its English language data"
	}
	return how
}

// lookPath is replaceable by tests to simulate a missing tesseract.
var lookPath = exec.LookPath

// findTesseract is the tesseract program to run: the one on PATH, else one
// in the folder its installer uses on this system. Neither the Windows
// installer nor Homebrew puts tesseract on the PATH an app started from
// the Start menu or the Dock sees.
func findTesseract() (string, error) {
	if p, err := lookPath("tesseract"); err == nil {
		return p, nil
	}
	for _, p := range installedPaths(runtime.GOOS, os.Getenv) {
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p, nil
		}
	}
	return "", ErrMissing
}

// installedPaths lists where tesseract's usual installers put it on goos,
// in the order to try them; getenv reads the environment.
func installedPaths(goos string, getenv func(string) string) []string {
	var paths []string
	switch goos {
	case "windows":
		// The UB Mannheim installer: for everyone, or for one user.
		const exe = `\Tesseract-OCR\tesseract.exe`
		for _, dir := range []string{getenv("ProgramFiles"), getenv("ProgramFiles(x86)")} {
			if dir != "" {
				paths = append(paths, dir+exe)
			}
		}
		if local := getenv("LOCALAPPDATA"); local != "" {
			paths = append(paths, local+`\Programs`+exe, local+exe)
		}
	case "darwin":
		// Homebrew on Apple silicon, on Intel, then MacPorts.
		paths = []string{"/opt/homebrew/bin/tesseract", "/usr/local/bin/tesseract", "/opt/local/bin/tesseract"}
	}
	return paths
}
