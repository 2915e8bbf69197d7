package ui

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/casefile"
	"dossier/casefile/sheet"
)

// previewRows is how many mapped rows the import wizard shows.
const previewRows = 20

// fieldChoices are what a column can be mapped to in the wizard.
var fieldChoices = []string{"uprn", "address", "estate", "neighbourhood", "name", "phone", "extra"}

// itselfChoice is the "transcribes exhibit" choice that adds the sheet file
// itself as a new exhibit.
const itselfChoice = "this file itself (add it as a new exhibit)"

// previewColumns are the wizard's preview table columns.
var previewColumns = []column[sheet.Row]{
	{"Line", 50, "00000", func(r sheet.Row) string { return strconv.Itoa(r.Line) }},
	{"UPRN", 90, "000000000000 ", func(r sheet.Row) string { return r.UPRN }},
	{"Address", 180, "", func(r sheet.Row) string { return r.Address }},
	{"Estate", 90, "", func(r sheet.Row) string { return r.Estate }},
	{"Neighbourhood", 100, "", func(r sheet.Row) string { return r.Neighbourhood }},
	{"Name", 130, "", func(r sheet.Row) string { return r.Name }},
	{"Phone", 110, "", func(r sheet.Row) string { return r.Phone }},
}

// importWizard previews a CSV or XLSX sheet, lets the person correct the
// column mapping and imports its rows.
type importWizard struct {
	t       *rowsTab
	path    string   // a sheet file on the disk, or ""
	fromRef string   // a sheet exhibit already in the case, or ""
	sources []string // exhibit refs behind the source select, then "" for a file
	preview *sheet.Result
	exRefs  []string // exhibit refs behind the transcribes select, after itselfChoice
	result  *casefile.ImportResult

	file     *widget.Label
	source   *widget.Select
	fileRow  *fyne.Container
	exRow    *fyne.Container
	chooseB  *widget.Button
	exLabel  *widget.Label
	exhibit  *widget.Select
	sheetSel *widget.Select
	mapBox   *fyne.Container
	maps     map[string]*widget.Select // header -> field select
	info     *widget.Label
	ragged   *widget.Label
	table    *widget.Table
	importB  *widget.Button
	dlg      dialog.Dialog
}

// onImport opens the import wizard.
func (t *rowsTab) onImport() { t.importFrom("") }

// importFrom opens the import wizard on sheet exhibit ref, or on the
// first sheet in the case whose rows are not imported ("" for that).
func (t *rowsTab) importFrom(ref string) {
	w := &importWizard{t: t, maps: map[string]*widget.Select{}}
	t.wizard = w
	w.dlg = dialog.NewCustom("Import rows from a data sheet", "Close", w.buildUI(), t.cw.win)
	size := t.cw.win.Canvas().Size()
	w.dlg.Resize(fyne.NewSize(min(1000, size.Width-40), min(700, size.Height-40)))
	w.dlg.Show()
	w.chooseSource(ref)
}

// sheetSources are the case's sheet exhibits whose rows are not imported.
func (w *importWizard) sheetSources() ([]string, []string) {
	cw := w.t.cw
	exs, err := cw.c.Exhibits(cw.ctx)
	if err != nil {
		return nil, nil
	}
	var refs, labels []string
	for _, e := range exs {
		if !isSheetExhibit(e) {
			continue
		}
		if n, err := cw.c.CountRows(cw.ctx, casefile.RowQuery{Exhibit: e.Ref, Limit: 1}); err != nil || n > 0 {
			continue
		}
		refs = append(refs, e.Ref)
		// The file's name only where the title says something else: the
		// choice must fit the left side of the wizard whole.
		label := e.Ref + " — " + e.Title
		if strings.TrimSuffix(e.Filename, filepath.Ext(e.Filename)) != e.Title {
			label += " (" + e.Filename + ")"
		}
		labels = append(labels, label)
	}
	return refs, labels
}

// isSheetExhibit reports whether an exhibit is a sheet whose rows can be
// imported: CSV, tab-separated or Excel.
func isSheetExhibit(e casefile.Exhibit) bool {
	return casefile.IsSheetFile(e.Filename) || (e.Kind == casefile.KindSheet && casefile.IsText(e.MediaType))
}

