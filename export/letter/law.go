package letter

import (
	"strings"
	"time"

	"dossier/casefile"
)

// Facts are what a case shows that decides which law a letter cites.
type Facts struct {
	Rows     int // data-sheet rows transcribed
	Messages int // text messages recorded
	Linked   int // messages with a standing link to a sheet row
	// Received is the day the organisation received the concern
	// (concern-received, else concern-sent), or the letter's date when no
	// concern is recorded yet: the concern letter itself.
	Received time.Time
}

// Citation is one rule of law a letter can cite: in plain English, with
// its reference in brackets.
type Citation struct {
	ID    string
	Plain string // what the law says, as a clause: "an organisation must ..."
	Ref   string // "UK GDPR Article 5(1)(f) and Article 32"
	// Act, Part and Topic cite it briefly, grouped by act, as a summary
	// does: "the UK GDPR (Articles 5(1)(f) and 32: security; ...)".
	Act, Part, Topic string
	// engaged says whether the case's facts engage the rule.
	engaged func(Facts) bool
}

// leftTheOrganisation: a message reached a number listed on a sheet, so
// the sheet's data was used outside the organisation that holds it.
func leftTheOrganisation(f Facts) bool { return f.Linked > 0 }

// law is every rule a letter can cite, in the order letters cite them.
// Each was checked on the page named in its comment on 30 November 2026.
var law = []Citation{
	// UK GDPR Art 5(1)(f) ("appropriate security of the personal data,
	// including protection against unauthorised or unlawful processing")
	// and Art 32 (security of processing); ICO, A guide to data security.
	{"security", "an organisation must keep the personal data it holds secure, with appropriate technical and organisational measures against unauthorised use or disclosure",
		"UK GDPR Article 5(1)(f) and Article 32", "the UK GDPR", "Articles 5(1)(f) and 32", "security", leftTheOrganisation},
	// UK GDPR Art 33 (notify the regulator without undue delay and, where
	// feasible, within 72 hours of becoming aware, unless unlikely to
	// result in a risk) and Art 34 (tell the people affected when the risk
	// is high); ICO, Personal data breaches.
	{"breach", "it must report a personal data breach to the regulator within 72 hours of becoming aware of it, unless the breach is unlikely to put people at risk, and tell the people affected without undue delay when the risk to them is high",
		"UK GDPR Articles 33 and 34", "the UK GDPR", "Articles 33 and 34", "breach notification", leftTheOrganisation},
	// UK GDPR Art 6 (lawful basis) and Art 5(1)(b) ("collected for
	// specified, explicit and legitimate purposes and not further
	// processed in a manner that is incompatible with those purposes").
	{"purpose", "personal data may be used only with a lawful basis, and only for the purposes it was collected for, not passed on for an unrelated purpose",
		"UK GDPR Article 6 and Article 5(1)(b)", "the UK GDPR", "Articles 6 and 5(1)(b)", "lawful basis and purpose",
		func(f Facts) bool { return f.Linked > 0 && f.Messages > 0 }},
	// PECR 2003 reg. 22(2): no unsolicited direct marketing by electronic
	// mail (which includes texts) without the recipient's prior consent;
	// ICO, Political campaigning: promoting a party or candidate, or
	// asking for votes, is direct marketing.
	{"pecr", "marketing texts, which include texts promoting a party or candidate or asking for votes, may be sent only to people who have consented to receive them from the sender",
		"Privacy and Electronic Communications Regulations 2003, regulation 22", "the Privacy and Electronic Communications Regulations 2003",
		"regulation 22", "marketing texts without consent", func(f Facts) bool { return f.Messages > 0 }},
	// DPA 2018 s.170(1): an offence for a person knowingly or recklessly
	// to obtain or disclose personal data without the consent of the
	// controller; the ICO investigates and prosecutes.
	{"s170", "it is a criminal offence for a person knowingly or recklessly to obtain or disclose personal data without the consent of the organisation responsible for it",
		"Data Protection Act 2018, section 170", "the Data Protection Act 2018", "section 170",
		"obtaining or disclosing personal data without the controller's consent", leftTheOrganisation},
	// DPA 2018 s.164A (inserted by DUAA 2025 s.103, in force 19 June
	// 2026 for complaints received from that day): acknowledge within 30
	// days; respond without undue delay and give the outcome.
	{"complaint-duty", "an organisation must acknowledge a data protection complaint within 30 days of receiving it, and must without undue delay look into it, keep the complainant informed and tell them the outcome",
		"Data Protection Act 2018, section 164A", "the Data Protection Act 2018", "section 164A",
		"the organisation's duty to acknowledge and answer complaints", func(f Facts) bool {
			return !f.Received.IsZero() && f.Received.Format(time.DateOnly) >= casefile.ComplaintDutyFrom
		}},
}

// Engaged returns the citations the facts engage, in letter order.
func Engaged(f Facts) []Citation {
	var out []Citation
	for _, c := range law {
		if c.engaged(f) {
			out = append(out, c)
		}
	}
	return out
}

// Cite is a citation as a sentence: "An organisation must ... (UK GDPR
// Article 5(1)(f) and Article 32)."
func (c Citation) Cite() string {
	return strings.ToUpper(c.Plain[:1]) + c.Plain[1:] + " (" + c.Ref + ")."
}

// lawList is the engaged citations as a letter's list, one "- " line
// each, or "" when none is engaged.
func lawList(f Facts) string {
	var lines []string
	for _, c := range Engaged(f) {
		lines = append(lines, "- "+c.Cite())
	}
	return strings.Join(lines, "\n")
}

// Brief cites citations grouped by act, in the order of their first
// citation: "the UK GDPR (Articles 5(1)(f) and 32: security; Articles 33
// and 34: breach notification) and the Data Protection Act 2018 (section
// 170: obtaining ...)".
func Brief(cs []Citation) string {
	var acts []string
	parts := map[string][]string{}
	for _, c := range cs {
		if _, ok := parts[c.Act]; !ok {
			acts = append(acts, c.Act)
		}
		parts[c.Act] = append(parts[c.Act], c.Part+": "+c.Topic)
	}
	out := make([]string, len(acts))
	for i, a := range acts {
		out[i] = a + " (" + strings.Join(parts[a], "; ") + ")"
	}
	return andList(out)
}
