package casefile

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
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
// checkpoint inside COMMIT. It matters only while a case is in
// write-ahead-log mode (Options.ConcurrentReads): SQLite's default copies
// the whole log into the main file as part of the commit that grew it;
// Case folds the log in afterwards, in the background, and always before
// Close returns (see checkpoint.go).
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
	// ConcurrentReads keeps the case in write-ahead-log mode while it is
	// open, so that reading it never waits for a long change (an intake,
	// an import) to finish: what a window showing the case needs. A
	// command that runs once leaves it off: in that mode every byte is
	// written twice (to the log, then into the case file), which halves
	// the speed of a large intake. Either way the case file is left in
	// rollback-journal mode when closed, so that it can be read without a
	// byte written beside it.
	ConcurrentReads bool
	// Upgrade lets Open bring a case made by an older Dossier up to this
	// build's schema, in one transaction recorded as an "upgraded" custody
	// event. Without it such a case is refused with ErrNeedsUpgrade, so
	// that the app can ask first.
	Upgrade bool
	// ReadOlder lets OpenReadOnly open a case made by an older Dossier as
	// it is, for Verify and Log only (the rest of the API expects this
	// build's schema): a case received from someone else, or on read-only
	// media, can be checked without being upgraded. Without it such a
	// case is refused with ErrNeedsUpgrade.
	ReadOlder bool
}

// Case is an open case file. Its methods are safe for concurrent use.
type Case struct {
	db         *sql.DB
	path       string
	actor      actorName
	info       Info
	ckpt       checkpointer
	readOnly   bool          // opened with OpenReadOnly: nothing is ever written
	readOlder  bool          // Options.ReadOlder
	concurrent bool          // Options.ConcurrentReads
	walMode    bool          // the file was in write-ahead-log mode once opened
	upgraded   int           // the schema version Open upgraded from, or 0
	writes     atomic.Uint64 // write transactions begun (see Generation)

	closeOnce sync.Once
	closeErr  error
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
		return nil, fmt.Errorf("create %s: %w", path, fileErr(err))
	}
	tmpName := tmp.Name()
	tmp.Close()
	defer os.Remove(tmpName)

	actor := opt.Actor
	if actor == "" {
		actor = DefaultActor()
	}
	if err := initFile(tmpName, title, prefix, actor); err != nil {
		return nil, fmt.Errorf("create %s: %w", path, dbErr(err))
	}
	// Link, not rename: link fails if path appeared meanwhile, so another
	// program's file is never replaced.
	if err := os.Link(tmpName, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("create %s: %w", path, ErrExists)
		}
		return nil, fmt.Errorf("create %s: %w", path, fileErr(err))
	}
	// The new name must survive a power cut as surely as the file's bytes
	// (SQLite synced those on COMMIT).
	os.Remove(tmpName)
	if err := syncFolder(filepath.Dir(path)); err != nil {
		return nil, fmt.Errorf("create %s: %w", path, fileErr(err))
	}
	return Open(path, opt)
}

