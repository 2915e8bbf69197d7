package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"dossier/casefile"
	"dossier/internal/heappeak"
)

// rowsBenchSheet writes the sheet of the rows-import goal: 100,000 rows,
// about 10 MB, six columns, one row in ten without a phone, numbers in the
// ways sheets write them. Names are invented; numbers are Ofcom drama
// numbers, so they repeat.
func rowsBenchSheet(tb testing.TB, dir string, n int) string {
	tb.Helper()
	first := []string{"Maureen", "Desmond", "Zoë", "Olu", "Priya", "Tomasz", "Amara", "Siobhán", "Hamid", "Łucja", "Kwame", "Renée"}
	last := []string{"Baptiste", "Adeyemi", "Natarajan", "Wójcik", "Okafor", "Ó Floinn", "Karimi", "Mensah", "Müller", "Rahman", "Doyle"}
	houses := []string{"Kestrel House", "Wren House", "Ash House", "Birch House", "Dellow House", "Heron Court"}
	streets := []string{"Bigland Street", "Mill Lane", "Cable Street", "Watney Road", "Cannon Row"}
	estates := []string{"Martineau Estate", "Northside Estate", "Southgate Estate"}
	areas := []string{"Shadwell North", "Shadwell South", "Wapping East"}
	var buf bytes.Buffer
	buf.WriteString("UPRN,Address,Estate,Neighbourhood,Tenant Name,Contact No\n")
	for i := 0; i < n; i++ {
		var ph string
		switch {
		case i%10 == 9:
		case i%3 == 0:
			ph = fmt.Sprintf("07700 900%03d", (i*7)%1000)
		case i%3 == 1:
			ph = fmt.Sprintf("+44 7700 900%03d", (i*13)%1000)
		default:
			ph = fmt.Sprintf("020 7946 0%03d", (i*11)%1000)
		}
		fmt.Fprintf(&buf, "%d,\"Flat %d, %s, %s\",%s,%s,%s %s,%s\n", 100023000000+i, 1+i%200, houses[i%6], streets[i%5],
			estates[i%3], areas[i%7%3], first[i%12], last[i%11], ph)
	}
	path := filepath.Join(dir, "sheet.csv")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// BenchmarkRowsImportCommand times 'dossier rows import' of a 100,000-row,
// 10 MB CSV as a user waits for it: opening the case, reading and checking
// the sheet, adding it as an exhibit, inserting the rows, the custody
// event, closing the case (its checkpoint) and printing the summary. Goal
// (issue 11 item 5): at most 2 s for the whole command and at most 5x
// sqlite3's .import of the same file; peak memory under 200 MB (the Go
// heap is reported here; the whole process's peak is measured from
// outside, with /usr/bin/time -v).
func BenchmarkRowsImportCommand(b *testing.B) {
	dir := b.TempDir()
	sheetPath := rowsBenchSheet(b, dir, 100000)
	tmpl := filepath.Join(dir, "template.dossier")
	c, err := casefile.Create(tmpl, "Bench", "LW", casefile.Options{Actor: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	if err := c.Close(); err != nil {
		b.Fatal(err)
	}
	tmplBytes, err := os.ReadFile(tmpl)
	if err != nil {
		b.Fatal(err)
	}
	var peak uint64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		path := filepath.Join(dir, fmt.Sprintf("r%d.dossier", i))
		if err := os.WriteFile(path, tmplBytes, 0o644); err != nil {
			b.Fatal(err)
		}
		stop := heappeak.Sample(&peak)
		b.StartTimer()
		err := dispatch(context.Background(), []string{"rows", "import", path, sheetPath, "--by", "bench"}, io.Discard)
		b.StopTimer()
		stop()
		if err != nil {
			b.Fatal(err)
		}
		os.Remove(path)
		b.StartTimer()
	}
	b.ReportMetric(float64(peak)/1e6, "peak-heap-MB")
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/command")
}
