package casefile

import (
	"os"

	"golang.org/x/sys/unix"
)

// writeback asks the kernel to start writing a file's dirty pages to the
// disk while more are being written, without waiting for it. A large
// intake otherwise leaves a gigabyte in the page cache for the commit's
// fsync to write in one go after everything else is done; started early,
// the disk works while the file is still being read and hashed.
type writeback struct{ f *os.File }

func startWriteback(path string) *writeback {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	return &writeback{f}
}

// kick starts writing back what is dirty now.
func (w *writeback) kick() {
	if w != nil {
		unix.SyncFileRange(int(w.f.Fd()), 0, 0, unix.SYNC_FILE_RANGE_WRITE)
	}
}

func (w *writeback) close() {
	if w != nil {
		w.f.Close()
	}
}
