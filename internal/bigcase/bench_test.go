package bigcase_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"dossier/casefile"
	"dossier/export"
	"dossier/export/marks"
	"dossier/internal/bigcase"
	"dossier/internal/heappeak"
)

// The case of 100,000 rows is built once per test binary, in a folder
// removed when the binary ends, and each stage (rows only, marks
// suggested, marks accepted) is kept as its own file so that every
// benchmark starts from the state a user would be in.
var (
	dir     string
	stageMu sync.Mutex
	stages  = map[string]string{}
)

// With DOSSIER_BIGCASE_KEEP set to a folder, the stages are kept there
// and used again by the next run (for profiling one benchmark again and
// again); delete the folder when the generator changes.
func TestMain(m *testing.M) {
	if dir = os.Getenv("DOSSIER_BIGCASE_KEEP"); dir != "" {
		for _, st := range []string{"rows", "suggested", "accepted"} {
			if p := filepath.Join(dir, st+".dossier"); fileExists(p) {
				stages[st] = p
			}
		}
		os.Exit(m.Run())
	}
	var err error
	if dir, err = os.MkdirTemp("", "dossier-bigcase-"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

const benchRows = 100000

// stage returns the path of the big case as it is after stage: "rows"
// (as built), "suggested" (after SuggestMarks) or "accepted" (every
// suggestion accepted). Benchmarks that write copy the file first.
func stage(tb testing.TB, name string) string {
	tb.Helper()
	stageMu.Lock()
	defer stageMu.Unlock()
	return stageLocked(tb, name)
}

func stageLocked(tb testing.TB, name string) string {
	if p, ok := stages[name]; ok {
		return p
	}
	ctx := context.Background()
	p := filepath.Join(dir, name+".dossier")
	os.Remove(p) // a stage left half-made by an interrupted run
	var err error
	switch name {
	case "rows":
		err = bigcase.Build(ctx, p, bigcase.Options{Rows: benchRows})
	case "suggested", "accepted":
		from := stageLocked(tb, map[string]string{"suggested": "rows", "accepted": "suggested"}[name])
		if err = copyFile(from, p); err == nil {
			err = withCase(p, func(c *casefile.Case) error {
				if name == "suggested" {
					_, err := c.SuggestMarks(ctx)
					return err
				}
				_, err := c.AcceptMarks(ctx, nil, true)
				return err
			})
		}
	default:
		err = fmt.Errorf("no stage %q", name)
	}
	if err != nil {
		tb.Fatalf("big case, stage %s: %v", name, err)
	}
	stages[name] = p
	return p
}

func withCase(path string, f func(*casefile.Case) error) error {
	c, err := casefile.Open(path, casefile.Options{Actor: "bench"})
	if err != nil {
		return err
	}
	if err := f(c); err != nil {
		c.Close()
		return err
	}
	return c.Close()
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// measure reports what a user waits for and what it costs: wall seconds
// and CPU seconds (user and system) per operation, since the machine may
// be shared, and the peak Go heap (live objects and free spans not yet
// returned) in MB.
type measure struct {
	start    time.Time
	cpu      time.Duration
	peak     uint64
	stop     func()
	wall     time.Duration
	cpuTotal time.Duration
	n        int
}

func (m *measure) begin() {
	m.start, m.cpu = time.Now(), cpuTime()
	m.stop = heappeak.Sample(&m.peak)
}

func (m *measure) end() {
	m.stop()
	m.wall += time.Since(m.start)
	m.cpuTotal += cpuTime() - m.cpu
	m.n++
}

func (m *measure) report(b *testing.B) {
	if m.n == 0 {
		return
	}
	b.ReportMetric(m.wall.Seconds()/float64(m.n), "s/op-wall")
	b.ReportMetric(m.cpuTotal.Seconds()/float64(m.n), "s/op-cpu")
	b.ReportMetric(float64(m.peak)/1e6, "peak-heap-MB")
}

// BenchmarkSuggestMarks100k times 'dossier marks suggest' on the case of
// 100,000 rows as the command runs it: open the case, propose every
// suggestion (about 130,000), record them, close. Goal (issue 12): a few
// seconds.
func BenchmarkSuggestMarks100k(b *testing.B) {
	onCopies(b, "rows", func(ctx context.Context, c *casefile.Case) error {
		_, err := c.SuggestMarks(ctx)
		return err
	})
}

// onCopies times f on a fresh copy of a stage for each pass, opening and
// closing the case included, as the command runs it.
func onCopies(b *testing.B, from string, f func(context.Context, *casefile.Case) error) {
	base := stage(b, from)
	ctx := context.Background()
	var m measure
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		p := filepath.Join(dir, fmt.Sprintf("pass-%d.dossier", i))
		if err := copyFile(base, p); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		m.begin()
		err := withCase(p, func(c *casefile.Case) error { return f(ctx, c) })
		m.end()
		b.StopTimer()
		os.Remove(p)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	m.report(b)
}

// BenchmarkAcceptMarks100k times "Accept all" on the case of 100,000
// rows after Suggest marks: about 130,000 suggestions accepted in one
// transaction, opening and closing the case included.
func BenchmarkAcceptMarks100k(b *testing.B) {
	onCopies(b, "suggested", func(ctx context.Context, c *casefile.Case) error {
		_, err := c.AcceptMarks(ctx, nil, true)
		return err
	})
}

// BenchmarkExport100k times the export of the case of 100,000 rows with
// every suggestion accepted, to a bundle of about 3,400 pages: layout,
// the leak check over the PDF's streams and the text of every page, and
// the write. The OCR read-back is skipped (the case's images are few; it
// has benchmarks of its own).
func BenchmarkExport100k(b *testing.B) {
	c, err := casefile.OpenReadOnly(stage(b, "accepted"), casefile.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()
	date := time.Date(2015, 8, 1, 0, 0, 0, 0, time.UTC)
	var m measure
	var pages int
	for i := 0; b.Loop(); i++ {
		out := filepath.Join(b.TempDir(), fmt.Sprintf("bundle-%d.pdf", i))
		m.begin()
		res, err := export.Bundle(ctx, c, out, false, export.Options{Date: date, SkipOCRCheck: true})
		m.end()
		if err != nil {
			b.Fatal(err)
		}
		pages = res.Pages
	}
	m.report(b)
	b.ReportMetric(float64(pages), "pages")
}

// BenchmarkTermCounts100k times the Redact tab's list of terms on the case
// of 100,000 rows after Suggest marks: where each of about 130,000 terms
// occurs in the text exhibits (the 12 MB sheet among them) and the
// message bodies. Goal (issue 12): one pass over each text, a few seconds.
func BenchmarkTermCounts100k(b *testing.B) {
	c, err := casefile.OpenReadOnly(stage(b, "suggested"), casefile.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()
	var m measure
	for b.Loop() {
		m.begin()
		counts, err := c.TermCounts(ctx)
		m.end()
		if err != nil || len(counts) == 0 {
			b.Fatal(len(counts), err)
		}
	}
	m.report(b)
}

// BenchmarkExportPreview100k times 'dossier export --dry-run' (and the
// Export tab's size count) on the case of 100,000 rows with every
// suggestion accepted, as a user would before exporting: the bundle laid
// out in full, its pages and size counted, nothing written. Goal (issue
// 12): a few seconds and a few hundred MB.
func BenchmarkExportPreview100k(b *testing.B) {
	for _, st := range []string{"suggested", "accepted"} {
		b.Run(st, func(b *testing.B) {
			c, err := casefile.OpenReadOnly(stage(b, st), casefile.Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer c.Close()
			ctx := context.Background()
			date := time.Date(2015, 8, 1, 0, 0, 0, 0, time.UTC)
			var m measure
			var pages int
			for b.Loop() {
				m.begin()
				res, err := export.Preview(ctx, c, export.Options{Date: date, SkipOCRCheck: true})
				m.end()
				if err != nil {
					b.Fatal(err)
				}
				pages = res.Pages
			}
			m.report(b)
			b.ReportMetric(float64(pages), "pages")
		})
	}
}

// BenchmarkSheetCopy100k times the redacted copy of the sheet of 100,000
// rows with every suggestion accepted: every cell searched for every
// marked value and replaced by its stand-in, the largest part of an
// export's or a preview's work on such a case. The Applier is made once,
// outside the timing.
func BenchmarkSheetCopy100k(b *testing.B) {
	c, err := casefile.OpenReadOnly(stage(b, "accepted"), casefile.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()
	app, err := marks.New(ctx, c, nil)
	if err != nil {
		b.Fatal(err)
	}
	exs, err := c.Exhibits(ctx)
	if err != nil {
		b.Fatal(err)
	}
	i := slices.IndexFunc(exs, func(e casefile.Exhibit) bool { return e.Kind == casefile.KindSheet })
	if i < 0 {
		b.Fatal("the big case has no sheet")
	}
	ex := exs[i]
	orig, _, err := c.ReadOriginal(ctx, ex.Ref)
	if err != nil {
		b.Fatal(err)
	}
	var m measure
	var cells int
	for b.Loop() {
		m.begin()
		cp, err := app.Exhibit(ctx, ex, orig)
		m.end()
		if err != nil {
			b.Fatal(err)
		}
		cells = 0
		for _, s := range cp.Sheets {
			for _, r := range s.Rows {
				cells += len(r)
			}
		}
	}
	m.report(b)
	b.ReportMetric(float64(cells), "cells")
}

// BenchmarkSummary100k times the "what happened" text for the ICO's form
// ('dossier summary', and the Export tab's form, written while the tab
// counts the bundle's pages) on the case of 100,000 rows with every
// suggestion accepted.
func BenchmarkSummary100k(b *testing.B) {
	c, err := casefile.OpenReadOnly(stage(b, "accepted"), casefile.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()
	today := time.Date(2015, 8, 1, 0, 0, 0, 0, time.UTC)
	var m measure
	for b.Loop() {
		m.begin()
		ft, err := export.Summary(ctx, c, today)
		m.end()
		if err != nil {
			b.Fatal(err)
		}
		if ft.WhatHappened == "" {
			b.Fatal("no text written")
		}
	}
	m.report(b)
}
