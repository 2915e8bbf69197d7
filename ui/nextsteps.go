package ui

import (
	"fmt"
	"strings"

	"dossier/casefile"
)

// evidenceStep is one step left with the evidence: what, how, and where.
type evidenceStep struct{ text, hint, tab string }

// evidenceSteps lists what is left to do with the evidence, in the order
// of the work: add, transcribe, link, redact, export.
func evidenceSteps(td casefile.Todo) []evidenceStep {
	var out []evidenceStep
	if !td.HasEvidence {
		return []evidenceStep{{"add your evidence",
			"Drag the data sheets, screenshots and letters onto this window, or use Add files… on the Exhibits tab. Each is stored unchanged and logged.",
			"Exhibits"}}
	}
	if n := len(td.SheetsNotImported); n > 0 {
		out = append(out, evidenceStep{fmt.Sprintf("import the rows of %d data %s (%s)", n, plural(n, "sheet", "sheets"), strings.Join(td.SheetsNotImported, ", ")),
			"Rows tab, Import sheet…: the sheet's rows are what messages are linked to.", "Rows"})
	}
	if n := len(td.ShotsNoMessage); n > 0 {
		out = append(out, evidenceStep{fmt.Sprintf("type the message on %d %s", n, plural(n, "screenshot", "screenshots")),
			"Messages tab: choose the screenshot, type what it shows (or Read with OCR) and press Add message.", "Messages"})
	}
	if td.UnlinkedMessages > 0 {
		out = append(out, evidenceStep{count(td.UnlinkedMessages, "message", "messages") + " not linked to a sheet row",
			"Links tab: Link automatically joins each message to the row that lists its phone.", "Links"})
	}
	if td.ProposedLinks > 0 {
		out = append(out, evidenceStep{count(td.ProposedLinks, "proposed link", "proposed links") + " to review",
			"Links tab: accept or reject each link proposed by name and address.", "Links"})
	}
	if td.SuggestedMarks > 0 {
		out = append(out, evidenceStep{count(td.SuggestedMarks, "suggested mark", "suggested marks") + " to review",
			"Redact tab: accept or reject each name and number found, so residents are not named in the bundle.", "Redact"})
	} else if td.AcceptedMarks == 0 {
		out = append(out, evidenceStep{"choose what to redact",
			"Redact tab: Suggest marks finds residents' names and numbers; accept them so the bundle shows stand-ins.", "Redact"})
	}
	if !td.Exported {
		out = append(out, evidenceStep{"export the bundle", "Export tab: check the pages and size, then Export bundle….", "Export"})
	}
	return out
}

// statusWords are a step's status in plain words, with what they mean.
var statusWords = map[string][2]string{
	casefile.StepDone:          {"Done", "the date is recorded"},
	casefile.StepMet:           {"Met in time", "this deadline was kept"},
	casefile.StepDue:           {"Due", "the date is still ahead"},
	casefile.StepOverdue:       {"Overdue", "the date has passed and nothing is recorded"},
	casefile.StepWarning:       {"Due soon", "the date is close"},
	casefile.StepPending:       {"Not yet", "nothing is due yet"},
	casefile.StepNotKnown:      {"Not known yet", "it depends on a date not recorded yet"},
	casefile.StepNotApplicable: {"Does not apply", "the rule does not apply to this case's dates"},
}

// statusText is a status in plain words.
func statusText(status string) string {
	if w, ok := statusWords[status]; ok {
		return w[0]
	}
	return status
}