// initFile writes the schema and first custody event into a fresh file,
// in rollback-journal mode (how a case file rests; see Open).
func initFile(name, title, prefix, actor string) error {
	db, err := sql.Open("sqlite3", "file:"+url.PathEscape(name)+"?_foreign_keys=1&_txlock=immediate&_synchronous=EXTRA")
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
	now := Clock().UTC()
	id := uuid.NewString()
	c := &Case{info: Info{UUID: id}}
	c.actor.set(actor)
	return inTx(ctx, db, func(tx *sql.Tx) error {
		if err := migrateTx(ctx, tx, 0); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO case_info (id, uuid, title, prefix, created_at) VALUES (1, ?, ?, ?, ?)`,
			id, title, prefix, formatTime(now)); err != nil {
			return err
		}
		return c.appendEvent(ctx, tx, ActionCreated, "", map[string]string{
			"uuid": id, "title": title, "prefix": prefix,
		})
	})
}

// Open opens an existing case file for reading and writing. Anything that
// is not a case file, a case file from a newer Dossier, or a damaged file
// is refused with ErrNotCaseFile, ErrNewerVersion or ErrDamaged, and the
// file is left exactly as it was. A file or folder that cannot be written
// is refused with ErrReadOnly (OpenReadOnly reads it), and a case from an
// older Dossier with ErrNeedsUpgrade unless opt.Upgrade.
//
// Every commit is on the disk before it returns (synchronous=EXTRA): once
// a change is reported done, a power cut cannot take it back.
func Open(path string, opt Options) (*Case, error) {
	if _, err := readHeader(path); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := checkWritable(path); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	// Per-connection settings go in the DSN so every pooled connection has
	// them. _txlock=immediate takes the write lock at BEGIN, so two writers
	// queue behind the busy timeout instead of failing mid-transaction.
	// EXTRA syncs each commit to the disk in either journal mode, and in
	// rollback mode also syncs the folder once the journal is deleted:
	// without that a power cut could bring the journal back, and the next
	// open would undo a commit already reported done.
	q := url.Values{}
	q.Set("mode", "rw")
	q.Set("_foreign_keys", "1")
	q.Set("_busy_timeout", fmt.Sprint(BusyTimeout.Milliseconds()))
	q.Set("_txlock", "immediate")
	q.Set("_synchronous", "EXTRA")
	c, err := openDB(path, q, opt)
	if err != nil {
		return nil, err
	}
	c.concurrent = opt.ConcurrentReads
	if err := c.load(opt.Upgrade); err != nil {
		c.db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := c.setJournalMode(); err != nil {
		c.db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := c.removeStaleJournal(); err != nil {
		c.db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return c, nil
}

// removeStaleJournal deletes a rollback journal that a program killed
// just as it began a change left behind empty (or with a zeroed header).
// SQLite rolls back a journal that holds anything, but ignores such a one
// and leaves it beside the case for good, where it would be copied along
// with it. Holding the write lock proves no other program is using it.
func (c *Case) removeStaleJournal() error {
	j := c.path + "-journal"
	if !exists(j) {
		return nil
	}
	ctx := context.Background()
	conn, err := c.db.Conn(ctx)
	if err != nil {
		return dbErr(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		if errors.Is(dbErr(err), ErrInUse) {
			return nil // another program is writing: the journal may be its
		}
		return dbErr(err)
	}
	defer conn.ExecContext(ctx, "ROLLBACK")
	f, err := os.Open(j)
	if err != nil {
		return nil
	}
	var first [1]byte
	n, _ := f.Read(first[:])
	f.Close()
	if n == 0 || first[0] == 0 {
		if err := os.Remove(j); err != nil {
			return err
		}
		return syncFolder(filepath.Dir(c.path))
	}
	return nil
}

// OpenReadOnly opens a case file without writing a byte to it or beside
// it: its bytes and modification time stay as they were, and no -wal,
// -shm or -journal file is made. Every change through the returned Case
// fails with ErrReadOnly. It is for commands and screens that only look
// (list, show, log, verify, previews), and for cases on read-only media.
// A case from an older Dossier is refused with ErrNeedsUpgrade: reading
// it would need its schema changed.
func OpenReadOnly(path string, opt Options) (*Case, error) {
	hd, err := readHeader(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	q := url.Values{}
	q.Set("_busy_timeout", fmt.Sprint(BusyTimeout.Milliseconds()))
	switch {
	case exists(path + "-wal"):
		// A program has the case open, or stopped while it did: the log
		// beside the file holds part of the case, and its -shm index is
		// shared with that program. Read through both, as SQLite does.
		q.Set("mode", "ro")
	case hd.wal:
		// Left in write-ahead-log mode (by an older Dossier) with no log
		// beside it, so the file alone is the whole case. SQLite would
		// create and leave behind empty -wal and -shm files to read it
		// normally, and cannot at all on read-only media; immutable reads
		// the file alone.
		q.Set("immutable", "1")
	default:
		// Rollback-journal mode, how Dossier leaves a case: read-only
		// opening takes a shared lock and creates nothing.
		q.Set("mode", "ro")
	}
	c, err := openDB(path, q, opt)
	if err != nil {
		return nil, err
	}
	c.readOnly, c.readOlder = true, opt.ReadOlder
	if err := c.load(false); err != nil {
		c.db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return c, nil
}

func openDB(path string, q url.Values, opt Options) (*Case, error) {
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
	return c, nil
}

func (c *Case) load(upgrade bool) error {
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
	if version < len(migrations) && (c.readOnly && !c.readOlder || !c.readOnly && !upgrade) {
		return fmt.Errorf("%w (schema %d, this build writes %d)", ErrNeedsUpgrade, version, len(migrations))
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
	if version < len(migrations) && !c.readOnly {
		if err := c.upgrade(ctx, version); err != nil {
			return fmt.Errorf("upgrade schema from version %d: %w", version, err)
		}
	}
	return nil
}

// setJournalMode puts the case in write-ahead-log mode if it is opened
// for concurrent reads, and in rollback-journal mode otherwise. Another
// program holding the case in the other mode keeps it there (the switch
// needs the file to itself), and that is no error: SQLite follows the
// mode the file is in.
func (c *Case) setJournalMode() error {
	want := "DELETE"
	if c.concurrent {
		want = "WAL"
	}
	var mode string
	err := c.db.QueryRow("PRAGMA journal_mode = " + want).Scan(&mode)
	if err != nil {
		if !errors.Is(dbErr(err), ErrInUse) {
			return dbErr(err)
		}
		if err := c.db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil {
			return dbErr(err)
		}
	}
	c.walMode = strings.EqualFold(mode, "wal")
	return nil
}

// checkWritable refuses, with ErrReadOnly, a case file that cannot be
// opened for writing or whose folder cannot take the journal SQLite
// writes beside it. SQLite itself would fall back to reading silently,
// and the first change would then fail with a less helpful message.
func checkWritable(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		if errors.Is(err, fs.ErrPermission) || isReadOnlyFS(err) {
			return fmt.Errorf("%w: %v", ErrReadOnly, err)
		}
		return err
	}
	f.Close()
	if !dirWritable(filepath.Dir(path)) {
		return fmt.Errorf("%w: its folder %s cannot be written", ErrReadOnly, filepath.Dir(path))
	}
	return nil
}

// Close closes the case. If the case was in write-ahead-log mode, the log
// is first folded into the case file, so that the .dossier file alone
// holds everything when Close returns nil; an error doing so (a full
// disk) is returned, not ignored. Calling Close again returns the same
// result.
func (c *Case) Close() error {
	c.closeOnce.Do(func() {
		err := c.close()
		if err != nil {
			err = fmt.Errorf("close %s: %w", c.path, err)
		}
		c.closeErr = err
	})
	return c.closeErr
}

func (c *Case) close() error {
	if c.readOnly {
		return c.db.Close()
	}
	c.ckpt.wait()
	err := c.foldLog()
	if cerr := c.db.Close(); err == nil {
		err = dbErr(cerr)
	}
	return err
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

// ReadOnly reports whether the case was opened with OpenReadOnly: nothing
// done through it changes the file, and nothing is recorded in custody.
func (c *Case) ReadOnly() bool { return c.readOnly }

// Generation counts the write transactions this Case has made, whether
// they committed or not, so that what is worked out from the case (the
// stand-ins and searches of its marks, say) can be kept while the case
// is as it was: a result read at one generation holds until the count
// moves. A case opened read-only may be written by another program, so
// it has none: ok is false.
func (c *Case) Generation() (gen uint64, ok bool) {
	if c.readOnly {
		return 0, false
	}
	return c.writes.Load(), true
}

// readOnlyErr is what every change to a read-only case returns.
func (c *Case) readOnlyErr() error {
	return fmt.Errorf("%s: %w: it was opened only for reading", c.path, ErrReadOnly)
}
