//go:build !linux

package casefile

// writeback does nothing where the kernel offers no sync_file_range; the
// commit's fsync writes everything.
type writeback struct{}

func startWriteback(path string) *writeback { return nil }
func (w *writeback) kick()                  {}
func (w *writeback) close()                 {}
