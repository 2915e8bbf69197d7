// Package mediatest gives tests the storage that breaks programs in the
// field: a small disk that fills up, and read-only media (a locked USB
// stick, a write-protected share).
//
// Both need a file system mounted for the test, which needs root (or
// mount permission in a container). Where mounting is impossible the test
// is skipped with the reason; such tests should be paired with one that
// injects the same failure another way, so the behaviour is never left
// untested.
package mediatest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// SmallDisk mounts an empty file system of size bytes (a tmpfs) at a new
// folder and unmounts it when the test ends. Writes beyond its size fail
// with ENOSPC, as on a full disk.
func SmallDisk(t testing.TB, size int64) string {
	t.Helper()
	dir := t.TempDir()
	out, err := exec.Command("mount", "-t", "tmpfs", "-o", fmt.Sprintf("size=%d", size), "tmpfs", dir).CombinedOutput()
	if err != nil {
		t.Skipf("cannot mount a small file system here (needs root and mount permission): %v %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", dir, err, out)
		}
	})
	return dir
}

// ReadOnly gives a folder that cannot be written, after populate has
// filled it. As root, whom permissions do not stop, it is a file system
// remounted read-only; as anyone else, a folder and files without write
// permission.
func ReadOnly(t testing.TB, populate func(dir string)) string {
	t.Helper()
	if os.Geteuid() != 0 {
		dir := t.TempDir()
		populate(dir)
		es, _ := os.ReadDir(dir)
		for _, e := range es {
			os.Chmod(filepath.Join(dir, e.Name()), 0o444)
		}
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		return dir
	}
	dir := SmallDisk(t, 256<<20)
	populate(dir)
	if out, err := exec.Command("mount", "-o", "remount,ro", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot remount read-only: %v %s", err, out)
	}
	return dir
}
