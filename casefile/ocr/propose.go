package ocr

import (
	"regexp"
	"strings"
)

// Proposal is what ProposeMessage read off a text-message screenshot: the
// sender as shown (a name or number), the time stamp as written, the
// message body, and the recipient when the screen labels one ("To: ...").
// Any field may be empty when nothing fitted. It is a proposal for a
// person to check and correct, never a finding.
type Proposal struct {
	From string
	At   string
	Body string
	To   string
}

var (
	day   = `(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?`
	month = `(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?`
	clock = `\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?`
	// stampRE matches the time stamps phones print above or under messages:
	// "Mon 8 Jun, 09:00", "Monday, 8 June 2015 at 09:00", "08/06/2015 09:00",
	// "8 Jun 2015 09:00", "Today 09:00", "Yesterday, 17:45", "Mon 09:00",
	// "Jun 8, 2015, 9:00 AM".
	stampRE = regexp.MustCompile(`(?i)(?:` +
		`(?:` + day + `,?\s+)?\d{1,2}(?:st|nd|rd|th)?\s+` + month + `(?:,?\s+\d{4})?,?\s+(?:at\s+)?` + clock +
		`|(?:` + day + `,?\s+)?` + month + `\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?,?\s+(?:at\s+)?` + clock +
		`|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4},?\s+(?:at\s+)?` + clock +
		`|(?:today|yesterday|` + day + `),?\s+(?:at\s+)?` + clock +
		`)`)
	// bareClockRE is a line that is only a time, such as the status bar's
	// "09:41" or a time printed under a bubble.
	bareClockRE = regexp.MustCompile(`(?i)^` + clock + `$`)
	// phoneRE finds something written like a phone number.
	phoneRE = regexp.MustCompile(`(?:\+|00)?[\d(][\d ()\-.]{8,}\d`)
	// labelRE is a "From:" label before a sender; toRE a "To:" label
	// before the recipient.
	labelRE = regexp.MustCompile(`(?i)^(?:from|sender)\s*:\s*`)
	toRE    = regexp.MustCompile(`(?i)^(?:to|recipient)\s*:\s*`)
)

// chrome holds lines (folded to lower case) that are part of a messaging
// app's screen rather than of the message.
var chrome = map[string]bool{
	"<": true, "‹": true, "←": true, "back": true, "messages": true, "message": true,
	"text message": true, "sms": true, "sms/mms": true, "imessage": true, "details": true,
	"delivered": true, "read": true, "sent": true, "type a message": true, "text message • sms": true,
	"send": true, "edit": true, "info": true, "chat": true, "rcs message": true,
}

// ProposeMessage reads a typical phone screenshot from its words: the
// sender's name or number near the top (under the status bar, after any
// back arrow), a "To:" line naming the recipient if there is one, a time
// stamp line such as "Mon 8 Jun, 09:00" or
// "08/06/2015 09:00", and the bubble text under it as the body. Lines of
// app chrome ("Text Message", "Delivered", the status bar's clock and
// battery) are left out. When no time stamp is found, the body is all text
// after the sender; when nothing follows the time stamp (Android prints it
// under the bubble), the body is the text between sender and stamp. The
// result is a proposal for the user to confirm.
func ProposeMessage(words []Word) Proposal {
	lines := Lines(words)
	var p Proposal
	stampAt := -1
	for i, ln := range lines {
		if m := stampRE.FindString(ln.Text); m != "" {
			p.At, stampAt = strings.TrimSpace(m), i
			break
		}
	}
	head := lines
	if stampAt >= 0 {
		head = lines[:stampAt]
	}
	fromAt := -1
	// A labelled sender or a phone number wins; otherwise the last
	// plausible line above the stamp (the contact name under the avatar).
	for i, ln := range head {
		t := cleanLine(ln.Text)
		if toRE.MatchString(t) {
			continue // the recipient, not the sender
		}
		if loc := labelRE.FindStringIndex(t); loc != nil {
			p.From, fromAt = strings.TrimSpace(t[loc[1]:]), i
			break
		}
		if m := phoneRE.FindString(t); m != "" && p.From == "" {
			p.From, fromAt = strings.TrimSpace(m), i
		}
	}
	for _, ln := range lines {
		if loc := toRE.FindStringIndex(strings.TrimSpace(ln.Text)); loc != nil {
			p.To = strings.TrimSpace(strings.TrimSpace(ln.Text)[loc[1]:])
			break
		}
	}
	if p.From == "" {
		// Above a stamp, the nearest line to it; with no stamp, the first
		// line under the status bar.
		for k := range head {
			i := k
			if stampAt >= 0 {
				i = len(head) - 1 - k
			}
			t := cleanLine(head[i].Text)
			if t != "" && !isChrome(t) && !statusBar(t) && !toRE.MatchString(t) {
				p.From, fromAt = t, i
				break
			}
		}
	}
	if stampAt < 0 {
		p.Body = bodyText(lines[fromAt+1:])
		return p
	}
	p.Body = bodyText(lines[stampAt+1:])
	if p.Body == "" && fromAt < stampAt {
		// Android and some exports print the time under the bubble.
		p.Body = bodyText(lines[fromAt+1 : stampAt])
	}
	return p
}

// bodyText joins the message lines: lines of one block with a space,
// blocks (separate bubbles) with a newline. App chrome and bare times are
// left out.
func bodyText(lines []Line) string {
	var body []string
	prevBlock := -1
	for _, ln := range lines {
		t := strings.TrimSpace(ln.Text)
		if t == "" || isChrome(t) || toRE.MatchString(t) || bareClockRE.MatchString(t) || stampRE.MatchString(t) && len(stampRE.FindString(t)) == len(t) {
			continue
		}
		blk := ln.Words[0].Block
		switch {
		case len(body) == 0:
		case blk != prevBlock:
			body = append(body, "\n")
		default:
			body = append(body, " ")
		}
		body = append(body, t)
		prevBlock = blk
	}
	return strings.Join(body, "")
}

// cleanLine strips a back arrow and a trailing disclosure mark that OCR
// reads around a contact's name ("< Maureen >").
func cleanLine(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimLeft(s, "<‹←« ")
	s = strings.TrimRight(s, ">›→» ")
	return strings.TrimSpace(s)
}

func isChrome(s string) bool {
	return chrome[strings.ToLower(strings.TrimSpace(s))]
}

// statusBar reports whether a line looks like a phone's status bar: a bare
// clock, a battery percentage, signal words.
func statusBar(s string) bool {
	if bareClockRE.MatchString(s) {
		return true
	}
	l := strings.ToLower(s)
	return strings.Contains(l, "%") || strings.Contains(l, "4g") || strings.Contains(l, "5g") ||
		strings.Contains(l, "lte") || strings.Contains(l, "wi-fi")
}
