package casefile

import (
	"context"
	"database/sql"
	"fmt"
)

// ActionUpgraded is the custody action recording that a case file made by
// an older Dossier was brought up to a newer schema.
const ActionUpgraded = "upgraded"

// Upgrade brings the case file at path up to this build's schema and
// records that in custody; from and to are the schema versions before and
// after (equal when there was nothing to do, and then nothing is written).
// It is what 'dossier upgrade' runs, and what the app runs once the user
// agrees to upgrade an older case.
func Upgrade(path string, opt Options) (from, to int, err error) {
	opt.Upgrade = true
	c, err := Open(path, opt)
	if err != nil {
		return 0, 0, err
	}
	from = SchemaVersion()
	if c.upgraded > 0 {
		from = c.upgraded
	}
	return from, SchemaVersion(), c.Close()
}

// FileSchema is the schema version of the case file at path as its header
// says, read without opening it through SQLite; compare it with
// SchemaVersion to know whether the case needs upgrading before use.
func FileSchema(path string) (int, error) {
	hd, err := readHeader(path)
	if err != nil {
		return 0, fmt.Errorf("open %s: %w", path, err)
	}
	return hd.version, nil
}

// upgrade applies the schema files after version from and records the
// upgrade, all in one transaction: a crash or a full disk mid-upgrade
// leaves the old schema intact, and a failed COMMIT leaves no transaction
// open on the connection (see inTx).
func (c *Case) upgrade(ctx context.Context, from int) error {
	err := inTx(ctx, c.db, func(tx *sql.Tx) error {
		if err := migrateTx(ctx, tx, from); err != nil {
			return err
		}
		return c.appendEvent(ctx, tx, ActionUpgraded, "", map[string]int{"from": from, "to": len(migrations)})
	})
	if err != nil {
		return err
	}
	c.upgraded = from
	return nil
}

// migrateTx applies the schema files after version from inside tx.
func migrateTx(ctx context.Context, tx *sql.Tx, from int) error {
	for i := from; i < len(migrations); i++ {
		if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
			return fmt.Errorf("schema %d: %w", i+1, err)
		}
	}
	if err := afterMigrate(ctx, tx, from); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", len(migrations)))
	return err
}
