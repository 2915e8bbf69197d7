//go:build !linux

package casefile

import (
	"errors"
	"os"
)

var errNoUnnamed = errors.New("unnamed files are not supported here")

// createUnnamed is not available here; a named temporary file is used.
func createUnnamed(dir string) (*os.File, error) { return nil, errNoUnnamed }

func linkUnnamed(f *os.File, path string) error { return errNoUnnamed }
