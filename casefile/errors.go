package casefile

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"

	"github.com/mattn/go-sqlite3"
)

// Sentinel errors, checked with errors.Is. Functions wrap them with the file
// or exhibit they concern.
var (
	// ErrNotCaseFile means the file is not a Dossier case file (random bytes,
	// another program's SQLite database, an empty file).
	ErrNotCaseFile = errors.New("not a Dossier case file")
	// ErrNewerVersion means the case file was written by a newer Dossier.
	ErrNewerVersion = errors.New("case file was made by a newer version of Dossier")
	// ErrDamaged means the file looks like a case file but cannot be read
	// whole (truncated, corrupted pages).
	ErrDamaged = errors.New("case file is damaged")
	// ErrExists means Create was asked to overwrite an existing file.
	ErrExists = errors.New("file already exists")
	// ErrInUse means another program held the case file for longer than the
	// busy timeout.
	ErrInUse = errors.New("case is in use by another program")
	// ErrDuplicate means the same bytes are already an exhibit. The error is
	// a *DuplicateError naming that exhibit.
	ErrDuplicate = errors.New("already in the case")
	// ErrUnknownExhibit means no exhibit has the given reference.
	ErrUnknownExhibit = errors.New("no such exhibit")
	// ErrUnknownRow means no transcribed row has the given id.
	ErrUnknownRow = errors.New("no such row")
	// ErrUnknownMessage means no message has the given id.
	ErrUnknownMessage = errors.New("no such message")
	// ErrInvalid means an argument was not acceptable (empty title, bad
	// date, unknown kind); the wrapping message says which.
	ErrInvalid = errors.New("invalid input")
	// ErrReadOnly means the case cannot be changed: it was opened with
	// OpenReadOnly, or the file or its folder cannot be written (a locked
	// USB stick, a folder without write permission).
	ErrReadOnly = errors.New("case file is read-only")
	// ErrNeedsUpgrade means the case file was made by an older Dossier and
	// must be upgraded (Upgrade, or Open with Options.Upgrade) before use.
	ErrNeedsUpgrade = errors.New("case file was made by an older version of Dossier")
	// ErrDiskFull means a write could not complete for lack of space; what
	// was being written was undone, or never started.
	ErrDiskFull = errors.New("disk full")
	// ErrNotRegular means a path given as an input or an output is not an
	// ordinary file: a folder, a named pipe, a device or a socket.
	ErrNotRegular = errors.New("not a regular file")
)

// DuplicateError reports that an added file's bytes are already exhibit Ref.
type DuplicateError struct {
	Name string // the file being added
	Ref  string // the exhibit that already holds these bytes
}

func (e *DuplicateError) Error() string {
	return fmt.Sprintf("%s is already in the case as %s", e.Name, e.Ref)
}

// Is makes errors.Is(err, ErrDuplicate) true for a *DuplicateError.
func (e *DuplicateError) Is(target error) bool { return target == ErrDuplicate }

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}

// dbErr turns SQLite's own errors into ours.
func dbErr(err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) {
		if se.SystemErrno == syscall.ENOSPC || se.SystemErrno == syscall.EFBIG {
			return fmt.Errorf("%w: %v", ErrDiskFull, err)
		}
		switch se.Code {
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			return fmt.Errorf("%w: close the other Dossier window or wait for it to finish, then try again", ErrInUse)
		case sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
			return fmt.Errorf("%w: %v", ErrDamaged, err)
		case sqlite3.ErrFull:
			return fmt.Errorf("%w: %v", ErrDiskFull, err)
		case sqlite3.ErrReadonly:
			if se.ExtendedCode == sqlite3.ErrReadonlyRollback {
				return fmt.Errorf("%w: a change to it was cut off and must be undone first, which needs write access; "+
					"copy the case (with the file beside it ending in -journal) to a writable folder and open it there", ErrReadOnly)
			}
			return fmt.Errorf("%w: %v", ErrReadOnly, err)
		}
	}
	return fileErr(err)
}

// fileErr marks an operating-system error that means the disk is full
// (or the file too large for it) with ErrDiskFull, and a refusal to write
// on read-only media with ErrReadOnly.
func fileErr(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrDiskFull), errors.Is(err, ErrReadOnly):
		return err
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EFBIG):
		return fmt.Errorf("%w: %w", ErrDiskFull, err)
	}
	return err
}

// describeMode names what a non-regular file is, for messages.
func describeMode(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeCharDevice != 0, m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeIrregular != 0:
		return "not an ordinary file"
	}
	return "a file"
}
