package casefile

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sync"

	"dossier/casefile/names"
	"dossier/casefile/phone"
	"dossier/casefile/sheet"
)

// What a PhoneNote says about a phone cell.
const (
	// NoteDamaged: Excel wrote the number in scientific notation
	// ("7.7009E+09") and its last digits are lost. The row has no phone.
	NoteDamaged = "damaged by Excel"
	// NoteSeveral: the cell holds more than one number. The first is the
	// row's phone; every one is suggested for marking.
	NoteSeveral = "several numbers"
	// NoteExtension: the number has an extension, kept apart from it.
	NoteExtension = "extension"
)

// PhoneNote is a phone cell an import read with care, listed so that a
// person can check it against the sheet.
type PhoneNote struct {
	Line    int      // source line (CSV) or row (XLSX)
	Value   string   // the cell as written
	Numbers []string // E.164 of each number found, in order; the first is the row's phone
	Ext     string   // the first number's extension, "" when none
	Note    string   // NoteDamaged, NoteSeveral, NoteExtension, or what was mended (phone.RepairLeadingZero...)
}

// chunk is how many rows the reader hands over at a time.
const chunk = 256

// insertRows writes the rows of one import. A second goroutine reads the
// phones, name keys and extra columns of the rows ahead while this one
// inserts, so that on two cores the import costs little more than
// SQLite's own work. It fills in out's lists of rows without a phone and
// of phone cells to check.
//
// Each row is its own INSERT. Statements of many rows were tried and were
// slower: SQLite keeps a statement journal for a statement that writes
// several rows and may fail half-way, and with the case's 64 KiB pages
// that journal wrote half a gigabyte for a 100,000-row sheet.
func (c *Case) insertRows(ctx context.Context, tx *sql.Tx, rs *recordStream, importID, exhibitID int64, rows []sheet.Row, out *ImportResult) error {
	// The rows and their three indexes touch tens of megabytes of pages
	// at random; with SQLite's default 2 MB cache they were written to
	// the WAL again and again before the commit. The cache is put back
	// afterwards so an open case does not keep the pages.
	var cache int64
	if err := tx.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&cache); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = -%d", min(8<<10+len(rows)/2, 256<<10))); err != nil {
		return err
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO rows (import_id, exhibit_id, source_line, source_ref, uprn, address, estate,
		neighbourhood, name, name_key, phone, phone_e164, extra) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()

	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chunks := make(chan [][]any, 4)
	var wg sync.WaitGroup
	wg.Go(func() {
		defer close(chunks)
		for start := 0; start < len(rows); start += chunk {
			if ctx.Err() != nil {
				return
			}
			part := rows[start:min(start+chunk, len(rows))]
			args := make([][]any, len(part))
			for i := range part {
				args[i] = rowArgs(importID, exhibitID, &part[i], out)
			}
			select {
			case chunks <- args:
			case <-ctx.Done():
				return
			}
		}
	})
	err = execRows(ctx, stmt, rs, chunks)
	cancel() // stops the reader if an insert failed
	wg.Wait()
	if err == nil {
		err = parent.Err() // the reader stops early when the import is cancelled
	}
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(parent, fmt.Sprintf("PRAGMA cache_size = %d", cache))
	return err
}

// execRows inserts the rows as they come, each digested by rs for the
// custody event.
func execRows(ctx context.Context, stmt *sql.Stmt, rs *recordStream, chunks <-chan [][]any) error {
	bulk := bulkCtx(ctx)
	for args := range chunks {
		if err := ctx.Err(); err != nil {
			return err
		}
		for _, a := range args {
			if err := rs.exec(bulk, stmt, a...); err != nil {
				return err
			}
		}
	}
	return nil
}

// rowArgs are the values of one row: the phone read into E.164 (the first
// number of the cell), the name's key, the extra columns as JSON. What
// the phone cell needs a person to check is noted in out.
func rowArgs(importID, exhibitID int64, r *sheet.Row, out *ImportResult) []any {
	e164 := notePhone(r, out)
	extra := "{}"
	if len(r.Extra) > 0 {
		b, _ := json.Marshal(r.Extra)
		extra = string(b)
	}
	return []any{importID, exhibitID, r.Line, r.Ref, r.UPRN, r.Address, r.Estate, r.Neighbourhood,
		r.Name, names.Key(r.Name), r.Phone, e164, extra}
}

// notePhone reads a row's phone cell, notes in out what is unusual about
// it, and returns the E.164 form of its first number ("" for none).
func notePhone(r *sheet.Row, out *ImportResult) string {
	if r.Phone == "" {
		out.NoPhone = append(out.NoPhone, r.Line)
		return ""
	}
	v := phone.Parse(r.Phone)
	if v.Damaged {
		out.NoPhone = append(out.NoPhone, r.Line)
		out.Damaged = append(out.Damaged, PhoneNote{Line: r.Line, Value: r.Phone, Note: NoteDamaged})
		return ""
	}
	if len(v.Numbers) == 0 {
		out.NoPhone = append(out.NoPhone, r.Line)
		return ""
	}
	first := v.Numbers[0]
	if len(v.Numbers) == 1 && first.Ext == "" && first.Repair == "" {
		return first.E164 // nearly every row
	}
	note := PhoneNote{Line: r.Line, Value: r.Phone, Ext: first.Ext}
	for _, n := range v.Numbers {
		note.Numbers = append(note.Numbers, n.E164)
	}
	if len(v.Numbers) > 1 {
		n := note
		n.Note = NoteSeveral
		out.Several = append(out.Several, n)
	}
	if first.Ext != "" {
		n := note
		n.Note = NoteExtension
		out.Extensions = append(out.Extensions, n)
	}
	for _, num := range v.Numbers {
		if num.Repair != "" {
			n := note
			n.Note = num.Repair
			out.Repaired = append(out.Repaired, n)
			break
		}
	}
	return first.E164
}
