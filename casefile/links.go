package casefile

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"dossier/casefile/names"
)

// Link bases and statuses.
const (
	BasisPhone       = "phone"        // the message's recipient is the row's phone
	BasisNameAddress = "name+address" // the resident's statement names the row's person and address
	BasisManual      = "manual"       // a person linked them, giving a reason

	StatusLinked   = "linked"
	StatusProposed = "proposed" // awaiting review (name+address)
	StatusRemoved  = "removed"
	StatusRejected = "rejected"
)

// Custody actions for links.
const (
	ActionLinked   = "linked"
	ActionUnlinked = "unlinked"
	ActionProposed = "link-proposed"
	ActionRejected = "link-rejected"
)

// Link is the claim that a message was received on the phone listed in a row.
type Link struct {
	MessageID int64
	RowID     int64
	Basis     string
	Status    string
	Reason    string
	By        string
	At        time.Time
}

// AutoResult counts what AutoLink did.
type AutoResult struct {
	Linked   int // new links by phone
	Proposed int // new name+address proposals awaiting review
}

// AutoLink links each message to every row whose normalised phone equals
// the message's recipient (a household may share a number: all its rows
// are linked). For a message with no phone match whose resident's name and
// address match a row, it proposes a name+address link for review; it
// never links on a name alone. Pairs that already have a link in any state
// (including removed or rejected by a person) are left alone.
func (c *Case) AutoLink(ctx context.Context) (AutoResult, error) {
	var res AutoResult
	err := c.tx(ctx, func(tx *sql.Tx) error {
		now, actor := formatTime(Clock()), c.Actor()
		rec, err := startRecords(ctx, tx, "links")
		if err != nil {
			return err
		}
		// One statement: the join runs inside SQLite over the phone index,
		// so 10,000 messages against 100,000 rows is one pass.
		r, err := tx.ExecContext(ctx, `INSERT INTO links (message_id, row_id, basis, status, reason, by, at)
			SELECT m.id, r.id, 'phone', 'linked', '', ?, ? FROM current_messages m JOIN rows r ON r.phone_e164 = m.recipient_e164
			WHERE m.recipient_e164 != '' AND NOT EXISTS (SELECT 1 FROM links l WHERE l.message_id = m.id AND l.row_id = r.id)
			ORDER BY m.id, r.id`, actor, now)
		if err != nil {
			return err
		}
		n, _ := r.RowsAffected()
		res.Linked = int(n)
		if n > 0 {
			// The records' digest commits to exactly which pairs were
			// linked without listing thousands of them.
			if err := c.recordEvent(ctx, tx, rec, ActionLinked, "", map[string]any{"basis": BasisPhone, "links": n}); err != nil {
				return err
			}
		}
		proposals, err := nameAddressProposals(ctx, tx)
		if err != nil {
			return err
		}
		if rec, err = startRecords(ctx, tx, "links"); err != nil {
			return err
		}
		if err := insertLinks(ctx, tx, proposals, BasisNameAddress, StatusProposed, "", actor, now); err != nil {
			return err
		}
		res.Proposed = len(proposals)
		if len(proposals) > 0 {
			return c.recordEvent(ctx, tx, rec, ActionProposed, "", map[string]any{"basis": BasisNameAddress, "links": len(proposals), "pairs": proposals})
		}
		return nil
	})
	if err != nil {
		return AutoResult{}, fmt.Errorf("link auto: %w", err)
	}
	return res, nil
}

