package casefile

import (
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"dossier/internal/tooltest"
)

// benchFile writes size pseudo-random bytes to a file in dir.
func benchFile(b *testing.B, dir string, size int64) string {
	b.Helper()
	p := filepath.Join(dir, "bench.bin")
	f, err := os.Create(p)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(f, io.LimitReader(rand.New(rand.NewSource(1)), size)); err != nil {
		b.Fatal(err)
	}
	f.Close()
	return p
}

// opensslMBps times `openssl dgst -sha256` on path (best of three, warm
// cache): the yardstick the intake and verify goals are set against.
func opensslMBps(b *testing.B, path string, size int64) float64 {
	tooltest.Need(b, "openssl")
	best := time.Duration(1 << 62)
	for i := 0; i < 3; i++ {
		start := time.Now()
		if err := exec.Command("openssl", "dgst", "-sha256", path).Run(); err != nil {
			return 0
		}
		best = min(best, time.Since(start))
	}
	return float64(size) / 1e6 / best.Seconds()
}

func reportVsOpenssl(b *testing.B, size int64, elapsed time.Duration, openssl float64) {
	mbps := float64(size) * float64(b.N) / 1e6 / elapsed.Seconds()
	b.ReportMetric(mbps, "MB/s")
	if openssl > 0 {
		b.ReportMetric(openssl, "openssl-MB/s")
		b.ReportMetric(100*mbps/openssl, "%-of-openssl")
	}
}

const benchSize = 1 << 30

// cpSyncSeconds times what the intake goal is measured against: copying
// the same file on the same disk with cp, then sync, so that the copy is
// as durable as an intake once it returns.
func cpSyncSeconds(b *testing.B, src, dir string) float64 {
	b.Helper()
	dst := filepath.Join(dir, "cp.bin")
	os.Remove(dst)
	start := time.Now()
	if out, err := exec.Command("sh", "-c", `cp "$0" "$1" && sync`, src, dst).CombinedOutput(); err != nil {
		b.Fatalf("cp+sync: %v %s", err, out)
	}
	d := time.Since(start).Seconds()
	os.Remove(dst)
	return d
}

// BenchmarkIntake1GB adds a 1 GB file to a new case and closes it: what
// 'dossier add' makes a person wait for, the final sync and (in WAL mode)
// the checkpoint included. Goal: at least 50% of the throughput of cp
// followed by sync of the same file on the same disk, timed in turn with
// each intake so that a shared machine's drift cancels out. "rollback" is
// how commands write (Options{}); "wal" is how the app writes
// (ConcurrentReads), where every byte is written twice.
func BenchmarkIntake1GB(b *testing.B) {
	dir := b.TempDir()
	path := benchFile(b, dir, benchSize)
	for _, mode := range []struct {
		name string
		opt  Options
	}{{"rollback", Options{Actor: "bench"}}, {"wal", Options{Actor: "bench", ConcurrentReads: true}}} {
		b.Run(mode.name, func(b *testing.B) {
			ctx := b.Context() // cancellable, as in the app and the CLI
			var intake, anchor float64
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				anchor += cpSyncSeconds(b, path, dir)
				c, err := Create(filepath.Join(dir, "c"+strconv.Itoa(i)+".dossier"), "Bench", "LW", mode.opt)
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				start := time.Now()
				if _, err := c.Add(ctx, path, Meta{}); err != nil {
					b.Fatal(err)
				}
				if err := c.Close(); err != nil {
					b.Fatal(err)
				}
				intake += time.Since(start).Seconds()
				b.StopTimer()
				os.Remove(c.Path())
			}
			mb := float64(benchSize) * float64(b.N) / 1e6
			b.ReportMetric(mb/intake, "MB/s")
			b.ReportMetric(mb/anchor, "cp+sync-MB/s")
			b.ReportMetric(100*anchor/intake, "%-of-cp+sync")
		})
	}
}

// BenchmarkVerify1GB re-hashes a case holding a 1 GB original (goal: at
// least 70% of openssl's SHA-256 throughput).
func BenchmarkVerify1GB(b *testing.B) {
	dir := b.TempDir()
	path := benchFile(b, dir, benchSize)
	openssl := opensslMBps(b, path, benchSize)
	ctx := b.Context() // cancellable, as in the app and the CLI
	c, err := Create(filepath.Join(dir, "v.dossier"), "Bench", "LW", Options{Actor: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Add(ctx, path, Meta{}); err != nil {
		b.Fatal(err)
	}
	os.Remove(path)
	c.Verify(ctx, nil) // warm the page cache, as openssl's best-of-three is warm
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		rep, err := c.Verify(ctx, nil)
		if err != nil || !rep.OK() {
			b.Fatal(rep, err)
		}
	}
	reportVsOpenssl(b, benchSize, time.Since(start), openssl)
}

// BenchmarkIntake2GBPeakMemory streams a 2 GB generated file into a case,
// closes it, and reports the process's peak resident memory while doing so
// (goal: under 100 MB). Run it on its own (-run '^$' -bench Intake2GB) so the
// peak is this benchmark's.
func BenchmarkIntake2GBPeakMemory(b *testing.B) {
	const size = 2 << 30
	dir := b.TempDir()
	ctx := b.Context() // cancellable, as in the app and the CLI
	for i := 0; i < b.N; i++ {
		c, err := Create(filepath.Join(dir, "m"+strconv.Itoa(i)+".dossier"), "Bench", "LW", Options{Actor: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		resetPeakRSS()
		src := io.LimitReader(rand.New(rand.NewSource(int64(i))), size)
		if _, err := c.AddReader(ctx, src, "two-gigabytes.bin", size, Meta{}, nil); err != nil {
			b.Fatal(err)
		}
		if err := c.Close(); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(peakRSS())/1e6, "peak-RSS-MB")
		os.Remove(c.Path())
	}
	b.SetBytes(size)
}

// resetPeakRSS asks Linux to restart the process's VmHWM high-water mark.
func resetPeakRSS() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS is VmHWM from /proc/self/status in bytes (0 where unknown).
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb * 1024
		}
	}
	return 0
}
