package casefile

import (
	"context"
	"errors"
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

// wal reports whether the case was in write-ahead-log mode when opened
// (Options.ConcurrentReads, or another program holding it so).
func (c *Case) wal() bool { return c.walMode }

// checkpointNow copies what the WAL holds into the main file while the
// case is open. PASSIVE never blocks readers or writers (another
// program's included); what it cannot copy now, or fails to copy (a full
// disk), is copied by a later checkpoint and always by Close, which
// reports the failure.
func (c *Case) checkpointNow() {
	c.db.ExecContext(context.Background(), "PRAGMA wal_checkpoint(PASSIVE)")
}

// foldLog, on close, copies the whole write-ahead log into the case file
// and empties it, then returns the file to rollback-journal mode if this
// Case put it in WAL mode; it does nothing for a case in rollback mode.
//
// An error copying (a full disk, an I/O error) is returned. Another
// program still reading the case is not an error: every commit is
// already synced in the log, and that program, or the next to open the
// case, folds it in.
func (c *Case) foldLog() error {
	ctx := context.Background()
	var mode string
	if err := c.db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return dbErr(err)
	}
	if mode != "wal" {
		return nil
	}
	var busy, logFrames, copied int
	err := c.db.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logFrames, &copied)
	if err != nil {
		if err := dbErr(err); !errors.Is(err, ErrInUse) {
			return err
		}
		return nil
	}
	if busy != 0 || !c.concurrent {
		return nil
	}
	// Back to rollback mode, so that the file can be read without a -wal
	// and -shm made beside it. The switch needs the file to itself: the
	// pool's idle connections each hold a shared lock in WAL mode.
	c.db.SetMaxIdleConns(0)
	c.db.SetMaxIdleConns(1)
	if _, err := c.db.ExecContext(ctx, "PRAGMA journal_mode = DELETE"); err != nil {
		if err := dbErr(err); !errors.Is(err, ErrInUse) {
			return err
		}
	}
	return nil
}
