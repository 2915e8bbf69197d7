package casefile

import (
	"context"
	"database/sql"
	"strings"
)

// ActionLetterSaved is the custody action for a letter written in Dossier
// and kept in the case as an exhibit: it names the template and the
// letter's SHA-256, which Verify checks against the exhibit's original.
const ActionLetterSaved = "letter-saved"

// letterClaim is what a letter-saved event says.
type letterClaim struct {
	seq         int64
	ref, sha256 string
}

// AddLetter stores text as a new exhibit named name, described by meta
// (kind letter), with its "acquired" event and a "letter-saved" event
// naming template, in one transaction. Saving the same text twice is a
// *DuplicateError naming the first exhibit.
func (c *Case) AddLetter(ctx context.Context, text, name string, meta Meta, template string) (Exhibit, error) {
	meta.Kind = KindLetter
	if err := meta.validate(); err != nil {
		return Exhibit{}, err
	}
	var ex Exhibit
	err := c.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if ex, err = c.addTx(ctx, tx, strings.NewReader(text), name, int64(len(text)), meta, nil); err != nil {
			return err
		}
		return c.appendEvent(ctx, tx, ActionLetterSaved, ex.Ref, map[string]any{"template": template, "sha256": ex.SHA256})
	})
	return ex, err
}
