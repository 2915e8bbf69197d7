package typeset

import (
	"strings"
	"unicode"
)

// breakAfter reports whether a line may end after u: a space, a hyphen or
// a slash (so long URLs and paths break where a reader expects).
func breakAfter(u unit) bool {
	return !u.ph && (u.r == ' ' || u.r == '-' || u.r == '/' || u.r == 0x2010 || u.r == 0x2013 || u.r == 0x2014)
}

// attached reports whether u must stay on the line of the unit before it
// (a combining mark or a zero-width sign).
func attached(u unit) bool {
	return !u.ph && (unicode.Is(unicode.M, u.r) || u.w == 0)
}

// trimSpace drops the spaces a wrapped line ends with.
func trimSpace(us []unit) []unit {
	for len(us) > 0 && !us[len(us)-1].ph && us[len(us)-1].r == ' ' {
		us = us[:len(us)-1]
	}
	return us
}

// wrap breaks one line of units into lines no wider than limit
// (thousandths of the font size) where it can: at break opportunities
// first, and a segment wider than the whole line between characters,
// never before a mark. Every line holds at least one unit, so it always
// ends, whatever limit is. No units give one empty line. The lines are
// appended to lines.
func wrap(lines [][]unit, us []unit, limit float64) [][]unit {
	if len(us) == 0 {
		return append(lines, nil)
	}
	// A line is always a run of us, us[start:end]: slicing it costs no
	// copy, which mattered for the 700,000 cells of a large sheet.
	first := len(lines)
	start, end := 0, 0
	lw := 0.0
	for i := 0; i < len(us); {
		j := i
		for j < len(us) && !breakAfter(us[j]) {
			j++
		}
		if j < len(us) {
			j++ // the break character ends the segment
		}
		seg := us[i:j]
		if lw+width(trimSpace(seg)) <= limit {
			if end == start {
				start = i
			}
			end = j
			lw += width(seg)
			i = j
			continue
		}
		if len(trimSpace(us[start:end])) > 0 {
			lines = append(lines, trimSpace(us[start:end]))
			start, end, lw = 0, 0, 0
			continue // the segment starts the next line
		}
		// The segment alone is wider than a line: break it.
		k, w := i, 0.0
		for k < j {
			if k > i && w+us[k].w > limit && !attached(us[k]) {
				break
			}
			w += us[k].w
			k++
		}
		lines = append(lines, us[i:k])
		start, end, lw = 0, 0, 0
		i = k
	}
	if len(trimSpace(us[start:end])) > 0 || len(lines) == first {
		lines = append(lines, trimSpace(us[start:end]))
	}
	return lines
}

// Wrapped is a text wrapped to a cell's width by Wrap, to be drawn line
// by line with DrawLine.
type Wrapped struct {
	lines [][]unit // laid out; nil for a line that is laid out again when drawn
	text  []string // each line's text
}

// Len is the number of lines.
func (t Wrapped) Len() int { return len(t.text) }

// Line is the text of line i.
func (t Wrapped) Line(i int) string { return t.text[i] }

// Wrap wraps txt to cells of width w as SplitLines does, and keeps each
// line as laid out, so that DrawLine draws it without measuring it
// again: a table of 100,000 rows has 700,000 cells, each measured and
// then drawn. A line of Arabic or Bengali, or one with a placeholder, is
// laid out again from its text when drawn, as CellFormat would: its
// letters' forms and order depend on the line they end up on.
func (p *PDF) Wrap(txt string, w float64) Wrapped {
	var t Wrapped
	p.WrapTo(&t, txt, w)
	return t
}

// WrapTo is Wrap into t, whose memory it uses again: a table wraps each
// column's cells into the same Wrapped, row after row.
func (p *PDF) WrapTo(t *Wrapped, txt string, w float64) {
	p.wrapText(t, txt, (w-2*p.GetCellMargin())/p.scale())
}

// wrapText wraps txt into t to limit (thousandths of the font size), as
// Lines describes, keeping the plain lines laid out.
func (p *PDF) wrapText(t *Wrapped, txt string, limit float64) {
	t.lines, t.text = t.lines[:0], t.text[:0]
	if strings.ContainsRune(txt, '\r') {
		txt = strings.ReplaceAll(strings.ReplaceAll(txt, "\r\n", "\n"), "\r", "\n")
	}
	txt = strings.TrimRight(txt, "\n")
	if txt == "" {
		return
	}
	for para := range strings.SplitSeq(txt, "\n") {
		us := p.units(para)
		keep := plain(us)
		// A line of printable ASCII is a slice of its paragraph, unit for
		// byte; wrap's lines are slices of us, so where one starts is
		// told by its capacity.
		ascii := printableASCII(para)
		first := len(t.lines)
		t.lines = wrap(t.lines, us, limit)
		for k, l := range t.lines[first:] {
			if ascii {
				start := cap(us) - cap(l)
				t.text = append(t.text, para[start:start+len(l)])
			} else {
				var b strings.Builder
				for _, u := range l {
					b.WriteString(u.src)
				}
				t.text = append(t.text, b.String())
			}
			if !keep {
				t.lines[first+k] = nil
			}
		}
	}
}

// DrawLine draws line i of t as CellFormat(w, h, t.Line(i), "", 0, "L",
// false, 0, "") would, in the font t was wrapped in.
func (p *PDF) DrawLine(w, h float64, t Wrapped, i int) {
	if t.lines[i] == nil {
		p.CellFormat(w, h, t.text[i], "", 0, "L", false, 0, "")
		return
	}
	if p.Err() {
		return
	}
	p.PageBreakFor(h)
	x0, y0 := p.GetX(), p.GetY()
	if us := t.lines[i]; len(us) > 0 {
		p.draw(x0+p.GetCellMargin(), h, us, t.text[i]) // plain: never right-to-left
	}
	p.SetXY(x0+w, y0)
}
