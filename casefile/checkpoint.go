package casefile

import (
	"context"
	"sync"
)

// checkpointer runs at most one background WAL checkpoint at a time and
// remembers if another was asked for meanwhile.
type checkpointer struct {
	mu      sync.Mutex
	running bool
	again   bool
	wg      sync.WaitGroup
}

// start runs f in the background unless it is already running, in which
// case f runs once more when the current run ends.
func (k *checkpointer) start(f func()) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.running {
		k.again = true
		return
	}
	k.running = true
	k.wg.Add(1)
	go func() {
		defer k.wg.Done()
		for {
			f()
			k.mu.Lock()
			if !k.again {
				k.running = false
				k.mu.Unlock()
				return
			}
			k.again = false
			k.mu.Unlock()
		}
	}()
}

// wait returns when no checkpoint is running.
func (k *checkpointer) wait() { k.wg.Wait() }

// checkpointNow copies what the WAL holds into the main file. PASSIVE
// never blocks readers or writers (another program's included); what it
// cannot copy now is copied by a later checkpoint or on close.
func (c *Case) checkpointNow() {
	c.db.ExecContext(context.Background(), "PRAGMA wal_checkpoint(PASSIVE)")
}
