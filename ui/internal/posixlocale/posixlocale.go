// Package posixlocale keeps Fyne quiet under the "C" and "POSIX" locales.
//
// Fyne asks github.com/jeandeaual/go-locale for the user's language. That
// library special-cases LANG=C but not LANG=C.UTF-8, the default in many
// containers and minimal installs: it reports a language called "C", and
// Fyne logs three "Error parsing user locale C" lines on every start,
// including every headless CLI verb. For such locales the library takes
// the language from LANGUAGE, so this package sets LANGUAGE=en when it is
// unset. LANGUAGE only chooses the language of messages, which is what the
// C locale means anyway; LC_ALL, LC_CTYPE and LANG, which other programs
// use for text encoding, are left alone.
//
// It does its work in init, and must run before fyne.io/fyne/v2/lang is
// initialised. Go (1.21 and later) initialises packages in import-path
// order among those whose imports are ready; this package needs only os
// and strings, and "dossier/..." sorts before "fyne.io/...", so importing
// it anywhere in the program is enough.
package posixlocale

import (
	"os"
	"strings"
)

func init() { apply(os.Getenv, os.Setenv) }

func apply(getenv func(string) string, setenv func(string, string) error) {
	if getenv("LANGUAGE") != "" {
		return
	}
	var loc string
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if loc = getenv(k); loc != "" {
			break
		}
	}
	base, _, _ := strings.Cut(loc, ".")
	if base == "C" || base == "POSIX" {
		setenv("LANGUAGE", "en")
	}
}
