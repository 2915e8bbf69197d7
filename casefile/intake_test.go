package casefile

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func countRows(t *testing.T, c *Case, table string) int {
	t.Helper()
	var n int
	if err := c.db.QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestAddAssignsReferencesAndSniffs(t *testing.T) {
	ctx := context.Background()
	c := TestCase(t)
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00")
	tests := []struct {
		file      string
		data      []byte
		meta      Meta
		wantRef   string
		wantKind  Kind
		wantTitle string
		wantType  string
	}{
		// The extension lies: the bytes are a PNG.
		{"sheet.pdf", png, Meta{}, "LW/1", KindScreenshot, "sheet", "image/png"},
		{"rows.csv", []byte("UPRN,Name,Mobile\n100023456789,Maureen Baptiste,07700 900123\n"), Meta{}, "LW/2", KindSheet, "rows", "text/csv"},
		{"note.txt", []byte("Statement of Zoë Okafor.\n"), Meta{Kind: KindStatement, Title: "Statement", Source: "Zoë Okafor", Obtained: "2015-06-09", ObtainedBy: "Alex Marsh"},
			"LW/3", KindStatement, "Statement", "text/plain"},
	}
	for _, tt := range tests {
		ex, err := c.Add(ctx, TestFile(t, tt.file, tt.data), tt.meta)
		if err != nil {
			t.Fatalf("add %s: %v", tt.file, err)
		}
		if ex.Ref != tt.wantRef || ex.Kind != tt.wantKind || ex.Title != tt.wantTitle || ex.MediaType != tt.wantType {
			t.Errorf("add %s = %s %s %q %s, want %s %s %q %s", tt.file, ex.Ref, ex.Kind, ex.Title, ex.MediaType,
				tt.wantRef, tt.wantKind, tt.wantTitle, tt.wantType)
		}
		if ex.Size != int64(len(tt.data)) || ex.Filename != tt.file {
			t.Errorf("add %s: size %d filename %q", tt.file, ex.Size, ex.Filename)
		}
		got, _, err := c.ReadOriginal(ctx, ex.Ref)
		if err != nil || !bytes.Equal(got, tt.data) {
			t.Errorf("original of %s differs: %v", ex.Ref, err)
		}
	}
	exs, _ := c.Exhibits(ctx)
	if len(exs) != 3 || exs[2].Source != "Zoë Okafor" || exs[2].Obtained != "2015-06-09" {
		t.Fatalf("exhibits = %+v", exs)
	}
}

func TestAddDuplicateChangesNothing(t *testing.T) {
	ctx := context.Background()
	c := TestCase(t)
	data := []byte("the same bytes")
	first, err := c.Add(ctx, TestFile(t, "a.txt", data), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	before := countRows(t, c, "custody")
	_, err = c.Add(ctx, TestFile(t, "copy of a.txt", data), Meta{})
	var dup *DuplicateError
	if !errors.As(err, &dup) || !errors.Is(err, ErrDuplicate) || dup.Ref != first.Ref {
		t.Fatalf("err = %v, want duplicate of %s", err, first.Ref)
	}
	if !strings.Contains(err.Error(), "copy of a.txt is already in the case as LW/1") {
		t.Errorf("message %q", err)
	}
	for table, want := range map[string]int{"exhibits": 1, "blobs": 1, "custody": before} {
		if n := countRows(t, c, table); n != want {
			t.Errorf("%s has %d rows, want %d", table, n, want)
		}
	}
	if n := countRows(t, c, "chunks"); n != 1 {
		t.Errorf("chunks = %d, want 1", n)
	}
}

func TestAddBadInputChangesNothing(t *testing.T) {
	ctx := context.Background()
	c := TestCase(t)
	dir := t.TempDir()
	tests := []struct {
		name string
		path string
		meta Meta
		want error
	}{
		{"missing file", filepath.Join(dir, "missing.png"), Meta{}, os.ErrNotExist},
		{"folder", dir, Meta{}, ErrInvalid},
		{"empty file", TestFile(t, "empty.txt", nil), Meta{}, ErrInvalid},
		{"bad date", TestFile(t, "a.txt", []byte("a")), Meta{Obtained: "8/6/2015"}, ErrInvalid},
		{"bad kind", TestFile(t, "b.txt", []byte("b")), Meta{Kind: "poster"}, ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.Add(ctx, tt.path, tt.meta)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if tt.want != ErrInvalid || tt.name == "folder" || tt.name == "empty file" {
				if !strings.Contains(err.Error(), tt.path) {
					t.Errorf("error %q does not name the file", err)
				}
			}
		})
	}
	if n := countRows(t, c, "exhibits") + countRows(t, c, "chunks") + countRows(t, c, "blobs"); n != 0 {
		t.Fatalf("bad input left %d rows", n)
	}
}

// cancelAfter cancels its context once n bytes have been read.
type cancelAfter struct {
	r      io.Reader
	n      int64
	cancel context.CancelFunc
}

func (c *cancelAfter) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	c.n -= int64(k)
	if c.n <= 0 {
		c.cancel()
	}
	return k, err
}

