package main

import (
	"errors"
	"fmt"
	"os"

	"dossier/casefile"
)

// openCase opens the case at path for a verb that changes it, as actor by
// ("" = DOSSIER_USER, then the operating system user). A case made by an
// older Dossier is upgraded first, recorded in custody: the verb writes
// to it anyway. A missing file gets a message of its own because casefile
// would report it as an open error.
func openCase(path, by string) (*casefile.Case, error) {
	if err := caseExists(path); err != nil {
		return nil, err
	}
	return casefile.Open(path, casefile.Options{Actor: by, Upgrade: true})
}

// openCaseReadOnly opens the case at path for a verb that only looks:
// nothing is written to the file or beside it, and an older case is not
// upgraded (the verb says to run 'dossier upgrade').
func openCaseReadOnly(path string) (*casefile.Case, error) {
	if err := caseExists(path); err != nil {
		return nil, err
	}
	return casefile.OpenReadOnly(path, casefile.Options{})
}

// openCaseAsItIs is openCaseReadOnly for verbs that read only what every
// schema has (verify, log): a case made by an older Dossier is read as it
// is, not upgraded, and older reports its schema (0 when current).
func openCaseAsItIs(path string) (c *casefile.Case, older int, err error) {
	c, err = openCaseReadOnly(path)
	if !errors.Is(err, casefile.ErrNeedsUpgrade) {
		return c, 0, err
	}
	if older, err = casefile.FileSchema(path); err != nil {
		return nil, 0, err
	}
	c, err = casefile.OpenReadOnly(path, casefile.Options{ReadOlder: true})
	return c, older, err
}

// olderNote is what a verb says when it read an older case as it is.
func olderNote(older int) string {
	return fmt.Sprintf("note: this case was made by an older Dossier (schema %d, this one writes %d); it was read as it is, not upgraded ('dossier upgrade' upgrades it)",
		older, casefile.SchemaVersion())
}

// openCaseToCopy opens the case for a verb that writes a copy of what it
// holds elsewhere (extract, export) and records that in custody. A case
// that cannot be written (read-only media, a folder without write
// permission) is opened read-only instead: the copy is still made, and
// not recorded, which the verb says (see Case.ReadOnly).
func openCaseToCopy(path, by string) (*casefile.Case, error) {
	c, err := openCase(path, by)
	if errors.Is(err, casefile.ErrReadOnly) {
		return casefile.OpenReadOnly(path, casefile.Options{Actor: by})
	}
	return c, err
}

func caseExists(path string) error {
	if _, err := os.Stat(path); err != nil {
		if os.IsNotExist(err) {
			return fmt.Errorf("%s: no such case file", path)
		}
		return err
	}
	return nil
}

// notRecorded is what a copying verb adds to its report when the case
// could not record the copy.
const notRecorded = "not recorded in custody: the case is read-only"

// byUsage documents the --by flag every writing verb has.
const byUsage = "`NAME` of the person doing this, recorded in custody (default $DOSSIER_USER, then the system user)"
