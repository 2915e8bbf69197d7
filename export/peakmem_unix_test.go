//go:build unix

package export

import (
	"syscall"
	"testing"
)

// reportPeakMemory reports the peak resident memory of the test process
// and of the largest program it ran (tesseract, poppler), in MB.
func reportPeakMemory(b *testing.B) {
	var self, kids syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &self) == nil {
		b.ReportMetric(float64(self.Maxrss)/1024, "peak-MB")
	}
	if syscall.Getrusage(syscall.RUSAGE_CHILDREN, &kids) == nil {
		b.ReportMetric(float64(kids.Maxrss)/1024, "peak-tool-MB")
	}
}
