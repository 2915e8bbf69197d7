package casefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// OpenInput opens a file the user gave as input (a file to add, a sheet
// or messages to import, a letter) and refuses at once anything that is
// not an ordinary file: a folder, a named pipe (reading one waits for a
// writer that may never come), a device (/dev/zero never ends), a socket.
// The check is made on the opened file, so the path cannot be swapped
// between check and read. The error wraps ErrNotRegular and names the
// path and what it is.
func OpenInput(path string) (*os.File, fs.FileInfo, error) {
	f, err := openNoWait(path)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, nil, &notRegularError{path: path, what: describeMode(st.Mode())}
	}
	return f, st, nil
}

// ReadInput reads a whole input file the user gave, refusing what
// OpenInput refuses: it is os.ReadFile for files that come from a person.
func ReadInput(path string) ([]byte, error) {
	f, st, err := OpenInput(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, 0, st.Size()+1)
	for {
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
	}
}

// notRegularError is OpenInput's refusal; it is both ErrNotRegular and
// ErrInvalid (bad input from the user).
type notRegularError struct{ path, what string }

func (e *notRegularError) Error() string {
	return fmt.Sprintf("%s is %s, not a regular file: give the path of a file", e.path, e.what)
}

func (e *notRegularError) Is(target error) bool {
	return target == ErrNotRegular || target == ErrInvalid
}

// CheckOutput checks, before any long work, that a file can be written at
// path: its folder exists and can be written, nothing but an ordinary file
// is there (never a device, a pipe or a folder: a rename would replace the
// device node), an existing file only if overwrite, and, when need > 0,
// that the disk has at least need bytes free. The error wraps ErrExists,
// ErrNotRegular, ErrReadOnly or ErrDiskFull, or the folder's own error.
func CheckOutput(path string, overwrite bool, need int64) error {
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("write %s: the folder %s does not exist", path, dir)
		}
		return fmt.Errorf("write %s: %w", path, err)
	}
	if !st.IsDir() {
		return fmt.Errorf("write %s: %s is not a folder", path, dir)
	}
	if st, err := os.Lstat(path); err == nil {
		if !st.Mode().IsRegular() {
			return fmt.Errorf("write %s: it is %s, %w: give the name of a file", path, describeMode(st.Mode()), ErrNotRegular)
		}
		if !overwrite {
			return fmt.Errorf("write %s: %w", path, ErrExists)
		}
	}
	if !dirWritable(dir) {
		return fmt.Errorf("write %s: %w: the folder %s cannot be written; choose another folder", path, ErrReadOnly, dir)
	}
	if free := freeSpace(dir); need > 0 && free >= 0 && free < need {
		return fmt.Errorf("write %s: %w: it needs about %s and the disk has %s free", path, ErrDiskFull, sizeText(need), sizeText(free))
	}
	return nil
}

// sizeText is a byte count for messages: "12.3 MB".
func sizeText(n int64) string {
	switch {
	case n >= 1e9:
		return fmt.Sprintf("%.1f GB", float64(n)/1e9)
	case n >= 1e6:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	case n >= 1e3:
		return fmt.Sprintf("%.0f kB", float64(n)/1e3)
	}
	return fmt.Sprintf("%d bytes", n)
}

// syncFolder is syncDir, replaceable so that a test can see each folder
// synced.
var syncFolder = syncDir

// pendingFile is a file being written before it appears under its final
// name; commit makes it appear whole, abort leaves no trace. Where the
// file system allows it the file has no name at all until commit, so a
// process killed while writing it leaves nothing behind; elsewhere it is
// a hidden temporary file beside the final one.
type pendingFile struct {
	*os.File
	final string
	named bool // a named temporary file, not an unnamed one
}

// unnamedFiles turns unnamed temporary files off, so that a test can
// exercise the named fallback where they are supported.
var unnamedFiles = true

// createPending starts writing the file that will be path.
func createPending(path string) (*pendingFile, error) {
	if unnamedFiles {
		if f, err := createUnnamed(filepath.Dir(path)); err == nil {
			return &pendingFile{File: f, final: path}, nil
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, fileErr(err)
	}
	return &pendingFile{File: tmp, final: path, named: true}, nil
}

// finish syncs the file's bytes to the disk.
func (p *pendingFile) finish() error {
	return fileErr(p.Sync())
}

// commit gives the finished file its final name, replacing a file there,
// and syncs the folder so that the name survives a power cut.
func (p *pendingFile) commit() error {
	dir := filepath.Dir(p.final)
	if p.named {
		if err := p.File.Close(); err != nil {
			return fileErr(err)
		}
		if err := os.Rename(p.Name(), p.final); err != nil {
			return fileErr(err)
		}
		return fileErr(syncFolder(dir))
	}
	defer p.File.Close()
	err := linkUnnamed(p.File, p.final)
	if errors.Is(err, fs.ErrExist) {
		// Replacing a file: a link cannot, so link under a temporary name
		// and rename that over it.
		tmp := filepath.Join(dir, fmt.Sprintf(".%s.tmp-%d", filepath.Base(p.final), os.Getpid()))
		os.Remove(tmp)
		if err = linkUnnamed(p.File, tmp); err == nil {
			if err = os.Rename(tmp, p.final); err != nil {
				os.Remove(tmp)
			}
		}
	}
	if err != nil {
		return fileErr(err)
	}
	return fileErr(syncFolder(dir))
}

// abort discards the file.
func (p *pendingFile) abort() {
	p.File.Close()
	if p.named {
		os.Remove(p.Name())
	}
}

// WriteFileAtomic calls write with a temporary file in path's folder, syncs
// it, renames it to path and syncs the folder. If write fails, path is
// untouched and no temporary file is left. It refuses to replace anything
// but an ordinary file (a device node, say). A full disk is reported as
// ErrDiskFull.
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	p, err := writePending(path, write)
	if err != nil {
		return err
	}
	if err := p.commit(); err != nil {
		p.abort()
		return err
	}
	return nil
}

// writePending refuses a path that is not an ordinary file, then fills
// and syncs a temporary file beside it with write. The caller commits it
// (renames it over path) or aborts it; on an error nothing is left.
func writePending(path string, write func(io.Writer) error) (*pendingFile, error) {
	if st, err := os.Lstat(path); err == nil && !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is %s, %w: give the name of a file", path, describeMode(st.Mode()), ErrNotRegular)
	}
	p, err := createPending(path)
	if err != nil {
		return nil, err
	}
	if err := write(p); err != nil {
		p.abort()
		return nil, fileErr(err)
	}
	if err := p.finish(); err != nil {
		p.abort()
		return nil, err
	}
	return p, nil
}
