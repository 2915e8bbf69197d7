// Command gen writes the big fictional case of package bigcase, so that
// whole commands can be timed on it:
//
//	go run ./internal/bigcase/gen -rows 100000 big.dossier
//	dossier marks suggest big.dossier
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"dossier/internal/bigcase"
)

func main() {
	var o bigcase.Options
	flag.IntVar(&o.Rows, "rows", 100000, "rows on the data sheet")
	flag.IntVar(&o.Screenshots, "shots", 20, "screenshots of text messages")
	flag.IntVar(&o.MessagesPerShot, "per-shot", 5, "messages on each screenshot")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: gen [-rows N] [-shots N] [-per-shot N] CASE.dossier")
		os.Exit(2)
	}
	if err := bigcase.Build(context.Background(), flag.Arg(0), o); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
