package casefile

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"

	"github.com/gabriel-vasile/mimetype"
)

// chunkSize is how originals are cut up for storage: big enough that SQLite
// writes them efficiently, small enough that intake never holds more than a
// few of them in memory, whatever the file's size.
const chunkSize = 1 << 20

// Progress is told how many bytes of total are done; total is -1 when not
// known. It is called from the goroutine doing the work.
type Progress func(done, total int64)

// Add streams the file at path into the case as a new exhibit with the next
// reference. See AddReader.
func (c *Case) Add(ctx context.Context, path string, meta Meta) (Exhibit, error) {
	return c.AddFile(ctx, path, meta, nil)
}

// AddFile is Add with progress reports.
func (c *Case) AddFile(ctx context.Context, path string, meta Meta, progress Progress) (Exhibit, error) {
	name := filepath.Base(path)
	f, st, err := OpenInput(path)
	if err != nil {
		return Exhibit{}, fmt.Errorf("add %s: %w", path, err)
	}
	defer f.Close()
	ex, err := c.AddReader(ctx, f, name, st.Size(), meta, progress)
	if err != nil {
		return Exhibit{}, fmt.Errorf("add %s: %w", path, err)
	}
	return ex, nil
}

// AddReader stores everything r yields as a new exhibit named name. size is
// used for progress only (-1 if unknown). The bytes are hashed and written
// in chunks as they stream, so memory use does not grow with the file.
//
// The whole intake is one transaction: if ctx is cancelled, the process is
// killed, or the bytes are already exhibit X (a *DuplicateError), nothing is
// left behind.
func (c *Case) AddReader(ctx context.Context, r io.Reader, name string, size int64, meta Meta, progress Progress) (Exhibit, error) {
	if err := meta.validate(); err != nil {
		return Exhibit{}, err
	}
	var ex Exhibit
	err := c.tx(ctx, func(tx *sql.Tx) error {
		var err error
		ex, err = c.addTx(ctx, tx, r, name, size, meta, progress)
		return err
	})
	return ex, err
}

// addTx is AddReader inside the caller's transaction, so that an intake
// and what is built on it (rows transcribed from the file) commit together.
func (c *Case) addTx(ctx context.Context, tx *sql.Tx, r io.Reader, name string, size int64, meta Meta, progress Progress) (Exhibit, error) {
	meta.Title = strings.TrimSpace(meta.Title)
	if err := meta.validate(); err != nil {
		return Exhibit{}, err
	}
	if err := c.checkRoom(size); err != nil {
		return Exhibit{}, err
	}
	var ex Exhibit
	err := func() error {
		var blobID int64
		if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(id), 0) + 1 FROM blobs").Scan(&blobID); err != nil {
			return err
		}
		target := c.path
		if c.wal() {
			target += "-wal"
		}
		wb := startWriteback(target)
		defer wb.close()
		sum, n, head, err := writeChunks(ctx, tx, blobID, r, size, progress, wb)
		if err != nil {
			return err
		}
		if n == 0 {
			return invalid("the file is empty; there is nothing to add")
		}
		var existing string
		err = tx.QueryRowContext(ctx, `SELECT e.ref FROM exhibits e JOIN blobs b ON b.id = e.blob_id WHERE b.sha256 = ?`, sum).Scan(&existing)
		if err == nil {
			return &DuplicateError{Name: name, Ref: existing}
		} else if err != sql.ErrNoRows {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO blobs (id, sha256, size) VALUES (?, ?, ?)", blobID, sum, n); err != nil {
			return err
		}
		ex, err = c.insertExhibit(ctx, tx, blobID, name, sum, n, head, meta)
		return err
	}()
	return ex, err
}

// checkRoom refuses, before anything is written, an intake of size bytes
// that the disk holding the case cannot take. Without this check a full
// disk is still caught (SQLite fails the write and undoes the
// transaction), but only after the whole file has been read.
func (c *Case) checkRoom(size int64) error {
	free := freeSpace(filepath.Dir(c.path))
	if size <= 0 || free < 0 {
		return nil
	}
	// Pages carry a little overhead; in write-ahead-log mode every byte
	// is written to the log and then into the case file.
	need := size + size/32 + 1<<20
	if c.wal() {
		need += size
	}
	if free < need {
		return fmt.Errorf("%w: it needs about %s free beside the case file and the disk has %s", ErrDiskFull, sizeText(need), sizeText(free))
	}
	return nil
}

