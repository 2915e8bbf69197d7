package detect

import (
	"fmt"
	"strings"
	"testing"
)

// caseNames are invented residents used across the tests.
var caseNames = []string{
	"BAPTISTE, Maureen",
	"Zoë Okafor",
	"Mrs Seán Ó Ceallaigh",
	"Łucja Wrenfield",
	"Ann Lee",
	"Maureen", // one word: never matched alone
	"Tobias Quill-Marten",
}

func mustNew(t testing.TB, opt Options) *Detector {
	t.Helper()
	d, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// brief renders findings compactly: "kind:text=value".
func brief(fs []Finding) string {
	var parts []string
	for _, f := range fs {
		parts = append(parts, fmt.Sprintf("%s:%s=%s", f.Kind, f.Text, f.Value))
	}
	return strings.Join(parts, " | ")
}

func TestPhones(t *testing.T) {
	d := mustNew(t, Options{})
	mobile := "+447700900123"
	london := "+442079460123"
	tests := []struct{ text, value string }{
		{"07700 900123", mobile},
		{"07700900123", mobile},
		{"07700-900-123", mobile},
		{"07700.900.123", mobile},
		{"(07700) 900123", mobile},
		{"+44 7700 900123", mobile},
		{"+447700900123", mobile},
		{"0044 7700 900123", mobile},
		{"0044 7700900123", mobile},
		{"+44 (0)7700 900123", mobile},
		{"077 009 001 23", mobile},
		{"07700 - 900123", mobile},
		{"020 7946 0123", london},
		{"+44 (0)20 7946 0123", london},
		{"(020) 7946 0123", london},
		{"020-7946-0123", london},
		{"+44 20 7946 0123", london},
	}
	for _, tt := range tests {
		for _, wrap := range []string{"%s", "Call me on %s.", "tel:%s", "Mobile: %s\n", "(%s)"} {
			text := fmt.Sprintf(wrap, tt.text)
			got := d.Scan(text)
			if len(got) != 1 || got[0].Kind != Phone || got[0].Text != tt.text || got[0].Value != tt.value {
				t.Errorf("Scan(%q) = %s, want phone:%s=%s", text, brief(got), tt.text, tt.value)
			}
		}
	}
}

func TestPhoneLists(t *testing.T) {
	d := mustNew(t, Options{})
	got := d.Scan("Numbers: 07700 900123 07700 900456, 020 7946 0999 / 07700900777 07700 900124/5")
	want := "phone:07700 900123=+447700900123 | phone:07700 900456=+447700900456 | " +
		"phone:020 7946 0999=+442079460999 | phone:07700900777=+447700900777 | " +
		"phone:07700 900124=+447700900124"
	if brief(got) != want {
		t.Errorf("got  %s\nwant %s", brief(got), want)
	}
}

func TestNegatives(t *testing.T) {
	d := mustNew(t, Options{Names: caseNames})
	for _, text := range []string{
		"11/06/2015", "2015-06-11", "11.06.2015", "on 11/06/2015 at 09:00", "09:00", "9.30am",
		"£96,000", "£1,234.56", "22,000", "635", "100000", "1,234,567,890", "0.07700900123",
		"£07700900123", "3.14159265358",
		"ICO ref RFA0123456", "IC-12345-A1B2", "case number 01234567890", "Case No. 0123456789",
		"para 635", "paragraph 0207946012", "ref: 07700900123", "ISBN 0123456789",
		"AB12", "the A1 road", "M25", "SW1A", "B15", "flat 3A",
		"Martineau estate", "Maureen", "Baptiste", "Mrs Baptiste", "Annual Lee",
		"Anne Lee", "Lee. Ann went home", "Ann, Lee and Bob", "maureen.baptiste",
		"QQ 12 34 56 C", "GB 12 34 56 A", "AB 12 34 56 E", "AB12345C",
		"12345678901", "100023456789", // UPRNs only with Options.UPRNs
		"ann@localhost", "@example.org", "a@b.c",
		"version 1.2.3.4", "07700", "0770090012", "077009001234567",
	} {
		if got := d.Scan(text); len(got) != 0 {
			t.Errorf("Scan(%q) = %s, want nothing", text, brief(got))
		}
	}
}

func TestCodes(t *testing.T) {
	d := mustNew(t, Options{UPRNs: true})
	tests := []struct{ text, want string }{
		{"SW1A 1AA", "postcode:SW1A 1AA=SW1A 1AA"},
		{"sw1a 1aa", "postcode:sw1a 1aa=SW1A 1AA"},
		{"SW1A1AA", "postcode:SW1A1AA=SW1A 1AA"},
		{"Birmingham B15 2TT.", "postcode:B15 2TT=B15 2TT"},
		{"M1 1AE", "postcode:M1 1AE=M1 1AE"},
		{"EC1A 1BB", "postcode:EC1A 1BB=EC1A 1BB"},
		{"W1A 0AX", "postcode:W1A 0AX=W1A 0AX"},
		{"AB 12 34 56 C", "ni:AB 12 34 56 C=AB123456C"},
		{"NI: AB123456C", "ni:AB123456C=AB123456C"},
		{"ab 123456 d", "ni:ab 123456 d=AB123456D"},
		{"UPRN 100023456789", "uprn:100023456789=100023456789"},
		{"10023456789,", "uprn:10023456789=10023456789"},
		{"Ann.Lee+tag@Example.ORG", "email:Ann.Lee+tag@Example.ORG=ann.lee+tag@example.org"},
		{"<zoë@example.org>", "email:zoë@example.org=zoë@example.org"},
		{"'o'brien@mail.example.co.uk'", "email:o'brien@mail.example.co.uk=o'brien@mail.example.co.uk"},
		{"write to ann@example.org.", "email:ann@example.org=ann@example.org"},
	}
	for _, tt := range tests {
		if got := brief(d.Scan(tt.text)); got != tt.want {
			t.Errorf("Scan(%q) = %s, want %s", tt.text, got, tt.want)
		}
	}
}

func TestNames(t *testing.T) {
	d := mustNew(t, Options{Names: caseNames})
	tests := []struct{ text, want string }{
		{"Maureen Baptiste", "name:Maureen Baptiste=baptiste maureen"},
		{"BAPTISTE, Maureen", "name:BAPTISTE, Maureen=baptiste maureen"},
		{"baptiste, maureen", "name:baptiste, maureen=baptiste maureen"},
		{"baptiste maureen", ""}, // "Last First" without a comma is not a form
		{"Lee Ann", ""},
		{"LEE Ann", "name:LEE Ann=ann lee"}, // a sheet's surname in capitals
		{"OKAFOR Zoë", "name:OKAFOR Zoë=okafor zoe"},
		{"LEE ANN", ""},
		{"Dear Mrs Maureen Baptiste,", "name:Maureen Baptiste=baptiste maureen"},
		{"MAUREEN\nBAPTISTE", "name:MAUREEN\nBAPTISTE=baptiste maureen"},
		{"zoe okafor", "name:zoe okafor=okafor zoe"},
		{"OKAFOR, Zoë", "name:OKAFOR, Zoë=okafor zoe"},
		{"Zoe\u0308 Okafor!", "name:Zoe\u0308 Okafor=okafor zoe"},
		{"Sean O Ceallaigh", "name:Sean O Ceallaigh=ceallaigh o sean"},
		{"Seán Ó Ceallaigh", "name:Seán Ó Ceallaigh=ceallaigh o sean"},
		{"Lucja Wrenfield", "name:Lucja Wrenfield=lucja wrenfield"},
		{"WRENFIELD, Łucja", "name:WRENFIELD, Łucja=lucja wrenfield"},
		{"Tobias Quill-Marten", "name:Tobias Quill-Marten=marten quill tobias"},
		{"Ann Lee and Zoë Okafor", "name:Ann Lee=ann lee | name:Zoë Okafor=okafor zoe"},
		{"Ann Lee Zoë Okafor", "name:Ann Lee=ann lee | name:Zoë Okafor=okafor zoe"},
		{"Annual Lee Ann Lee", "name:Ann Lee=ann lee"},
		{"Email maureen.baptiste@example.org", "email:maureen.baptiste@example.org=maureen.baptiste@example.org"},
		{"Martineau estate, Ann Lee, 07700 900123", "name:Ann Lee=ann lee | phone:07700 900123=+447700900123"},
	}
	for _, tt := range tests {
		got := d.Scan(tt.text)
		if brief(got) != tt.want {
			t.Errorf("Scan(%q) = %s, want %s", tt.text, brief(got), tt.want)
		}
		for _, f := range got {
			if tt.text[f.Start:f.End] != f.Text {
				t.Errorf("Scan(%q): %q at %d:%d", tt.text, f.Text, f.Start, f.End)
			}
		}
	}
}

func TestSameNumberSameValue(t *testing.T) {
	d := mustNew(t, Options{})
	text := "07700 900123 / +44 7700 900123 / 0044 7700 900123 / (07700) 900123 / 07700.900.123"
	got := d.Scan(text)
	if len(got) != 5 {
		t.Fatalf("Scan = %s, want 5 phones", brief(got))
	}
	for _, f := range got {
		if f.Value != "+447700900123" {
			t.Errorf("%q gave %q", f.Text, f.Value)
		}
	}
}

func TestOverlapLongestWins(t *testing.T) {
	all := []Finding{
		{Kind: Name, Start: 0, End: 7},
		{Kind: Email, Start: 0, End: 19},
		{Kind: Phone, Start: 25, End: 36},
		{Kind: UPRN, Start: 25, End: 36},
		{Kind: Name, Start: 40, End: 47},
		{Kind: Name, Start: 45, End: 54},
	}
	got := resolve(all)
	want := []Finding{
		{Kind: Email, Start: 0, End: 19},
		{Kind: Phone, Start: 25, End: 36},
		{Kind: Name, Start: 45, End: 54},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("resolve = %v, want %v", got, want)
	}
}

func TestNoNames(t *testing.T) {
	d := mustNew(t, Options{Names: []string{"Maureen", "", "  ", "Mr"}})
	if got := d.Scan("Maureen Mr"); len(got) != 0 {
		t.Errorf("Scan = %s, want nothing", brief(got))
	}
}

// TestConcurrentScan runs scans in parallel on one Detector; run it with
// -race to check that Scan shares nothing mutable.
func TestConcurrentScan(t *testing.T) {
	d := mustNew(t, Options{Names: caseNames, UPRNs: true})
	text := "Maureen Baptiste 07700 900123 SW1A 1AA OKAFOR, Zoë ann@example.org"
	want := brief(d.Scan(text))
	done := make(chan string)
	for range 8 {
		go func() { done <- brief(d.Scan(text)) }()
	}
	for range 8 {
		if got := <-done; got != want {
			t.Errorf("concurrent Scan = %s, want %s", got, want)
		}
	}
}
