package casefile

import (
	"errors"
	"fmt"
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
