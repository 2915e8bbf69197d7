package casefile

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"dossier/casefile/msgfile"
	"dossier/casefile/phone"
)

// Message is one text message as shown on an exhibit.
type Message struct {
	ID      int64
	Exhibit string // the screenshot (or other) exhibit that shows it
	From    string // sender as shown: a name or a number
	To      string // recipient phone as written
	ToE164  string
	At      time.Time // when received, in the zone it was given in
	Body    string
	// The resident's name and address, from their statement: used only to
	// propose name+address links for review when no phone matches.
	ResidentName    string
	ResidentAddress string
	Source          string // how it was entered: "typed", "import FILE line N", "ocr"
	// Supersedes is the id of the transcription this one replaced (0 if
	// none); SupersededBy the id of the one that replaced it (0 while it
	// stands). Messages lists only standing ones.
	Supersedes   int64
	SupersededBy int64
}

// MessageInput is a message to add.
type MessageInput struct {
	Exhibit         string
	From, To        string
	At              time.Time
	Body            string
	ResidentName    string
	ResidentAddress string
	Source          string
}

func (c *Case) checkMessage(ctx context.Context, q querier, in MessageInput) (Exhibit, string, error) {
	ex, err := c.exhibitQ(ctx, q, in.Exhibit)
	if err != nil {
		return Exhibit{}, "", err
	}
	e164, err := phone.Normalize(in.To)
	if err != nil {
		return Exhibit{}, "", invalid("recipient %q is not a phone number; write it as on the screenshot, e.g. 07700 900123", in.To)
	}
	if strings.TrimSpace(in.From) == "" {
		return Exhibit{}, "", invalid("say who the message is from, as the screenshot shows it")
	}
	if in.At.IsZero() {
		return Exhibit{}, "", invalid("say when the message was received")
	}
	return ex, e164, nil
}