// fileSource is the source choice for a sheet file not yet in the case.
const fileSource = "a file on this computer…"

// chooseSource selects exhibit ref as the source (or the first sheet
// exhibit, or a file when the case has none).
func (w *importWizard) chooseSource(ref string) {
	i := 0
	for j, r := range w.sources {
		if r == ref {
			i = j
		}
	}
	w.source.SetSelectedIndex(i)
}

// onSource follows the source select.
func (w *importWizard) onSource() {
	i := w.source.SelectedIndex()
	if i < 0 {
		return
	}
	if ref := w.sources[i]; ref != "" {
		w.fromRef, w.path = ref, ""
		w.chooseB.Hide()
		w.exhibit.Hide()
		w.exLabel.Show()
		w.exLabel.SetText(ref + " itself")
		w.file.SetText("stored in the case")
		w.sheetSel.Selected = ""
		w.refresh(false)
		return
	}
	w.fromRef = ""
	w.chooseB.Show()
	w.exhibit.Show()
	w.exLabel.Hide()
	if w.path == "" {
		w.file.SetText("No file chosen")
	}
	if w.path == "" {
		w.preview = nil
		w.importB.Disable()
		w.mapBox.RemoveAll()
		w.info.SetText("Choose a CSV or XLSX file to preview it. Nothing is written until you press Import.")
		w.ragged.SetText("")
		w.table.Refresh()
	}
}

func (w *importWizard) buildUI() fyne.CanvasObject {
	cw := w.t.cw
	w.file = widget.NewLabel("No file chosen")
	w.file.Truncation = fyne.TextTruncateEllipsis
	choose := widget.NewButtonWithIcon("Choose file…", theme.FolderOpenIcon(), w.onChoose)

	opts := []string{itselfChoice}
	if exs, err := cw.c.Exhibits(cw.ctx); err == nil {
		for _, e := range exs {
			w.exRefs = append(w.exRefs, e.Ref)
			opts = append(opts, e.Ref+" — "+e.Title)
		}
	}
	w.exhibit = widget.NewSelect(opts, nil)
	w.exhibit.SetSelectedIndex(0)
	refs, labels := w.sheetSources()
	w.sources = append(refs, "")
	w.source = widget.NewSelect(append(labels, fileSource), func(string) { w.onSource() })
	w.sheetSel = widget.NewSelect(nil, func(string) { w.refresh(true) })
	w.sheetSel.Disable()

	w.mapBox = container.New(layout.NewFormLayout())
	w.info = widget.NewLabel("Choose a CSV or XLSX file to preview it. Nothing is written until you press Import.")
	w.info.Wrapping = fyne.TextWrapWord
	w.ragged = widget.NewLabel("")
	w.ragged.Wrapping = fyne.TextWrapWord
	w.table = newColumnTable(previewColumns, nil,
		func() int {
			if w.preview == nil {
				return 0
			}
			return min(len(w.preview.Rows), previewRows)
		},
		func(row, col int) (string, widget.Importance) { return w.cell(row, col), widget.MediumImportance })
	w.importB = widget.NewButtonWithIcon("Import", theme.ConfirmIcon(), w.onImport)
	w.importB.Importance = widget.HighImportance
	w.importB.Disable()

	w.chooseB = choose
	w.exLabel = widget.NewLabel("")
	w.exLabel.Hide()
	w.fileRow = container.NewBorder(nil, nil, nil, choose, w.file)
	w.exRow = container.NewStack(w.exhibit, w.exLabel)
	source := widget.NewFormItem("Rows of", w.source)
	source.HintText = "a sheet already in the case, or a file"
	transcribes := widget.NewFormItem("Transcribes exhibit", w.exRow)
	transcribes.HintText = "the exhibit these rows are typed from"
	form := widget.NewForm(
		source,
		widget.NewFormItem("File", w.fileRow),
		transcribes,
		widget.NewFormItem("Worksheet", w.sheetSel))
	mapping := container.NewVBox(widget.NewLabelWithStyle("Columns", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), w.mapBox)
	left := container.NewBorder(form, nil, nil, nil, container.NewVScroll(mapping))
	right := container.NewBorder(container.NewVBox(w.info, w.ragged), nil, nil, nil, w.table)
	split := container.NewHSplit(left, right)
	split.Offset = 0.45
	return container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), w.importB), nil, nil, split)
}

