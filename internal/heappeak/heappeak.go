// Package heappeak samples the Go heap while a benchmark runs, so that a
// benchmark can report the most memory the work held at once.
package heappeak

import (
	"runtime/metrics"
	"time"
)

// Sample records in *peak the largest Go heap (objects and free spans not
// yet returned) seen until stop is called; it reads the heap every 5 ms.
func Sample(peak *uint64) (stop func()) {
	done, finished := make(chan struct{}), make(chan struct{})
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"}}
	go func() {
		defer close(finished)
		for {
			metrics.Read(s)
			*peak = max(*peak, s[0].Value.Uint64()+s[1].Value.Uint64())
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	return func() { close(done); <-finished }
}
