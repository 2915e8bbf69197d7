//go:build linux || darwin

package casefile

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// mkfifo makes a named pipe that nobody writes to: reading it would wait
// forever.
func mkfifo(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "pipe.csv")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	return p
}

// within fails the test if f has not returned after d: a hang on a pipe
// is the bug these tests guard against.
func within(t *testing.T, d time.Duration, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { f(); close(done) }()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("still waiting after %v (reading a pipe?)", d)
	}
}

func TestInputsThatAreNotFilesAreRefusedAtOnce(t *testing.T) {
	fifo := mkfifo(t)
	inputs := map[string]struct{ path, what string }{
		"named pipe": {fifo, "a named pipe"},
		"device":     {os.DevNull, "a device"},
		"folder":     {t.TempDir(), "a folder"},
	}
	c := TestCase(t)
	ctx := context.Background()
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			calls := map[string]func() error{
				"OpenInput": func() error {
					f, _, err := OpenInput(in.path)
					if f != nil {
						f.Close()
					}
					return err
				},
				"ReadInput":      func() error { _, err := ReadInput(in.path); return err },
				"AddFile":        func() error { _, err := c.AddFile(ctx, in.path, Meta{}, nil); return err },
				"ImportRows":     func() error { _, err := c.ImportRows(ctx, in.path, ImportOptions{}); return err },
				"ImportMessages": func() error { _, err := c.ImportMessages(ctx, in.path); return err },
			}
			for call, f := range calls {
				var err error
				within(t, 5*time.Second, func() { err = f() })
				if !errors.Is(err, ErrNotRegular) || !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), in.what) {
					t.Errorf("%s(%s) = %v, want a refusal naming %s", call, name, err, in.what)
				}
			}
		})
	}
	if exs, _ := c.Exhibits(ctx); len(exs) != 0 {
		t.Fatalf("%d exhibits added from non-files", len(exs))
	}
	f, st, err := OpenInput(TestFile(t, "ok.txt", []byte("fine")))
	if err != nil || st.Size() != 4 {
		t.Fatalf("OpenInput of a file: %v", err)
	}
	f.Close()
}

// mknodFull makes a character device like /dev/full in a test folder (root
// only), so that a test can see whether something renames over it.
func mknodFull(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "full")
	if err := syscall.Mknod(p, syscall.S_IFCHR|0o666, 1<<8|7); err != nil {
		t.Skipf("cannot make a device node (needs root): %v", err)
	}
	return p
}

func TestOutputsThatAreNotFilesAreRefused(t *testing.T) {
	write := func(w io.Writer) error { _, err := io.WriteString(w, "data"); return err }
	for _, tc := range []struct {
		name string
		path func(*testing.T) string
		mode os.FileMode
	}{
		{"named pipe", mkfifo, os.ModeNamedPipe},
		{"device", mknodFull, os.ModeCharDevice},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.path(t)
			err := WriteFileAtomic(path, write)
			if !errors.Is(err, ErrNotRegular) {
				t.Errorf("WriteFileAtomic over %s: %v, want ErrNotRegular", tc.name, err)
			}
			if err := CheckOutput(path, true, 0); !errors.Is(err, ErrNotRegular) {
				t.Errorf("CheckOutput(%s, overwrite): %v, want ErrNotRegular", tc.name, err)
			}
			c := TestCase(t)
			ctx := context.Background()
			if _, err := c.Add(ctx, TestFile(t, "a.txt", []byte("original")), Meta{}); err != nil {
				t.Fatal(err)
			}
			if _, err := c.Extract(ctx, "LW/1", path, true); !errors.Is(err, ErrNotRegular) {
				t.Errorf("Extract --force over %s: %v, want ErrNotRegular", tc.name, err)
			}
			if st, err := os.Lstat(path); err != nil || st.Mode()&tc.mode == 0 {
				t.Fatalf("%s was replaced: %v %v", tc.name, st.Mode(), err)
			}
			if log, _ := c.Log(ctx); log[len(log)-1].Action == ActionExtracted {
				t.Error("a refused extraction was recorded")
			}
		})
	}
}

