// Package assets holds the files Dossier ships inside its binary: the app
// icon, the fonts used for bundles and rendered images, and letter
// templates. Everything is embedded, so the app works offline from a
// single executable.
package assets

import "embed"

// Icon is the application icon, a 512×512 PNG.
//
//go:embed icon.png
var Icon []byte

// Fonts are DejaVu Sans (regular, bold) and DejaVu Sans Mono: free fonts
// that cover Latin, Greek and Cyrillic, so names such as Zoë, Seán and
// Łucja and the £ sign render and extract correctly. See
// fonts/LICENSE-DejaVu.txt.
//
// The slices are shared by the whole program and must not be changed.
// gofpdf writes into the font bytes it is given while it subsets them, so
// pass it bytes.Clone(FontRegular), never FontRegular itself.
var (
	//go:embed fonts/DejaVuSans.ttf
	FontRegular []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	FontBold []byte
	//go:embed fonts/DejaVuSansMono.ttf
	FontMono []byte
)

// Fallback fonts draw the scripts DejaVu lacks that residents of an East
// London borough write in: Noto Sans Bengali and Noto Sans Arabic
// (regular, bold; SIL Open Font License 1.1, see fonts/LICENSE-Noto.txt).
// Somali, Polish and Turkish are Latin and DejaVu covers them. The same
// rule as above applies: clone before giving them to gofpdf.
var (
	//go:embed fonts/NotoSansBengali-Regular.ttf
	FontBengali []byte
	//go:embed fonts/NotoSansBengali-Bold.ttf
	FontBengaliBold []byte
	//go:embed fonts/NotoSansArabic-Regular.ttf
	FontArabic []byte
	//go:embed fonts/NotoSansArabic-Bold.ttf
	FontArabicBold []byte
)

// Letters holds the built-in letter templates, letters/ID.tmpl, one per
// template id. Each file's first line is the title shown in the template
// list and a blank line follows it; the rest is a Go text/template whose
// merge fields (such as {{.CaseTitle}}) are listed by package
// export/letter.
//
//go:embed letters/*.tmpl
var Letters embed.FS
