package detect

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
)

// Syllables for invented names: no real person's name is used.
var (
	firstSyl = []string{"ma", "lo", "ren", "ti", "sa", "bel", "ko", "ri", "da", "vin", "el", "no", "ra", "mi", "zu", "fen"}
	lastSyl  = []string{"bap", "tor", "vell", "quin", "dar", "mos", "ketch", "wim", "lor", "pent", "rad", "sto", "grav", "holm", "tan", "brix"}
)

// inventedNames returns n distinct two-word names made from syllables.
func inventedNames(n int) []string {
	r := rand.New(rand.NewPCG(1, 2))
	seen := make(map[string]bool, n)
	out := make([]string, 0, n)
	word := func(syl []string) string {
		k := 2 + r.IntN(2)
		var b strings.Builder
		for range k {
			b.WriteString(syl[r.IntN(len(syl))])
		}
		s := b.String()
		return strings.ToUpper(s[:1]) + s[1:]
	}
	for len(out) < n {
		name := word(firstSyl) + " " + word(lastSyl)
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	return out
}

// benchText returns about size bytes of prose with some of the names,
// drama phone numbers, dates and amounts embedded.
func benchText(size int, list []string) string {
	r := rand.New(rand.NewPCG(3, 4))
	filler := []string{
		"The residents of the estate received a text message on 11/06/2015 at 09:00 about the election.",
		"The landlord holds about 22,000 homes and spent £96,000 on the new system (para 635).",
		"ICO ref RFA0123456 was opened after the complaint; see case IC-12345-A1B2.",
		"Annual figures show that canvassing sheets listed every flat on Martineau estate.",
	}
	var b strings.Builder
	b.Grow(size + 200)
	for b.Len() < size {
		b.WriteString(filler[r.IntN(len(filler))])
		b.WriteByte(' ')
		switch r.IntN(6) {
		case 0:
			fmt.Fprintf(&b, "%s was texted on 07700 900%03d. ", list[r.IntN(len(list))], r.IntN(1000))
		case 1:
			n := strings.Fields(list[r.IntN(len(list))])
			fmt.Fprintf(&b, "%s, %s (020 7946 0%03d) confirmed it. ", strings.ToUpper(n[1]), n[0], r.IntN(1000))
		}
	}
	return b.String()
}

func BenchmarkNew100kNames(b *testing.B) {
	list := inventedNames(100_000)
	b.ReportAllocs()
	var d *Detector
	cpu := cpuTime()
	for b.Loop() {
		var err error
		if d, err = New(Options{Names: list}); err != nil {
			b.Fatal(err)
		}
	}
	cpu = cpuTime() - cpu
	b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N), "ms/build")
	b.ReportMetric(cpu.Seconds()*1000/float64(b.N), "cpu-ms/build")
	// The heap a built Detector keeps, for sizing a case with many names.
	b.StopTimer()
	var before, after runtime.MemStats
	d = nil
	runtime.GC()
	runtime.ReadMemStats(&before)
	d, _ = New(Options{Names: list})
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(d)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MB-kept")
}

func BenchmarkScan1MB100kNames(b *testing.B) {
	list := inventedNames(100_000)
	d, err := New(Options{Names: list, UPRNs: true})
	if err != nil {
		b.Fatal(err)
	}
	text := benchText(1<<20, list)
	b.ReportAllocs()
	var found int
	runtime.GC() // the garbage of New is not the scan's cost
	cpu := cpuTime()
	for b.Loop() {
		found = len(d.Scan(text))
	}
	cpu = cpuTime() - cpu
	perScan := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(len(text))/(1<<20)/perScan, "MB/s")
	b.ReportMetric(perScan*1000, "ms/scan")
	// CPU time includes the collector's work on other cores, but not
	// waiting for a core on a busy machine.
	b.ReportMetric(cpu.Seconds()*1000/float64(b.N), "cpu-ms/scan")
	b.ReportMetric(float64(found), "findings")
}
