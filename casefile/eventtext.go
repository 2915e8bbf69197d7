package casefile

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"dossier/internal/bytesize"
)

// ActionRedactedCopy is the custody action of 'dossier redact': a
// redacted copy of one exhibit written to a file. The verb records it;
// EventSummary words it.
const ActionRedactedCopy = "redacted-copy"

// EventSummary says what a custody event records in one line of plain
// words, such as "Added LW/2: shot.png (34.0 KB)", "Marked: 12 terms
// accepted" or "Box 7 moved on LW/2 page 1: now box 9", never its JSON
// nor a rectangle's coordinates. The app's Custody tab shows it and the
// bundle's custody appendix prints it; the exact stored detail stays in
// the event (the app's Details and the bundle's attached manifest keep
// it).
//
// The words never include a marked value: a mark's event records its
// kind and number, not its value (see markEvent). They do name what a
// person typed into the log (who an exhibit came from, a reason, a file
// name), which a bundle passes through its stand-ins like any other text
// it prints.
func EventSummary(e Event) string {
	var d map[string]any
	_ = json.Unmarshal(e.Detail, &d) // an unreadable detail still gets the action's words
	s := func(k string) string {
		v, ok := d[k]
		if !ok || v == nil {
			return ""
		}
		if f, ok := v.(float64); ok {
			return fmt.Sprint(int64(f))
		}
		return fmt.Sprint(v)
	}
	n := func(k string) int {
		f, _ := d[k].(float64)
		return int(f)
	}
	ex := e.Exhibit
	with := func(text, key, label string) string {
		if v := s(key); v != "" {
			return text + "; " + label + v
		}
		return text
	}
	switch e.Action {
	case ActionCreated:
		return fmt.Sprintf("Case created: %q, exhibits numbered %s/1, %s/2, …", s("title"), s("prefix"), s("prefix"))
	case ActionAcquired:
		out := fmt.Sprintf("Added %s: %s (%s)", ex, s("filename"), bytesize.String(int64(n("size"))))
		return with(out, "source", "from ")
	case ActionDescribed:
		var fields []string
		if ch, ok := d["changes"].(map[string]any); ok {
			for k := range ch {
				fields = append(fields, strings.ReplaceAll(k, "_", " "))
			}
		}
		slices.Sort(fields)
		if len(fields) == 0 {
			return "Details of " + ex + " saved"
		}
		return fmt.Sprintf("Details of %s changed: %s", ex, strings.Join(fields, ", "))
	case ActionReceived:
		return with(fmt.Sprintf("%s received from %s", ex, s("from")), "note", "")
	case ActionTransferred:
		return with(fmt.Sprintf("%s handed to %s", ex, s("to")), "note", "")
	case ActionExported:
		words := "Bundle exported"
		if r, _ := d["redacted"].(bool); r {
			words = "Redacted bundle exported"
		}
		if s("file") == "" {
			return words
		}
		out := fmt.Sprintf("%s: %s, %d %s", words, s("file"), n("pages"), plural(n("pages"), "page", "pages"))
		if k := n("marks_applied"); k > 0 {
			out += fmt.Sprintf(", %d %s applied", k, plural(k, "mark", "marks"))
		}
		return out
	case ActionExtracted:
		if s("file") != "" {
			return fmt.Sprintf("A copy of %s saved as %s", ex, s("file"))
		}
		return "A copy of " + orCase(ex) + " saved"
	case ActionRedactedCopy:
		out := "A redacted copy of " + orCase(ex) + " saved"
		if fs, ok := d["files"].([]any); ok && len(fs) > 0 {
			var names []string
			for _, f := range fs {
				names = append(names, fmt.Sprint(f))
			}
			out += " as " + strings.Join(names, ", ")
		}
		if k := n("marks_applied"); k > 0 {
			return out + fmt.Sprintf(", %d %s applied", k, plural(k, "mark", "marks"))
		}
		return out + ", no marks apply to it"
	case ActionVerified:
		if ok, _ := d["ok"].(bool); ok {
			return fmt.Sprintf("Verified: intact, %d %s and %d events checked", n("exhibits"), plural(n("exhibits"), "exhibit", "exhibits"), n("events"))
		}
		return fmt.Sprintf("Verified: %d %s found", n("problems"), plural(n("problems"), "problem", "problems"))
	case ActionLetterSaved:
		return fmt.Sprintf("Letter saved as %s (template %s)", ex, s("template"))
	case ActionLinked:
		if s("links") != "" {
			return fmt.Sprintf("Linked automatically: %d %s by the same phone number", n("links"), plural(n("links"), "message", "messages"))
		}
		return with(fmt.Sprintf("Message %s linked to row %s%s", s("message"), s("row"), ofExhibit(s("row_exhibit"))), "reason", "reason: ")
	case ActionProposed:
		return fmt.Sprintf("%d %s proposed by the same name and address, to review", n("links"), plural(n("links"), "link", "links"))
	case ActionUnlinked:
		return with(fmt.Sprintf("Link of message %s to row %s%s removed", s("message"), s("row"), ofExhibit(s("row_exhibit"))), "reason", "reason: ")
	case ActionRejected:
		return with(fmt.Sprintf("Proposed link of message %s to row %s%s rejected", s("message"), s("row"), ofExhibit(s("row_exhibit"))), "reason", "reason: ")
	case ActionMarked, ActionUnmarked, ActionMarksSuggested, ActionMarkRejected, ActionMarkMoved:
		return markSummary(e, d, s, n)
	case ActionTranscribed:
		switch s("what") {
		case "rows":
			out := fmt.Sprintf("%d %s of %s imported from %s", n("rows"), plural(n("rows"), "row", "rows"), ex, s("file"))
			if s("sheet") != "" {
				out += ", sheet " + s("sheet")
			}
			if k := n("no_phone"); k > 0 {
				out += fmt.Sprintf("; %d without a phone number", k)
			}
			return out
		case "messages":
			return fmt.Sprintf("%d %s imported from %s", n("messages"), plural(n("messages"), "message", "messages"), s("file"))
		case "message":
			if s("supersedes") != "" {
				return with(fmt.Sprintf("Message %s corrected: now message %s, from %s", s("supersedes"), s("message"), ex), "reason", "reason: ")
			}
			if s("source") == "" {
				return fmt.Sprintf("Message %s transcribed from %s", s("message"), ex)
			}
			return fmt.Sprintf("Message %s transcribed from %s (%s)", s("message"), ex, s("source"))
		}
		return "Transcribed " + orCase(ex)
	case ActionCaseDetails:
		if c, _ := d["cleared"].(bool); c {
			return "Case detail cleared: " + strings.ReplaceAll(s("detail"), "_", " ")
		}
		return "Case detail set: " + strings.ReplaceAll(s("detail"), "_", " ")
	case ActionStep:
		if s("date") == "" {
			return "Step cleared: " + stepWords(s("step"))
		}
		return with(fmt.Sprintf("Step %s on %s", stepWords(s("step")), s("date")), "ref", "reference ")
	case ActionRetitled:
		return fmt.Sprintf("Case renamed from %q to %q", s("from"), s("to"))
	case ActionWithheld:
		return fmt.Sprintf("%s withheld from bundles; reason: %s", ex, s("reason"))
	case ActionRestored:
		return ex + " restored to bundles"
	case ActionPseudonyms:
		if k := n("assigned"); k > 0 {
			return fmt.Sprintf("Stand-ins fixed for %d redacted %s (Resident 1, Phone 1, …)", k, plural(k, "value", "values"))
		}
		return "Stand-ins fixed for the redacted values (Resident 1, Phone 1, …)"
	case ActionUpgraded:
		return fmt.Sprintf("Case file upgraded from version %s to %s", s("from"), s("to"))
	case ActionBaseline:
		return "Records baseline: the records already in the case sealed into the chain"
	}
	return strings.TrimSpace(strings.ToUpper(e.Action[:min(1, len(e.Action))]) + e.Action[min(1, len(e.Action)):] + " " + ex)
}

