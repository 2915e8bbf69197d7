package export

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"dossier/export/marks"
	"dossier/export/redact"
)

// Errors that Problems wrap, so callers can tell them apart with
// errors.Is.
var (
	// ErrSheetNotImported means a data sheet's rows are not imported: its
	// names and numbers are not marked yet, so it cannot be reproduced.
	ErrSheetNotImported = errors.New("is a data sheet whose rows are not imported, so its names and numbers are not marked")
	// ErrNoOCR means image pages would go out without their pixels being
	// read back for marked values, because tesseract is not installed.
	ErrNoOCR = errors.New("cannot be read back for marked values: tesseract is not installed")
)

// Problem is one thing that stops an export, with the command that
// resolves it. It never holds a marked value.
type Problem struct {
	Exhibit string // reference, or "" for the case as a whole
	Page    int    // page of the exhibit (1 for an image), or 0
	Err     error  // what is wrong
	Fix     string // what to run or do to resolve it
}

func (p Problem) Error() string {
	where := ""
	switch {
	case p.Exhibit != "" && p.Page > 0:
		where = fmt.Sprintf("%s page %d: ", p.Exhibit, p.Page)
	case p.Exhibit != "":
		where = p.Exhibit + ": "
	}
	msg := p.Err.Error()
	// Errors from below often name the exhibit already.
	if p.Exhibit != "" && strings.HasPrefix(msg, p.Exhibit) {
		where = ""
	}
	return where + msg
}

func (p Problem) Unwrap() error { return p.Err }

// Problems are every problem found in one export, in bundle order. An
// export refused for them writes nothing. errors.Is sees through to each
// problem's error (ErrLeak, ErrSheetNotImported, ErrNoOCR...).
type Problems []Problem

func (ps Problems) Error() string {
	if len(ps) == 1 {
		return ps[0].Error()
	}
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return fmt.Sprintf("%d problems: %s", len(ps), strings.Join(lines, "; "))
}

// Unwrap lets errors.Is and errors.As look at every problem.
func (ps Problems) Unwrap() []error {
	out := make([]error, len(ps))
	for i, p := range ps {
		out[i] = p
	}
	return out
}

// problem records one problem of the export being laid out.
func (b *builder) problem(ref string, page int, err error, fix string) {
	b.problems = append(b.problems, Problem{Exhibit: ref, Page: page, Err: err, Fix: fix})
}

// caseArg is the case file as a command line names it.
func (b *builder) caseArg() string { return shellWord(filepath.Base(b.c.Path())) }

// shellWord quotes s for a shell when it needs it.
func shellWord(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t'\"$&;|<>()*?[]#~`\\!{}") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// withholdFix is the way out for an exhibit that cannot be made safe: leave
// it out of bundles, with a reason that is recorded in custody.
func (b *builder) withholdFix(ref string) string {
	return fmt.Sprintf("dossier withhold %s %s --reason TEXT", b.caseArg(), ref)
}

// fixFor says what resolves an error met while making an exhibit's copy.
func (b *builder) fixFor(ref string, err error) string {
	c := b.caseArg()
	switch {
	case errors.Is(err, ErrSheetNotImported):
		if !b.isSheetFile(ref) {
			// A scan: its rows can only be typed, there is no file to extract.
			return fmt.Sprintf("type the sheet's rows into ROWS.csv (a header line, then one line a row) and run dossier rows import %s ROWS.csv --exhibit %s, or %s",
				c, ref, b.withholdFix(ref))
		}
		return fmt.Sprintf("dossier rows import %s SHEET.csv --exhibit %s (the sheet transcribed, or the file itself: dossier extract %s %s --out SHEET.csv), or %s",
			c, ref, c, ref, b.withholdFix(ref))
	case errors.Is(err, marks.ErrUnmarkedRelative):
		return fmt.Sprintf("mark that name: dossier marks add %s --term \"GIVEN SURNAME\" --kind name (the cell is in dossier rows list %s), or %s",
			c, c, b.withholdFix(ref))
	case errors.Is(err, redact.ErrOutside):
		return fmt.Sprintf("dossier marks list %s shows the rectangles; remove the wrong one with dossier marks remove %s ID --reason TEXT", c, c)
	case errors.Is(err, ErrLeak), errors.Is(err, errUnmarked):
		return fmt.Sprintf("dossier marks suggest %s --ocr, then dossier marks accept %s --all; or draw a box with dossier marks add %s --exhibit %s --rect PAGE,X,Y,W,H",
			c, c, c, ref)
	}
	return b.withholdFix(ref)
}

// isSheetFile says whether exhibit ref is a CSV or XLSX file, rather than
// a scan of a sheet.
func (b *builder) isSheetFile(ref string) bool {
	for _, ex := range b.exhibits {
		if ex.Ref == ref {
			return marks.IsSheet(ex.MediaType)
		}
	}
	return false
}
