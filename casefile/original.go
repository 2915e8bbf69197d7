package casefile

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"os"
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
// byte, and records an "extracted" custody event. It writes a temporary file beside out and renames it, so out is
// never left half-written; an existing out is replaced only if overwrite.
func (c *Case) Extract(ctx context.Context, ref, out string, overwrite bool) (Exhibit, error) {
	if !overwrite {
		if _, err := os.Lstat(out); err == nil {
			return Exhibit{}, fmt.Errorf("extract to %s: %w (choose another name or remove it first)", out, ErrExists)
		}
	}
	var ex Exhibit
	err := WriteFileAtomic(out, func(w io.Writer) error {
		var err error
		ex, err = c.WriteOriginal(ctx, ref, w)
		return err
	})
	if err != nil {
		return Exhibit{}, fmt.Errorf("extract %s: %w", ref, err)
	}
	// A copy leaving the case is part of its history. Only the file's base
	// name is recorded: a folder path can name a person.
	if err := c.Record(ctx, ActionExtracted, ex.Ref, map[string]string{"file": filepath.Base(out), "sha256": ex.SHA256}); err != nil {
		return ex, fmt.Errorf("extract %s: record in custody: %w", ref, err)
	}
	return ex, nil
}

// WriteFileAtomic calls write with a temporary file in path's folder, syncs
// it and renames it to path. If write fails, path is untouched.
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