func TestCheckOutput(t *testing.T) {
	dir := t.TempDir()
	existing := TestFile(t, "there.pdf", []byte("x"))
	for _, tc := range []struct {
		name, path string
		overwrite  bool
		need       int64
		want       error
		says       string
	}{
		{"new file", filepath.Join(dir, "new.pdf"), false, 0, nil, ""},
		{"missing folder", filepath.Join(dir, "no", "such", "b.pdf"), false, 0, nil, "does not exist"},
		{"folder is a file", filepath.Join(existing, "b.pdf"), false, 0, nil, "is not a folder"},
		{"exists", existing, false, 0, ErrExists, ""},
		{"exists, overwrite", existing, true, 0, nil, ""},
		{"is a folder", dir, true, 0, ErrNotRegular, "a folder"},
		{"no room", filepath.Join(dir, "huge.pdf"), false, 1 << 62, ErrDiskFull, "needs about"},
	} {
		err := CheckOutput(tc.path, tc.overwrite, tc.need)
		switch {
		case tc.want == nil && tc.says == "":
			if err != nil {
				t.Errorf("%s: %v", tc.name, err)
			}
		case tc.want != nil && !errors.Is(err, tc.want), tc.says != "" && (err == nil || !strings.Contains(err.Error(), tc.says)):
			t.Errorf("%s: %v, want %v %q", tc.name, err, tc.want, tc.says)
		}
	}
}

func TestWriteFileAtomicSyncsTheFolder(t *testing.T) {
	t.Run("unnamed temporary file", testWriteFileAtomic)
	unnamedFiles = false
	defer func() { unnamedFiles = true }()
	t.Run("named temporary file", testWriteFileAtomic)
}

func testWriteFileAtomic(t *testing.T) {
	var synced []string
	old := syncFolder
	syncFolder = func(dir string) error { synced = append(synced, dir); return old(dir) }
	defer func() { syncFolder = old }()
	dir := t.TempDir()
	out := filepath.Join(dir, "out.txt")
	if err := WriteFileAtomic(out, func(w io.Writer) error { _, err := io.WriteString(w, "hello"); return err }); err != nil {
		t.Fatal(err)
	}
	if len(synced) != 1 || synced[0] != dir {
		t.Fatalf("folders synced: %q, want [%q]", synced, dir)
	}
	synced = nil
	if _, err := Create(filepath.Join(dir, "c.dossier"), "T", "LW", Options{}); err != nil {
		t.Fatal(err)
	}
	if len(synced) != 1 || synced[0] != dir {
		t.Fatalf("Create synced %q, want [%q] after linking the case into place", synced, dir)
	}
	// A write that fails leaves neither the file nor a temporary one.
	boom := errors.New("boom")
	if err := WriteFileAtomic(filepath.Join(dir, "failed.txt"), func(w io.Writer) error { return boom }); !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	assertOnly(t, dir, "c.dossier", "out.txt")
	// Replacing a file leaves only the new one.
	synced = nil
	if err := WriteFileAtomic(out, func(w io.Writer) error { _, err := io.WriteString(w, "again"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(out); string(b) != "again" || len(synced) != 1 {
		t.Fatalf("replaced file holds %q; folder synced %d times", b, len(synced))
	}
	assertOnly(t, dir, "c.dossier", "out.txt")
}

// assertOnly fails unless dir holds exactly names.
func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	es, _ := os.ReadDir(dir)
	var got []string
	for _, e := range es {
		got = append(got, e.Name())
	}
	if strings.Join(got, ",") != strings.Join(names, ",") {
		t.Fatalf("%s holds %q, want %q", dir, got, names)
	}
}

// An extraction the case cannot record is not written at all.
func TestExtractRefusesWhenItCannotRecord(t *testing.T) {
	old := BusyTimeout
	BusyTimeout = 100 * time.Millisecond
	defer func() { BusyTimeout = old }()
	c := TestCase(t)
	ctx := context.Background()
	ex, err := c.Add(ctx, TestFile(t, "a.txt", []byte("original bytes")), Meta{})
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	c, err = Open(c.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// Another program holds the write lock.
	other := rawDB(t, c.Path())
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	outDir := t.TempDir()
	out := filepath.Join(outDir, "copy.txt")
	if _, err := c.Extract(ctx, ex.Ref, out, false); !errors.Is(err, ErrInUse) {
		t.Fatalf("Extract on a busy case: %v, want ErrInUse", err)
	}
	assertOnly(t, outDir)
	conn.ExecContext(ctx, "ROLLBACK")
	conn.Close()

	if _, err := c.Extract(ctx, ex.Ref, out, false); err != nil {
		t.Fatal(err)
	}
	log, _ := c.Log(ctx)
	last := log[len(log)-1]
	if last.Action != ActionExtracted || last.Exhibit != ex.Ref || !strings.Contains(string(last.Detail), ex.SHA256) {
		t.Fatalf("last event %+v, want extracted %s", last, ex.Ref)
	}
	got, _ := os.ReadFile(out)
	if sha256hex(got) != ex.SHA256 {
		t.Fatal("extracted bytes differ")
	}
	assertOnly(t, outDir, "copy.txt")
}
