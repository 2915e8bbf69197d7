// Package pdftest makes PDFs of every shape people send, for tests: old and
// new versions, object and cross-reference streams, linearised files,
// incremental updates, damaged cross-reference tables, encryption,
// rotated and landscape pages, scans, mixed documents, hundreds of pages.
//
// The files are made at test time from small sources with the programs
// that make such files in the wild (Ghostscript's ps2pdf, qpdf, img2pdf),
// so no large binary is kept in the repository. Shapes skips the test,
// or fails it under DOSSIER_REQUIRE_TOOLS=1, when a program is missing.
package pdftest

import (
	"bytes"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"dossier/casefile/ocr"
	"dossier/casefile/pdf"
	"dossier/internal/tooltest"
)

// Shape is one kind of PDF and what a reader should make of it.
type Shape struct {
	Name string
	Data []byte
	// Pages is the page count; 0 for a file that must be refused.
	Pages int
	// Pixels is how many pages are scans or have text that cannot be
	// searched (pdf.PageInfo.Pixels).
	Pixels int
	// Text is a phrase on its first text page, "" if it has none.
	Text string
	// Refused is the error a file that cannot be read must give.
	Refused error
	// Landscape says its first page is wider than tall as displayed.
	Landscape bool
}

// Phrases the shapes print. None is personal data.
const (
	TextLine = "Minutes of the residents meeting"
	ScanLine = "Scanned notice to residents"
	NewLine  = "Revised minutes after correction"
)

// Tools are the programs Shapes runs.
var Tools = []string{"ps2pdf", "qpdf", "img2pdf"}

var (
	once   sync.Once
	shapes []Shape
	err    error
)

// Shapes returns every shape, made once per test process.
func Shapes(t testing.TB) []Shape {
	t.Helper()
	tooltest.Need(t, Tools...)
	once.Do(func() { shapes, err = build() })
	if err != nil {
		t.Fatalf("make PDF shapes: %v", err)
	}
	return shapes
}

