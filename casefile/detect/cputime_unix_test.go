//go:build unix

package detect

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time this process has used, so benchmarks on a
// busy machine can report cost apart from waiting for a core.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