// markSummary is EventSummary for the events about redaction marks. A
// mark's value is never in its event; its kind and number are.
func markSummary(e Event, d map[string]any, s func(string) string, n func(string) int) string {
	what := markWords[s("kind")].one
	if what == "" {
		what = "mark"
	}
	where := ""
	if e.Exhibit != "" {
		where = " on " + e.Exhibit
		if r, ok := d["rect"].([]any); ok && len(r) > 0 {
			if p, ok := r[0].(float64); ok {
				where += fmt.Sprintf(" page %d", int(p))
			}
		} else if p := n("page"); p > 0 {
			where += fmt.Sprintf(" page %d", p)
		}
	}
	if vk := s("value_kind"); vk != "" && what == "term" {
		what = strings.ReplaceAll(vk, "_", " ") + " term"
	}
	reason := ""
	if r := s("reason"); r != "" {
		reason = "; reason: " + r
	}
	switch e.Action {
	case ActionMarked:
		if k := n("marks"); k > 0 {
			return fmt.Sprintf("Marked: %s accepted%s", markCounts(d, k), where)
		}
		return fmt.Sprintf("Marked: %s accepted%s (mark %s)", what, where, s("mark"))
	case ActionUnmarked:
		return fmt.Sprintf("Mark removed: %s%s (mark %s)%s", what, where, s("mark"), reason)
	case ActionMarksSuggested:
		k := n("marks")
		w, ok := markWords[s("kind")]
		if !ok {
			w = markWords[""]
		}
		return fmt.Sprintf("Suggested: %d %s to review%s", k, plural(k, w.one, w.many), where)
	case ActionMarkRejected:
		if k := n("marks"); k > 0 {
			return fmt.Sprintf("Rejected: %s suggested%s", markCounts(d, k), where)
		}
		return fmt.Sprintf("Suggestion rejected: %s%s (mark %s)", what, where, s("mark"))
	case ActionMarkMoved:
		return fmt.Sprintf("Box %s moved%s: now box %s", s("mark"), where, s("to"))
	}
	return e.Action
}

