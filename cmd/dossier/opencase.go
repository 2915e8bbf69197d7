package main

import (
	"fmt"
	"os"

	"dossier/casefile"
)

// openCase opens the case at path as actor by ("" = DOSSIER_USER, then the
// operating system user). A missing file gets a message of its own because
// casefile would report it as an open error.
func openCase(path, by string) (*casefile.Case, error) {
	if _, err := os.Stat(path); err != nil {
		if os.IsNotExist(err) {
			return nil, fmt.Errorf("%s: no such case file", path)
		}
		return nil, err
	}
	return casefile.Open(path, casefile.Options{Actor: by})
}

// byUsage documents the --by flag every writing verb has.
const byUsage = "`NAME` of the person doing this, recorded in custody (default $DOSSIER_USER, then the system user)"
