//go:build linux || darwin

package casefile

import (
	"errors"
	"os"
	"syscall"
)

// syncDir flushes a folder's entries to the disk, so that a file renamed
// or linked into it is still there after a power cut.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		return err // EINVAL: a file system that cannot sync folders
	}
	return nil
}

// dirWritable reports whether new files can be made in dir. access(2)
// answers for read-only mounts and for permissions alike, without making
// anything.
func dirWritable(dir string) bool {
	return syscall.Access(dir, 0x2 /* W_OK */) == nil
}

// isReadOnlyFS reports whether err says the file system is mounted
// read-only.
func isReadOnlyFS(err error) bool { return errors.Is(err, syscall.EROFS) }

// freeSpace is how many bytes can still be written to the file system
// holding path, or -1 if that cannot be known.
func freeSpace(path string) int64 {
	var st syscall.Statfs_t
	if err := syscall.Statfs(path, &st); err != nil {
		return -1
	}
	return int64(st.Bavail) * int64(st.Bsize)
}

// openNoWait opens path for reading without waiting: a named pipe with no
// writer would otherwise block open(2) forever.
func openNoWait(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
