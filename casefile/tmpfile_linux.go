package casefile

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// createUnnamed makes a file in dir that has no name until linkUnnamed
// gives it one (O_TMPFILE): a process killed while writing it leaves
// nothing behind. Some file systems (FAT on a USB stick) cannot; the
// caller then falls back to a named temporary file.
func createUnnamed(dir string) (*os.File, error) {
	fd, err := unix.Open(dir, unix.O_TMPFILE|unix.O_WRONLY|unix.O_CLOEXEC, 0o644)
	if err != nil {
		return nil, err
	}
	return os.NewFile(uintptr(fd), dir), nil
}

// linkUnnamed gives the unnamed file f the name path, failing if path
// exists.
func linkUnnamed(f *os.File, path string) error {
	err := unix.Linkat(unix.AT_FDCWD, fmt.Sprintf("/proc/self/fd/%d", f.Fd()), unix.AT_FDCWD, path, unix.AT_SYMLINK_FOLLOW)
	if err != nil {
		return &os.LinkError{Op: "link", Old: f.Name(), New: path, Err: err}
	}
	return nil
}
