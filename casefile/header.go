package casefile

import (
	"encoding/binary"
	"fmt"
	"io"
	"os"
)

// header is what the first 100 bytes of a case file say, read by Dossier
// itself before SQLite opens the file.
type header struct {
	version int  // schema version (PRAGMA user_version) as last written to the main file
	wal     bool // the file was left in write-ahead-log mode
}

// readHeader reads the 100-byte SQLite header itself, before SQLite opens
// the file, so that random bytes, other databases and truncated files are
// refused without a single byte being written to them.
func readHeader(path string) (header, error) {
	f, err := os.Open(path)
	if err != nil {
		return header{}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return header{}, err
	}
	if st.IsDir() {
		return header{}, fmt.Errorf("%w: it is a folder", ErrNotCaseFile)
	}
	if !st.Mode().IsRegular() {
		return header{}, fmt.Errorf("%w: it is %s", ErrNotCaseFile, describeMode(st.Mode()))
	}
	var h [100]byte
	if _, err := io.ReadFull(f, h[:]); err != nil {
		return header{}, fmt.Errorf("%w: too short to be one", ErrNotCaseFile)
	}
	if string(h[:16]) != "SQLite format 3\x00" {
		return header{}, ErrNotCaseFile
	}
	if binary.BigEndian.Uint32(h[68:72]) != ApplicationID {
		return header{}, fmt.Errorf("%w: it is another program's SQLite database", ErrNotCaseFile)
	}
	hd := header{version: int(binary.BigEndian.Uint32(h[60:64])), wal: h[18] == 2 || h[19] == 2}
	if hd.version > len(migrations) {
		return header{}, fmt.Errorf("%w (schema %d, this build knows %d): update Dossier to open it",
			ErrNewerVersion, hd.version, len(migrations))
	}
	pageSize := int64(binary.BigEndian.Uint16(h[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize&(pageSize-1) != 0 {
		return header{}, fmt.Errorf("%w: bad page size in header", ErrDamaged)
	}
	// With a write-ahead log or a rollback journal beside it, the main
	// file may legitimately be shorter or longer than its header says: a
	// write was cut off, and SQLite completes or undoes it from that file
	// on open. Only judge the length without one.
	if nonEmpty(path+"-wal") || nonEmpty(path+"-journal") {
		return hd, nil
	}
	pages := int64(binary.BigEndian.Uint32(h[28:32]))
	counter := binary.BigEndian.Uint32(h[24:28])
	validFor := binary.BigEndian.Uint32(h[92:96])
	if pages > 0 && counter == validFor && st.Size() < pages*pageSize {
		return header{}, fmt.Errorf("%w: truncated (%d of %d bytes); restore it from a backup", ErrDamaged, st.Size(), pages*pageSize)
	}
	if st.Size()%pageSize != 0 {
		return header{}, fmt.Errorf("%w: size is not a whole number of pages; restore it from a backup", ErrDamaged)
	}
	return hd, nil
}

// nonEmpty reports whether a file exists at path and holds any bytes.
func nonEmpty(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Size() > 0
}

// exists reports whether anything exists at path.
func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
