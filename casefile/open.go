package casefile

import (
	"context"
	"database/sql"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/mattn/go-sqlite3"
)

// ApplicationID is written to every case file's SQLite header
// (PRAGMA application_id) so Dossier can tell its files from any other
// SQLite database. It spells "DOSS".
const ApplicationID = 0x444F5353

// BusyTimeout is how long a write waits for another program (the app while
// a CLI verb runs, say) before giving up with ErrInUse. Tests shorten it.
var BusyTimeout = 5 * time.Second

//go:embed schema/*.sql
var schemaFS embed.FS

// driverName is SQLite with one change per connection: no automatic
// checkpoint inside COMMIT. SQLite's default copies the whole WAL into
// the main file as part of the commit that grew it, so adding a 1 GB file
// paid for writing it twice before returning. The commit is already
// durable in the WAL; Case folds the WAL in afterwards, in the
// background, and always before Close returns (see checkpoint.go).
const driverName = "sqlite3-dossier"

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{
		ConnectHook: func(conn *sqlite3.SQLiteConn) error {
			_, err := conn.Exec("PRAGMA wal_autocheckpoint = 0", nil)
			return err
		},
	})
}

// migrations are the schema files in order; the case file's user_version is
// the number of them applied.
var migrations = loadMigrations()

func loadMigrations() []string {
	names, err := fs.Glob(schemaFS, "schema/*.sql")
	if err != nil {
		panic(err)
	}
	sort.Strings(names)
	out := make([]string, len(names))
	for i, n := range names {
		b, err := schemaFS.ReadFile(n)
		if err != nil {
			panic(err)
		}
		out[i] = string(b)
	}
	return out
}

// SchemaVersion is the user_version of a case file written by this build.
func SchemaVersion() int { return len(migrations) }

// Clock gives the time for custody events and timestamps. Tests replace it
// to make output reproducible.
var Clock = func() time.Time { return time.Now().UTC() }

// Options are the choices made when opening a case.
type Options struct {
	// Actor names the person whose actions are recorded in custody events.
	// Empty means DefaultActor().
	Actor string
}

// Case is an open case file. Its methods are safe for concurrent use.
type Case struct {
	db    *sql.DB
	path  string
	actor actorName
	info  Info
	ckpt  checkpointer
}

// Info is what identifies a case.
type Info struct {
	UUID      string
	Title     string
	Prefix    string
	CreatedAt time.Time
}

var prefixRE = regexp.MustCompile(`^[A-Z][A-Z0-9]{0,7}$`)

// Create makes a new case file at path and opens it. It refuses to replace
// an existing file. The file is built under a temporary name and renamed
// into place, so a crash never leaves a half-made case.
func Create(path, title, prefix string, opt Options) (*Case, error) {
	title = strings.TrimSpace(title)
	prefix = strings.ToUpper(strings.TrimSpace(prefix))
	if title == "" {
		return nil, fmt.Errorf("create %s: %w", path, invalid("a case needs a title"))
	}
	if !prefixRE.MatchString(prefix) {
		return nil, fmt.Errorf("create %s: %w", path,
			invalid("exhibit prefix %q must be 1 to 8 letters or digits, starting with a letter (e.g. LW)", prefix))
	}
	if _, err := os.Lstat(path); err == nil {
		return nil, fmt.Errorf("create %s: %w", path, ErrExists)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".new-*")
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	tmpName := tmp.Name()
	tmp.Close()
	defer os.Remove(tmpName)

	actor := opt.Actor
	if actor == "" {
		actor = DefaultActor()
	}
	if err := initFile(tmpName, title, prefix, actor); err != nil {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	// Link, not rename: link fails if path appeared meanwhile, so another
	// program's file is never replaced.
	if err := os.Link(tmpName, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("create %s: %w", path, ErrExists)
		}
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	return Open(path, opt)
}

// initFile writes the schema and first custody event into a fresh file. It
// uses a rollback journal while building, then switches to WAL, so the main
// file's header carries the application id before anyone can open it.
func initFile(name, title, prefix, actor string) error {
	db, err := sql.Open("sqlite3", "file:"+url.PathEscape(name)+"?_foreign_keys=1")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	ctx := context.Background()
	for _, p := range []string{
		"PRAGMA page_size = 65536", // big pages: originals are stored as 1 MiB chunks
		"PRAGMA journal_mode = DELETE",
		fmt.Sprintf("PRAGMA application_id = %d", ApplicationID),
	} {
		if _, err := db.ExecContext(ctx, p); err != nil {
			return err
		}
	}
	if err := migrate(ctx, db, 0); err != nil {
		return err
	}
	now := Clock().UTC()
	id := uuid.NewString()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx,
		`INSERT INTO case_info (id, uuid, title, prefix, created_at) VALUES (1, ?, ?, ?, ?)`,
		id, title, prefix, formatTime(now)); err != nil {
		return err
	}
	c := &Case{info: Info{UUID: id}}
	c.actor.set(actor)
	if err := c.appendEvent(ctx, tx, ActionCreated, "", map[string]string{
		"uuid": id, "title": title, "prefix": prefix,
	}); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, "PRAGMA journal_mode = WAL"); err != nil {
		return err
	}
	return nil
}

