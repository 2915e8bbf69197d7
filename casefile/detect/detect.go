// Package detect finds personal data in text: UK phone numbers in every
// way people write them, email addresses, UK postcodes, National Insurance
// numbers, property references (UPRNs) and the names of a case's residents.
//
// A Detector is built once per case, because building the name matcher
// for a large dictionary takes time, and then scans any number of texts:
//
//	d, err := detect.New(detect.Options{Names: []string{"BAPTISTE, Maureen"}})
//	for _, f := range d.Scan("Text from Maureen Baptiste to 07700 900123") {
//		fmt.Println(f.Kind, f.Text, f.Value) // name Maureen Baptiste baptiste maureen; phone 07700 900123 +447700900123
//	}
//
// Findings are proposals for redaction marks. The detectors lean towards
// marking: a missed number leaks, an extra mark is rejected by a person.
// They still keep clear of what is obviously something else: dates, times,
// money, ordinary numbers, reference codes and lone place names.
//
// Names are found as whole words, ignoring case and accents ("zoe okafor"
// finds "Zoë Okafor"), in the forms names.Forms gives: as written, "First
// Last" and "LAST, First". The surname-first form needs its comma, or a
// surname in capitals as sheets write it ("OKAFOR Zoë"), so "Lee Ann" is
// not taken for Ann Lee. One-word names are never looked for, and a full
// stop between two words ends a sentence rather than joining a name.
// Relatives finds, separately, names that share a known surname.
//
// Offsets are byte offsets into the UTF-8 text passed to Scan. Value is
// normalised so that one value written in different ways compares equal:
// the same phone number gives the same E.164 Value however it is spaced.
package detect

import (
	"cmp"
	"slices"

	"dossier/casefile/names"
)

// Kind says what sort of personal data a Finding is.
type Kind string

// Kinds of finding.
const (
	// Phone is a telephone number; its Value is E.164 ("+447700900123").
	Phone Kind = "phone"
	// Email is an email address; its Value is in lower case.
	Email Kind = "email"
	// Postcode is a UK postcode; its Value is in capitals with one space.
	Postcode Kind = "postcode"
	// NINumber is a National Insurance number; its Value has no spaces.
	NINumber Kind = "ni"
	// UPRN is an 11 or 12 digit property reference, reported only with
	// Options.UPRNs; its Value is the digits.
	UPRN Kind = "uprn"
	// Name is a case name; its Value is the names.Key of the text.
	Name Kind = "name"
)

// priority breaks ties between findings over the same span: the more
// specific kind wins (an 11-digit number that is a phone is reported as a
// phone, not a UPRN).
var priority = map[Kind]int{Email: 0, Phone: 1, NINumber: 2, Postcode: 3, Name: 4, UPRN: 5}

// Finding is one piece of personal data found in a text.
type Finding struct {
	Kind  Kind   `json:"kind"`
	Text  string `json:"text"`  // the text as written, text[Start:End]
	Start int    `json:"start"` // byte offset of the first byte
	End   int    `json:"end"`   // byte offset just past the last byte
	// Value is the normalised value: E.164 for phones, lower case for
	// emails, upper case with one space for postcodes, upper case without
	// spaces for NI numbers, the digits for UPRNs and names.Key for names.
	Value string `json:"value,omitempty"`
}

// Options configures a Detector.
type Options struct {
	// Names are every resident name in the case and its dictionary, as
	// written ("BAPTISTE, Maureen", "Mrs Zoë Okafor"). Names of one word
	// are ignored.
	Names []string
	// UPRNs also reports 11 and 12 digit numbers as property references;
	// set it for sheet text, where such numbers are UPRNs.
	UPRNs bool
}

// Detector finds personal data. It is safe for concurrent use by several
// goroutines once built.
type Detector struct {
	opt   Options
	names *nameMatcher
}

// New builds a Detector. Building the name matcher is the costly part; do
// it once per case, not once per text.
func New(opt Options) (*Detector, error) {
	m, err := newNameMatcher(opt.Names)
	if err != nil {
		return nil, err
	}
	return &Detector{opt: opt, names: m}, nil
}

// Scan returns the personal data found in text, sorted by Start. Where
// findings overlap the longest is kept, so an email address that contains
// a name is reported once, as an email.
func (d *Detector) Scan(text string) []Finding {
	if d.names == nil {
		return d.ScanFolded(text, "", nil, nil)
	}
	folded, start, end := names.FoldMapped(text)
	return d.ScanFolded(text, folded, start, end)
}

// ScanFolded is Scan for a caller that has folded text already with
// names.FoldMapped (folded, start, end): a caller that searches the
// folded text itself too folds it once.
func (d *Detector) ScanFolded(text, folded string, start, end []int32) []Finding {
	var all []Finding
	add := func(k Kind, start, end int, value string) {
		all = append(all, Finding{Kind: k, Text: text[start:end], Start: start, End: end, Value: value})
	}
	scanEmails(text, add)
	scanPhones(text, add)
	scanCodes(text, d.opt.UPRNs, add)
	if d.names != nil {
		d.names.scan(text, folded, start, end, add)
	}
	return resolve(all)
}

// resolve drops findings that overlap a longer one and sorts the rest by
// Start.
func resolve(all []Finding) []Finding {
	if len(all) < 2 {
		return all
	}
	slices.SortFunc(all, func(a, b Finding) int {
		if c := cmp.Compare(b.End-b.Start, a.End-a.Start); c != 0 {
			return c
		}
		if c := cmp.Compare(priority[a.Kind], priority[b.Kind]); c != 0 {
			return c
		}
		return cmp.Compare(a.Start, b.Start)
	})
	// taken has one bit per byte of text that a kept finding covers.
	maxEnd := 0
	for _, f := range all {
		maxEnd = max(maxEnd, f.End)
	}
	taken := make([]uint64, maxEnd/64+1)
	kept := all[:0]
	for _, f := range all {
		free := true
		for i := f.Start; i < f.End && free; i++ {
			free = taken[i/64]&(1<<(i%64)) == 0
		}
		if !free {
			continue
		}
		for i := f.Start; i < f.End; i++ {
			taken[i/64] |= 1 << (i % 64)
		}
		kept = append(kept, f)
	}
	slices.SortFunc(kept, func(a, b Finding) int { return cmp.Compare(a.Start, b.Start) })
	return kept
}
