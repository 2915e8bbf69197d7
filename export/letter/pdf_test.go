package letter

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"dossier/internal/tooltest"
)

var pdfOpt = PDFOptions{Title: "Concern about residents' data", Author: "Zoë Okafor", Date: today}

// letterPDF renders a template of the fictional case to a PDF file.
func letterPDF(t *testing.T, id string) (string, []byte) {
	t.Helper()
	text, err := Render(mustLookup(t, id), caseFields(t, fictionalCase(t)))
	if err != nil {
		t.Fatal(err)
	}
	b, err := PDF(text, pdfOpt)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), id+".pdf")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p, b
}

func need(t *testing.T, tools ...string) {
	t.Helper()
	tooltest.Need(t, tools...)
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

func TestPDF(t *testing.T) {
	need(t, "qpdf", "pdftotext", "pdfinfo")
	for _, tp := range Templates() {
		t.Run(tp.ID, func(t *testing.T) {
			p, _ := letterPDF(t, tp.ID)
			run(t, "qpdf", "--check", p)
			text := run(t, "pdftotext", "-layout", p, "-")
			for _, want := range []string{"Zoë Okafor", "Northfield Homes", "23 November 2026", "Kestrel Road", "Yours "} {
				if !strings.Contains(text, want) {
					t.Errorf("pdftotext lacks %q:\n%s", want, text)
				}
			}
			info := run(t, "pdfinfo", p)
			if !strings.Contains(info, "Title:           Concern about residents' data") ||
				!strings.Contains(info, "Author:          Zoë Okafor") ||
				!strings.Contains(info, "Page size:       595.28 x 841.89 pts (A4)") ||
				strings.Contains(info, "Producer") || strings.Contains(info, "Creator") {
				t.Errorf("pdfinfo:\n%s", info)
			}
		})
	}
	p, _ := letterPDF(t, "concern")
	text := run(t, "pdftotext", p, "-")
	for _, want := range []string{"£20 voucher", "23 December 2026", "Re: Misuse of residents' personal data – Test case"} {
		if !strings.Contains(text, want) {
			t.Errorf("concern PDF text lacks %q", want)
		}
	}
}

func TestPDFDeterministic(t *testing.T) {
	_, a := letterPDF(t, "ico-complaint")
	_, b := letterPDF(t, "ico-complaint")
	if !bytes.Equal(a, b) {
		t.Fatal("the same letter gave different PDF bytes")
	}
	if !bytes.Contains(a, []byte("/CreationDate (D:20261123103000)")) {
		t.Error("creation date is not the one given")
	}
	if _, err := PDF("Dear Sir,", PDFOptions{}); err == nil {
		t.Error("a PDF without a date was made")
	}
}

func TestPDFLongLetter(t *testing.T) {
	need(t, "pdftotext", "pdfinfo", "qpdf")
	text := "A. Sender\n1 Road\n\n1 May 2026\n\nB. Recipient\n2 Street\n\nDear B,\n\n" +
		strings.Repeat("A paragraph long enough to wrap across the width of the page, about the matter in hand and nothing else at all.\n\n", 60) +
		"Yours sincerely,\n\nA. Sender\n"
	b, err := PDF(text, pdfOpt)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "long.pdf")
	os.WriteFile(p, b, 0o644)
	run(t, "qpdf", "--check", p)
	var pages int
	for _, ln := range strings.Split(run(t, "pdfinfo", p), "\n") {
		fmt.Sscanf(ln, "Pages: %d", &pages)
	}
	if pages < 2 {
		t.Fatalf("long letter has %d pages", pages)
	}
	out := run(t, "pdftotext", p, "-")
	for _, want := range []string{"Page 1 of " + strconv.Itoa(pages), fmt.Sprintf("Page %d of %d", pages, pages)} {
		if !strings.Contains(out, want) {
			t.Errorf("long letter lacks footer %q", want)
		}
	}
	short, _ := PDF("Dear B,\n\nOne line.\n", pdfOpt)
	if bytes.Contains(short, []byte("Page 1 of")) {
		t.Error("a one-page letter has a page footer")
	}
}

func TestParseLayout(t *testing.T) {
	tests := []struct {
		text                    string
		sender, date, recipient int
		body                    int
	}{
		{"Me\nMy road\n\n23 November 2026\n\nYou\nYour road\n\nDear You,\n\nText.\n", 2, 1, 2, 2},
		{"[your name]\n\n[date]\n\n[organisation]\n\nDear Sir,\n", 1, 1, 1, 1},
		{"Dear You,\n\nText.\n\nMore.", 0, 0, 0, 3},
		{"Me\n\nnot a date\n\nYou\n\nDear You,", 0, 0, 0, 4},
		{"\r\n\r\n  \n", 0, 0, 0, 0},
	}
	for _, tt := range tests {
		l := parseLayout(tt.text)
		if len(l.sender) != tt.sender || len(l.date) != tt.date || len(l.recipient) != tt.recipient || len(l.body) != tt.body {
			t.Errorf("parseLayout(%q) = %d/%d/%d/%d", tt.text, len(l.sender), len(l.date), len(l.recipient), len(l.body))
		}
	}
}

// FuzzPDF checks that any text, however odd, gives a PDF or an error and
// never a panic.
func FuzzPDF(f *testing.F) {
	f.Add("Me\n\n1 May 2026\n\nYou\n\nDear You,\n\n1. item\nLW/1 exhibit\n\nYours faithfully,\n\nMe")
	f.Add("\xff\xfe\t\r\n- \n\n\n")
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 4000 {
			return
		}
		if _, err := PDF(text, pdfOpt); err != nil {
			t.Logf("error: %v", err)
		}
	})
}
