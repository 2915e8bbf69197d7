package sheet

import (
	"bytes"
	"fmt"
	"runtime"
	"testing"
)

// sheet100k builds a 100,000-row data sheet in memory, with quoted
// addresses and an extra column, like a landlord's full export.
func sheet100k() []byte {
	var b bytes.Buffer
	b.WriteString("UPRN,Property Address,Estate,Nbhd,Tenant Name,Contact No,Tenure\r\n")
	for i := 0; i < 100_000; i++ {
		fmt.Fprintf(&b, "%d,\"Flat %d, Block %d, Mill Lane\",Estate %d,Area %d,Resident %d,07700 900%03d,Secure\r\n",
			100023000000+i, i%40+1, i/40, i%97, i%11, i, i%1000)
	}
	return b.Bytes()
}

// BenchmarkRead100k reads a 100k-row CSV. Goal: under 3 s and 200 MB.
func BenchmarkRead100k(b *testing.B) {
	data := sheet100k()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := Read(bytes.NewReader(data), "big.csv", Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Rows) != 100_000 {
			b.Fatalf("%d rows", len(res.Rows))
		}
	}
	b.ReportMetric(float64(100_000*b.N)/b.Elapsed().Seconds(), "rows/s")
	// B/op counts every allocation; what a caller holds is the result.
	b.StopTimer()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	res, _ := Read(bytes.NewReader(data), "big.csv", Options{})
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/1e6, "result-MB")
	runtime.KeepAlive(res)
}

func FuzzRead(f *testing.F) {
	for name := range fixtures {
		f.Add(fixture(f, name))
	}
	f.Add([]byte("UPRN;Name\n1;\"a\nb\"\n\n2\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Read(bytes.NewReader(data), "fuzz.csv", Options{})
		if err != nil {
			return
		}
		if len(res.Rows) == 0 || len(res.Header) == 0 {
			t.Fatalf("no error but %d rows, header %q", len(res.Rows), res.Header)
		}
		prev := 0
		for _, r := range res.Rows {
			if r.Line <= prev {
				t.Fatalf("line numbers not increasing: %d after %d", r.Line, prev)
			}
			prev = r.Line
		}
	})
}
