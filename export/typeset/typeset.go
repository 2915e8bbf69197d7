// Package typeset lays out any Unicode text in a gofpdf document without
// failing: every character is drawn from a font that has it, or shown as
// a visible placeholder such as [U+1F600] and recorded.
//
// PDF embeds *gofpdf.Fpdf and replaces its text methods (SetFont,
// CellFormat, Cell, MultiCell, GetStringWidth, SplitLines, SplitText,
// Bookmark) with versions that
//
//   - choose a font per character: DejaVu Sans (bold, mono) first, Noto
//     Sans Bengali for Bengali and Noto Sans Arabic for Arabic script,
//     loaded only when a document uses them;
//   - draw anything no font has (emoji, other scripts, control characters,
//     private-use code points) as its code point in brackets;
//   - give Arabic letters their joined forms and draw right-to-left text
//     from the right (see arabic.go, bidi.go), and put Bengali vowel signs
//     where they are read (bengali.go);
//   - break lines at spaces, and a word wider than the line between its
//     characters;
//   - keep the text as written in the PDF's text layer (an ActualText span
//     around any line drawn differently), so copying, searching and leak
//     checks see what the case holds.
//
// gofpdf does no shaping. What that costs: Arabic is joined with Unicode's
// presentation forms, which read correctly but lack a real shaper's
// ligatures and mark placement; Bengali conjuncts are not formed (a
// cluster shows a visible hasant) and marks are not repositioned.
package typeset

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/jung-kurt/gofpdf"

	"dossier/assets"
)

// The fonts a document may use, by index.
const (
	fSans = iota
	fSansBold
	fMono
	fBengali
	fBengaliBold
	fArabic
	fArabicBold
)

var fonts = []struct {
	family, style string
	data          *[]byte
}{
	fSans:        {"dejavu", "", &assets.FontRegular},
	fSansBold:    {"dejavu", "B", &assets.FontBold},
	fMono:        {"mono", "", &assets.FontMono},
	fBengali:     {"notobengali", "", &assets.FontBengali},
	fBengaliBold: {"notobengali", "B", &assets.FontBengaliBold},
	fArabic:      {"notoarabic", "", &assets.FontArabic},
	fArabicBold:  {"notoarabic", "B", &assets.FontArabicBold},
}

// PDF is a gofpdf document whose text methods accept any string. Use the
// families "dejavu" (styles "" and "B") and "mono"; any other family is
// set as "dejavu".
type PDF struct {
	*gofpdf.Fpdf
	base    int  // font chosen by SetFont
	fontSet bool // SetFont was called
	loaded  [7]bool
	widths  [7][]int // each loaded font's widths (gofpdf GlyphWidths)
	recent  [16]laidOut
	next    int // the slot of recent to fill next
	missing map[rune]bool
}

// New wraps f. Fonts are added to f when first set or needed.
func New(f *gofpdf.Fpdf) *PDF {
	return &PDF{Fpdf: f, missing: map[rune]bool{}}
}