func (w *importWizard) cell(row, col int) string {
	if w.preview == nil || row < 0 || row >= len(w.preview.Rows) || col < 0 || col >= len(previewColumns) {
		return ""
	}
	return previewColumns[col].value(w.preview.Rows[row])
}

// onChoose picks the sheet file.
func (w *importWizard) onChoose() {
	cw := w.t.cw
	cw.g.pick.openFile("Choose a data sheet", cw.caseDir(), []string{".csv", ".tsv", ".txt", ".xlsx", ".xlsm"}, w.setFile)
}

// setFile previews path with the detected mapping.
func (w *importWizard) setFile(path string) {
	w.path, w.fromRef = path, ""
	if w.source.SelectedIndex() != len(w.sources)-1 {
		w.source.SetSelectedIndex(len(w.sources) - 1)
	}
	w.file.SetText(filepath.Base(path))
	w.sheetSel.Selected = "" // no callback: the new file picks its own sheet
	w.refresh(false)
}

// options are the import options the wizard's choices make.
func (w *importWizard) options(withMap bool) casefile.ImportOptions {
	var o casefile.ImportOptions
	if i := w.exhibit.SelectedIndex(); i > 0 {
		o.Exhibit = w.exRefs[i-1]
	}
	o.Sheet = w.sheetSel.Selected
	if withMap {
		o.Map = w.mapSpec()
	}
	return o
}

// mapSpec is the mapping editor's state as an ImportOptions.Map spec,
// "Contact No=phone,Notes=extra", one entry per named column.
func (w *importWizard) mapSpec() string {
	if w.preview == nil {
		return ""
	}
	var parts []string
	for _, h := range w.preview.Header {
		s := w.maps[h]
		if s == nil || s.Selected == "" || strings.TrimSpace(h) == "" || strings.ContainsAny(h, ",=") {
			continue
		}
		parts = append(parts, h+"="+s.Selected)
	}
	return strings.Join(parts, ",")
}

// refresh reads the preview again. keepMap keeps the person's mapping;
// otherwise the editor is rebuilt from what was detected.
func (w *importWizard) refresh(keepMap bool) {
	if w.path == "" && w.fromRef == "" {
		return
	}
	cw := w.t.cw
	opts := w.options(keepMap)
	path, ref := w.path, w.fromRef
	w.info.SetText("Reading the sheet…")
	cw.goBackground(func() {
		var res *sheet.Result
		var err error
		if ref != "" {
			res, err = cw.c.PreviewExhibitSheet(cw.ctx, ref, opts, previewRows)
		} else {
			res, err = casefile.PreviewSheet(path, opts, previewRows)
		}
		cw.do(func() {
			if err != nil {
				w.preview = nil
				w.importB.Disable()
				w.info.SetText("Cannot read this file: " + err.Error())
				w.ragged.SetText("")
				w.table.Refresh()
				return
			}
			w.show(res, keepMap)
		})
	})
}

// show puts a preview on screen.
func (w *importWizard) show(res *sheet.Result, keepMap bool) {
	w.preview = res
	if len(res.Sheets) > 0 {
		w.sheetSel.Options = res.Sheets
		w.sheetSel.Enable()
		if w.sheetSel.Selected != res.Sheet {
			w.sheetSel.Selected = res.Sheet // no callback: this is what was read
			w.sheetSel.Refresh()
		}
	} else {
		w.sheetSel.Options = nil
		w.sheetSel.Disable()
	}
	if !keepMap {
		w.mapBox.RemoveAll()
		w.maps = map[string]*widget.Select{}
		for _, h := range res.Header {
			s := widget.NewSelect(fieldChoices, func(string) { w.refresh(true) })
			f := res.Mapping[h]
			if f == "" {
				f = "extra"
			}
			s.Selected = f
			w.maps[h] = s
			name := h
			if strings.TrimSpace(name) == "" {
				name = "(no heading)"
			}
			w.mapBox.Add(widget.NewLabel(name))
			w.mapBox.Add(s)
		}
		w.mapBox.Refresh()
	}
	w.info.SetText(previewInfo(res))
	w.ragged.SetText(raggedText(res.Ragged))
	w.importB.Enable()
	w.table.Refresh()
}

