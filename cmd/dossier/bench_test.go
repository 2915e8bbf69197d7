//go:build linux || darwin

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"dossier/internal/tooltest"
)

// rowsSheet writes the sheet of issue 11.5: 100,000 rows, six columns,
// about 10 MB, one row in ten without a phone; invented names and
// drama-range numbers.
func rowsSheet(b *testing.B, path string) {
	b.Helper()
	var s strings.Builder
	s.WriteString("UPRN,Address,Estate,Neighbourhood,Resident,Mobile\n")
	for i := 0; i < 100000; i++ {
		phone := fmt.Sprintf("07700 900%03d", i%1000)
		if i%10 == 9 {
			phone = ""
		}
		fmt.Fprintf(&s, "1000%08d,\"Flat %d, %s House, Kestrel Court Road\",Martineau Estate,North Neighbourhood,Resident%d Surname%d,%s\n",
			i, i%200+1, []string{"Kestrel", "Heron", "Osprey", "Merlin"}[i%4], i, i%977, phone)
	}
	if err := os.WriteFile(path, []byte(s.String()), 0o644); err != nil {
		b.Fatal(err)
	}
}

// timed runs cmd and returns its wall time and peak resident memory.
func timed(b *testing.B, cmd *exec.Cmd) (time.Duration, int64) {
	b.Helper()
	start := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, out)
	}
	d := time.Since(start)
	var peak int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		peak = int64(ru.Maxrss) * 1024 // kilobytes on Linux
	}
	return d, peak
}

// BenchmarkRowsImportCommand100k runs 'dossier rows import' on the sheet
// of issue 11.5 as a person runs it: the whole process, from start to
// exit, into a new case each time. The anchor is sqlite3's .import of the
// same file into a new database, timed in turn with each import. Goals:
// at most 2 s, at most 5x the anchor, peak memory under 200 MB.
func BenchmarkRowsImportCommand100k(b *testing.B) {
	tooltest.Need(b, "sqlite3")
	dir := b.TempDir()
	sheet := filepath.Join(dir, "sheet.csv")
	rowsSheet(b, sheet)
	bin := dossierBin(b)
	empty := filepath.Join(dir, "empty.dossier")
	if out, err := exec.Command(bin, "new", empty, "--title", "Bench", "--prefix", "LW").CombinedOutput(); err != nil {
		b.Fatalf("new: %v %s", err, out)
	}
	data, _ := os.ReadFile(empty)
	var cmdTime, anchor time.Duration
	var peak int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db := filepath.Join(dir, "anchor.db")
		os.Remove(db)
		d, _ := timed(b, exec.Command("sqlite3", db, ".mode csv", ".import "+sheet+" rows"))
		anchor += d
		c := filepath.Join(dir, fmt.Sprintf("c%d.dossier", i))
		os.WriteFile(c, data, 0o600)
		cmd := exec.Command(bin, "rows", "import", c, sheet)
		cmd.Env = append(os.Environ(), "DOSSIER_USER=bench")
		b.StartTimer()
		d, p := timed(b, cmd)
		b.StopTimer()
		cmdTime += d
		peak = max(peak, p)
		os.Remove(c)
	}
	b.ReportMetric(cmdTime.Seconds()/float64(b.N), "s/command")
	b.ReportMetric(cmdTime.Seconds()/anchor.Seconds(), "x-sqlite3-import")
	b.ReportMetric(float64(peak)/1e6, "peak-RSS-MB")
}