// Open opens an existing case file. Anything that is not a case file, a
// case file from a newer Dossier, or a damaged file is refused with
// ErrNotCaseFile, ErrNewerVersion or ErrDamaged, and the file is left
// exactly as it was. An older case file is migrated in one transaction.
func Open(path string, opt Options) (*Case, error) {
	if err := checkHeader(path); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	// Per-connection settings go in the DSN so every pooled connection has
	// them. _txlock=immediate takes the write lock at BEGIN, so two writers
	// queue behind the busy timeout instead of failing mid-transaction.
	q := url.Values{}
	q.Set("mode", "rw")
	q.Set("_foreign_keys", "1")
	q.Set("_busy_timeout", fmt.Sprint(BusyTimeout.Milliseconds()))
	q.Set("_txlock", "immediate")
	q.Set("_synchronous", "NORMAL")
	db, err := sql.Open(driverName, "file:"+url.PathEscape(path)+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	actor := opt.Actor
	if actor == "" {
		actor = DefaultActor()
	}
	c := &Case{db: db, path: path}
	c.actor.set(actor)
	if err := c.load(); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return c, nil
}

func (c *Case) load() error {
	ctx := context.Background()
	var appID, version int
	if err := c.db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return dbErr(err)
	}
	if appID != ApplicationID {
		return ErrNotCaseFile
	}
	if err := c.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return dbErr(err)
	}
	if version > len(migrations) {
		return fmt.Errorf("%w (schema %d, this build knows %d): update Dossier to open it",
			ErrNewerVersion, version, len(migrations))
	}
	if version < len(migrations) {
		if err := migrate(ctx, c.db, version); err != nil {
			return fmt.Errorf("upgrade schema from version %d: %w", version, dbErr(err))
		}
	}
	var created string
	err := c.db.QueryRowContext(ctx, "SELECT uuid, title, prefix, created_at FROM case_info WHERE id = 1").
		Scan(&c.info.UUID, &c.info.Title, &c.info.Prefix, &created)
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%w: no case record", ErrDamaged)
		}
		return dbErr(err)
	}
	c.info.CreatedAt, _ = time.Parse(time.RFC3339, created)
	return nil
}

// migrate applies the schema files after version from in one transaction,
// so a crash mid-upgrade leaves the old schema intact.
func migrate(ctx context.Context, db *sql.DB, from int) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	// database/sql cannot BEGIN IMMEDIATE by itself on a plain DSN; the
	// statements run on one connection inside an explicit transaction.
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return err
	}
	for i := from; i < len(migrations); i++ {
		if _, err := conn.ExecContext(ctx, migrations[i]); err != nil {
			conn.ExecContext(ctx, "ROLLBACK")
			return fmt.Errorf("schema %d: %w", i+1, err)
		}
	}
	if err := afterMigrate(ctx, conn, from); err != nil {
		conn.ExecContext(ctx, "ROLLBACK")
		return err
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", len(migrations))); err != nil {
		conn.ExecContext(ctx, "ROLLBACK")
		return err
	}
	_, err = conn.ExecContext(ctx, "COMMIT")
	return err
}