func TestAddCancelledLeavesNothing(t *testing.T) {
	c := TestCase(t)
	ctx, cancel := context.WithCancel(context.Background())
	src := io.LimitReader(rand.New(rand.NewSource(1)), 20*chunkSize)
	_, err := c.AddReader(ctx, &cancelAfter{r: src, n: 5 * chunkSize, cancel: cancel}, "big.bin", 20*chunkSize, Meta{}, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if n := countRows(t, c, "chunks") + countRows(t, c, "exhibits") + countRows(t, c, "blobs"); n != 0 {
		t.Fatalf("cancelled add left %d rows", n)
	}
	if n := countRows(t, c, "custody"); n != 1 {
		t.Fatalf("custody has %d events, want 1", n)
	}
}

func TestMultiChunkRoundTripAndProgress(t *testing.T) {
	ctx := context.Background()
	c := TestCase(t)
	data := make([]byte, 3*chunkSize+12345)
	rand.New(rand.NewSource(7)).Read(data)
	var last int64
	calls := 0
	ex, err := c.AddFile(ctx, TestFile(t, "big.bin", data), Meta{}, func(done, total int64) {
		if done < last || total != int64(len(data)) {
			t.Errorf("progress went %d -> %d of %d", last, done, total)
		}
		last = done
		calls++
	})
	if err != nil {
		t.Fatal(err)
	}
	if last != int64(len(data)) || calls != 4 {
		t.Errorf("progress ended at %d after %d calls", last, calls)
	}
	out := filepath.Join(t.TempDir(), "out.bin")
	if _, err := c.Extract(ctx, ex.Ref, out, false); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(out)
	if !bytes.Equal(got, data) {
		t.Fatal("extracted bytes differ from the original")
	}
	if _, err := c.Extract(ctx, ex.Ref, out, false); !errors.Is(err, ErrExists) {
		t.Fatalf("extract over existing file: %v", err)
	}
	if _, err := c.Extract(ctx, "LW/99", filepath.Join(t.TempDir(), "x"), false); !errors.Is(err, ErrUnknownExhibit) {
		t.Fatalf("extract unknown exhibit: %v", err)
	}
}

func TestNormalizeRef(t *testing.T) {
	c := TestCase(t)
	for in, want := range map[string]string{
		"LW/3": "LW/3", "lw3": "LW/3", " lw / 3 ": "LW/3", "3": "LW/3", "003": "LW/3", "XY/3": "XY/3",
	} {
		if got := c.NormalizeRef(in); got != want {
			t.Errorf("NormalizeRef(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDescribeRecordsChanges(t *testing.T) {
	ctx := context.Background()
	c := TestCase(t)
	ex, _ := c.Add(ctx, TestFile(t, "s.png", []byte("\x89PNG\r\n\x1a\nxx")), Meta{})
	m := ex.Meta
	m.Title, m.Source = "Text to Maureen", "Maureen Baptiste"
	if _, err := c.Describe(ctx, "lw1", m); err != nil {
		t.Fatal(err)
	}
	// Saving the same values again records nothing.
	if _, err := c.Describe(ctx, "LW/1", m); err != nil {
		t.Fatal(err)
	}
	log, _ := c.Log(ctx)
	last := log[len(log)-1]
	if len(log) != 3 || last.Action != ActionDescribed || last.Exhibit != "LW/1" {
		t.Fatalf("log = %+v", log)
	}
	want := `{"changes":{"source":{"from":"","to":"Maureen Baptiste"},"title":{"from":"s","to":"Text to Maureen"}}}`
	if string(last.Detail) != want {
		t.Errorf("detail = %s\nwant     %s", last.Detail, want)
	}
	if _, err := c.Describe(ctx, "LW/1", Meta{Kind: KindOther}); !errors.Is(err, ErrInvalid) {
		t.Errorf("empty title: %v", err)
	}
	if _, err := c.Describe(ctx, "LW/7", m); !errors.Is(err, ErrUnknownExhibit) {
		t.Errorf("unknown exhibit: %v", err)
	}
}

func TestTriggersKeepOriginalsAndCustody(t *testing.T) {
	ctx := context.Background()
	c := TestCase(t)
	c.Add(ctx, TestFile(t, "a.txt", []byte("abc")), Meta{})
	for _, q := range []string{
		"UPDATE chunks SET data = x'00'",
		"DELETE FROM chunks",
		"UPDATE blobs SET sha256 = 'x'",
		"DELETE FROM blobs",
		"UPDATE custody SET actor = 'Mallory'",
		"DELETE FROM custody WHERE seq = 2",
		"DELETE FROM exhibits",
		"UPDATE exhibits SET ref = 'LW/9'",
		"UPDATE exhibits SET blob_id = 2",
	} {
		if _, err := c.db.Exec(q); err == nil {
			t.Errorf("%s succeeded; it must be refused", q)
		}
	}
	if rep, err := c.Verify(ctx, nil); err != nil || !rep.OK() {
		t.Fatalf("verify after refused writes: %+v %v", rep, err)
	}
}

func TestTwoWritersBothSucceed(t *testing.T) {
	ctx := context.Background()
	a := TestCase(t)
	b, err := Open(a.Path(), Options{Actor: "Second Window"})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	errs := make(chan error, 20)
	for i := 0; i < 10; i++ {
		go func(i int) {
			_, err := a.AddReader(ctx, strings.NewReader(strings.Repeat("a", i+1)), "a.txt", -1, Meta{}, nil)
			errs <- err
		}(i)
		go func(i int) {
			_, err := b.AddReader(ctx, strings.NewReader(strings.Repeat("b", i+1)), "b.txt", -1, Meta{}, nil)
			errs <- err
		}(i)
	}
	for i := 0; i < 20; i++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	exs, _ := a.Exhibits(ctx)
	if len(exs) != 20 || exs[19].Ref != "LW/20" {
		t.Fatalf("%d exhibits, last %s", len(exs), exs[len(exs)-1].Ref)
	}
	if rep, err := b.Verify(ctx, nil); err != nil || !rep.OK() || rep.Events != 21 {
		t.Fatalf("verify: %+v %v", rep, err)
	}
}

func TestBusyCaseSaysInUse(t *testing.T) {
	old := BusyTimeout
	BusyTimeout = 100 * time.Millisecond
	defer func() { BusyTimeout = old }()
	ctx := context.Background()
	a := TestCase(t)
	b, err := Open(a.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	tx, err := a.db.BeginTx(ctx, nil) // holds the write lock, like a long intake
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	_, err = b.AddReader(ctx, strings.NewReader("x"), "x.txt", 1, Meta{}, nil)
	if !errors.Is(err, ErrInUse) {
		t.Fatalf("err = %v, want ErrInUse", err)
	}
	// Reading still works while another program writes.
	if _, err := b.Exhibits(ctx); err != nil {
		t.Fatalf("read while busy: %v", err)
	}
}

func TestSettings(t *testing.T) {
	ctx := context.Background()
	c := TestCase(t)
	if err := c.SetSetting(ctx, SettingOrganisation, "Northfield Homes"); err != nil {
		t.Fatal(err)
	}
	if v, _ := c.Setting(ctx, SettingOrganisation); v != "Northfield Homes" {
		t.Fatalf("got %q", v)
	}
	c.SetSetting(ctx, SettingOrganisation, "")
	if all, _ := c.Settings(ctx); len(all) != 0 {
		t.Fatalf("settings = %v", all)
	}
}
