package casefile

import (
	"math"
	"path/filepath"
	"strconv"
	"testing"
)

// rowsCase is a closed case holding an imported n-row sheet.
func rowsCase(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "rows.dossier")
	c, err := Create(path, "Bench", "LW", Options{Actor: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := c.ImportRows(b.Context(), benchSheet(b, n), ImportOptions{}); err != nil {
		b.Fatal(err)
	}
	if err := c.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkRecordRows100k is what recording an import in custody adds to
// 'dossier rows import' of 100,000 rows: digesting each row as it is
// inserted (goal: at most 5% of the import's 2 s budget, 0.1 s).
func BenchmarkRecordRows100k(b *testing.B) {
	t := recordTableNamed("rows")
	key := make([]byte, 32)
	extra := `{"Notes":"shares with no.4"}`
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rs := &recordStream{t: t, d: newRecordDigest(key, t.name), vals: make([]any, len(t.cols))}
		for r := 0; r < 100000; r++ {
			rs.add(int64(r+1), int64(1), int64(1), r+2, "line "+strconv.Itoa(r+2), "100012345678", "14 Kestrel Court, Martineau",
				"Martineau", "North", "Resident Surname", "surname resident", "07700 900123", "+447700900123", extra)
		}
		if rs.s.Count != 100000 {
			b.Fatal(rs.s.Count)
		}
	}
	b.ReportMetric(100000*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkReadRecords100k digests 100,000 rows read back from the case,
// as Verify does.
func BenchmarkReadRecords100k(b *testing.B) {
	c, err := Open(rowsCase(b, 100000), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	t := recordTableNamed("rows")
	key := make([]byte, 32)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, err := t.span(b.Context(), c.db, key, math.MinInt64, -1)
		if err != nil || s.Count != 100000 {
			b.Fatal(s.Count, err)
		}
	}
	b.ReportMetric(100000*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkVerifyRows100k is the whole of Verify on a case holding a
// 100,000-row sheet: originals, chain, records and rules (goal: at most
// 1 s).
func BenchmarkVerifyRows100k(b *testing.B) {
	c, err := Open(rowsCase(b, 100000), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rep, err := c.Verify(b.Context(), nil)
		if err != nil || !rep.OK() || rep.Records != 100001 {
			b.Fatal(rep.Records, rep.Problems, err)
		}
	}
}