// previewInfo says what was detected about a sheet.
func previewInfo(res *sheet.Result) string {
	parts := []string{"Format: " + strings.ToUpper(res.Format)}
	if res.Encoding != "" {
		parts = append(parts, "Encoding: "+res.Encoding)
	}
	if res.Delimiter != 0 {
		parts = append(parts, "Delimiter: "+delimiterName(res.Delimiter))
	}
	if res.Sheet != "" {
		parts = append(parts, "Sheet: "+res.Sheet)
	}
	parts = append(parts, fmt.Sprintf("Header on line %d", res.HeaderLine))
	return strings.Join(parts, "   ·   ")
}

func delimiterName(r rune) string {
	switch r {
	case ',':
		return "comma"
	case ';':
		return "semicolon"
	case '\t':
		return "tab"
	}
	return strconv.QuoteRune(r)
}

// raggedText lists the lines whose cell count differs from the header's.
func raggedText(rs []sheet.Ragged) string {
	if len(rs) == 0 {
		return "Every line has as many cells as the heading row."
	}
	var lines []string
	for _, r := range rs {
		lines = append(lines, fmt.Sprintf("%d (%d cells, header has %d)", r.Line, r.Got, r.Want))
	}
	return "Lines with more or fewer cells than the heading row (check them against the sheet): " + strings.Join(lines, ", ")
}

// onImport imports the sheet in the background behind a progress dialog,
// then says what was imported.
func (w *importWizard) onImport() {
	if w.path == "" && w.fromRef == "" {
		return
	}
	cw := w.t.cw
	opts := w.options(true)
	path, ref := w.path, w.fromRef
	name := ref
	if ref == "" {
		name = filepath.Base(path)
	}
	w.importB.Disable()
	bar := widget.NewProgressBarInfinite()
	prog := dialog.NewCustomWithoutButtons("Importing the rows of "+name+"…", bar, cw.win)
	prog.Show()
	ctx := cw.ctx
	cw.goBackground(func() {
		var res casefile.ImportResult
		var err error
		if ref != "" {
			res, err = cw.c.ImportExhibitRows(ctx, ref, opts)
		} else {
			res, err = cw.c.ImportRows(ctx, path, opts)
		}
		cw.do(func() {
			prog.Hide()
			bar.Stop()
			w.importB.Enable()
			if err != nil {
				showError(cw.win, fmt.Errorf("import %s: %w", name, err))
				return
			}
			w.result = &res
			w.dlg.Hide()
			cw.reload()
			dialog.ShowInformation("Rows imported", importSummary(res), cw.win)
		})
	})
}

// importSummary is the import result for people.
func importSummary(res casefile.ImportResult) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s imported from exhibit %s.", res.Rows, plural(res.Rows, "row", "rows"), res.Exhibit.Ref)
	if res.Added {
		b.WriteString(" The file was added as that exhibit.")
	}
	if n := len(res.NoPhone); n > 0 {
		fmt.Fprintf(&b, "\n\n%d %s without a usable phone, on lines %s.", n, plural(n, "row", "rows"), joinInts(res.NoPhone, 30))
	} else {
		b.WriteString("\n\nEvery row has a phone number.")
	}
	if res.Sheet != nil && len(res.Sheet.Ragged) > 0 {
		var ls []int
		for _, r := range res.Sheet.Ragged {
			ls = append(ls, r.Line)
		}
		fmt.Fprintf(&b, "\n\nRagged lines: %s.", joinInts(ls, 30))
	}
	return b.String()
}

// joinInts writes at most max numbers, then how many more there are.
func joinInts(ns []int, max int) string {
	var parts []string
	for i, n := range ns {
		if i == max {
			parts = append(parts, fmt.Sprintf("and %d more", len(ns)-max))
			break
		}
		parts = append(parts, strconv.Itoa(n))
	}
	return strings.Join(parts, ", ")
}
