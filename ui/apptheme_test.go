package ui

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// contrast is the WCAG contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	lum := func(c color.Color) float64 {
		r, g, bl, _ := c.RGBA()
		ch := func(v uint32) float64 {
			s := float64(v) / 0xffff
			if s <= 0.03928 {
				return s / 12.92
			}
			return math.Pow((s+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(bl)
	}
	la, lb := lum(a), lum(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

// Every status colour passes WCAG AA (4.5:1) as text on the background,
// and the text on a button or band of that colour passes on it, in the
// light and the dark variant; so do the Overview's deadline banners.
func TestStatusColoursContrast(t *testing.T) {
	on := map[fyne.ThemeColorName]fyne.ThemeColorName{
		theme.ColorNamePrimary: theme.ColorNameForegroundOnPrimary,
		theme.ColorNameSuccess: theme.ColorNameForegroundOnSuccess,
		theme.ColorNameWarning: theme.ColorNameForegroundOnWarning,
		theme.ColorNameError:   theme.ColorNameForegroundOnError,
	}
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		th := newAppTheme("system")
		bg := th.Color(theme.ColorNameBackground, v)
		for _, name := range []fyne.ThemeColorName{theme.ColorNameForeground, theme.ColorNamePlaceHolder, theme.ColorNamePrimary,
			theme.ColorNameSuccess, theme.ColorNameWarning, theme.ColorNameError} {
			if r := contrast(th.Color(name, v), bg); r < 4.5 {
				t.Errorf("variant %d: %s text on the background %.2f:1", v, name, r)
			}
			if fg, ok := on[name]; ok {
				if r := contrast(th.Color(fg, v), th.Color(name, v)); r < 4.5 {
					t.Errorf("variant %d: %s on %s %.2f:1", v, fg, name, r)
				}
			}
		}
	}
	for _, c := range []color.Color{bannerRed, bannerAmber} {
		if r := contrast(color.White, c); r < 4.5 {
			t.Errorf("banner %v: white text %.2f:1", c, r)
		}
	}
}

// The theme choice forces the variant; System follows the computer.
func TestThemeChoice(t *testing.T) {
	g := newTestGUI(t)
	g.setTheme("dark")
	dark := g.app.Settings().Theme().Color(theme.ColorNameBackground, theme.VariantLight)
	if dark != theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark) {
		t.Errorf("dark choice gives background %v", dark)
	}
	g.setTheme("light")
	if got := g.app.Settings().Theme().Color(theme.ColorNameBackground, theme.VariantDark); got != theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantLight) {
		t.Errorf("light choice gives background %v", got)
	}
	if g.themeChoice() != "light" {
		t.Errorf("choice not remembered: %q", g.themeChoice())
	}
}
