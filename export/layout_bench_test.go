package export

import (
	"bytes"
	"fmt"
	"testing"
)

// sheetRows are rows as a redacted copy of a council's data sheet has
// them: a reference, an address, an estate, a neighbourhood and the
// stand-ins for a resident's name and phone.
func sheetRows(n int) [][]string {
	rows := [][]string{{"UPRN", "Address", "Estate", "Neighbourhood", "Resident", "Mobile"}}
	for i := range n {
		rows = append(rows, []string{fmt.Sprintf("10%010d", 30000000+i), fmt.Sprintf("%d Martineau Walk, Eastbrook", 1+i%300),
			"Eastbrook Estate", "North Ward", fmt.Sprintf("[Name %d]", i+1), fmt.Sprintf("[Phone %d]", i+1)})
	}
	return rows
}

// BenchmarkSheetTable100k lays out and writes the table of a sheet of
// 100,000 rows as an exhibit's pages are: every cell measured, wrapped and
// drawn, one after another. It is the part of an export or a size preview
// of a large case that no other core can share.
func BenchmarkSheetTable100k(b *testing.B) {
	rows := sheetRows(100_000)
	widths := []float64{1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6}
	var pages int
	for b.Loop() {
		d := newDoc("Bench", "Bench", "Bench", "")
		d.AddPage()
		d.table(widths, rows, 8.5, nil)
		pages = d.PageCount()
		var out bytes.Buffer
		if err := d.Output(&out); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/100_000, "µs/row")
}
