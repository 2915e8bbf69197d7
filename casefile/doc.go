// Package casefile is the case file: one SQLite database per case that holds
// the original bytes of every exhibit, what is known about them, and an
// append-only, hash-chained custody log.
//
// A case is made with Create and opened with Open:
//
//	c, err := casefile.Create("leaks.dossier", "Data sheets leak", "LW", casefile.Options{Actor: "Alex"})
//	ex, err := c.Add(ctx, "sheet-1.pdf", casefile.Meta{Kind: casefile.KindSheet})
//	fmt.Println(ex.Ref) // LW/1
//	rep, err := c.Verify(ctx, nil)
//
// Originals are never changed: there is no function that rewrites them, and
// the schema's triggers refuse UPDATE and DELETE on original chunks and on
// custody events. Every change that matters to credibility appends a custody
// event whose hash covers the one before it; Verify re-hashes every original
// and recomputes the chain.
//
// The records a bundle prints besides the originals (rows, messages, links,
// marks, pseudonyms, step dates, case details) are append-only too: a
// change is a new record (a later state, or a version that supersedes
// another), and the event that adds records names them and a keyed digest
// of their content (records.go). Verify recomputes every digest, finds
// records no event names, and checks the triggers and views. Any new code
// that inserts into those tables must record what it inserts the same way.
//
// casefile is the only package of Dossier that speaks SQL. Its API talks of
// cases, exhibits and events, so another store could sit behind it.
package casefile
