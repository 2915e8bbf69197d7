package letter

import (
	"fmt"
	"strings"

	"dossier/casefile"
)

// Reminders the PECR report carries for what only the resident can say,
// and for a receiving number that may not be shown. Unfilled finds them
// like the fields' reminders.
const (
	reminderConsent  = "[yes or no: ask the resident]"
	reminderStop     = "[yes or no, and when: ask the resident]"
	reminderWithheld = "[number withheld: it has no stand-in yet; accept its mark, or show it with the resident's consent]"
)

var pecrReminders = []string{reminderConsent, reminderStop, reminderWithheld}

// pecrMessages is the body of the ICO's unsolicited-messages report: the
// messages grouped by sender, in the order first received, one section
// per message with what the report asks for (sender, date and time, the
// exact text, the number it was received on, consent, a request to stop).
//
// Every value passes through text, the case's stand-ins. The receiving
// number is shown as its stand-in ("[Phone 3]"), or as written only for a
// message in show, whose resident has agreed; a number with no stand-in
// is withheld, never printed.
func pecrMessages(msgs []casefile.Message, text func(string) string, show map[int64]bool) string {
	if len(msgs) == 0 {
		return ""
	}
	var order []string
	bySender := map[string][]casefile.Message{}
	for _, m := range msgs {
		from := strings.TrimSpace(text(m.From))
		if _, ok := bySender[from]; !ok {
			order = append(order, from)
		}
		bySender[from] = append(bySender[from], m)
	}
	var b strings.Builder
	n := 0
	for i, from := range order {
		ms := bySender[from]
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "Sender %d of %d: %s (%d %s)\n", i+1, len(order), orReminder(from, "[sender as shown]"), len(ms), plural(len(ms), "message", "messages"))
		for _, m := range ms {
			n++
			to := receivingNumber(m, text, show)
			fmt.Fprintf(&b, "%d. Received on %s at %s on %s (exhibit %s)\n", n, casefile.LongDate(m.At), m.At.Format("15:04"), to, m.Exhibit)
			fmt.Fprintf(&b, "- Exact text: \u201c%s\u201d\n", strings.Join(strings.Fields(text(m.Body)), " "))
			fmt.Fprintf(&b, "- Did the resident ever consent to texts from this sender? %s\n", reminderConsent)
			fmt.Fprintf(&b, "- Did the resident ask the sender to stop? %s\n", reminderStop)
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// receivingNumber is the number a message was received on, as the report
// may show it.
func receivingNumber(m casefile.Message, text func(string) string, show map[int64]bool) string {
	if show[m.ID] {
		return m.To
	}
	if out := text(m.To); out != m.To {
		return out
	}
	return reminderWithheld
}

func orReminder(s, r string) string {
	if strings.TrimSpace(s) == "" {
		return r
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
