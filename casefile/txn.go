package casefile

import (
	"context"
	"database/sql"
	"database/sql/driver"

	"github.com/mattn/go-sqlite3"
)

// tx runs f in one write transaction, committing only if f succeeds. On a
// case opened read-only it refuses at once with ErrReadOnly.
func (c *Case) tx(ctx context.Context, f func(*sql.Tx) error) error {
	if c.readOnly {
		return c.readOnlyErr()
	}
	// Counted once the transaction has ended, committed or not: what is
	// read meanwhile was read at the generation before it and is dropped
	// with it.
	defer c.writes.Add(1)
	if err := inTx(ctx, c.db, f); err != nil {
		return err
	}
	if c.wal() {
		c.ckpt.start(c.checkpointNow)
	}
	return nil
}

// inTx runs f in a write transaction on one connection of db. The
// connection's DSN makes BEGIN take the write lock (BEGIN IMMEDIATE).
//
// database/sql hands a connection back to its pool after a failed
// COMMIT. SQLite may keep the transaction open after some failures (a
// full disk, an I/O error), and the next user of that connection would
// then run inside it and never commit. So after a failed COMMIT the
// connection is checked: rolled back if still in a transaction, and
// thrown away if even that fails.
func inTx(ctx context.Context, db *sql.DB, f func(*sql.Tx) error) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return dbErr(err)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return dbErr(err)
	}
	if err := f(tx); err != nil {
		tx.Rollback()
		settle(conn)
		return dbErr(err)
	}
	if err := tx.Commit(); err != nil {
		settle(conn)
		return dbErr(err)
	}
	return nil
}

// settle makes sure conn is outside any transaction before it goes back to
// the pool, discarding the connection if it cannot be, and that the case
// file is whole on its own.
//
// When a write fails for lack of space or an I/O error, SQLite stops the
// connection and leaves the rollback journal "hot": the change is undone
// only when the file is next read. Until then the .dossier file alone is a
// mix of old and new pages, and a copy of it, or a read-only open, would
// find it damaged. Reading it here undoes the change at once.
func settle(conn *sql.Conn) {
	conn.Raw(func(dc any) error {
		sc, ok := dc.(*sqlite3.SQLiteConn)
		if !ok || sc.AutoCommit() {
			return nil
		}
		sc.Exec("ROLLBACK", nil)
		if !sc.AutoCommit() {
			return driver.ErrBadConn // database/sql closes it
		}
		return nil
	})
	var n int
	conn.QueryRowContext(context.Background(), "SELECT COUNT(*) FROM sqlite_schema").Scan(&n)
}