// Get returns the named shape.
func Get(t testing.TB, name string) Shape {
	t.Helper()
	for _, s := range Shapes(t) {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no PDF shape %q", name)
	return Shape{}
}

// ps is a PostScript program printing lines of text on n pages of the
// given size in points.
func ps(n int, w, h int, lines ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%%!PS\n<< /PageSize [%d %d] >> setpagedevice\n/Helvetica findfont 18 scalefont setfont\n", w, h)
	for p := 1; p <= n; p++ {
		y := h - 72
		for _, l := range lines {
			fmt.Fprintf(&b, "72 %d moveto (%s) show\n", y, l)
			y -= 24
		}
		fmt.Fprintf(&b, "72 72 moveto (Page %d of %d) show\nshowpage\n", p, n)
	}
	return b.String()
}

func build() ([]Shape, error) {
	dir, err := os.MkdirTemp("", "dossier-pdftest-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := func(name string) string { return filepath.Join(dir, name) }
	run := func(name string, args ...string) error {
		out, err := exec.Command(name, args...).CombinedOutput()
		// qpdf exits 3 for warnings (as on a damaged input it repairs).
		if ee, ok := err.(*exec.ExitError); ok && name == "qpdf" && ee.ExitCode() == 3 {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s %s: %v: %s", name, strings.Join(args, " "), err, out)
		}
		return nil
	}
	psFile := func(name, program string) error { return os.WriteFile(path(name), []byte(program), 0o600) }
	var out []Shape
	read := func(s Shape, file string) error {
		b, err := os.ReadFile(path(file))
		if err != nil {
			return err
		}
		s.Data = b
		out = append(out, s)
		return nil
	}

	steps := []func() error{
		// Producer-made text PDFs at several versions.
		func() error { return psFile("text.ps", ps(2, 595, 842, TextLine, "Second line of the minutes")) },
		func() error { return run("ps2pdf", "-dCompatibilityLevel=1.3", path("text.ps"), path("v13.pdf")) },
		func() error { return run("ps2pdf", "-dCompatibilityLevel=1.4", path("text.ps"), path("v14.pdf")) },
		func() error { return run("ps2pdf", "-dCompatibilityLevel=1.7", path("text.ps"), path("v17.pdf")) },
		func() error { return run("qpdf", "--force-version=2.0", path("v17.pdf"), path("v20.pdf")) },
		func() error {
			return run("qpdf", "--object-streams=generate", "--force-version=1.5", path("v14.pdf"), path("objstm.pdf"))
		},
		func() error { return run("qpdf", "--linearize", path("v14.pdf"), path("linear.pdf")) },
		func() error {
			return run("qpdf", "--encrypt", "", "owner", "256", "--", path("v17.pdf"), path("aes256.pdf"))
		},
		func() error {
			return run("qpdf", "--allow-weak-crypto", "--encrypt", "", "owner", "128", "--use-aes=n", "--", path("v14.pdf"), path("rc4.pdf"))
		},
		func() error {
			return run("qpdf", "--encrypt", "user", "owner", "256", "--", path("v17.pdf"), path("password.pdf"))
		},
		func() error { return run("qpdf", "--rotate=+90", path("v14.pdf"), path("rotated.pdf")) },
		func() error { return psFile("landscape.ps", ps(1, 842, 595, TextLine)) },
		func() error { return run("ps2pdf", path("landscape.ps"), path("landscape.pdf")) },
		// Text drawn as outlines: visible, but nothing to search.
		func() error { return run("ps2pdf", "-dNoOutputFonts", path("text.ps"), path("outlined.pdf")) },
		// A scan: one image per page, as a scanner's PDF holds.
		func() error {
			img, _ := ocr.TestScreenshot(ScanLine, "Posted on the estate notice board")
			var b bytes.Buffer
			if err := png.Encode(&b, img); err != nil {
				return err
			}
			return os.WriteFile(path("scan.png"), b.Bytes(), 0o600)
		},
		func() error { return run("img2pdf", path("scan.png"), "-o", path("scan.pdf")) },
		func() error {
			return run("qpdf", "--empty", "--pages", path("v14.pdf"), path("scan.pdf"), "--", path("mixed.pdf"))
		},
		func() error { return psFile("many.ps", ps(300, 595, 842, TextLine)) },
		func() error { return run("ps2pdf", path("many.ps"), path("many.pdf")) },
		func() error {
			if err := os.WriteFile(path("note.txt"), []byte("an attached note\n"), 0o600); err != nil {
				return err
			}
			return run("qpdf", path("v14.pdf"), "--add-attachment", path("note.txt"), "--", path("attached.pdf"))
		},
		// An annotation kept in an object stream.
		func() error {
			return psFile("annot.ps", ps(1, 595, 842, TextLine)+
				"[ /Rect [72 400 300 500] /Contents (A sticky note) /Subtype /Text /ANN pdfmark\n")
		},
		func() error { return run("ps2pdf", path("annot.ps"), path("annot0.pdf")) },
		func() error { return run("qpdf", "--object-streams=generate", path("annot0.pdf"), path("annot.pdf")) },
		// Content outside the crop box must stay out of sight.
		func() error {
			lines := append([]string{TextLine}, make([]string, 18)...)
			lines = append(lines, "Outside the crop box")
			data := pdf.TestPDF(strings.Join(lines, "\n"))
			data = bytes.Replace(data, []byte("/MediaBox [0 0 595 842]"), []byte("/MediaBox [0 0 595 842] /CropBox [0 421 595 842]"), 1)
			if err := os.WriteFile(path("crop0.pdf"), data, 0o600); err != nil {
				return err
			}
			return run("qpdf", path("crop0.pdf"), path("cropped.pdf"))
		},
		func() error { return os.WriteFile(path("incremental.pdf"), incremental(pdf.TestPDF(TextLine)), 0o600) },
		func() error {
			b, err := os.ReadFile(path("v14.pdf"))
			if err != nil {
				return err
			}
			return os.WriteFile(path("damaged.pdf"), damage(b), 0o600)
		},
	}
	for _, s := range steps {
		if err := s(); err != nil {
			return nil, err
		}
	}
	for _, s := range []struct {
		Shape
		file string
	}{
		{Shape{Name: "pdf-1.3", Pages: 2, Text: TextLine}, "v13.pdf"},
		{Shape{Name: "pdf-1.4", Pages: 2, Text: TextLine}, "v14.pdf"},
		{Shape{Name: "pdf-1.7", Pages: 2, Text: TextLine}, "v17.pdf"},
		{Shape{Name: "pdf-2.0", Pages: 2, Text: TextLine}, "v20.pdf"},
		{Shape{Name: "object-streams", Pages: 2, Text: TextLine}, "objstm.pdf"},
		{Shape{Name: "linearised", Pages: 2, Text: TextLine}, "linear.pdf"},
		{Shape{Name: "incremental-update", Pages: 1, Text: NewLine}, "incremental.pdf"},
		{Shape{Name: "damaged-xref", Pages: 2, Text: TextLine}, "damaged.pdf"},
		{Shape{Name: "encrypted-aes256-empty-password", Pages: 2, Text: TextLine}, "aes256.pdf"},
		{Shape{Name: "encrypted-rc4-empty-password", Pages: 2, Text: TextLine}, "rc4.pdf"},
		{Shape{Name: "encrypted-user-password", Refused: pdf.ErrPassword}, "password.pdf"},
		{Shape{Name: "rotated", Pages: 2, Text: TextLine, Landscape: true}, "rotated.pdf"},
		{Shape{Name: "landscape", Pages: 1, Text: TextLine, Landscape: true}, "landscape.pdf"},
		{Shape{Name: "outlined-text", Pages: 2, Pixels: 2}, "outlined.pdf"},
		{Shape{Name: "image-only", Pages: 1, Pixels: 1, Landscape: true}, "scan.pdf"},
		{Shape{Name: "mixed-text-and-scan", Pages: 3, Pixels: 1, Text: TextLine}, "mixed.pdf"},
		{Shape{Name: "300-pages", Pages: 300, Text: TextLine}, "many.pdf"},
		{Shape{Name: "embedded-file", Pages: 2, Text: TextLine}, "attached.pdf"},
		{Shape{Name: "annotation-in-object-stream", Pages: 1, Text: TextLine}, "annot.pdf"},
		{Shape{Name: "crop-box", Pages: 1, Text: TextLine, Landscape: true}, "cropped.pdf"},
	} {
		if err := read(s.Shape, s.file); err != nil {
			return nil, err
		}
	}
	return out, nil
}

var startxref = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)

// incremental appends an update to a PDF written by pdf.TestPDF: a new
// version of the first page's content (object 5) saying NewLine, with a
// cross-reference section that points back to the original's.
func incremental(orig []byte) []byte {
	m := startxref.FindSubmatch(orig)
	prev, _ := strconv.Atoi(string(m[1]))
	size := bytes.Count(orig, []byte(" 0 obj")) + 1
	var b bytes.Buffer
	b.Write(orig)
	at := b.Len()
	content := "BT /F1 24 Tf 72 770 Td (" + NewLine + ") Tj ET"
	fmt.Fprintf(&b, "5 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n", len(content), content)
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 1\n0000000000 65535 f \n5 1\n%010d 00000 n \n", at)
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", size, prev, xref)
	return b.Bytes()
}

// damage shifts every object after the header by inserting a comment, so
// the cross-reference table's offsets are all wrong, as in a file that
// was edited by hand or cut short and patched: readers must rebuild it.
func damage(orig []byte) []byte {
	nl := bytes.IndexByte(orig, '\n') + 1
	pad := []byte("% " + strings.Repeat("damaged ", 12) + "\n")
	return append(append(append([]byte(nil), orig[:nl]...), pad...), orig[nl:]...)
}
