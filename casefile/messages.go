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

func (c *Case) insertMessage(ctx context.Context, tx *sql.Tx, ex Exhibit, e164 string, in MessageInput) (int64, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO messages (exhibit_id, sender, recipient, recipient_e164, at, zone, body,
		resident_name, resident_address, source) VALUES (?,?,?,?,?,?,?,?,?,?)`,
		ex.ID, strings.TrimSpace(in.From), strings.TrimSpace(in.To), e164, in.At.Format(time.RFC3339), in.At.Location().String(),
		in.Body, strings.TrimSpace(in.ResidentName), strings.TrimSpace(in.ResidentAddress), in.Source)
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
		if id, err = c.insertMessage(ctx, tx, ex, e164, in); err != nil {
			return err
		}
		// The log is printed in bundles, so it records a hash of what was
		// transcribed, never the resident's number itself.
		return c.appendEvent(ctx, tx, ActionTranscribed, ex.Ref, map[string]any{
			"what": "message", "message": id, "content_sha256": messageDigest(e164, in), "source": in.Source,
		})
	})
	if err != nil {
		return Message{}, fmt.Errorf("add message: %w", err)
	}
	return c.MessageByID(ctx, id)
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
			id, err := c.insertMessage(bulk, tx, ex, e164, in)
			if err != nil {
				return err
			}
			ids = append(ids, id)
			perExhibit[ex.Ref]++
		}
		return c.appendEvent(ctx, tx, ActionTranscribed, "", map[string]any{
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

// messageDigest commits to a message's content without revealing it.
func messageDigest(e164 string, in MessageInput) string {
	h := sha256.New()
	for _, f := range []string{in.From, e164, in.At.Format(time.RFC3339), in.Body, in.ResidentName, in.ResidentAddress} {
		fmt.Fprintf(h, "%d:%s", len(f), f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

const messageCols = `m.id, e.ref, m.sender, m.recipient, m.recipient_e164, m.at, m.zone, m.body,
	m.resident_name, m.resident_address, m.source`

func scanMessage(s scanner) (Message, error) {
	var m Message
	var at, zone string
	err := s.Scan(&m.ID, &m.Exhibit, &m.From, &m.To, &m.ToE164, &at, &zone, &m.Body, &m.ResidentName, &m.ResidentAddress, &m.Source)
	if err != nil {
		return m, err
	}
	m.At, _ = time.Parse(time.RFC3339, at)
	if loc, err := time.LoadLocation(zone); err == nil && zone != "" && zone != "Local" {
		m.At = m.At.In(loc)
	}
	return m, nil
}

// Messages returns every message in the order they were added.
func (c *Case) Messages(ctx context.Context) ([]Message, error) {
	return queryAll(ctx, c.db, scanMessage, `SELECT `+messageCols+` FROM messages m JOIN exhibits e ON e.id = m.exhibit_id ORDER BY m.id`)
}

// MessageByID returns one message.
func (c *Case) MessageByID(ctx context.Context, id int64) (Message, error) {
	m, err := scanMessage(c.db.QueryRowContext(ctx, `SELECT `+messageCols+` FROM messages m JOIN exhibits e ON e.id = m.exhibit_id WHERE m.id = ?`, id))
	if err == sql.ErrNoRows {
		return Message{}, fmt.Errorf("message %d: %w (see 'dossier msg list')", id, ErrUnknownMessage)
	}
	return m, dbErr(err)
}
