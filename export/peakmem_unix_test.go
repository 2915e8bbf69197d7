//go:build unix

package export

import (
	"syscall"
	"testing"
)

// reportPeakMemory reports the peak resident memory of the test process,
// in MB. It is the peak over the process's life: run one benchmark at a
// time to read it for that benchmark alone.
func reportPeakMemory(b *testing.B) {
	var self syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &self) == nil {
		b.ReportMetric(float64(self.Maxrss)/1024, "peak-MB")
	}
}
