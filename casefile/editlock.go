package casefile

import (
	"errors"
	"fmt"
	"os"
	"sync"
)

// ErrOpenElsewhere means another Dossier window or program holds the case
// open for editing (see LockForEditing).
var ErrOpenElsewhere = errors.New("case is open for editing in another Dossier window")

// LockSuffix ends the name of the file beside a case that LockForEditing
// locks, as SQLite's own -wal, -shm and -journal files end theirs.
const LockSuffix = "-lock"

// EditLock is held while a window edits a case; Release lets go of it.
type EditLock struct {
	f    *os.File
	path string
	once sync.Once
}

// LockForEditing takes the case at path for one window's editing. SQLite
// lets two programs write one case in turn, so nothing breaks when two
// windows have it open; but each window shows what it read, and a person
// editing in one would not see the other's changes. The app therefore
// opens a case that another window holds (ErrOpenElsewhere) read-only,
// and says so. The lock is the operating system's, on the file
// path+LockSuffix: it goes when the program ends, however it ends, so a
// crash never leaves a case locked. Commands that run once do not take
// it. A folder that cannot be written gives the error of creating the
// file there (the case then opens read-only anyway).
func LockForEditing(path string) (*EditLock, error) {
	name := path + LockSuffix
	for range 3 {
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("lock %s: %w", path, fileErr(err))
		}
		if err := lockFile(f); err != nil {
			f.Close()
			if errors.Is(err, errLocked) {
				return nil, fmt.Errorf("%s: %w", path, ErrOpenElsewhere)
			}
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		// The holder before us may have removed the file between our
		// open and our lock: then we hold a lock nobody else can see.
		if sameFile(f, name) {
			return &EditLock{f: f, path: name}, nil
		}
		f.Close()
	}
	return nil, fmt.Errorf("%s: %w", path, ErrOpenElsewhere)
}

// Release lets go of the lock and removes its file. Calling it again does
// nothing.
func (l *EditLock) Release() {
	if l == nil {
		return
	}
	l.once.Do(func() {
		// Removed while still locked, so no one locks the old file after
		// us believing it is the current one (see sameFile).
		os.Remove(l.path)
		l.f.Close()
	})
}

func sameFile(f *os.File, name string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(name)
	return err == nil && os.SameFile(a, b)
}

var errLocked = errors.New("locked")
