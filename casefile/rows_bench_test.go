package casefile

import (
	"bytes"
	"fmt"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// benchSheet writes an n-row data sheet with drama-range numbers; every
// 1,000th number repeats (shared households).
func benchSheet(b *testing.B, n int) string {
	var buf bytes.Buffer
	buf.WriteString("UPRN,Address,Estate,Neighbourhood,Resident,Mobile\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&buf, "1000%08d,%d Kestrel Court,Martineau,North,Resident%d Surname%d,07700 900%03d\n", i, i, i, i%977, i%1000)
	}
	return TestFile(b, "sheet.csv", buf.Bytes())
}

// BenchmarkImportRows100k imports a 100,000-row CSV (goal: at most 3 s
// and 200 MB).
func BenchmarkImportRows100k(b *testing.B) {
	path := benchSheet(b, 100000)
	ctx := b.Context() // cancellable, as in the app and the CLI
	var peak uint64
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		c, err := Create(filepath.Join(b.TempDir(), "r.dossier"), "Bench", "LW", Options{Actor: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		stop := sampleHeap(&peak)
		b.StartTimer()
		res, err := c.ImportRows(ctx, path, ImportOptions{})
		b.StopTimer()
		stop()
		if err != nil || res.Rows != 100000 {
			b.Fatal(res.Rows, err)
		}
		c.Close()
	}
	b.ReportMetric(float64(peak)/1e6, "peak-heap-MB")
	b.ReportMetric(100000*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// sampleHeap records the highest HeapInuse seen until stop is called.
func sampleHeap(peak *uint64) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			*peak = max(*peak, ms.HeapInuse)
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	return func() { close(done); <-finished }
}

// BenchmarkAutoLink links m messages against r rows (goal: 10k against
// 100k in at most 1 s, growing near-linearly). Test data may use only
// Ofcom's drama numbers, so the sheet's 07700 900xxx numbers repeat (a
// number is shared by r/1000 rows); one message in a hundred goes to a
// sheet number and the rest to 020 7946 0xxx numbers on no sheet, the
// shape of a real case: most texts are not yet matched.
func BenchmarkAutoLink(b *testing.B) {
	for _, size := range []struct{ msgs, rows int }{{1000, 10000}, {10000, 100000}} {
		b.Run(strconv.Itoa(size.msgs)+"msgs-"+strconv.Itoa(size.rows)+"rows", func(b *testing.B) {
			ctx := b.Context() // cancellable, as in the app and the CLI
			dir := b.TempDir()
			sheet := benchSheet(b, size.rows)
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				c, err := Create(filepath.Join(dir, "l"+strconv.Itoa(i)+".dossier"), "Bench", "LW", Options{Actor: "bench"})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := c.ImportRows(ctx, sheet, ImportOptions{}); err != nil {
					b.Fatal(err)
				}
				ex, _ := c.AddReader(ctx, bytes.NewReader([]byte("screenshot")), "s.png", -1, Meta{}, nil)
				var msgs bytes.Buffer
				msgs.WriteString("[")
				for j := 0; j < size.msgs; j++ {
					if j > 0 {
						msgs.WriteString(",")
					}
					to := fmt.Sprintf("020 7946 0%03d", j%1000)
					if j%100 == 0 {
						to = fmt.Sprintf("07700 900%03d", (j/100)%1000)
					}
					fmt.Fprintf(&msgs, `{"exhibit":%q,"from":"Party","to":%q,"at":"2015-06-08T09:00:00+01:00","body":"Vote"}`, ex.Ref, to)
				}
				msgs.WriteString("]")
				if _, err := c.ImportMessages(ctx, TestFile(b, "m.json", msgs.Bytes())); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				res, err := c.AutoLink(ctx)
				b.StopTimer()
				if err != nil || res.Linked == 0 {
					b.Fatal(res, err)
				}
				b.ReportMetric(float64(res.Linked), "links")
				c.Close()
			}
		})
	}
}

// BenchmarkSearchRows100k counts and fetches the first page of matches for
// searches typed in the Rows tab over 100,000 rows: it runs on every pause
// in typing, so it must stay well under the time a user would notice.
func BenchmarkSearchRows100k(b *testing.B) {
	ctx := b.Context()
	c, err := Create(filepath.Join(b.TempDir(), "s.dossier"), "Bench", "LW", Options{Actor: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	if _, err := c.ImportRows(ctx, benchSheet(b, 100000), ImportOptions{}); err != nil {
		b.Fatal(err)
	}
	for _, search := range []string{"kestrel", "resident9 surname9", "07700900123"} {
		b.Run(strings.ReplaceAll(search, " ", "_"), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				q := RowQuery{Search: search, Limit: 500}
				if n, err := c.CountRows(ctx, q); err != nil || n == 0 {
					b.Fatal(n, err)
				}
				if _, err := c.Rows(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
