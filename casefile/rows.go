package casefile

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"dossier/casefile/names"
	"dossier/casefile/phone"
	"dossier/casefile/sheet"
)

// ActionTranscribed is the custody action for rows or messages written
// down from an exhibit.
const ActionTranscribed = "transcribed"

// Row is one transcribed line of a data sheet.
type Row struct {
	ID            int64
	Exhibit       string // reference of the sheet exhibit it transcribes
	SourceLine    int    // line (CSV) or row (XLSX) in the imported file
	SourceRef     string // "line 12", "Sheet1!A12"
	UPRN          string
	Address       string
	Estate        string
	Neighbourhood string
	Name          string
	NameKey       string // names.Key(Name): equal for "BAPTISTE, Maureen" and "Maureen Baptiste"
	Phone         string // as written
	PhoneE164     string // "" when missing or not a possible number: the row is flagged
	Extra         map[string]string
}

// NoPhone is true when the row has no usable phone number.
func (r Row) NoPhone() bool { return r.PhoneE164 == "" }

// ImportOptions choose how a sheet file becomes rows.
type ImportOptions struct {
	// Exhibit is the reference of the (scanned) sheet this file transcribes.
	// Empty means the file itself is the sheet: it is added as an exhibit
	// (kind sheet) in the same transaction, or reused if already added.
	Exhibit string
	Map     string // column overrides, "Contact No=phone,Prop Ref=uprn"
	Sheet   string // XLSX sheet name; "" is the first visible sheet
	// MaxRows refuses a sheet of more rows, with sheet.ErrTooLarge; 0 is
	// sheet.DefaultMaxRows.
	MaxRows int
}

func (o ImportOptions) sheetOptions() sheet.Options {
	return sheet.Options{Sheet: o.Sheet, Map: o.Map, MaxRows: o.MaxRows}
}

// ImportResult says what an import did.
type ImportResult struct {
	Exhibit  Exhibit
	Added    bool // the file was added as a new exhibit
	Rows     int
	NoPhone  []int // source lines of rows without a usable phone
	Sheet    *sheet.Result
	FileHash string
	// Phone cells to check against the sheet (see PhoneNote).
	Damaged    []PhoneNote // scientific notation with digits lost; these rows have no phone
	Several    []PhoneNote // more than one number in the cell
	Extensions []PhoneNote // a number with an extension
	Repaired   []PhoneNote // a leading zero restored, or a number read from scientific notation
	MaxRows    int         // the row limit the sheet was read with
}

// PreviewSheet reads a sheet file without writing anything, for the import
// wizard: detected format, encoding, delimiter, mapping and the first rows.
func PreviewSheet(path string, opt ImportOptions, limit int) (*sheet.Result, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("preview %s: %w", path, err)
	}
	defer f.Close()
	so := opt.sheetOptions()
	so.Limit = limit
	return sheet.Read(f, filepath.Base(path), so)
}

// ImportRows reads a CSV or XLSX sheet and stores its rows. The whole file
// is read and checked before anything is written; then the exhibit (if
// new), the rows and a "transcribed" custody event are written in one
// transaction. Importing rows a second time for the same exhibit is refused.
func (c *Case) ImportRows(ctx context.Context, path string, opt ImportOptions) (ImportResult, error) {
	name := filepath.Base(path)
	if fi, err := os.Stat(path); err == nil && fi.Size() > sheet.MaxFileSize(opt.sheetOptions()) {
		return ImportResult{}, fmt.Errorf("import %s: %w", path, sheet.FileTooLarge(name, opt.sheetOptions()))
	}
	data, err := ReadInput(path)
	if err != nil {
		return ImportResult{}, fmt.Errorf("import %s: %w", path, err)
	}
	out, err := c.importBytes(ctx, data, name, opt)
	if err != nil {
		return ImportResult{}, fmt.Errorf("import %s: %w", path, err)
	}
	return out, nil
}

