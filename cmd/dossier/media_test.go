//go:build linux || darwin

package main

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"dossier/casefile"
	"dossier/internal/mediatest"
)

// dossierBin is this test binary under the name "dossier", which
// testscript.Main (see TestMain) runs as the dossier command.
func dossierBin(t testing.TB) string {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "dossier")
	if err := os.Symlink(self, bin); err != nil {
		t.Fatal(err)
	}
	return bin
}

var binOnce = map[*testing.T]string{}

// run runs dossier with args as a process and returns its exit code,
// stdout and stderr.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	bin, ok := binOnce[t]
	if !ok {
		bin = dossierBin(t)
		binOnce[t] = bin
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Env = append(os.Environ(), "DOSSIER_USER=Test Person")
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0, stdout.String(), stderr.String()
	case errors.As(err, &ee):
		return ee.ExitCode(), stdout.String(), stderr.String()
	}
	t.Fatalf("dossier %s: %v", strings.Join(args, " "), err)
	return 0, "", ""
}

// mustRun runs dossier and fails the test unless it exits 0.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errs := run(t, args...)
	if code != 0 {
		t.Fatalf("dossier %s: exit %d: %s", strings.Join(args, " "), code, errs)
	}
	return out
}

// smallCase makes a case with a sheet, its rows, a message and a link.
func smallCase(t *testing.T, dir string) string {
	t.Helper()
	c := filepath.Join(dir, "case.dossier")
	src := t.TempDir()
	sheet := filepath.Join(src, "sheet.csv")
	os.WriteFile(sheet, []byte("UPRN,Address,Name,Phone\n100023456701,\"Flat 1, Kestrel House\",Zoe Okafor,07700 900123\n"), 0o644)
	shot := filepath.Join(src, "text.txt")
	os.WriteFile(shot, []byte("Vote Northfield Forward on Thursday"), 0o644)
	mustRun(t, "new", c, "--title", "Media", "--prefix", "LW")
	mustRun(t, "rows", "import", c, sheet)
	mustRun(t, "add", c, shot, "--kind", "screenshot")
	mustRun(t, "msg", "add", c, "--exhibit", "LW/2", "--to", "07700 900123", "--from", "Northfield Forward", "--at", "08/06/2015 09:00", "--body", "Vote on Thursday")
	mustRun(t, "link", "auto", c)
	return c
}

// caseFingerprint is the case file's SHA-256 and modification time, and
// its folder's listing.
func caseFingerprint(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(path)
	es, _ := os.ReadDir(filepath.Dir(path))
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return fmt.Sprintf("%x %d %s", sha256.Sum256(b), st.ModTime().UnixNano(), strings.Join(names, ","))
}

// lookingVerbs are the verbs that only look at a case.
func lookingVerbs(c string) [][]string {
	return [][]string{
		{"list", c}, {"list", c, "--json"}, {"show", c, "LW/1"}, {"log", c}, {"log", c, "--json"},
		{"verify", c}, {"rows", "list", c}, {"msg", "list", c}, {"link", "list", c},
		{"link", "list", c, "--gaps"}, {"marks", "list", c}, {"steps", c}, {"case", c},
		{"export", c, "--dry-run", "--date", "2015-07-20"}, {"letter", "fields", c},
	}
}

func TestLookingVerbsLeaveTheCaseByteIdentical(t *testing.T) {
	c := smallCase(t, t.TempDir())
	before := caseFingerprint(t, c)
	time.Sleep(10 * time.Millisecond) // a write would now show in the modification time
	for _, args := range lookingVerbs(c) {
		mustRun(t, args...)
		if after := caseFingerprint(t, c); after != before {
			t.Fatalf("dossier %s changed the case:\n%s\n%s", strings.Join(args, " "), before, after)
		}
	}
	if _, out, _ := run(t, "verify", c, "--record"); !strings.Contains(out, "recorded in the custody log") {
		t.Fatalf("verify --record said %q", out)
	}
	if caseFingerprint(t, c) == before {
		t.Fatal("verify --record changed nothing")
	}
}

func TestReadOnlyMedia(t *testing.T) {
	var c string
	mediatest.ReadOnly(t, func(dir string) { c = smallCase(t, dir) })
	before := caseFingerprint(t, c)
	for _, args := range lookingVerbs(c) {
		mustRun(t, args...)
	}
	out := t.TempDir()
	got := mustRun(t, "extract", c, "LW/1", "--out", filepath.Join(out, "sheet.csv"))
	if !strings.Contains(got, "not recorded in custody: the case is read-only") {
		t.Errorf("extract from read-only media said %q", got)
	}
	got = mustRun(t, "export", c, "--out", filepath.Join(out, "bundle.pdf"), "--date", "2015-07-20")
	if !strings.Contains(got, "wrote "+filepath.Join(out, "bundle.pdf")) || !strings.Contains(got, "not recorded in custody: the case is read-only") {
		t.Errorf("export from read-only media said %q", got)
	}
	for _, args := range [][]string{
		{"add", c, filepath.Join(out, "sheet.csv")},
		{"verify", c, "--record"},
		{"describe", c, "LW/1", "--title", "New title"},
	} {
		code, _, errs := run(t, args...)
		if code != 1 || !strings.Contains(errs, "read-only") || !strings.Contains(errs, "hint: copy the case to a folder you can write to") {
			t.Errorf("dossier %s on read-only media: exit %d, %q", strings.Join(args, " "), code, errs)
		}
	}
	if after := caseFingerprint(t, c); after != before {
		t.Fatalf("read-only media changed")
	}
}

