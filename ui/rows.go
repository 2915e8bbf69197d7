package ui

import (
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/casefile"
	"dossier/internal/numfmt"
)

// rowPage is how many rows the Rows tab fetches at a time. A 100k-row
// case is served a page at a time as the table asks for cells, so only the
// pages near what is on screen are ever held.
const rowPage = 500

// rowPagesKept bounds the page cache; past it the cache starts again.
const rowPagesKept = 16

// rowColumns are the rows table's columns: heading, width, value.
// fits is a value each column shows whole: a 100,000-row line number, a
// 12-digit UPRN (see rowColumnWidth).
var rowColumns = []column[casefile.Row]{
	{"Row", 60, "000000", func(r casefile.Row) string { return strconv.FormatInt(r.ID, 10) }},
	{"Exhibit", 70, "LW/000", func(r casefile.Row) string { return r.Exhibit }},
	{"Line", 55, "000000", func(r casefile.Row) string { return strconv.Itoa(r.SourceLine) }},
	{"UPRN", 100, "000000000000 ", func(r casefile.Row) string { return r.UPRN }},
	{"Address", 220, "", func(r casefile.Row) string { return r.Address }},
	{"Estate", 110, "", func(r casefile.Row) string { return r.Estate }},
	{"Neighbourhood", 110, "", func(r casefile.Row) string { return r.Neighbourhood }},
	{"Name", 150, "", func(r casefile.Row) string { return r.Name }},
	{"Phone", 120, "07700 900000", func(r casefile.Row) string { return r.Phone }},
	{"Phone (international form)", 125, "+447700900000", func(r casefile.Row) string {
		if r.NoPhone() {
			return "⚠ no phone"
		}
		return r.PhoneE164
	}},
}

// rowsTab shows the rows transcribed from data sheets, a page at a time,
// and imports more.
type rowsTab struct {
	cw       *caseWindow
	query    casefile.RowQuery // Search and NoPhone; Offset and Limit set per page
	count    int
	pages    map[int][]casefile.Row
	fetches  int           // pages read from the case, for tests
	debounce time.Duration // wait after typing before filtering
	timer    *time.Timer

	table     *widget.Table
	body      *fyne.Container
	tableView *fyne.Container // the table with its wheel scroller
	emptyNote fyne.CanvasObject
	search    *widget.Entry
	noPhone   *widget.Check
	total     *widget.Label
	wizard    *importWizard // the open import wizard, for tests
}

func newRowsTab(cw *caseWindow) *rowsTab {
	return &rowsTab{cw: cw, pages: map[int][]casefile.Row{}, debounce: 300 * time.Millisecond}
}

func (t *rowsTab) buildUI() fyne.CanvasObject {
	t.table = newColumnTable(rowColumns, rowColumnWidth, func() int { return t.count },
		func(row, col int) (string, widget.Importance) {
			imp := widget.MediumImportance
			if col == len(rowColumns)-1 {
				if r, ok := t.row(row); ok && r.NoPhone() {
					imp = widget.WarningImportance
				}
			}
			return t.cell(row, col), imp
		})

	t.search = widget.NewEntry()
	t.search.SetPlaceHolder("Search name, address, phone, UPRN…")
	t.search.OnChanged = func(string) { t.onSearchChanged() }
	t.search.OnSubmitted = func(string) { t.applyFilter() }
	t.noPhone = widget.NewCheck("No phone only", func(bool) { t.applyFilter() })
	t.total = widget.NewLabel("")
	imp := widget.NewButtonWithIcon("Import sheet…", theme.UploadIcon(), t.onImport)
	imp.Importance = widget.HighImportance
	top := container.NewBorder(nil, nil, imp, container.NewHBox(t.noPhone, t.total), t.search)
	// The wheel scroller over the table moves it three rows a notch.
	t.tableView = container.NewStack(t.table, newWheelScroller(t.table))
	t.body = container.NewStack(t.tableView)
	t.emptyNote = note("No rows yet.\n\nA data sheet's rows (UPRN, address, name, phone) are what messages are linked to. " +
		"Add the sheet as an exhibit (drag it onto this window), then press Import sheet… above.")
	t.showEmpty()
	return container.NewBorder(top, nil, nil, nil, t.body)
}

// showEmpty shows what to do instead of an empty table in a case with
// no rows at all.
func (t *rowsTab) showEmpty() {
	if t.body == nil {
		return
	}
	obj := fyne.CanvasObject(t.tableView)
	if t.count == 0 && t.query.Search == "" && !t.query.NoPhone {
		obj = t.emptyNote
	}
	if len(t.body.Objects) != 1 || t.body.Objects[0] != obj {
		t.body.Objects = []fyne.CanvasObject{obj}
		t.body.Refresh()
	}
}

// row returns row i of the current query, reading its page if needed.
func (t *rowsTab) row(i int) (casefile.Row, bool) {
	if i < 0 || i >= t.count {
		return casefile.Row{}, false
	}
	p := i / rowPage
	rows, ok := t.pages[p]
	if !ok {
		q := t.query
		q.Offset, q.Limit = p*rowPage, rowPage
		var err error
		rows, err = t.cw.c.Rows(t.cw.ctx, q)
		if err != nil {
			return casefile.Row{}, false // the next reload shows the error
		}
		t.fetches++
		if len(t.pages) >= rowPagesKept {
			t.pages = map[int][]casefile.Row{}
		}
		t.pages[p] = rows
	}
	if k := i - p*rowPage; k < len(rows) {
		return rows[k], true
	}
	return casefile.Row{}, false
}

func (t *rowsTab) cell(row, col int) string {
	r, ok := t.row(row)
	if !ok || col < 0 || col >= len(rowColumns) {
		return ""
	}
	return rowColumns[col].value(r)
}

// onSearchChanged filters once typing pauses, so a 100k-row case is not
// searched on every key.
func (t *rowsTab) onSearchChanged() {
	if t.timer != nil {
		t.timer.Stop()
	}
	if t.debounce <= 0 {
		t.applyFilter()
		return
	}
	t.timer = time.AfterFunc(t.debounce, func() { t.cw.do(t.applyFilter) })
}

// applyFilter takes the search text and check into the query and reloads.
func (t *rowsTab) applyFilter() {
	t.query.Search = t.search.Text
	t.query.NoPhone = t.noPhone.Checked
	t.reload()
	t.table.ScrollToTop()
}

// reload drops the cached pages and recounts.
func (t *rowsTab) reload() {
	t.pages = map[int][]casefile.Row{}
	n, err := t.cw.c.CountRows(t.cw.ctx, t.query)
	if err != nil {
		showError(t.cw.win, err)
		return
	}
	t.count = n
	if t.total != nil {
		all := n
		if t.query.Search != "" || t.query.NoPhone {
			all, _ = t.cw.c.CountRows(t.cw.ctx, casefile.RowQuery{})
			t.total.SetText(numfmt.Thousands(n) + " of " + numfmt.Thousands(all) + " rows")
		} else {
			t.total.SetText(count(n, "row", "rows"))
		}
	}
	if t.table != nil {
		t.table.Refresh()
	}
	t.showEmpty()
}

// rowColumnWidth is column i's width: its default, widened so that its
// bold title and its widest expected value are not cut off at this
// theme's text size.
func rowColumnWidth(i int) float32 {
	c := rowColumns[i]
	return fitWidth(c.title, c.fits, c.width)
}