// markWords name the kinds of mark, one and many.
var markWords = map[string]struct{ one, many string }{
	MarkTerm: {"term", "terms"},
	MarkRect: {"box", "boxes"},
	MarkSpan: {"passage", "passages"},
	"":       {"mark", "marks"},
}

// markCounts words the marks a decision covered, by kind where the event
// says ("12 terms and 3 boxes"), else as k marks.
func markCounts(d map[string]any, k int) string {
	kinds, _ := d["kinds"].(map[string]any)
	var parts []string
	for _, kind := range []string{MarkTerm, MarkRect, MarkSpan} {
		if f, ok := kinds[kind].(float64); ok && f > 0 {
			w := markWords[kind]
			parts = append(parts, fmt.Sprintf("%d %s", int(f), plural(int(f), w.one, w.many)))
		}
	}
	switch len(parts) {
	case 0:
		return fmt.Sprintf("%d %s", k, plural(k, "mark", "marks"))
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// ofExhibit is " of REF" for a row's sheet, or "".
func ofExhibit(ref string) string {
	if ref == "" {
		return ""
	}
	return " of " + ref
}

// stepWords writes a step's id as words: "ico-sent" is "ICO sent".
func stepWords(id string) string {
	words := strings.Split(id, "-")
	for i, w := range words {
		if w == "ico" {
			words[i] = "ICO"
		}
	}
	return strings.Join(words, " ")
}

func orCase(ref string) string {
	if ref == "" {
		return "the case"
	}
	return ref
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