func (c *Case) insertMessage(ctx context.Context, tx *sql.Tx, ex Exhibit, e164 string, in MessageInput, supersedes int64) (int64, error) {
	var sup any
	if supersedes != 0 {
		sup = supersedes
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO messages (exhibit_id, sender, recipient, recipient_e164, at, zone, body,
		resident_name, resident_address, source, supersedes) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
		ex.ID, strings.TrimSpace(in.From), strings.TrimSpace(in.To), e164, in.At.Format(time.RFC3339), in.At.Location().String(),
		in.Body, strings.TrimSpace(in.ResidentName), strings.TrimSpace(in.ResidentAddress), in.Source, sup)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// AddMessage records one message typed (or confirmed from OCR) by a person.
func (c *Case) AddMessage(ctx context.Context, in MessageInput) (Message, error) {
	if in.Source == "" {
		in.Source = "typed"
	}
	var id int64
	err := c.tx(ctx, func(tx *sql.Tx) error {
		ex, e164, err := c.checkMessage(ctx, tx, in)
		if err != nil {
			return err
		}
		rec, err := startRecords(ctx, tx, "messages")
		if err != nil {
			return err
		}
		if id, err = c.insertMessage(ctx, tx, ex, e164, in, 0); err != nil {
			return err
		}
		// The log is printed in bundles, so it records the message's id
		// and a keyed digest of what was transcribed, never the number.
		return c.recordEvent(ctx, tx, rec, ActionTranscribed, ex.Ref, map[string]any{
			"what": "message", "message": id, "source": in.Source,
		})
	})
	if err != nil {
		return Message{}, fmt.Errorf("add message: %w", err)
	}
	return c.MessageByID(ctx, id)
}

// SupersedeMessage corrects message id: the corrected transcription in is
// a new message that supersedes it (the old one stays on record), with
// reason, as one "transcribed" custody event. Empty Exhibit and Source in
// in keep the old message's exhibit and "typed". The old message's
// standing links move to the new one, except a link by phone whose row
// no longer has the new recipient's number; the old links are recorded
// as removed.
func (c *Case) SupersedeMessage(ctx context.Context, id int64, in MessageInput, reason string) (Message, error) {
	if strings.TrimSpace(reason) == "" {
		return Message{}, fmt.Errorf("correct message %d: %w", id, invalid("give a reason for the correction"))
	}
	if in.Source == "" {
		in.Source = "typed"
	}
	var newID int64
	err := c.tx(ctx, func(tx *sql.Tx) error {
		old, err := scanMessage(tx.QueryRowContext(ctx, `SELECT `+messageCols+` FROM messages m JOIN exhibits e ON e.id = m.exhibit_id WHERE m.id = ?`, id))
		if err == sql.ErrNoRows {
			return fmt.Errorf("message %d: %w (see 'dossier msg list')", id, ErrUnknownMessage)
		} else if err != nil {
			return err
		}
		if old.SupersededBy != 0 {
			return invalid("message %d was already corrected as message %d; correct that one", id, old.SupersededBy)
		}
		if in.Exhibit == "" {
			in.Exhibit = old.Exhibit
		}
		ex, e164, err := c.checkMessage(ctx, tx, in)
		if err != nil {
			return err
		}
		rec, err := startRecords(ctx, tx, "messages", "links", "link_history")
		if err != nil {
			return err
		}
		if newID, err = c.insertMessage(ctx, tx, ex, e164, in, id); err != nil {
			return err
		}
		moved, dropped, err := c.moveLinks(ctx, tx, id, newID, e164)
		if err != nil {
			return err
		}
		return c.recordEvent(ctx, tx, rec, ActionTranscribed, ex.Ref, map[string]any{
			"what": "message", "message": newID, "supersedes": id, "reason": strings.TrimSpace(reason),
			"source": in.Source, "links_moved": moved, "links_removed": dropped,
		})
	})
	if err != nil {
		return Message{}, fmt.Errorf("correct message %d: %w", id, err)
	}
	return c.MessageByID(ctx, newID)
}

// moveLinks withdraws the standing links of message from and makes them
// again for message to, unless the basis was the phone number and the
// row's number is not to's recipient.
func (c *Case) moveLinks(ctx context.Context, tx *sql.Tx, from, to int64, e164 string) (moved, dropped int, err error) {
	type standing struct {
		id, row            int64
		basis, status, why string
		rowPhone           string
	}
	links, err := queryAll(ctx, tx, func(s scanner) (standing, error) {
		var l standing
		err := s.Scan(&l.id, &l.row, &l.basis, &l.status, &l.why, &l.rowPhone)
		return l, err
	}, `SELECT l.id, l.row_id, l.basis, l.status, l.reason, r.phone_e164 FROM current_links l JOIN rows r ON r.id = l.row_id
		WHERE l.message_id = ? AND l.status IN ('linked', 'proposed') ORDER BY l.id`, from)
	if err != nil {
		return 0, 0, err
	}
	now, actor := formatTime(Clock()), c.Actor()
	note := fmt.Sprintf("message %d was corrected as message %d", from, to)
	for _, l := range links {
		if _, err := tx.ExecContext(ctx, `INSERT INTO link_history (link_id, basis, status, reason, by, at) VALUES (?,?,?,?,?,?)`,
			l.id, l.basis, StatusRemoved, note, actor, now); err != nil {
			return 0, 0, err
		}
		if l.basis == BasisPhone && l.rowPhone != e164 {
			dropped++
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO links (message_id, row_id, basis, status, reason, by, at) VALUES (?,?,?,?,?,?,?)`,
			to, l.row, l.basis, l.status, l.why, actor, now); err != nil {
			return 0, 0, err
		}
		moved++
	}
	return moved, dropped, nil
}

// ImportMessages reads a JSON array or CSV of messages (keys to, from, at,
// body, exhibit) and adds them all, or none if any is wrong: the error
// names the file, the item and the problem.
func (c *Case) ImportMessages(ctx context.Context, path string) ([]Message, error) {
	data, err := ReadInput(path)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	name := filepath.Base(path)
	msgs, err := msgfile.Read(strings.NewReader(string(data)), name)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	if len(msgs) == 0 {
		return nil, fmt.Errorf("import %s: %w", path, invalid("the file holds no messages"))
	}
	sum := sha256.Sum256(data)
	// msgfile numbers JSON items from 1 and CSV records by their line.
	where := "line"
	if strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(string(data), "\ufeff")), "[") {
		where = "item"
	}
	var ids []int64
	err = c.tx(ctx, func(tx *sql.Tx) error {
		rec, err := startRecords(ctx, tx, "messages")
		if err != nil {
			return err
		}
		perExhibit := map[string]int{}
		bulk := bulkCtx(ctx)
		for i, m := range msgs {
			if err := bulkErr(ctx, i); err != nil {
				return err
			}
			in := MessageInput{Exhibit: m.Exhibit, From: m.From, To: m.To, At: m.At, Body: m.Body,
				ResidentName: m.Name, ResidentAddress: m.Address, Source: fmt.Sprintf("import %s %s %d", name, where, m.Line)}
			ex, e164, err := c.checkMessage(bulk, tx, in)
			if err != nil {
				return fmt.Errorf("%s %d: %w", where, m.Line, err)
			}
			id, err := c.insertMessage(bulk, tx, ex, e164, in, 0)
			if err != nil {
				return err
			}
			ids = append(ids, id)
			perExhibit[ex.Ref]++
		}
		return c.recordEvent(ctx, tx, rec, ActionTranscribed, "", map[string]any{
			"what": "messages", "file": name, "file_sha256": hex.EncodeToString(sum[:]),
			"messages": len(ids), "exhibits": perExhibit,
		})
	})
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	out := make([]Message, 0, len(ids))
	for _, id := range ids {
		m, err := c.MessageByID(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

const messageCols = `m.id, e.ref, m.sender, m.recipient, m.recipient_e164, m.at, m.zone, m.body,
	m.resident_name, m.resident_address, m.source, COALESCE(m.supersedes, 0),
	COALESCE((SELECT n.id FROM messages n WHERE n.supersedes = m.id), 0)`

func scanMessage(s scanner) (Message, error) {
	var m Message
	var at, zone string
	err := s.Scan(&m.ID, &m.Exhibit, &m.From, &m.To, &m.ToE164, &at, &zone, &m.Body, &m.ResidentName, &m.ResidentAddress, &m.Source,
		&m.Supersedes, &m.SupersededBy)
	if err != nil {
		return m, err
	}
	m.At, _ = time.Parse(time.RFC3339, at)
	if loc, err := time.LoadLocation(zone); err == nil && zone != "" && zone != "Local" {
		m.At = m.At.In(loc)
	}
	return m, nil
}

// Messages returns every standing message (not superseded by a correction)
// in the order they were added.
func (c *Case) Messages(ctx context.Context) ([]Message, error) {
	return queryAll(ctx, c.db, scanMessage, `SELECT `+messageCols+` FROM current_messages m JOIN exhibits e ON e.id = m.exhibit_id ORDER BY m.id`)
}

// MessageByID returns one message, standing or superseded.
func (c *Case) MessageByID(ctx context.Context, id int64) (Message, error) {
	m, err := scanMessage(c.db.QueryRowContext(ctx, `SELECT `+messageCols+` FROM messages m JOIN exhibits e ON e.id = m.exhibit_id WHERE m.id = ?`, id))
	if err == sql.ErrNoRows {
		return Message{}, fmt.Errorf("message %d: %w (see 'dossier msg list')", id, ErrUnknownMessage)
	}
	return m, dbErr(err)
}

// MessageHistory returns message id and every transcription it corrected
// or was corrected by, oldest first.
func (c *Case) MessageHistory(ctx context.Context, id int64) ([]Message, error) {
	m, err := c.MessageByID(ctx, id)
	if err != nil {
		return nil, err
	}
	// seen stops a loop of corrections, which only an edited case file
	// could hold.
	seen := map[int64]bool{m.ID: true}
	for m.Supersedes != 0 && !seen[m.Supersedes] {
		if m, err = c.MessageByID(ctx, m.Supersedes); err != nil {
			return nil, err
		}
		seen[m.ID] = true
	}
	out := []Message{m}
	seen = map[int64]bool{m.ID: true}
	for m.SupersededBy != 0 && !seen[m.SupersededBy] {
		if m, err = c.MessageByID(ctx, m.SupersededBy); err != nil {
			return nil, err
		}
		seen[m.ID] = true
		out = append(out, m)
	}
	return out, nil
}