// writeChunks copies r into chunk rows of blobID. Hashing runs on this
// goroutine while a second one hands the previous chunk to SQLite, so the
// two costs overlap on a multi-core machine. It returns the hex SHA-256,
// the byte count and the first bytes (for sniffing the media type).
func writeChunks(ctx context.Context, tx *sql.Tx, blobID int64, r io.Reader, size int64, progress Progress, wb *writeback) (sum string, n int64, head []byte, err error) {
	stmt, err := tx.PrepareContext(ctx, "INSERT INTO chunks (blob_id, seq, data) VALUES (?, ?, ?)")
	if err != nil {
		return "", 0, nil, err
	}
	defer stmt.Close()

	type chunk struct {
		seq int
		buf []byte
	}
	const inFlight = 3
	free := make(chan []byte, inFlight)
	for i := 0; i < inFlight; i++ {
		free <- make([]byte, chunkSize)
	}
	work := make(chan chunk, inFlight)
	var wg sync.WaitGroup
	var writeErr error
	wg.Add(1)
	bulk := bulkCtx(ctx) // cancellation is checked by the reading loop
	go func() {
		defer wg.Done()
		for ch := range work {
			if writeErr == nil {
				_, writeErr = stmt.ExecContext(bulk, blobID, ch.seq, ch.buf)
				if ch.seq%16 == 15 {
					wb.kick()
				}
			}
			free <- ch.buf[:cap(ch.buf)]
		}
	}()

	h := sha256.New()
	var readErr error
	for seq := 0; ; seq++ {
		if err := ctx.Err(); err != nil {
			readErr = err
			break
		}
		buf := <-free
		k, rerr := io.ReadFull(r, buf)
		if k > 0 {
			if head == nil {
				head = append([]byte(nil), buf[:min(k, 4096)]...)
			}
			h.Write(buf[:k])
			n += int64(k)
			work <- chunk{seq, buf[:k]}
			if progress != nil {
				progress(n, size)
			}
		} else {
			free <- buf
		}
		if rerr == io.EOF || rerr == io.ErrUnexpectedEOF {
			break
		}
		if rerr != nil {
			readErr = fmt.Errorf("read: %w", rerr)
			break
		}
	}
	close(work)
	wg.Wait()
	if readErr != nil {
		return "", 0, nil, readErr
	}
	if writeErr != nil {
		return "", 0, nil, writeErr
	}
	return hex.EncodeToString(h.Sum(nil)), n, head, nil
}

func (c *Case) insertExhibit(ctx context.Context, tx *sql.Tx, blobID int64, name, sum string, size int64, head []byte, meta Meta) (Exhibit, error) {
	media := mimetype.Detect(head)
	mediaType := strings.SplitN(media.String(), ";", 2)[0]
	if meta.Kind == "" {
		meta.Kind = guessKind(mediaType)
	}
	if meta.Title == "" {
		meta.Title = strings.TrimSuffix(name, filepath.Ext(name))
	}
	var num int64
	if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(num), 0) + 1 FROM exhibits").Scan(&num); err != nil {
		return Exhibit{}, err
	}
	ex := Exhibit{
		Ref: fmt.Sprintf("%s/%d", c.info.Prefix, num), Meta: meta, Filename: name,
		Size: size, SHA256: sum, MediaType: mediaType, AddedAt: Clock().UTC().Truncate(1e9),
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO exhibits
		(num, ref, blob_id, kind, title, source, obtained, obtained_by, filename, media_type, added_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
		num, ex.Ref, blobID, ex.Kind, ex.Title, ex.Source, ex.Obtained, ex.ObtainedBy, name, mediaType, formatTime(ex.AddedAt))
	if err != nil {
		return Exhibit{}, err
	}
	ex.ID, _ = res.LastInsertId()
	return ex, c.appendEvent(ctx, tx, ActionAcquired, ex.Ref, acquiredDetail(ex))
}

// acquiredDetail is what the "acquired" event records: everything Verify
// needs to check the exhibit row against the chain later.
func acquiredDetail(ex Exhibit) map[string]any {
	d := map[string]any{}
	for k, v := range metaFields(ex.Meta) {
		d[k] = v
	}
	d["sha256"] = ex.SHA256
	d["size"] = ex.Size
	d["filename"] = ex.Filename
	d["media_type"] = ex.MediaType
	return d
}

func guessKind(mediaType string) Kind {
	switch {
	case mediaType == "text/csv", strings.Contains(mediaType, "spreadsheet"), mediaType == "application/vnd.ms-excel":
		return KindSheet
	case mediaType == "message/rfc822":
		return KindEmail
	case mediaType == "image/jpeg", mediaType == "image/heic", mediaType == "image/heif":
		return KindPhoto
	case strings.HasPrefix(mediaType, "image/"):
		return KindScreenshot
	}
	return KindOther
}
