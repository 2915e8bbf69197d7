//go:build linux || darwin

package casefile

import (
	"context"
	"errors"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"dossier/internal/mediatest"
)

func TestCommitsAreSyncedToDisk(t *testing.T) {
	for _, concurrent := range []bool{false, true} {
		path := filepath.Join(t.TempDir(), "c.dossier")
		c, err := Create(path, "T", "LW", Options{ConcurrentReads: concurrent})
		if err != nil {
			t.Fatal(err)
		}
		wantMode := map[bool]string{false: "delete", true: "wal"}[concurrent]
		// Every connection of the pool, not just the first.
		ctx := context.Background()
		var conns []interface{ Close() error }
		for i := 0; i < 3; i++ {
			conn, err := c.db.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			conns = append(conns, conn)
			var sync int
			var mode string
			conn.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&sync)
			conn.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode)
			if sync != 3 || mode != wantMode {
				t.Errorf("concurrent=%v conn %d: synchronous=%d journal_mode=%s; want 3 (EXTRA) and %s", concurrent, i, sync, mode, wantMode)
			}
		}
		for _, conn := range conns {
			conn.Close()
		}
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// settle must leave no transaction open on a connection going back to the
// pool, whatever COMMIT left behind.
func TestSettleEndsATransactionLeftOpen(t *testing.T) {
	c := TestCase(t)
	ctx := context.Background()
	conn, err := c.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	settle(conn)
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatalf("connection still inside a transaction after settle: %v", err)
	}
	conn.ExecContext(ctx, "ROLLBACK")
	conn.Close()
}

// fillDisk writes a file of n bytes into dir, to leave a chosen amount of
// space on a small file system.
func fillDisk(t *testing.T, dir string, n int64) string {
	t.Helper()
	p := filepath.Join(dir, "filler.bin")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(f, io.LimitReader(rand.New(rand.NewSource(1)), n)); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return p
}

// completeOnItsOwn checks that the .dossier file alone (no journal, no
// log beside it) opens, verifies and holds want exhibits.
func completeOnItsOwn(t *testing.T, path string, want int) {
	t.Helper()
	for _, s := range []string{"-journal", "-wal", "-shm"} {
		if exists(path + s) {
			t.Fatalf("%s left beside the case", s)
		}
	}
	c, err := OpenReadOnly(path, Options{})
	if err != nil {
		t.Fatalf("case does not open on its own: %v", err)
	}
	defer c.Close()
	rep, err := c.Verify(context.Background(), nil)
	if err != nil || !rep.OK() {
		t.Fatalf("case does not verify: %+v %v", rep, err)
	}
	if rep.Exhibits != want {
		t.Fatalf("%d exhibits, want %d", rep.Exhibits, want)
	}
}

