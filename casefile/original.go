package casefile

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path/filepath"
)

// WriteOriginal streams exhibit ref's original bytes to w, chunk by chunk,
// and checks them against the recorded SHA-256 on the way. A mismatch is an
// error (the bytes already written are then not to be trusted).
func (c *Case) WriteOriginal(ctx context.Context, ref string, w io.Writer) (Exhibit, error) {
	ex, err := c.Exhibit(ctx, ref)
	if err != nil {
		return Exhibit{}, err
	}
	sum, n, err := c.streamBlob(ctx, ex.ID, w)
	if err != nil {
		return ex, fmt.Errorf("read original of %s: %w", ex.Ref, err)
	}
	if sum != ex.SHA256 || n != ex.Size {
		return ex, fmt.Errorf("read original of %s: %w: stored bytes do not match the recorded SHA-256; run 'dossier verify'", ex.Ref, ErrDamaged)
	}
	return ex, nil
}

// streamBlob copies an exhibit's chunks in order to w and returns their
// SHA-256 and length.
func (c *Case) streamBlob(ctx context.Context, exhibitID int64, w io.Writer) (string, int64, error) {
	rows, err := c.db.QueryContext(ctx, `SELECT ch.data FROM chunks ch
		JOIN exhibits e ON e.blob_id = ch.blob_id WHERE e.id = ? ORDER BY ch.seq`, exhibitID)
	if err != nil {
		return "", 0, dbErr(err)
	}
	defer rows.Close()
	h := sha256.New()
	mw := io.MultiWriter(h, w)
	var n int64
	for rows.Next() {
		// RawBytes avoids a copy per chunk; it is valid until Next.
		var raw sql.RawBytes
		if err := rows.Scan(&raw); err != nil {
			return "", 0, dbErr(err)
		}
		k, err := mw.Write(raw)
		n += int64(k)
		if err != nil {
			return "", n, err
		}
		if err := ctx.Err(); err != nil {
			return "", n, err
		}
	}
	if err := rows.Err(); err != nil {
		return "", n, dbErr(err)
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// ReadOriginal returns an exhibit's original bytes in memory. It is for
// small files (previews, a sheet to import); use WriteOriginal for large ones.
func (c *Case) ReadOriginal(ctx context.Context, ref string) ([]byte, Exhibit, error) {
	ex, err := c.Exhibit(ctx, ref)
	if err != nil {
		return nil, Exhibit{}, err
	}
	buf := make([]byte, 0, ex.Size)
	w := &sliceWriter{buf}
	ex, err = c.WriteOriginal(ctx, ex.Ref, w)
	return w.b, ex, err
}

type sliceWriter struct{ b []byte }

func (s *sliceWriter) Write(p []byte) (int, error) { s.b = append(s.b, p...); return len(p), nil }

// Extract writes an exhibit's original bytes to the file out, byte for
// byte (checked against the recorded SHA-256 on the way), and records an
// "extracted" custody event before out appears (see WriteRecorded): if
// the event cannot be recorded (the case is busy, the disk full) nothing
// is written. On a case opened read-only the file is written and nothing
// is recorded (see ReadOnly). An existing out is replaced only if
// overwrite, and never if it is not an ordinary file.
func (c *Case) Extract(ctx context.Context, ref, out string, overwrite bool) (Exhibit, error) {
	if err := CheckOutput(out, overwrite, 0); err != nil {
		if errors.Is(err, ErrExists) {
			return Exhibit{}, fmt.Errorf("extract to %s: %w (choose another name or remove it first)", out, ErrExists)
		}
		return Exhibit{}, fmt.Errorf("extract %s: %w", ref, err)
	}
	ex, err := c.Exhibit(ctx, ref)
	if err != nil {
		return Exhibit{}, err
	}
	if free := freeSpace(filepath.Dir(out)); free >= 0 && free < ex.Size {
		return Exhibit{}, fmt.Errorf("extract %s: %w: %s needs %s and the disk has %s free", ref, ErrDiskFull, out, sizeText(ex.Size), sizeText(free))
	}
	// Only the file's base name is recorded: a folder path can name a
	// person.
	detail := map[string]string{"file": filepath.Base(out), "sha256": ex.SHA256}
	err = c.WriteRecorded(ctx, out, func(w io.Writer) error {
		_, err := c.WriteOriginal(ctx, ex.Ref, w)
		return err
	}, ActionExtracted, ex.Ref, detail)
	if err != nil {
		return Exhibit{}, fmt.Errorf("extract %s: %w", ref, err)
	}
	return ex, nil
}

// WriteRecorded writes a file that carries something out of the case (an
// extracted original, a bundle) so that custody never misses it: write
// fills a temporary file beside out, which is synced; then the custody
// event (action, exhibit, detail) is committed; only then is the file
// renamed to out and the folder synced. If write fails or the event
// cannot be recorded, out is untouched and no temporary file is left. On
// a case opened read-only the file is written and nothing is recorded.
// out is not checked here: see CheckOutput.
func (c *Case) WriteRecorded(ctx context.Context, out string, write func(io.Writer) error, action, exhibit string, detail any) error {
	p, err := writePending(out, write)
	if err != nil {
		return err
	}
	if !c.readOnly {
		if err := c.Record(ctx, action, exhibit, detail); err != nil {
			p.abort()
			return fmt.Errorf("cannot record it in custody, so nothing was written: %w", err)
		}
	}
	if err := p.commit(); err != nil {
		p.abort()
		if c.readOnly {
			return err
		}
		return fmt.Errorf("recorded in custody, but %s could not be written: %w", out, err)
	}
	return nil
}
