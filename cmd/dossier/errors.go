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
	}
	return ""
}