func insertLinks(ctx context.Context, tx *sql.Tx, pairs [][2]int64, basis, status, reason, by, at string) error {
	if len(pairs) == 0 {
		return nil
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO links (message_id, row_id, basis, status, reason, by, at) VALUES (?,?,?,?,?,?,?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	bulk := bulkCtx(ctx)
	for i, p := range pairs {
		if err := bulkErr(ctx, i); err != nil {
			return err
		}
		if _, err := stmt.ExecContext(bulk, p[0], p[1], basis, status, reason, by, at); err != nil {
			return err
		}
	}
	return nil
}

// nameAddressProposals pairs messages that matched no row by phone with
// rows of the same person (names.Key) at the same address (folded, the
// shorter one a prefix of the longer, so "12 Kestrel Court" matches
// "12 Kestrel Court, Northfield NF1 2AB").
func nameAddressProposals(ctx context.Context, tx *sql.Tx) ([][2]int64, error) {
	// names.Key is Go, not SQL, so candidates are read first and each is
	// matched through the name_key index.
	msgs, err := tx.QueryContext(ctx, `SELECT m.id, m.resident_name, m.resident_address FROM current_messages m
		WHERE m.resident_name != '' AND m.resident_address != ''
		AND NOT EXISTS (SELECT 1 FROM current_links l WHERE l.message_id = m.id AND l.status = 'linked')
		ORDER BY m.id`)
	if err != nil {
		return nil, err
	}
	type cand struct {
		id           int64
		key, address string
	}
	var cands []cand
	for msgs.Next() {
		var c cand
		var name string
		if err := msgs.Scan(&c.id, &name, &c.address); err != nil {
			msgs.Close()
			return nil, err
		}
		c.key = names.Key(name)
		cands = append(cands, c)
	}
	msgs.Close()
	var out [][2]int64
	for _, m := range cands {
		if m.key == "" {
			continue
		}
		rs, err := tx.QueryContext(ctx, `SELECT r.id, r.address FROM rows r WHERE r.name_key = ?
			AND NOT EXISTS (SELECT 1 FROM links l WHERE l.message_id = ? AND l.row_id = r.id) ORDER BY r.id`, m.key, m.id)
		if err != nil {
			return nil, err
		}
		for rs.Next() {
			var id int64
			var addr string
			if err := rs.Scan(&id, &addr); err != nil {
				rs.Close()
				return nil, err
			}
			if sameAddress(addr, m.address) {
				out = append(out, [2]int64{m.id, id})
			}
		}
		rs.Close()
	}
	return out, nil
}

func sameAddress(a, b string) bool {
	fa, fb := names.Fold(a), names.Fold(b)
	if fa == "" || fb == "" {
		return false
	}
	if len(fa) > len(fb) {
		fa, fb = fb, fa
	}
	return strings.HasPrefix(fb, fa)
}

// AddLink links a message to a row by hand (basis manual). The reason is
// required: it is what a reader of the bundle will be told.
func (c *Case) AddLink(ctx context.Context, messageID, rowID int64, reason string) error {
	if strings.TrimSpace(reason) == "" {
		return fmt.Errorf("link message %d to row %d: %w", messageID, rowID, invalid("give a reason for linking by hand"))
	}
	return c.setLink(ctx, messageID, rowID, BasisManual, StatusLinked, reason, ActionLinked)
}

// RemoveLink withdraws a link, keeping it on record as removed, with the
// reason, and a custody event.
func (c *Case) RemoveLink(ctx context.Context, messageID, rowID int64, reason string) error {
	if strings.TrimSpace(reason) == "" {
		return fmt.Errorf("unlink message %d from row %d: %w", messageID, rowID, invalid("give a reason for removing the link"))
	}
	return c.changeLink(ctx, messageID, rowID, StatusRemoved, reason, ActionUnlinked, StatusLinked)
}

// AcceptLink confirms a proposed link.
func (c *Case) AcceptLink(ctx context.Context, messageID, rowID int64) error {
	return c.changeLink(ctx, messageID, rowID, StatusLinked, "accepted after review", ActionLinked, StatusProposed)
}

// RejectLink turns down a proposed link; it is kept as rejected so
// AutoLink does not propose it again.
func (c *Case) RejectLink(ctx context.Context, messageID, rowID int64, reason string) error {
	if reason == "" {
		reason = "rejected after review"
	}
	return c.changeLink(ctx, messageID, rowID, StatusRejected, reason, ActionRejected, StatusProposed)
}

func (c *Case) setLink(ctx context.Context, messageID, rowID int64, basis, status, reason, action string) error {
	err := c.tx(ctx, func(tx *sql.Tx) error {
		m, r, err := c.linkEnds(ctx, tx, messageID, rowID)
		if err != nil {
			return err
		}
		rec, err := startRecords(ctx, tx, "links", "link_history")
		if err != nil {
			return err
		}
		var id int64
		var cur string
		err = tx.QueryRowContext(ctx, "SELECT id, status FROM current_links WHERE message_id = ? AND row_id = ?", messageID, rowID).Scan(&id, &cur)
		switch {
		case err == sql.ErrNoRows:
			_, err = tx.ExecContext(ctx, `INSERT INTO links (message_id, row_id, basis, status, reason, by, at) VALUES (?,?,?,?,?,?,?)`,
				messageID, rowID, basis, status, reason, c.Actor(), formatTime(Clock()))
		case err != nil:
		case cur == StatusLinked:
			return invalid("message %d is already linked to row %d", messageID, rowID)
		default:
			err = c.linkState(ctx, tx, id, basis, status, reason)
		}
		if err != nil {
			return err
		}
		return c.recordEvent(ctx, tx, rec, action, m, map[string]any{"message": messageID, "row": rowID, "row_exhibit": r, "basis": basis, "reason": reason})
	})
	if err != nil {
		return fmt.Errorf("link message %d to row %d: %w", messageID, rowID, err)
	}
	return nil
}

// linkState records a link's new state; its earlier states stay on record.
func (c *Case) linkState(ctx context.Context, tx *sql.Tx, linkID int64, basis, status, reason string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO link_history (link_id, basis, status, reason, by, at) VALUES (?,?,?,?,?,?)`,
		linkID, basis, status, reason, c.Actor(), formatTime(Clock()))
	return err
}

func (c *Case) changeLink(ctx context.Context, messageID, rowID int64, status, reason, action, from string) error {
	err := c.tx(ctx, func(tx *sql.Tx) error {
		m, r, err := c.linkEnds(ctx, tx, messageID, rowID)
		if err != nil {
			return err
		}
		var id int64
		var cur, basis string
		err = tx.QueryRowContext(ctx, "SELECT id, status, basis FROM current_links WHERE message_id = ? AND row_id = ?", messageID, rowID).Scan(&id, &cur, &basis)
		if err == sql.ErrNoRows || (err == nil && cur != from) {
			return invalid("message %d and row %d have no %s link (see 'dossier link list')", messageID, rowID, from)
		}
		if err != nil {
			return err
		}
		rec, err := startRecords(ctx, tx, "link_history")
		if err != nil {
			return err
		}
		if err := c.linkState(ctx, tx, id, basis, status, reason); err != nil {
			return err
		}
		return c.recordEvent(ctx, tx, rec, action, m, map[string]any{"message": messageID, "row": rowID, "row_exhibit": r, "basis": basis, "reason": reason})
	})
	if err != nil {
		return fmt.Errorf("message %d, row %d: %w", messageID, rowID, err)
	}
	return nil
}

// linkEnds checks both ends exist and the message stands (a corrected
// message's links moved to its correction), and returns their exhibits.
func (c *Case) linkEnds(ctx context.Context, tx *sql.Tx, messageID, rowID int64) (string, string, error) {
	var m, r string
	var by int64
	err := tx.QueryRowContext(ctx, `SELECT e.ref, COALESCE((SELECT n.id FROM messages n WHERE n.supersedes = x.id), 0)
		FROM messages x JOIN exhibits e ON e.id = x.exhibit_id WHERE x.id = ?`, messageID).Scan(&m, &by)
	if err == sql.ErrNoRows {
		return "", "", fmt.Errorf("message %d: %w (see 'dossier msg list')", messageID, ErrUnknownMessage)
	} else if err != nil {
		return "", "", err
	}
	if by != 0 {
		return "", "", invalid("message %d was corrected as message %d; use that one", messageID, by)
	}
	err = tx.QueryRowContext(ctx, "SELECT e.ref FROM rows x JOIN exhibits e ON e.id = x.exhibit_id WHERE x.id = ?", rowID).Scan(&r)
	if err == sql.ErrNoRows {
		return "", "", fmt.Errorf("row %d: %w (see 'dossier rows list')", rowID, ErrUnknownRow)
	}
	return m, r, err
}

// Links returns links in message then row order. With all false, only
// links that stand (linked) and proposals are returned.
func (c *Case) Links(ctx context.Context, all bool) ([]Link, error) {
	q := `SELECT message_id, row_id, basis, status, reason, by, at FROM current_links`
	if !all {
		q += ` WHERE status IN ('linked', 'proposed')`
	}
	return queryAll(ctx, c.db, func(s scanner) (Link, error) {
		var l Link
		var at string
		err := s.Scan(&l.MessageID, &l.RowID, &l.Basis, &l.Status, &l.Reason, &l.By, &at)
		l.At, _ = time.Parse(time.RFC3339, at)
		return l, err
	}, q+` ORDER BY message_id, row_id`)
}

// Gaps lists the ids of messages with no standing link and of rows that
// no message is linked to, so a person sees what is not yet shown.
func (c *Case) Gaps(ctx context.Context) (messages, rows []int64, err error) {
	collect := func(q string) ([]int64, error) { return queryAll(ctx, c.db, scanInt64, q) }
	messages, err = collect(`SELECT id FROM current_messages m WHERE NOT EXISTS
		(SELECT 1 FROM current_links l WHERE l.message_id = m.id AND l.status = 'linked') ORDER BY id`)
	if err != nil {
		return nil, nil, err
	}
	rows, err = collect(`SELECT id FROM rows r WHERE NOT EXISTS
		(SELECT 1 FROM current_links l WHERE l.row_id = r.id AND l.status = 'linked') ORDER BY id`)
	return messages, rows, err
}
