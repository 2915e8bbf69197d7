package casefile

import (
	"context"
	"database/sql"
	"fmt"
	"math"

	"github.com/google/uuid"
)

// ActionBaseline is the custody action recorded when a case made before
// custody covered its records (schema 4 or older) is upgraded: the event
// records every existing record's ids and digest, so from then on Verify
// checks them like records added later. What happened to them before the
// upgrade is only what the older events say.
const ActionBaseline = "records-baseline"

// programActor is who an event names when the program, not a person,
// did what it records (a schema upgrade, pseudonyms worked out from the
// case).
const programActor = "Dossier"

// evidenceSchema is the schema version from which records are covered.
const evidenceSchema = 5

// afterMigrate runs the Go steps of a schema upgrade from version from,
// inside the upgrade's transaction, after its SQL.
func afterMigrate(ctx context.Context, q dbtx, from int) error {
	if from == 0 || from >= evidenceSchema || len(migrations) < evidenceSchema {
		return nil // a new case has no records yet; its key is made when one is
	}
	key, err := writeDigestKey(ctx, q)
	if err != nil {
		return fmt.Errorf("schema %d: %w", evidenceSchema, err)
	}
	spans := map[string]recordSpan{}
	for i := range recordTables {
		t := &recordTables[i]
		s, err := t.span(ctx, q, key, math.MinInt64, -1)
		if err != nil {
			return fmt.Errorf("schema %d: digest %s: %w", evidenceSchema, t.name, err)
		}
		if s.Count > 0 {
			spans[t.name] = s
		}
	}
	var caseUUID string
	if err := q.QueryRowContext(ctx, "SELECT uuid FROM case_info WHERE id = 1").Scan(&caseUUID); err != nil {
		if err == sql.ErrNoRows {
			return fmt.Errorf("%w: no case record", ErrDamaged)
		}
		return err
	}
	return appendEventQ(ctx, q, caseUUID, programActor, ActionBaseline, "", withRecords(map[string]any{
		"schema": evidenceSchema, "from_schema": from,
		"note": "records as they stood when custody began to cover them",
	}, spans))
}

// writeDigestKey makes the case's digest key if it has none and returns
// it. It runs inside a write transaction.
func writeDigestKey(ctx context.Context, q dbtx) ([]byte, error) {
	var key []byte
	err := q.QueryRowContext(ctx, "SELECT key FROM digest_key WHERE id = 1").Scan(&key)
	if err == nil {
		return key, nil
	}
	if err != sql.ErrNoRows {
		return nil, err
	}
	key, err = newDigestKey()
	if err != nil {
		return nil, err
	}
	_, err = q.ExecContext(ctx, "INSERT INTO digest_key (id, key) VALUES (1, ?)", key)
	return key, err
}

// newDigestKey is 32 random bytes, drawn through the uuid package: its
// source is crypto/rand, and tests pin it (uuid.SetRand) to make case
// UUIDs reproducible, which makes keys and digests reproducible too.
func newDigestKey() ([]byte, error) {
	var key []byte
	for len(key) < 32 {
		u, err := uuid.NewRandom()
		if err != nil {
			return nil, fmt.Errorf("digest key: %w", err)
		}
		key = append(key, u[:]...)
	}
	return key, nil
}