func TestFullDisk(t *testing.T) {
	disk := mediatest.SmallDisk(t, 32<<20)
	path := filepath.Join(disk, "case.dossier")
	c, err := Create(path, "Full disk", "LW", Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := c.Add(ctx, TestFile(t, "small.txt", []byte("fits")), Meta{}); err != nil {
		t.Fatal(err)
	}
	filler := fillDisk(t, disk, 20<<20)

	// A file too big for the space left is refused before it is read.
	big := TestFile(t, "big.bin", make([]byte, 16<<20))
	if _, err := c.Add(ctx, big, Meta{}); !errors.Is(err, ErrDiskFull) || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("add of a file bigger than the space left: %v, want disk full", err)
	}
	// Of unknown size, it is caught by SQLite mid-write and undone.
	src := io.LimitReader(rand.New(rand.NewSource(2)), 16<<20)
	if _, err := c.AddReader(ctx, src, "stream.bin", -1, Meta{}, nil); !errors.Is(err, ErrDiskFull) {
		t.Fatalf("add that fills the disk: %v, want ErrDiskFull", err)
	}
	if err := c.Close(); err != nil {
		t.Fatalf("close after a full disk: %v", err)
	}
	completeOnItsOwn(t, path, 1)

	// Creating a case on the full disk leaves nothing behind.
	f, _ := os.Create(filepath.Join(disk, "rest.bin"))
	io.Copy(f, io.LimitReader(rand.New(rand.NewSource(3)), 32<<20))
	f.Close()
	if _, err := Create(filepath.Join(disk, "new.dossier"), "T", "LW", Options{}); !errors.Is(err, ErrDiskFull) {
		t.Fatalf("create on a full disk: %v, want ErrDiskFull", err)
	}
	assertOnly(t, disk, "case.dossier", "filler.bin", "rest.bin")
	os.Remove(filepath.Join(disk, "rest.bin"))
	os.Remove(filler)

	// Space freed, the same case takes the file.
	c, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Add(ctx, big, Meta{}); err != nil {
		t.Fatalf("add after space was freed: %v", err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	completeOnItsOwn(t, path, 2)
}

// In write-ahead-log mode (the app) the log can take a change the case
// file then has no room for: Close says so instead of staying silent, and
// the change is folded in once there is room.
func TestFullDiskDuringCheckpointIsReported(t *testing.T) {
	disk := mediatest.SmallDisk(t, 32<<20)
	path := filepath.Join(disk, "case.dossier")
	c, err := Create(path, "Full disk", "LW", Options{ConcurrentReads: true})
	if err != nil {
		t.Fatal(err)
	}
	filler := fillDisk(t, disk, 14<<20)
	ctx := context.Background()
	// Known size: refused up front, as it needs room twice over.
	big := TestFile(t, "big.bin", make([]byte, 10<<20))
	if _, err := c.Add(ctx, big, Meta{}); !errors.Is(err, ErrDiskFull) {
		t.Fatalf("add in WAL mode without room for log and file: %v, want ErrDiskFull", err)
	}
	// Unknown size: the log takes it, the case file cannot.
	src := io.LimitReader(rand.New(rand.NewSource(2)), 10<<20)
	if _, err := c.AddReader(ctx, src, "stream.bin", -1, Meta{}, nil); err != nil {
		t.Fatalf("add into the log: %v", err)
	}
	if err := c.Close(); !errors.Is(err, ErrDiskFull) {
		t.Fatalf("Close = %v, want ErrDiskFull from the checkpoint", err)
	}
	os.Remove(filler)
	c, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	completeOnItsOwn(t, path, 1)
}

// Where no small file system can be mounted, a write error is injected
// instead: a child process limited in file size (RLIMIT_FSIZE) adds a file
// that cannot fit, and must fail with "disk full", exit 1, and leave the
// case complete on its own.
func TestInjectedWriteError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "case.dossier")
	c, err := Create(path, "Injected", "LW", Options{})
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	st, _ := os.Stat(path)
	src := TestFile(t, "big.bin", make([]byte, 8<<20))
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"=add-limited", childCaseEnv+"="+path, childArgEnv+"="+src,
		"DOSSIER_FSIZE_LIMIT="+strconv.FormatInt(st.Size()+2<<20, 10))
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Fatalf("child: %v, want exit 1; output %s", err, out)
	}
	if !strings.Contains(string(out), "disk full") {
		t.Fatalf("child said %q, want disk full", out)
	}
	completeOnItsOwn(t, path, 0)
}

// addLimitedChild is the child of TestInjectedWriteError.
func addLimitedChild(path, src string) int {
	n, _ := strconv.ParseUint(os.Getenv("DOSSIER_FSIZE_LIMIT"), 10, 64)
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: n, Max: n}); err != nil {
		os.Stdout.WriteString("setrlimit: " + err.Error())
		return 3
	}
	c, err := Open(path, Options{})
	if err != nil {
		os.Stdout.WriteString(err.Error())
		return 3
	}
	f, err := os.Open(src)
	if err != nil {
		return 3
	}
	// Size unknown, so the check before intake cannot catch it: the
	// write itself fails.
	_, err = c.AddReader(context.Background(), f, "big.bin", -1, Meta{}, nil)
	if cerr := c.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Stdout.WriteString(err.Error())
		return 1
	}
	return 0
}
