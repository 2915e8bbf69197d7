// Package dossier holds what every part of Dossier says about the build
// itself: its version. The number lives in one place, FyneApp.toml (which
// the fyne packaging tool also reads), and is embedded here, so the app's
// About box, 'dossier --version', a bundle's manifest and the installers
// all say the same thing however the binary was built.
package dossier

import (
	_ "embed"
	"fmt"

	"github.com/BurntSushi/toml"
)

//go:embed FyneApp.toml
var fyneApp []byte

// Version is the release version, "MAJOR.MINOR.PATCH", from FyneApp.toml.
// It is "unknown" only if that file were malformed, which TestAppFile and
// scripts/release refuse before anything ships.
var Version = "unknown"

// Build is FyneApp.toml's build number: it rises with every release, also
// when Version does not (Windows and macOS compare it for upgrades).
var Build int

func init() {
	if v, b, err := parseAppFile(fyneApp); err == nil {
		Version, Build = v, b
	}
}

// parseAppFile reads the version and build number of a FyneApp.toml.
func parseAppFile(b []byte) (version string, build int, err error) {
	var f struct {
		Details struct {
			Version string
			Build   int
		}
	}
	if err := toml.Unmarshal(b, &f); err != nil {
		return "", 0, fmt.Errorf("FyneApp.toml: %w", err)
	}
	var maj, min, patch int
	var rest string
	if n, _ := fmt.Sscanf(f.Details.Version, "%d.%d.%d%s", &maj, &min, &patch, &rest); n != 3 ||
		fmt.Sprintf("%d.%d.%d", maj, min, patch) != f.Details.Version {
		return "", 0, fmt.Errorf("FyneApp.toml: version %q is not MAJOR.MINOR.PATCH", f.Details.Version)
	}
	if f.Details.Build < 1 {
		return "", 0, fmt.Errorf("FyneApp.toml: build %d is not a positive number", f.Details.Build)
	}
	return f.Details.Version, f.Details.Build, nil
}
