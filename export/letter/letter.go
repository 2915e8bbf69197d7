// Package letter writes the complaint workflow's letters: a concern to the
// organisation, a complaint to the ICO, a report of unsolicited marketing
// texts to the ICO (PECR), a letter to a board chair, a subject access
// request and a request for a case review.
//
// Letters cite the law the case's facts engage (Engaged), in plain English
// with the reference in brackets, and name the regulator as it is called
// on the letter's date.
//
// A letter starts from a built-in template (Templates, Lookup) merged with
// values drawn from a case (CaseFields) by Render. The result is plain
// text: the sender's address, the date, the recipient's address and the
// body, in paragraphs separated by blank lines. A person edits that text,
// then Save stores it in the case as an exhibit of kind letter, and PDF
// typesets it as an A4 letter.
//
// Merge fields are written {{.CaseTitle}}; KnownFields lists them. A field
// the package does not know is an error naming it, never a blank. A known
// field with no value in the case is merged as a bracketed reminder such
// as "[your postal address]", which the person replaces before sending.
package letter

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"dossier/assets"
)

// Template is one built-in letter.
type Template struct {
	ID    string // e.g. "concern"; also the file name letters/ID.tmpl
	Title string // one line for the template list
	Text  string // Go text/template source with merge fields
}

// order is the template list in the order a complaint goes.
var order = []string{"concern", "subject-access", "ico-complaint", "pecr-report", "case-review", "board-chair"}

// Templates returns the built-in templates in workflow order.
func Templates() []Template {
	out := make([]Template, 0, len(order))
	for _, id := range order {
		t, err := load(id)
		if err != nil {
			// The templates are embedded and tested; a failure here is a
			// broken build, not something a user can fix.
			panic(err)
		}
		out = append(out, t)
	}
	return out
}

// IDs returns the built-in template ids in workflow order.
func IDs() []string { return slices.Clone(order) }

// Lookup returns the built-in template with the given id. An unknown id is
// an error listing the ids there are.
func Lookup(id string) (Template, error) {
	if !slices.Contains(order, id) {
		return Template{}, fmt.Errorf("letter template %q not found; use one of %s", id, strings.Join(order, ", "))
	}
	return load(id)
}

// load reads letters/ID.tmpl: a title line, a blank line, the template.
func load(id string) (Template, error) {
	b, err := fs.ReadFile(assets.Letters, path.Join("letters", id+".tmpl"))
	if err != nil {
		return Template{}, fmt.Errorf("letter template %s: %w", id, err)
	}
	s := strings.ReplaceAll(string(b), "\r\n", "\n")
	title, text, ok := strings.Cut(s, "\n\n")
	if !ok || strings.Contains(title, "\n") {
		return Template{}, fmt.Errorf("letter template %s: the first line must be its title, then a blank line", id)
	}
	return Template{ID: id, Title: strings.TrimSpace(title), Text: text}, nil
}
