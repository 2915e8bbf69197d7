package casefile

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/user"
	"strings"
	"time"
)

// Custody actions. Later features add their own (transcribed, linked,
// marked, ...); the chain treats every action alike.
const (
	ActionCreated     = "case-created"
	ActionAcquired    = "acquired"
	ActionDescribed   = "described"
	ActionReceived    = "received"
	ActionTransferred = "transferred"
	ActionExported    = "exported"
	ActionVerified    = "verified"
	ActionExtracted   = "extracted"
)

// Event is one entry of the custody log.
type Event struct {
	Seq      int64
	At       time.Time
	Actor    string
	Exhibit  string // exhibit reference, or "" for the case as a whole
	Action   string
	Detail   json.RawMessage
	PrevHash string
	Hash     string
}

// DefaultActor is the name used when none is given: DOSSIER_USER, then the
// operating system's user (full name if known), then "unknown".
func DefaultActor() string {
	if v := strings.TrimSpace(os.Getenv("DOSSIER_USER")); v != "" {
		return v
	}
	if u, err := user.Current(); err == nil {
		// Windows may give the account name as the full name too.
		if n := accountName(strings.SplitN(u.Name, ",", 2)[0]); n != "" {
			return n
		}
		if n := accountName(u.Username); n != "" {
			return n
		}
	}
	return "unknown"
}

// accountName is a user name without the domain or computer name that
// Windows puts before it ("LAPTOP-1\alex" is "alex"): the custody log
// records who, not which machine.
func accountName(username string) string {
	if i := strings.LastIndexByte(username, '\\'); i >= 0 {
		username = username[i+1:]
	}
	return strings.TrimSpace(username)
}

// genesisHash is the prev_hash of the first event: the chain starts from the
// case's UUID, so events cannot be moved from one case file to another.
func genesisHash(caseUUID string) string {
	sum := sha256.Sum256([]byte("dossier custody v1\x00" + caseUUID))
	return hex.EncodeToString(sum[:])
}

// eventHash is SHA-256(prev_hash || canonical encoding of the event). The
// encoding is each field's stored text, length-prefixed, in a fixed order:
// unambiguous, and independent of how any JSON library orders keys.
func eventHash(prevHex string, seq int64, at, actor, exhibit, action, detail string) string {
	prev, err := hex.DecodeString(prevHex)
	if err != nil {
		prev = []byte(prevHex) // a damaged prev_hash still hashes, and then mismatches
	}
	h := sha256.New()
	h.Write(prev)
	var n [binary.MaxVarintLen64]byte
	field := func(s string) {
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(s)))])
		h.Write([]byte(s))
	}
	field(fmt.Sprint(seq))
	field(at)
	field(actor)
	field(exhibit)
	field(action)
	field(detail)
	return hex.EncodeToString(h.Sum(nil))
}

// appendEvent adds an event to the chain inside tx. Write transactions take
// the database's write lock at BEGIN, so reading the head here and
// inserting after it cannot race with another writer.
func (c *Case) appendEvent(ctx context.Context, tx *sql.Tx, action, exhibit string, detail any) error {
	raw, err := json.Marshal(detail)
	if err != nil {
		return fmt.Errorf("custody detail: %w", err)
	}
	var seq int64
	var prev string
	err = tx.QueryRowContext(ctx, "SELECT seq, hash FROM custody ORDER BY seq DESC LIMIT 1").Scan(&seq, &prev)
	switch {
	case err == sql.ErrNoRows:
		prev = genesisHash(c.info.UUID)
	case err != nil:
		return err
	}
	e := Event{Seq: seq + 1, At: Clock().UTC().Truncate(time.Second), Actor: c.actor,
		Exhibit: exhibit, Action: action, Detail: raw, PrevHash: prev}
	e.Hash = eventHash(prev, e.Seq, formatTime(e.At), e.Actor, e.Exhibit, e.Action, string(e.Detail))
	_, err = tx.ExecContext(ctx,
		`INSERT INTO custody (seq, at, actor, exhibit, action, detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?)`,
		e.Seq, formatTime(e.At), e.Actor, e.Exhibit, e.Action, string(e.Detail), e.PrevHash, e.Hash)
	return err
}

// Record appends a custody event of the caller's choosing (for example
// "exported" with the bundle's hash) in its own transaction.
func (c *Case) Record(ctx context.Context, action, exhibit string, detail any) error {
	if exhibit != "" {
		if _, err := c.Exhibit(ctx, exhibit); err != nil {
			return err
		}
	}
	return c.tx(ctx, func(tx *sql.Tx) error { return c.appendEvent(ctx, tx, action, exhibit, detail) })
}

// Handover records that an exhibit was received from, or transferred to,
// someone: direction is ActionReceived or ActionTransferred.
func (c *Case) Handover(ctx context.Context, ref, direction, party, note string) error {
	if direction != ActionReceived && direction != ActionTransferred {
		return invalid("handover must be %q or %q", ActionReceived, ActionTransferred)
	}
	if strings.TrimSpace(party) == "" {
		return invalid("say who the exhibit was %s", map[string]string{ActionReceived: "received from", ActionTransferred: "transferred to"}[direction])
	}
	ex, err := c.Exhibit(ctx, ref)
	if err != nil {
		return err
	}
	key := "from"
	if direction == ActionTransferred {
		key = "to"
	}
	d := map[string]string{key: strings.TrimSpace(party)}
	if note != "" {
		d["note"] = note
	}
	return c.Record(ctx, direction, ex.Ref, d)
}

// Log returns the custody log in order.
func (c *Case) Log(ctx context.Context) ([]Event, error) {
	return queryAll(ctx, c.db, func(s scanner) (Event, error) {
		var e Event
		var at, detail string
		err := s.Scan(&e.Seq, &at, &e.Actor, &e.Exhibit, &e.Action, &detail, &e.PrevHash, &e.Hash)
		e.At, _ = time.Parse(time.RFC3339, at)
		e.Detail = json.RawMessage(detail)
		return e, err
	}, `SELECT seq, at, actor, exhibit, action, detail, prev_hash, hash FROM custody ORDER BY seq`)
}

// Head is the hash of the last custody event: one value that commits to the
// whole history of the case.
func (c *Case) Head(ctx context.Context) (string, error) {
	var h string
	err := c.db.QueryRowContext(ctx, "SELECT hash FROM custody ORDER BY seq DESC LIMIT 1").Scan(&h)
	return h, dbErr(err)
}