// Missing lists the characters shown as placeholders so far, in order.
func (p *PDF) Missing() []rune {
	out := make([]rune, 0, len(p.missing))
	for r := range p.missing {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// MissingNote describes Missing for a reader, or "" when nothing was
// replaced: "2 characters that no font in this document can draw are
// shown by their code point: [U+1F44D], [U+1F600].".
func (p *PDF) MissingNote() string {
	m := p.Missing()
	if len(m) == 0 {
		return ""
	}
	var parts []string
	for i, r := range m {
		if i == 20 {
			parts = append(parts, fmt.Sprintf("and %d more", len(m)-20))
			break
		}
		parts = append(parts, Placeholder(r))
	}
	noun, verb := "characters", "are"
	if len(m) == 1 {
		noun, verb = "character", "is"
	}
	return fmt.Sprintf("%d %s that no font in this document can draw %s shown by %s code point: %s.",
		len(m), noun, verb, map[bool]string{true: "its", false: "their"}[len(m) == 1], strings.Join(parts, ", "))
}

// load adds font i to the document once. gofpdf writes into the bytes it
// is given while subsetting, so each document gets its own copy.
func (p *PDF) load(i int) {
	if !p.loaded[i] {
		p.loaded[i] = true
		p.Fpdf.AddUTF8FontFromBytes(fonts[i].family, fonts[i].style, bytes.Clone(*fonts[i].data))
	}
}

// SetFont selects the family ("dejavu" or "mono"), style ("" or "B")
// and size in points (0 keeps the size).
func (p *PDF) SetFont(family, style string, size float64) {
	bold := strings.Contains(strings.ToUpper(style), "B")
	switch {
	case strings.EqualFold(family, "mono"):
		p.base = fMono
	case bold:
		p.base = fSansBold
	default:
		p.base = fSans
	}
	p.load(p.base)
	p.fontSet = true
	p.Fpdf.SetFont(fonts[p.base].family, fonts[p.base].style, size)
}

// SetFontSize changes the size of the current font, in points.
func (p *PDF) SetFontSize(size float64) {
	p.Fpdf.SetFont(fonts[p.base].family, fonts[p.base].style, size)
}

// candidates are the fonts to try for r, best first, in buf's memory (a
// slice made for every character of a bundle was a tenth of its layout).
func (p *PDF) candidates(r rune, buf *[3]int) []int {
	bold := p.base == fSansBold
	c := buf[:0]
	switch {
	case (r >= 0x0980 && r <= 0x09FF) || r == 0x0964 || r == 0x0965:
		c = append(c, pick(bold, fBengaliBold, fBengali))
	case (r >= 0x0600 && r <= 0x06FF) || (r >= 0x0750 && r <= 0x077F) || (r >= 0x08A0 && r <= 0x08FF) ||
		(r >= 0xFB50 && r <= 0xFDFF) || (r >= 0xFE70 && r <= 0xFEFF):
		c = append(c, pick(bold, fArabicBold, fArabic))
	}
	c = append(c, p.base)
	if p.base != fSans {
		c = append(c, fSans)
	}
	return c
}

func pick(cond bool, a, b int) int {
	if cond {
		return a
	}
	return b
}

// glyph is r's width in font, as gofpdf's GlyphWidth gives it, from the
// font's width table: every character of a bundle is measured, and a
// lookup by family and style cost more than the rest of laying it out.
func (p *PDF) glyph(font int, r rune) (float64, bool) {
	cw := p.widths[font]
	if cw == nil {
		p.load(font)
		cw = p.Fpdf.GlyphWidths(fonts[font].family, fonts[font].style)
		p.widths[font] = cw
	}
	// Characters outside the Basic Multilingual Plane, and surrogates,
	// cannot be addressed by gofpdf's 2-byte codes.
	if r < 0 || r > 0xFFFF || (r >= 0xD800 && r <= 0xDFFF) || int(r) >= len(cw) || cw[r] == 0 {
		return 0, false
	}
	if cw[r] == 65535 {
		return 0, true
	}
	return float64(cw[r]), true
}

// laidOut is a string's units for a base font, kept by units: a table
// measures each cell (Lines) and then draws the same text (CellFormat).
type laidOut struct {
	s    string
	base int
	us   []unit
}

// units are s's characters as drawn, in reading order, each with its
// font and width. Callers must not change the slice: the last few are
// kept and handed out again.
func (p *PDF) units(s string) []unit {
	for _, r := range p.recent {
		if r.us != nil && r.base == p.base && r.s == s {
			return r.us
		}
	}
	ascii := printableASCII(s)
	var us []unit
	if ascii {
		us = p.layOutASCII(s)
	} else {
		us = p.layOut(s)
	}
	// Right-to-left and Bengali lines are reordered in place when drawn,
	// so only others are kept.
	if len(us) > 0 && (ascii || !hasRTL(us) && !hasBengali(us)) {
		p.recent[p.next] = laidOut{s, p.base, us}
		p.next = (p.next + 1) % len(p.recent)
	}
	return us
}

// plain reports whether us is drawn exactly as written, in reading
// order: no placeholder, no right-to-left or Bengali character, every
// unit the character it stands for.
func plain(us []unit) bool {
	for _, u := range us {
		if u.ph || u.r >= 0x0590 {
			return false
		}
		if r, n := utf8.DecodeRuneInString(u.src); r != u.r || n != len(u.src) {
			return false
		}
	}
	return true
}

func hasBengali(us []unit) bool {
	for _, u := range us {
		if u.r >= 0x0980 && u.r <= 0x09FF {
			return true
		}
	}
	return false
}

func (p *PDF) layOut(s string) []unit {
	// Each unit's text is a slice of one string: a string made for every
	// character was a third of a large sheet's layout.
	s = string(clean(s))
	us := make([]unit, 0, len(s))
	for i, r := range s {
		us = append(us, unit{r: r, src: s[i : i+utf8.RuneLen(r)]})
	}
	us = shapeArabic(us)
	for i := range us {
		p.place(&us[i])
	}
	return us
}

// layOutASCII is layOut for printable ASCII (most cells of a sheet),
// which clean and shapeArabic leave as it is: a unit a byte, in the base
// font where it has the character (place's first choice).
func (p *PDF) layOutASCII(s string) []unit {
	us := make([]unit, len(s))
	for i := range len(s) {
		u := &us[i]
		u.src, u.r = s[i:i+1], rune(s[i])
		if w, ok := p.glyph(p.base, u.r); ok {
			u.font, u.w = int8(p.base), w
		} else {
			p.place(u)
		}
	}
	return us
}

// place chooses u's font, or makes it a placeholder.
func (p *PDF) place(u *unit) {
	try := func(r rune) bool {
		if !drawable(r) {
			return false
		}
		var buf [3]int
		for _, f := range p.candidates(r, &buf) {
			if w, ok := p.glyph(f, r); ok {
				u.r, u.font, u.w = r, int8(f), w
				return true
			}
		}
		return false
	}
	if try(u.r) {
		return
	}
	src := []rune(u.src)
	if len(src) == 1 && src[0] != u.r && try(src[0]) { // a joined form the fonts lack
		return
	}
	for _, r := range src {
		p.missing[r] = true
	}
	u.ph, u.font, u.w = true, int8(p.base), 0
	for _, r := range placeholders(u.src) {
		w, _ := p.glyph(p.base, r)
		u.w += w
	}
}

// scale converts thousandths of the font size to user units.
func (p *PDF) scale() float64 {
	_, size := p.Fpdf.GetFontSize()
	return size / 1000
}

func width(us []unit) float64 {
	w := 0.0
	for _, u := range us {
		w += u.w
	}
	return w
}

// GetStringWidth is the width of s in user units in the current font.
func (p *PDF) GetStringWidth(s string) float64 {
	return width(p.units(s)) * p.scale()
}

// Lines wraps text to width w (user units, no cell margins): one line per
// line of text, long lines broken at spaces, hyphens and slashes, and a
// word wider than w between characters. Trailing line breaks are dropped;
// "" gives no lines.
func (p *PDF) Lines(text string, w float64) []string {
	var t Wrapped
	p.wrapText(&t, text, w/p.scale())
	return t.text
}

// SplitText wraps txt to cells of width w, as gofpdf's SplitText does.
func (p *PDF) SplitText(txt string, w float64) []string {
	return p.Lines(txt, w-2*p.GetCellMargin())
}

// SplitLines wraps txt to cells of width w, as gofpdf's SplitLines does.
func (p *PDF) SplitLines(txt []byte, w float64) [][]byte {
	var out [][]byte
	for _, l := range p.SplitText(string(txt), w) {
		out = append(out, []byte(l))
	}
	return out
}

// Cell draws one line of text in a cell of width w, as CellFormat does.
func (p *PDF) Cell(w, h float64, txt string) {
	p.CellFormat(w, h, txt, "", 0, "L", false, 0, "")
}

// CellFormat draws txt as one line (line breaks become spaces) in a cell
// of width w (0: to the right margin) and height h, as gofpdf's
// CellFormat does: border, fill, alignment ("L", "C", "R"; "L" is the
// start of the line, so a right-to-left line aligns right), ln (0 right,
// 1 next line, 2 below) and links. Text wider than the cell overflows it,
// as in gofpdf; wrap with Lines or MultiCell first.
func (p *PDF) CellFormat(w, h float64, txt, border string, ln int, align string, fill bool, link int, linkStr string) {
	if p.Err() {
		return
	}
	if w == 0 {
		pw, _ := p.GetPageSize()
		_, _, right, _ := p.GetMargins()
		w = pw - right - p.GetX()
	}
	p.PageBreakFor(h)
	x0, y0 := p.GetX(), p.GetY()
	if border != "" || fill {
		p.Fpdf.CellFormat(w, h, "", border, 0, "", fill, 0, "")
		p.SetXY(x0, y0)
	}
	us := p.units(txt)
	if len(us) > 0 {
		scale := p.scale()
		tw := width(us) * scale
		cm := p.GetCellMargin()
		dx := cm
		switch {
		case strings.Contains(align, "R") || (!strings.Contains(align, "C") && isRTL(us)):
			dx = w - cm - tw
		case strings.Contains(align, "C"):
			dx = (w - tw) / 2
		}
		p.draw(x0+dx, h, us, "")
		if link > 0 {
			p.Link(x0+dx, y0, tw, h, link)
		} else if linkStr != "" {
			p.LinkString(x0+dx, y0, tw, h, linkStr)
		}
	}
	switch ln {
	case 1:
		left, _, _, _ := p.GetMargins()
		p.SetXY(left, y0+h)
	case 2:
		p.SetXY(x0, y0+h)
	default:
		p.SetXY(x0+w, y0)
	}
}

// draw sets a line's units from x at the current y: one cell per run of
// one font, wrapped in an ActualText span holding the text as written
// when what is drawn differs from it. text is the units' text when the
// caller knows them plain (see DrawLine), else "".
func (p *PDF) draw(x, h float64, us []unit, text string) {
	vis, actual := us, false
	// A line with no placeholder, nothing right-to-left and no Bengali is
	// drawn in reading order as written (most lines): no span to compare.
	isPlain := text != "" || plain(us)
	if !isPlain {
		var src, drawn strings.Builder
		for _, u := range us {
			src.WriteString(u.src)
		}
		vis = visual(reorderBengali(us))
		for _, u := range vis {
			drawn.WriteString(u.text())
		}
		// Readers order right-to-left text themselves from where its
		// glyphs are drawn (poppler reverses an ActualText span that holds
		// it in reading order), so lines that hold any are left to them;
		// their text layer has Arabic in presentation forms, which NFKC
		// folds back to letters.
		actual = src.String() != drawn.String() && !hasRTL(us)
		if actual {
			p.RawWriteStr("/Span <</ActualText " + pdfTextString(src.String()) + ">> BDC")
		}
	}
	cm := p.GetCellMargin()
	p.SetCellMargin(0)
	p.SetX(x)
	ptSize, _ := p.Fpdf.GetFontSize()
	scale := p.scale()
	cur := p.base
	for i := 0; i < len(vis); {
		j := i
		for j < len(vis) && vis[j].font == vis[i].font {
			j++
		}
		f := int(vis[i].font)
		if f != cur {
			p.Fpdf.SetFont(fonts[f].family, fonts[f].style, ptSize)
			cur = f
		}
		p.Fpdf.CellFormat(width(vis[i:j])*scale, h, runText(vis[i:j], isPlain, text, i == 0 && j == len(vis)), "", 0, "L", false, 0, "")
		i = j
	}
	if cur != p.base {
		p.Fpdf.SetFont(fonts[p.base].family, fonts[p.base].style, ptSize)
	}
	p.SetCellMargin(cm)
	if actual {
		p.RawWriteStr("EMC")
	}
}

// runText is the text drawn for a run of units of one font: the line's
// text when the run is the whole of a plain line whose text is known, as
// the units' own text (plain: each unit is the character it stands for)
// or as the characters and placeholders drawn.
func runText(run []unit, plain bool, text string, whole bool) string {
	if plain && whole && text != "" {
		return text
	}
	var b strings.Builder
	for _, u := range run {
		if plain {
			b.WriteString(u.src)
		} else {
			b.WriteString(u.text())
		}
	}
	return b.String()
}

// pdfTextString is s as a PDF hex text string, UTF-16BE with a byte-order
// mark, which needs no escaping.
func pdfTextString(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// MultiCell wraps txt into lines of width w (0: to the right margin) and
// draws them one below the other from the current x, as gofpdf's
// MultiCell does; "J" (justify) is set as "L". Afterwards x is the left
// margin, below the last line.
func (p *PDF) MultiCell(w, h float64, txt, border, align string, fill bool) {
	if p.Err() {
		return
	}
	x0 := p.GetX()
	if w == 0 {
		pw, _ := p.GetPageSize()
		_, _, right, _ := p.GetMargins()
		w = pw - right - x0
	}
	align = strings.ReplaceAll(align, "J", "L")
	lines := p.SplitText(txt, w)
	if len(lines) == 0 {
		lines = []string{""}
	}
	for _, l := range lines {
		p.SetX(x0)
		p.CellFormat(w, h, l, border, 2, align, fill, 0, "")
	}
	left, _, _, _ := p.GetMargins()
	p.SetX(left)
}

// Bookmark adds an outline entry. Outline titles are shown by the
// reader's own fonts, so every character is kept; invisible and control
// characters are dropped.
func (p *PDF) Bookmark(txt string, level int, y float64) {
	rs := clean(txt)
	out := rs[:0]
	for _, r := range rs {
		if drawable(r) {
			out = append(out, r)
		}
	}
	if !p.fontSet {
		// gofpdf encodes a title as UTF-16 only while a UTF-8 font is set.
		p.SetFont("dejavu", "", 0)
	}
	p.Fpdf.Bookmark(string(out), level, y)
}

// Fit shortens s with an ellipsis, at a character, so it fits width w in
// the current font; s is returned whole when it fits.
func (p *PDF) Fit(s string, w float64) string {
	us := p.units(s)
	scale := p.scale()
	if width(us)*scale <= w {
		return s
	}
	limit := w/scale - width(p.units("…"))
	k, sum := 0, 0.0
	for k < len(us) && (sum+us[k].w <= limit || attached(us[k])) {
		sum += us[k].w
		k++
	}
	var b strings.Builder
	for _, u := range us[:max(k, 1)] {
		b.WriteString(u.src)
	}
	return b.String() + "…"
}