// importBytes is ImportRows once the sheet's bytes are read; name is the
// file's name, which tells its format.
func (c *Case) importBytes(ctx context.Context, data []byte, name string, opt ImportOptions) (ImportResult, error) {
	res, err := sheet.ReadBytes(data, name, opt.sheetOptions())
	if err != nil {
		return ImportResult{}, err
	}
	sum := sha256.Sum256(data)
	out := ImportResult{Sheet: res, FileHash: hex.EncodeToString(sum[:]), Rows: len(res.Rows), MaxRows: opt.MaxRows}
	if out.MaxRows == 0 {
		out.MaxRows = sheet.DefaultMaxRows
	}
	err = c.tx(ctx, func(tx *sql.Tx) error {
		ex, added, err := c.sheetExhibit(ctx, tx, opt.Exhibit, data, name, out.FileHash)
		if err != nil {
			return err
		}
		out.Exhibit, out.Added = ex, added
		// A sheet is imported once; each worksheet of a workbook (a hidden
		// one too) once, so every worksheet can be transcribed.
		query, args := "SELECT COUNT(*) FROM rows WHERE exhibit_id = ?", []any{ex.ID}
		if res.Sheet != "" {
			p := sheet.RefPrefix(res.Sheet)
			query += " AND substr(source_ref, 1, length(?)) = ?"
			args = append(args, p, p)
		}
		var existing int
		if err := tx.QueryRowContext(ctx, query, args...).Scan(&existing); err != nil {
			return err
		}
		if existing > 0 {
			what := "a sheet is imported once"
			if res.Sheet != "" {
				what = fmt.Sprintf("worksheet %q is imported once", res.Sheet)
			}
			return invalid("%s already has %d transcribed rows; %s (see 'dossier rows list')", ex.Ref, existing, what)
		}
		// The event records the import's and its rows' ids and digest; the
		// rows are digested as they are inserted.
		rec, err := startRecords(ctx, tx, "imports")
		if err != nil {
			return err
		}
		rs, err := streamRecords(ctx, tx, "rows")
		if err != nil {
			return err
		}
		mapping, _ := json.Marshal(res.Mapping)
		delim := ""
		if res.Delimiter != 0 {
			delim = string(res.Delimiter)
		}
		ir, err := tx.ExecContext(ctx, `INSERT INTO imports (exhibit_id, file_name, file_sha256, format, encoding, delimiter, mapping, row_count, at)
			VALUES (?,?,?,?,?,?,?,?,?)`, ex.ID, name, out.FileHash, res.Format, res.Encoding, delim, string(mapping), len(res.Rows), formatTime(Clock()))
		if err != nil {
			return err
		}
		importID, _ := ir.LastInsertId()
		if err := c.insertRows(ctx, tx, rs, importID, ex.ID, res.Rows, &out); err != nil {
			return err
		}
		spans, err := rec.spans(ctx, tx)
		if err != nil {
			return err
		}
		if len(res.Rows) > 0 {
			if spans["rows"], err = rs.span(ctx, tx); err != nil {
				return err
			}
		}
		detail := map[string]any{
			"what": "rows", "file": name, "file_sha256": out.FileHash, "rows": len(res.Rows),
			"format": res.Format, "encoding": res.Encoding, "delimiter": delim, "mapping": res.Mapping,
			"no_phone": len(out.NoPhone), "ragged": len(res.Ragged),
		}
		if res.Sheet != "" {
			detail["sheet"] = res.Sheet // which sheet of the workbook, hidden ones included
		}
		return c.appendEvent(ctx, tx, ActionTranscribed, ex.Ref, withRecords(detail, spans))
	})
	if err != nil {
		return ImportResult{}, err
	}
	return out, nil
}

// sheetExhibit finds the exhibit rows will belong to: the named one, the
// file itself if it is already an exhibit, or the file added now.
func (c *Case) sheetExhibit(ctx context.Context, tx *sql.Tx, ref string, data []byte, name, sum string) (Exhibit, bool, error) {
	if ref != "" {
		ex, err := c.exhibitQ(ctx, tx, ref)
		return ex, false, err
	}
	var existing string
	err := tx.QueryRowContext(ctx, `SELECT e.ref FROM exhibits e JOIN blobs b ON b.id = e.blob_id WHERE b.sha256 = ?`, sum).Scan(&existing)
	if err == nil {
		ex, err := c.exhibitQ(ctx, tx, existing)
		return ex, false, err
	} else if err != sql.ErrNoRows {
		return Exhibit{}, false, err
	}
	ex, err := c.addTx(ctx, tx, bytes.NewReader(data), name, int64(len(data)), Meta{Kind: KindSheet}, nil)
	return ex, true, err
}

// RowQuery selects rows. Zero values mean "all".
type RowQuery struct {
	Exhibit string // only rows of this exhibit
	// Sheet, with Exhibit, keeps only the rows of that worksheet of a
	// workbook (by name, as 'rows import --sheet' takes it).
	Sheet   string
	Search  string // words each found in some field (see searchCond)
	NoPhone bool   // only rows without a usable phone
	Offset  int
	Limit   int
}

const rowCols = `r.id, e.ref, r.source_line, r.source_ref, r.uprn, r.address, r.estate, r.neighbourhood,
	r.name, r.name_key, r.phone, r.phone_e164, r.extra`

