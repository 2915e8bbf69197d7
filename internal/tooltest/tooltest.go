// Package tooltest lets a test say which external programs it needs.
//
// A test that needs tesseract, qpdf or ImageMagick calls Need first. Where
// a program is missing the test is skipped, with the program named and how
// to install it, so a developer without it still gets a clean run. CI sets
// DOSSIER_REQUIRE_TOOLS=1, and then a missing program fails the test
// instead: a check that silently stopped running must not look like one
// that passed.
package tooltest

import (
	"os"
	"os/exec"
	"testing"
)

// EnvRequire is the environment variable that turns a missing tool from a
// skip into a failure.
const EnvRequire = "DOSSIER_REQUIRE_TOOLS"

// packages says which Debian package provides each program, for the
// message.
var packages = map[string]string{
	"tesseract": "tesseract-ocr tesseract-ocr-eng",
	"qpdf":      "qpdf",
	"pdftoppm":  "poppler-utils",
	"pdftotext": "poppler-utils",
	"pdfinfo":   "poppler-utils",
	"convert":   "imagemagick",
	"exiftool":  "libimage-exiftool-perl",
	"img2pdf":   "img2pdf",
	"ps2pdf":    "ghostscript",
	"sqlite3":   "sqlite3",
	"xdotool":   "xdotool",
	"xvfb-run":  "xvfb xauth",
	"openssl":   "openssl",
}

// Required reports whether CI asked for every tool to be present.
func Required() bool { return os.Getenv(EnvRequire) == "1" }

// Need skips t, or fails it under DOSSIER_REQUIRE_TOOLS=1, unless every
// named program is on PATH.
func Need(t testing.TB, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			pkg := packages[tool]
			if pkg == "" {
				pkg = tool
			}
			if Required() {
				t.Fatalf("%s is not installed and %s=1 (apt-get install %s)", tool, EnvRequire, pkg)
			}
			t.Skipf("%s is not installed (apt-get install %s)", tool, pkg)
		}
	}
}

// Have reports whether every named program is on PATH, for tests that
// check both sides of a tool's presence. Under DOSSIER_REQUIRE_TOOLS=1 a
// missing one fails t.
func Have(t testing.TB, tools ...string) bool {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			if Required() {
				t.Fatalf("%s is not installed and %s=1", tool, EnvRequire)
			}
			return false
		}
	}
	return true
}