// checkHeader reads the 100-byte SQLite header itself, before SQLite opens
// the file, so that random bytes, other databases and truncated files are
// refused without a single byte being written to them.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if st.IsDir() {
		return fmt.Errorf("%w: it is a folder", ErrNotCaseFile)
	}
	var h [100]byte
	if _, err := io.ReadFull(f, h[:]); err != nil {
		return fmt.Errorf("%w: too short to be one", ErrNotCaseFile)
	}
	if string(h[:16]) != "SQLite format 3\x00" {
		return ErrNotCaseFile
	}
	if binary.BigEndian.Uint32(h[68:72]) != ApplicationID {
		return fmt.Errorf("%w: it is another program's SQLite database", ErrNotCaseFile)
	}
	if v := int(binary.BigEndian.Uint32(h[60:64])); v > len(migrations) {
		return fmt.Errorf("%w (schema %d, this build knows %d): update Dossier to open it",
			ErrNewerVersion, v, len(migrations))
	}
	pageSize := int64(binary.BigEndian.Uint16(h[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize&(pageSize-1) != 0 {
		return fmt.Errorf("%w: bad page size in header", ErrDamaged)
	}
	// With a non-empty WAL beside it the main file may legitimately be
	// shorter than its header says: a checkpoint was cut off, and SQLite
	// completes it from the WAL on open. Only judge length without one.
	if wal, err := os.Stat(path + "-wal"); err == nil && wal.Size() > 0 {
		return nil
	}
	pages := int64(binary.BigEndian.Uint32(h[28:32]))
	counter := binary.BigEndian.Uint32(h[24:28])
	validFor := binary.BigEndian.Uint32(h[92:96])
	if pages > 0 && counter == validFor && st.Size() < pages*pageSize {
		return fmt.Errorf("%w: truncated (%d of %d bytes); restore it from a backup", ErrDamaged, st.Size(), pages*pageSize)
	}
	if st.Size()%pageSize != 0 {
		return fmt.Errorf("%w: size is not a whole number of pages; restore it from a backup", ErrDamaged)
	}
	return nil
}

// dbErr turns SQLite's own errors into ours.
func dbErr(err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			return fmt.Errorf("%w: close the other Dossier window or wait for it to finish, then try again", ErrInUse)
		case sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
			return fmt.Errorf("%w: %v", ErrDamaged, err)
		}
	}
	return err
}

// Close folds the WAL into the case file and closes it, so that the
// .dossier file alone holds everything when Close returns.
func (c *Case) Close() error {
	c.ckpt.wait()
	c.checkpointNow()
	return c.db.Close()
}

// Path is the case file's location.
func (c *Case) Path() string { return c.path }

// Info describes the case.
func (c *Case) Info() Info { return c.info }

func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// bulkCtx is ctx without its cancellation, for the statements of a loop
// over many rows. go-sqlite3 starts a goroutine to watch every Exec made
// under a cancellable context; a 100,000-row import from the CLI, whose
// context is cancelled by Ctrl-C, spent 5 of its 7 seconds on that.
// Loops using it call bulkErr on every pass instead.
func bulkCtx(ctx context.Context) context.Context { return context.WithoutCancel(ctx) }

// bulkErr is ctx's error on every 1,000th pass i of a bulk loop (the
// first included), and nil on the others: often enough to stop promptly,
// rarely enough to cost nothing.
func bulkErr(ctx context.Context, i int) error {
	if i%1000 != 0 {
		return nil
	}
	return ctx.Err()
}

// tx runs f in one write transaction, committing only if f succeeds.
func (c *Case) tx(ctx context.Context, f func(*sql.Tx) error) error {
	tx, err := c.db.BeginTx(ctx, nil)
	if err != nil {
		return dbErr(err)
	}
	defer tx.Rollback()
	if err := f(tx); err != nil {
		return dbErr(err)
	}
	if err := tx.Commit(); err != nil {
		return dbErr(err)
	}
	c.ckpt.start(c.checkpointNow)
	return nil
}