func scanRow(s scanner) (Row, error) {
	var r Row
	var extra string
	err := s.Scan(&r.ID, &r.Exhibit, &r.SourceLine, &r.SourceRef, &r.UPRN, &r.Address, &r.Estate, &r.Neighbourhood,
		&r.Name, &r.NameKey, &r.Phone, &r.PhoneE164, &extra)
	if err == nil && extra != "{}" {
		json.Unmarshal([]byte(extra), &r.Extra)
	}
	return r, err
}

func (q RowQuery) where() (string, []any) {
	var conds []string
	var args []any
	if q.Exhibit != "" {
		conds = append(conds, "e.ref = ?")
		args = append(args, q.Exhibit)
	}
	if q.Sheet != "" {
		p := sheet.RefPrefix(q.Sheet)
		conds = append(conds, "substr(r.source_ref, 1, length(?)) = ?")
		args = append(args, p, p)
	}
	if q.NoPhone {
		conds = append(conds, "r.phone_e164 = ''")
	}
	if cond, a := searchCond(q.Search); cond != "" {
		conds = append(conds, cond)
		args = append(args, a...)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// searchCond is the condition for a search as people type one: every word
// must appear in some field (case-insensitively; in the name also without
// accents, so "zoe okafor" finds "OKAFOR, Zoë"), and a search that is a
// phone number finds that number however either side writes it, so
// "07700900123" finds "+44 7700 900123".
func searchCond(search string) (string, []any) {
	words := strings.Fields(search)
	if len(words) == 0 {
		return "", nil
	}
	esc := strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`)
	var ands []string
	var args []any
	for _, w := range words {
		like := "%" + esc.Replace(w) + "%"
		folded := "%" + esc.Replace(names.Fold(w)) + "%"
		ands = append(ands, `(r.uprn LIKE ? ESCAPE '\' OR r.address LIKE ? ESCAPE '\' OR r.estate LIKE ? ESCAPE '\'
			OR r.neighbourhood LIKE ? ESCAPE '\' OR r.name LIKE ? ESCAPE '\' OR r.name_key LIKE ? ESCAPE '\'
			OR r.phone LIKE ? ESCAPE '\' OR r.phone_e164 LIKE ? ESCAPE '\')`)
		args = append(args, like, like, like, like, like, folded, like, like)
	}
	cond := "(" + strings.Join(ands, " AND ") + ")"
	if e164, err := phone.Normalize(search); err == nil {
		cond = "(r.phone_e164 = ? OR " + cond + ")"
		args = append([]any{e164}, args...)
	}
	return cond, args
}

// Rows returns the rows that q selects, in id order.
func (c *Case) Rows(ctx context.Context, q RowQuery) ([]Row, error) {
	if q.Exhibit != "" {
		q.Exhibit = c.NormalizeRef(q.Exhibit)
	}
	where, args := q.where()
	query := `SELECT ` + rowCols + ` FROM rows r JOIN exhibits e ON e.id = r.exhibit_id` + where + ` ORDER BY r.id`
	if q.Limit > 0 {
		query += fmt.Sprintf(" LIMIT %d OFFSET %d", q.Limit, q.Offset)
	}
	return queryAll(ctx, c.db, scanRow, query, args...)
}

// RowEstate is what the glance charts count of a row: its estate and
// its phone in E.164 form.
type RowEstate struct {
	ID        int64
	Estate    string
	PhoneE164 string
}

// RowEstates returns every row's estate and phone, in id order: the
// charts of a case of 100,000 rows need nothing else, and reading
// whole rows (their extra columns decoded) took half a second.
func (c *Case) RowEstates(ctx context.Context) ([]RowEstate, error) {
	return queryAll(ctx, c.db, func(s scanner) (RowEstate, error) {
		var r RowEstate
		err := s.Scan(&r.ID, &r.Estate, &r.PhoneE164)
		return r, err
	}, `SELECT id, estate, phone_e164 FROM rows ORDER BY id`)
}

// CountRows counts the rows q selects (ignoring Offset and Limit).
func (c *Case) CountRows(ctx context.Context, q RowQuery) (int, error) {
	if q.Exhibit != "" {
		q.Exhibit = c.NormalizeRef(q.Exhibit)
	}
	where, args := q.where()
	var n int
	err := c.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM rows r JOIN exhibits e ON e.id = r.exhibit_id`+where, args...).Scan(&n)
	return n, dbErr(err)
}

// RowByID returns one row.
func (c *Case) RowByID(ctx context.Context, id int64) (Row, error) {
	r, err := scanRow(c.db.QueryRowContext(ctx, `SELECT `+rowCols+` FROM rows r JOIN exhibits e ON e.id = r.exhibit_id WHERE r.id = ?`, id))
	if err == sql.ErrNoRows {
		return Row{}, fmt.Errorf("row %d: %w (see 'dossier rows list')", id, ErrUnknownRow)
	}
	return r, dbErr(err)
}
