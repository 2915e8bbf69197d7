// Command dossier is an evidence-case manager for complaints to the UK
// Information Commissioner's Office. With no arguments it opens the
// desktop app; with a verb it runs that verb headless. See 'dossier help'.
package main

import (
	"fmt"
	"os"

	"dossier/ui"
)

func main() {
	if len(os.Args) == 1 {
		if err := ui.Run(""); err != nil {
			fmt.Fprintln(os.Stderr, "dossier:", err)
			os.Exit(1)
		}
		return
	}
	fmt.Fprintln(os.Stderr, "dossier: verbs are not built yet")
	os.Exit(2)
}
