package casefile

import (
	"context"
	"path/filepath"
	"strings"
)

// Todo counts what is left to do with the evidence, step by step, for
// the app's "Next:" line: each field is work the bundle would be weaker
// without.
type Todo struct {
	SheetsNotImported []string // sheet exhibits whose rows are not imported
	ShotsNoMessage    []string // screenshot exhibits no message was read from
	UnlinkedMessages  int      // messages with no standing link to a row
	ProposedLinks     int      // links proposed by name and address, to review
	SuggestedMarks    int      // redaction marks suggested, to review
	AcceptedMarks     int      // redaction marks accepted
	Exported          bool     // a bundle was exported since the last change to the evidence
	HasEvidence       bool     // the case has an exhibit
}

// IsSheetFile reports whether a file name is a sheet whose rows can be
// imported: CSV, tab-separated text or an Excel workbook.
func IsSheetFile(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv", ".tsv", ".xlsx", ".xlsm":
		return true
	}
	return false
}

// EvidenceTodo works out what is left to do with the evidence.
func (c *Case) EvidenceTodo(ctx context.Context) (Todo, error) {
	var t Todo
	exs, err := c.Exhibits(ctx)
	if err != nil {
		return t, err
	}
	msgs, err := c.Messages(ctx)
	if err != nil {
		return t, err
	}
	fromShot := map[string]bool{}
	for _, m := range msgs {
		fromShot[m.Exhibit] = true
	}
	t.HasEvidence = len(exs) > 0
	for _, e := range exs {
		switch {
		case IsSheetFile(e.Filename) || (e.Kind == KindSheet && IsText(e.MediaType)):
			n, err := c.CountRows(ctx, RowQuery{Exhibit: e.Ref})
			if err != nil {
				return t, err
			}
			if n == 0 {
				t.SheetsNotImported = append(t.SheetsNotImported, e.Ref)
			}
		case e.Kind == KindScreenshot && !fromShot[e.Ref]:
			t.ShotsNoMessage = append(t.ShotsNoMessage, e.Ref)
		}
	}
	gapMsgs, _, err := c.Gaps(ctx)
	if err != nil {
		return t, err
	}
	t.UnlinkedMessages = len(gapMsgs)
	links, err := c.Links(ctx, false)
	if err != nil {
		return t, err
	}
	for _, l := range links {
		if l.Status == StatusProposed {
			t.ProposedLinks++
		}
	}
	marks, err := c.Marks(ctx, "")
	if err != nil {
		return t, err
	}
	for _, m := range marks {
		switch m.Status {
		case MarkSuggested:
			t.SuggestedMarks++
		case MarkAccepted:
			t.AcceptedMarks++
		}
	}
	log, err := c.Log(ctx)
	if err != nil {
		return t, err
	}
	// Exported counts only when nothing but checks and copies came after.
	for i := len(log) - 1; i >= 0; i-- {
		a := log[i].Action
		if a == ActionExported {
			t.Exported = true
			break
		}
		if a != ActionVerified && a != ActionExtracted && a != ActionPseudonyms && a != ActionLetterSaved && a != ActionStep && a != ActionCaseDetails {
			break
		}
	}
	return t, nil
}
