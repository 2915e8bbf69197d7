package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// column is one column of a list screen's table of records of type T.
type column[T any] struct {
	title string
	width float32
	fits  string // a value the column must show whole, for fitWidth; "" for none
	value func(T) string
}

// newColumnTable makes the read-only table the list screens share: a
// label per cell that ends in an ellipsis when cut, a header row of bold
// column titles and no header column. width gives column i's width (nil:
// the column's own); rows counts the rows; cell gives one cell's text and
// importance.
func newColumnTable[T any](cols []column[T], width func(i int) float32, rows func() int,
	cell func(row, col int) (string, widget.Importance)) *widget.Table {
	t := widget.NewTableWithHeaders(
		func() (int, int) { return rows(), len(cols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			// A table refreshes every cell it shows when it is refreshed,
			// selected or scrolled, and a label shapes its text again at
			// each SetText (a tenth of a second for a screenful): a cell
			// that shows what it showed is left alone.
			l := o.(*widget.Label)
			text, imp := cell(id.Row, id.Col)
			if text != l.Text || imp != l.Importance {
				l.Importance = imp
				l.SetText(text)
			}
		})
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText(cols[id.Col].title)
		}
	}
	for i, c := range cols {
		w := fitWidth(c.title, c.fits, c.width)
		if width != nil {
			w = width(i)
		}
		t.SetColumnWidth(i, w)
	}
	return t
}

// fitWidth is a column's width: at least def, and wide enough that its
// bold title and the value fits are not cut at this theme's text size.
func fitWidth(title, fits string, def float32) float32 {
	size, pad := theme.TextSize(), 2*theme.InnerPadding()
	t := fyne.MeasureText(title, size, fyne.TextStyle{Bold: true}).Width + pad
	v := fyne.MeasureText(fits, size, fyne.TextStyle{}).Width + pad
	return max(def, t, v)
}
