package casefile

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/user"
	"strings"
	"sync"
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
func (c *Case) appendEvent(ctx context.Context, tx dbtx, action, exhibit string, detail any) error {
	return appendEventQ(ctx, tx, c.info.UUID, c.Actor(), action, exhibit, detail)
}

// appendEventQ is appendEvent for a case whose Case value is not built
// yet (a schema upgrade runs before the case is loaded).
func appendEventQ(ctx context.Context, tx dbtx, caseUUID, actor, action, exhibit string, detail any) error {
	raw, err := json.Marshal(detail)
	if err != nil {
		return fmt.Errorf("custody detail: %w", err)
	}
	var seq int64
	var prev string
	err = tx.QueryRowContext(ctx, "SELECT seq, hash FROM custody ORDER BY seq DESC LIMIT 1").Scan(&seq, &prev)
	switch {
	case err == sql.ErrNoRows:
		prev = genesisHash(caseUUID)
	case err != nil:
		return err
	}
	e := Event{Seq: seq + 1, At: Clock().UTC().Truncate(time.Second), Actor: actor,
		Exhibit: exhibit, Action: action, Detail: raw, PrevHash: prev}
	e.Hash = eventHash(prev, e.Seq, formatTime(e.At), e.Actor, e.Exhibit, e.Action, string(e.Detail))
	_, err = tx.ExecContext(ctx,
		`INSERT INTO custody (seq, at, actor, exhibit, action, detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?)`,
		e.Seq, formatTime(e.At), e.Actor, e.Exhibit, e.Action, string(e.Detail), e.PrevHash, e.Hash)
	return err
}

// actorName is the name recorded in custody events. The app changes it
// while background work (an export, OCR suggestions) may be recording
// events, so it is guarded.
type actorName struct {
	mu   sync.RWMutex
	name string
}

func (a *actorName) get() string {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.name
}

func (a *actorName) set(name string) {
	a.mu.Lock()
	a.name = name
	a.mu.Unlock()
}

// Actor is the name recorded in custody events made through c.
func (c *Case) Actor() string { return c.actor.get() }

// SetActor changes the name recorded in later custody events. It is safe
// to call while other goroutines write to the case: a write records the
// name as it was when its event was appended.
func (c *Case) SetActor(name string) {
	if name = strings.TrimSpace(name); name != "" {
		c.actor.set(name)
	}
}

// read runs f on one connection inside a read transaction, so everything
// f reads comes from one snapshot of the case even while another window
// or program writes to it. It takes no write lock and writes nothing.
func (c *Case) read(ctx context.Context, f func(q dbtx) error) error {
	conn, err := c.db.Conn(ctx)
	if err != nil {
		return dbErr(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		return dbErr(err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
	return dbErr(f(conn))
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
	return queryAll(ctx, c.db, scanEvent, `SELECT seq, at, actor, exhibit, action, detail, prev_hash, hash FROM custody ORDER BY seq`)
}

// Head is the hash of the last custody event: one value that commits to the
// whole history of the case.
func (c *Case) Head(ctx context.Context) (string, error) {
	var h string
	err := c.db.QueryRowContext(ctx, "SELECT hash FROM custody ORDER BY seq DESC LIMIT 1").Scan(&h)
	return h, dbErr(err)
}

// ErrUnknownEvent means the custody log has no event with the given hash.
var ErrUnknownEvent = errors.New("no such custody event")

// EventByHash returns the custody event whose hash is, or starts with,
// hash (at least 12 hex digits, as bundles and 'dossier verify' print
// it). A head written down earlier, or printed in a bundle, that the log
// does not hold means the case file is another case's, or an older copy
// of this one: something Verify cannot see from the file alone.
func (c *Case) EventByHash(ctx context.Context, hash string) (Event, error) {
	hash = strings.ToLower(strings.TrimSpace(hash))
	if len(hash) < 12 || len(hash) > 64 || strings.Trim(hash, "0123456789abcdef") != "" {
		return Event{}, invalid("%q is not a custody hash (12 to 64 hex digits)", hash)
	}
	evs, err := queryAll(ctx, c.db, scanEvent,
		`SELECT seq, at, actor, exhibit, action, detail, prev_hash, hash FROM custody WHERE substr(hash, 1, ?) = ? ORDER BY seq`, len(hash), hash)
	if err != nil {
		return Event{}, err
	}
	switch len(evs) {
	case 0:
		return Event{}, fmt.Errorf("custody event %s: %w", hash, ErrUnknownEvent)
	case 1:
		return evs[0], nil
	}
	return Event{}, invalid("%d custody events start with %s; give more of the hash", len(evs), hash)
}

func scanEvent(s scanner) (Event, error) {
	var e Event
	var at, detail string
	err := s.Scan(&e.Seq, &at, &e.Actor, &e.Exhibit, &e.Action, &detail, &e.PrevHash, &e.Hash)
	e.At, _ = time.Parse(time.RFC3339, at)
	e.Detail = json.RawMessage(detail)
	return e, err
}
