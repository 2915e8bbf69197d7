// Package assets holds the files Dossier ships inside its binary: the app
// icon, the fonts used for bundles and rendered images, and letter
// templates. Everything is embedded, so the app works offline from a
// single executable.
package assets

import _ "embed"

// Icon is the application icon, a 512×512 PNG.
//
//go:embed icon.png
var Icon []byte

// Fonts are DejaVu Sans (regular, bold) and DejaVu Sans Mono: free fonts
// that cover Latin, Greek and Cyrillic, so names such as Zoë, Seán and
// Łucja and the £ sign render and extract correctly. See
// fonts/LICENSE-DejaVu.txt.
var (
	//go:embed fonts/DejaVuSans.ttf
	FontRegular []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	FontBold []byte
	//go:embed fonts/DejaVuSansMono.ttf
	FontMono []byte
)
