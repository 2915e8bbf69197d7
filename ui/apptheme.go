package ui

import (
	_ "embed"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// themeKey is the preference holding the theme choice: "system", "light"
// or "dark".
const themeKey = "theme"

// themeChoices are the Settings choices, in order, with their words.
var themeChoices = []struct{ key, label string }{
	{"system", "System (follow the computer)"},
	{"light", "Light"},
	{"dark", "Dark"},
}

// appTheme is Fyne's theme with the chosen variant and status colours
// that pass WCAG AA for text (a contrast of 4.5:1 or more) on the
// background, and for the text on buttons of those colours, in both the
// light and the dark variant. Fyne's own status colours are bright
// enough for icons but too pale for a word such as PENDING or OVERDUE.
type appTheme struct {
	force  fyne.ThemeVariant // the chosen variant, when forced
	forced bool              // false: follow the system
}

// Text colours by variant; each passes 4.5:1 on the variant's background
// and its button text passes 4.5:1 on it (TestStatusColoursContrast).
var statusColours = map[fyne.ThemeVariant]map[fyne.ThemeColorName]color.Color{
	theme.VariantLight: {
		theme.ColorNamePrimary: color.NRGBA{0x15, 0x5f, 0xb8, 0xff},
		theme.ColorNameSuccess: color.NRGBA{0x1b, 0x6e, 0x34, 0xff},
		theme.ColorNameWarning: color.NRGBA{0x8a, 0x4b, 0x00, 0xff},
		theme.ColorNameError:   color.NRGBA{0xb0, 0x1e, 0x1e, 0xff},

		// Examples in empty fields and hints under them: readable, and
		// still lighter than a value (placeholders begin "e.g.").
		theme.ColorNamePlaceHolder: color.NRGBA{0x5f, 0x63, 0x68, 0xff},

		theme.ColorNameForegroundOnPrimary: color.White,
		theme.ColorNameForegroundOnSuccess: color.White,
		theme.ColorNameForegroundOnWarning: color.White,
		theme.ColorNameForegroundOnError:   color.White,
	},
	theme.VariantDark: {
		theme.ColorNamePrimary: color.NRGBA{0x7c, 0xb6, 0xff, 0xff},
		theme.ColorNameSuccess: color.NRGBA{0x6f, 0xd9, 0x8a, 0xff},
		theme.ColorNameWarning: color.NRGBA{0xff, 0xc0, 0x5c, 0xff},
		theme.ColorNameError:   color.NRGBA{0xff, 0x8a, 0x80, 0xff},

		theme.ColorNamePlaceHolder: color.NRGBA{0xa4, 0xa8, 0xb0, 0xff},

		theme.ColorNameForegroundOnPrimary: color.NRGBA{0x10, 0x10, 0x14, 0xff},
		theme.ColorNameForegroundOnSuccess: color.NRGBA{0x10, 0x10, 0x14, 0xff},
		theme.ColorNameForegroundOnWarning: color.NRGBA{0x10, 0x10, 0x14, 0xff},
		theme.ColorNameForegroundOnError:   color.NRGBA{0x10, 0x10, 0x14, 0xff},
	},
}

func newAppTheme(choice string) *appTheme {
	switch choice {
	case "light":
		return &appTheme{force: theme.VariantLight, forced: true}
	case "dark":
		return &appTheme{force: theme.VariantDark, forced: true}
	}
	return &appTheme{}
}

// Color is part of fyne.Theme.
func (t *appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.forced {
		v = t.force
	}
	if c, ok := statusColours[v][n]; ok {
		return c
	}
	return theme.DefaultTheme().Color(n, v)
}

// The text font is Fyne's Noto Sans merged with Noto Sans Bengali and
// Noto Sans Arabic (see fonts/README.md). Fyne asks a theme for one font
// per style and, for a glyph that font lacks, looks only among the fonts
// installed on the computer: where neither script is installed (a plain
// Linux desktop) residents named সাকিব or مريم would show as empty boxes.
var (
	//go:embed fonts/DossierSans-Regular.ttf
	fontRegular []byte
	//go:embed fonts/DossierSans-Bold.ttf
	fontBold []byte

	fontRegularRes = fyne.NewStaticResource("DossierSans-Regular.ttf", fontRegular)
	fontBoldRes    = fyne.NewStaticResource("DossierSans-Bold.ttf", fontBold)
)

// Font is part of fyne.Theme: the merged font for upright text, Fyne's
// own for italic, monospace and symbols (no resident's name is drawn in
// those).
func (t *appTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Italic || s.Monospace || s.Symbol {
		return theme.DefaultTheme().Font(s)
	}
	if s.Bold {
		return fontBoldRes
	}
	return fontRegularRes
}

// Icon is part of fyne.Theme.
func (t *appTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

// Size is part of fyne.Theme.
func (t *appTheme) Size(n fyne.ThemeSizeName) float32 { return theme.DefaultTheme().Size(n) }

// themeChoice is the saved choice, "system" when none.
func (g *gui) themeChoice() string {
	c := g.app.Preferences().StringWithFallback(themeKey, "system")
	for _, tc := range themeChoices {
		if tc.key == c {
			return c
		}
	}
	return "system"
}

// applyTheme sets the saved theme on the app.
func (g *gui) applyTheme() { g.app.Settings().SetTheme(newAppTheme(g.themeChoice())) }

// setTheme saves a theme choice and applies it at once.
func (g *gui) setTheme(choice string) {
	g.app.Preferences().SetString(themeKey, choice)
	g.applyTheme()
}