func TestFullDisk(t *testing.T) {
	disk := mediatest.SmallDisk(t, 16<<20)
	c := filepath.Join(disk, "case.dossier")
	mustRun(t, "new", c, "--title", "Full", "--prefix", "LW")
	big := filepath.Join(t.TempDir(), "big.bin")
	os.WriteFile(big, bytes.Repeat([]byte("evidence"), 3<<20), 0o644) // 24 MB
	code, _, errs := run(t, "add", c, big)
	if code != 1 || !strings.Contains(errs, "disk full") || !strings.Contains(errs, "hint: free some space") {
		t.Fatalf("add onto a full disk: exit %d, %q", code, errs)
	}
	if out := mustRun(t, "verify", c); !strings.HasPrefix(out, "intact: 0 exhibits") {
		t.Fatalf("after a full disk: %q", out)
	}
	es, _ := os.ReadDir(disk)
	if len(es) != 1 {
		t.Fatalf("left beside the case: %v", es)
	}
}

func TestNonFilesAreRefusedAtOnce(t *testing.T) {
	c := smallCase(t, t.TempDir())
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	for _, args := range [][]string{
		{"add", c, fifo},
		{"rows", "import", c, fifo},
		{"msg", "import", c, fifo},
		{"export", c, "--out", filepath.Join(t.TempDir(), "b.pdf"), "--letter-file", fifo},
		{"scan", fifo},
	} {
		done := make(chan struct{})
		var code int
		var errs string
		go func() { code, _, errs = run(t, args...); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("dossier %s hangs on a named pipe", strings.Join(args, " "))
		}
		if code != 1 || !strings.Contains(errs, "is a named pipe, not a regular file") {
			t.Errorf("dossier %s: exit %d, %q", strings.Join(args, " "), code, errs)
		}
	}
	// An output that is a device is never replaced.
	dev := filepath.Join(t.TempDir(), "full")
	if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, 1<<8|7); err == nil {
		code, _, errs := run(t, "extract", c, "LW/1", "--force", "--out", dev)
		if st, _ := os.Lstat(dev); code != 1 || st.Mode()&os.ModeCharDevice == 0 || !strings.Contains(errs, "a device") {
			t.Errorf("extract --force --out DEVICE: exit %d, %q, node now %v", code, errs, st.Mode())
		}
	}
}

func TestExportChecksItsFolderBeforeTheBuild(t *testing.T) {
	c := smallCase(t, t.TempDir())
	before := caseFingerprint(t, c)
	code, _, errs := run(t, "export", c, "--out", filepath.Join(t.TempDir(), "no", "such", "bundle.pdf"))
	if code != 1 || !strings.Contains(errs, "does not exist") {
		t.Fatalf("export into a missing folder: exit %d, %q", code, errs)
	}
	if caseFingerprint(t, c) != before {
		t.Fatal("a refused export changed the case")
	}
}

// An older case is read as it is by verify and log, refused with a hint by
// the other verbs that look, and upgraded only by 'dossier upgrade' (or a
// verb that writes), as a custody event.
func TestOlderCase(t *testing.T) {
	c := filepath.Join(t.TempDir(), "old.dossier")
	casefile.TestOldCase(t, c, casefile.SchemaVersion()-1)
	before := caseFingerprint(t, c)
	code, out, errs := run(t, "verify", c)
	if code != 0 || !strings.HasPrefix(out, "intact: 0 exhibits, 1 event,") || !strings.Contains(errs, "read as it is, not upgraded") {
		t.Fatalf("verify of an older case: exit %d, %q, %q", code, out, errs)
	}
	if code, _, _ := run(t, "log", c, "--json"); code != 0 {
		t.Fatalf("log of an older case: exit %d", code)
	}
	code, _, errs = run(t, "list", c)
	if code != 1 || !strings.Contains(errs, "older version of Dossier") || !strings.Contains(errs, "hint: run 'dossier upgrade'") {
		t.Fatalf("list of an older case: exit %d, %q", code, errs)
	}
	if caseFingerprint(t, c) != before {
		t.Fatal("looking at an older case changed it")
	}
	want := fmt.Sprintf("upgraded %s from schema %d to %d; recorded in custody\n", c, casefile.SchemaVersion()-1, casefile.SchemaVersion())
	if out := mustRun(t, "upgrade", c, "--by", "Alex Marsh"); out != want {
		t.Fatalf("upgrade said %q, want %q", out, want)
	}
	if out := mustRun(t, "log", c); !strings.Contains(out, "Alex Marsh   upgraded") {
		t.Fatalf("no upgraded event by Alex Marsh in the log:\n%s", out)
	}
	if out := mustRun(t, "upgrade", c); !strings.Contains(out, "is up to date") {
		t.Fatalf("second upgrade said %q", out)
	}
	mustRun(t, "list", c)
	if out := mustRun(t, "verify", c); !strings.HasPrefix(out, "intact: 0 exhibits") {
		t.Fatalf("verify after upgrade: %q", out)
	}
}
