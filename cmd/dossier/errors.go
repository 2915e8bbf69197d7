package main

import (
	"errors"
	"fmt"

	"dossier/casefile"
)

// usageError is a mistake in how dossier was called; main exits 2 and
// points at the verb's help.
type usageError struct {
	verb string // full verb name, e.g. "add" or "rows import"; "" for dossier itself
	msg  string
}

func (e *usageError) Error() string { return e.msg }

func usagef(v *verb, format string, args ...any) error {
	name := ""
	if v != nil {
		name = v.fullName()
	}
	return &usageError{verb: name, msg: fmt.Sprintf(format, args...)}
}

// hinted carries a hint specific to where the error happened.
type hinted struct {
	err  error
	hint string
}

func (h hinted) Error() string { return h.err.Error() }
func (h hinted) Unwrap() error { return h.err }

// hint says what to do next about err, or "" if nothing useful can be said.
func hint(err error) string {
	var ue *usageError
	var h hinted
	switch {
	case errors.As(err, &h):
		return h.hint
	case errors.As(err, &ue):
		if ue.verb == "" {
			return "run 'dossier help' for the list of verbs"
		}
		return fmt.Sprintf("run 'dossier help %s'", ue.verb)
	case errors.Is(err, casefile.ErrInUse):
		return "close the Dossier window or other command using this case, then try again"
	case errors.Is(err, casefile.ErrNotCaseFile):
		return "give the path of a .dossier file; 'dossier new CASE' makes one"
	case errors.Is(err, casefile.ErrNewerVersion):
		return "install the latest Dossier to open this case"
	case errors.Is(err, casefile.ErrExists):
		return "choose another name, or move the existing file away first"
	case errors.Is(err, casefile.ErrNeedsUpgrade):
		return "run 'dossier upgrade' on the case (recorded in custody); on read-only media copy it to a writable folder first"
	case errors.Is(err, casefile.ErrReadOnly):
		return "copy the case to a folder you can write to and work on the copy; verbs that only look (list, show, log, verify, extract, export) work where it is"
	case errors.Is(err, casefile.ErrDiskFull):
		return "free some space on that disk (or choose another), then try again; nothing was changed"
	case errors.Is(err, casefile.ErrNotRegular):
		return "give the path of an ordinary file, not a folder, pipe or device"
	}
	return ""
}
