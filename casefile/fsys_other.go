//go:build !linux && !darwin

package casefile

import "os"

// syncDir does nothing where folders cannot be opened for syncing
// (Windows, where a rename is made durable by the file system itself).
func syncDir(dir string) error { return nil }

// dirWritable cannot be known here without making a file; SQLite's own
// error is reported instead.
func dirWritable(dir string) bool { return true }

// isReadOnlyFS is false: a read-only volume reports a permission error.
func isReadOnlyFS(err error) bool { return false }

// freeSpace is unknown here.
func freeSpace(path string) int64 { return -1 }

// openNoWait opens path for reading; there are no named pipes in the
// file system to wait on.
func openNoWait(path string) (*os.File, error) { return os.Open(path) }
