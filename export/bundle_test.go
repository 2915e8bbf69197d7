package export

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"dossier/assets"
	"dossier/casefile"
	"dossier/casefile/ocr"
	"dossier/casefile/pdf"
	"dossier/internal/tooltest"
	"dossier/sample"
)

var bundleDate = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

func needTools(t testing.TB, tools ...string) {
	t.Helper()
	tooltest.Need(t, tools...)
}

// sampleCase writes the built-in sample (every kind of exhibit, rows,
// messages, links and accepted marks) and opens it.
func sampleCase(t *testing.T) *casefile.Case {
	t.Helper()
	needTools(t, "pdftotext", "pdftoppm", "qpdf", "pdfinfo", "tesseract")
	s, err := sample.Write(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	c, err := casefile.Open(s.Case, casefile.Options{Actor: "Test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// pageTexts is pdftotext's text of each page.
func pageTexts(t *testing.T, pdf []byte) []string {
	t.Helper()
	pages := strings.Split(popplerText(t, pdf), "\f")
	return pages[:len(pages)-1]
}

func TestSampleBundle(t *testing.T) {
	ctx := context.Background()
	c := sampleCase(t)
	out := filepath.Join(t.TempDir(), "bundle.pdf")
	res, err := Bundle(ctx, c, out, false, Options{Date: bundleDate})
	if err != nil {
		t.Fatal(err)
	}
	pdf := mustRead(t, out)
	if msg, err := exec.Command("qpdf", "--check", out).CombinedOutput(); err != nil || strings.Contains(string(msg), "WARNING") {
		t.Fatalf("qpdf --check: %v\n%s", err, msg)
	}
	info, _ := exec.Command("pdfinfo", out).Output()
	if !regexp.MustCompile(`(?m)^Pages:\s+` + strconv.Itoa(res.Pages) + `$`).Match(info) {
		t.Errorf("pdfinfo:\n%s\nwant %d pages", info, res.Pages)
	}
	if !regexp.MustCompile(`(?m)^Title:\s+Martineau Estate data sheets$`).Match(info) || !regexp.MustCompile(`(?m)^Author:\s+Alex Marsh$`).Match(info) {
		t.Errorf("metadata:\n%s", info)
	}
	pages := pageTexts(t, pdf)
	if len(pages) != res.Pages {
		t.Fatalf("%d pages of text, %d pages", len(pages), res.Pages)
	}
	// Every page is numbered "Page N of M" from the cover.
	for i, p := range pages {
		if !strings.Contains(p, fmt.Sprintf("Page %d of %d", i+1, res.Pages)) {
			t.Errorf("page %d has no 'Page %d of %d'", i+1, i+1, res.Pages)
		}
	}
	// The index's page numbers are where the exhibits really start.
	// The index follows the cover and the evidence at a glance.
	index := regexp.MustCompile(`(LW/\d+)\s.*?p\. (\d+)`).FindAllStringSubmatch(pages[2], -1)
	exs, _ := c.Exhibits(ctx)
	if len(index) != len(exs) {
		t.Fatalf("index lists %d exhibits, case has %d:\n%s", len(index), len(exs), pages[2])
	}
	for i, m := range index {
		p, _ := strconv.Atoi(m[2])
		if !strings.Contains(pages[p-1], "Exhibit "+m[1]) || !strings.Contains(pages[p-1], exs[i].SHA256) {
			t.Errorf("index says %s starts on page %d, but that page is:\n%s", m[1], p, pages[p-1])
		}
	}
	// Every section and exhibit is bookmarked with its page.
	outline, _ := exec.Command("qpdf", "--json", "--json-key=outlines", out).Output()
	for _, want := range []string{"Evidence at a glance — p. 2", "Index — p. 3", "Chronology — p. 4", "Custody log — p.", "Manifest of hashes — p."} {
		if !bytes.Contains(outline, []byte(want)) {
			t.Errorf("no bookmark %q", want)
		}
	}
	// Recorded in custody with the file's hash.
	log, _ := c.Log(ctx)
	last := log[len(log)-1]
	if last.Action != casefile.ActionExported || !strings.Contains(string(last.Detail), res.SHA256) {
		t.Errorf("last event = %s %s", last.Action, last.Detail)
	}
	// A bundle verifies on its own and against its case.
	for _, cc := range []*casefile.Case{nil, c} {
		rep, err := VerifyBundle(ctx, out, cc, nil)
		if err != nil || !rep.OK() || rep.Exhibits != len(exs) {
			t.Errorf("verify-bundle (case %v): %+v %v", cc != nil, rep, err)
		}
	}
	os.WriteFile(filepath.Join(os.TempDir(), "dossier-sample-bundle.pdf"), pdf, 0o644)
}

func TestBundleHidesEveryMarkedValue(t *testing.T) {
	ctx := context.Background()
	c := sampleCase(t)
	out := filepath.Join(t.TempDir(), "bundle.pdf")
	if _, err := Bundle(ctx, c, out, false, Options{Date: bundleDate}); err != nil {
		t.Fatal(err)
	}
	pdf := mustRead(t, out)
	text := popplerText(t, pdf)
	meta, _ := exec.Command("pdfinfo", out).Output()
	outline, _ := exec.Command("qpdf", "--json", "--json-key=outlines", out).Output()
	// Every resident's name and number, in the forms people write them.
	for _, v := range []string{"Zoë Okafor", "Zoe Okafor", "OKAFOR", "Seán Murphy", "Łucja Nowak", "Maureen Baptiste", "Priya Raman", "Delroy",
		"07700 900123", "07700900123", "+447700900123", "07700 900456", "020 7946 0321", "02079460321", "Flat 1, Kestrel House", "14 Martineau Walk", "100023456701"} {
		for where, hay := range map[string][]byte{"text": []byte(text), "bytes": pdf, "metadata": meta, "bookmarks": outline} {
			if bytes.Contains(bytes.ToLower(hay), bytes.ToLower([]byte(v))) {
				t.Errorf("%q appears in the bundle's %s", v, where)
			}
		}
	}
	if !strings.Contains(text, "[Resident 1]") || !strings.Contains(text, "[Phone 1]") {
		t.Error("pseudonyms missing from the bundle text")
	}
}

func TestBundleIsDeterministic(t *testing.T) {
	ctx := context.Background()
	c := sampleCase(t)
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.pdf"), filepath.Join(dir, "b.pdf")
	if _, err := Bundle(ctx, c, a, false, Options{Date: bundleDate}); err != nil {
		t.Fatal(err)
	}
	if _, err := Bundle(ctx, c, b, false, Options{Date: bundleDate}); err != nil {
		t.Fatal(err)
	}
	pa, pb := mustRead(t, a), mustRead(t, b)
	if !bytes.Equal(pa, pb) {
		i := 0
		for i < len(pa) && i < len(pb) && pa[i] == pb[i] {
			i++
		}
		lo := max(0, i-200)
		t.Fatalf("two exports of the same case and date differ (%d and %d bytes) from byte %d:\n%q\n%q",
			len(pa), len(pb), i, pa[lo:min(len(pa), i+80)], pb[lo:min(len(pb), i+80)])
	}
}

// Screenshots from one phone share a width. gofpdf once ordered such
// images by Go's random map order, so the same case gave different bytes.
func TestBundleOfSameWidthImagesIsDeterministic(t *testing.T) {
	ctx := context.Background()
	c := casefile.TestCase(t)
	for i := range 6 {
		img := image.NewRGBA(image.Rect(0, 0, 120, 200+i))
		for x := range 120 {
			img.Set(x, 10*i, color.RGBA{R: uint8(40 * i), A: 255})
		}
		var buf bytes.Buffer
		png.Encode(&buf, img)
		if _, err := c.Add(ctx, casefile.TestFile(t, fmt.Sprintf("shot%d.png", i), buf.Bytes()), casefile.Meta{Kind: "screenshot"}); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	var first []byte
	for i := range 3 {
		out := filepath.Join(dir, fmt.Sprintf("%d.pdf", i))
		if _, err := Bundle(ctx, c, out, false, Options{Date: bundleDate, SkipOCRCheck: true}); err != nil {
			t.Fatal(err)
		}
		if pdf := mustRead(t, out); first == nil {
			first = pdf
		} else if !bytes.Equal(first, pdf) {
			t.Fatalf("export %d differs from the first", i+1)
		}
	}
}

func TestBundleRefusals(t *testing.T) {
	needTools(t, "pdftotext")
	ctx := context.Background()
	c := casefile.TestCase(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "b.pdf")
	if _, err := Bundle(ctx, c, out, false, Options{}); !errors.Is(err, casefile.ErrInvalid) {
		t.Errorf("empty case: %v", err)
	}
	os.WriteFile(out, []byte("keep"), 0o644)
	c.Add(ctx, casefile.TestFile(t, "a.txt", []byte("Statement of Zoë Okafor, 07700 900123.")), casefile.Meta{})
	if _, err := Bundle(ctx, c, out, false, Options{}); !errors.Is(err, casefile.ErrExists) {
		t.Errorf("existing file: %v", err)
	}
	if string(mustRead(t, out)) != "keep" {
		t.Error("existing file was changed")
	}
	// A bundle that cannot be made leaves the file alone: a sheet whose
	// rows are not imported refuses the export, naming the exhibit.
	ex, _ := c.Add(ctx, casefile.TestFile(t, "tenants.csv", []byte("Name,Phone\nZoë Okafor,07700 900123\n")), casefile.Meta{Kind: casefile.KindSheet})
	_, err := Bundle(ctx, c, out, true, Options{SkipOCRCheck: true})
	if !errors.Is(err, ErrSheetNotImported) || !strings.Contains(err.Error(), ex.Ref) {
		t.Errorf("sheet: %v", err)
	}
	if string(mustRead(t, out)) != "keep" {
		t.Error("a failed export replaced the file")
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*"))
	if len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestUnredactedCopyShowsNamesAndSaysSo(t *testing.T) {
	needTools(t, "pdftotext", "qpdf")
	ctx := context.Background()
	c := casefile.TestCase(t)
	c.Add(ctx, casefile.TestFile(t, "s.txt", []byte("Zoë Okafor, Seán Murphy and Łucja Nowak paid £96,000.")), casefile.Meta{Title: "Statement of Zoë Okafor"})
	c.AddTermMark(ctx, "Zoë Okafor", "name")
	img := image.NewGray16(image.Rect(0, 0, 300, 200)) // 16-bit PNG: gofpdf cannot embed it as it is
	for x := 0; x < 300; x++ {
		img.Set(x, 100, color.Gray16{Y: 0x1234})
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	c.Add(ctx, casefile.TestFile(t, "deep.png", buf.Bytes()), casefile.Meta{})
	out := filepath.Join(t.TempDir(), "own.pdf")
	if _, err := Bundle(ctx, c, out, false, Options{Date: bundleDate, NoRedact: true}); err != nil {
		t.Fatal(err)
	}
	pages := pageTexts(t, mustRead(t, out))
	for i, p := range pages {
		if !strings.Contains(p, "UNREDACTED") {
			t.Errorf("page %d does not say it is unredacted", i+1)
		}
	}
	all := strings.Join(pages, "\n")
	for _, v := range []string{"Zoë Okafor", "Seán Murphy", "Łucja Nowak", "£96,000"} {
		if !strings.Contains(all, v) {
			t.Errorf("%q does not extract from the unredacted copy", v)
		}
	}
}

// BenchmarkBundle500Screenshots times an export of 500 screenshots as the
// user waits for it: with the OCR read-back of every page on (a marked
// name is looked for on each), as an export runs by default.
func BenchmarkBundle500Screenshots(b *testing.B) {
	tooltest.Need(b, "pdftotext", "tesseract")
	ctx := context.Background()
	c, err := casefile.Create(filepath.Join(b.TempDir(), "b.dossier"), "Bench", "LW", casefile.Options{Actor: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	var imgBytes int64
	for i := 0; i < 500; i++ {
		img, _ := ocr.TestScreenshot("Northfield Forward", fmt.Sprintf("To 07700 900%03d", i), "Vote on Thursday")
		var buf bytes.Buffer
		png.Encode(&buf, img)
		imgBytes += int64(buf.Len())
		if _, err := c.AddReader(ctx, &buf, fmt.Sprintf("s%d.png", i), -1, casefile.Meta{}, nil); err != nil {
			b.Fatal(err)
		}
	}
	// Something to read back for, on no page.
	if _, err := c.AddTermMark(ctx, "Maureen Baptiste", "name"); err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := Bundle(ctx, c, filepath.Join(dir, fmt.Sprintf("b%d.pdf", i)), false, Options{Date: bundleDate})
		if err != nil {
			b.Fatal(err)
		}
		if !res.OCRChecked || res.RasterReadBack != 500 {
			b.Fatalf("read back %d of %d pages", res.RasterReadBack, res.RasterPages)
		}
		b.ReportMetric(float64(res.Bytes)/float64(imgBytes), "size/images")
		b.ReportMetric(float64(res.Pages), "pages")
	}
	reportPeakMemory(b)
}

// BenchmarkBundleSample times an export of the built-in sample case, read-back on.
func BenchmarkBundleSample(b *testing.B) {
	tooltest.Need(b, "pdftotext", "pdftoppm", "tesseract")
	s, err := sample.Write(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	c, err := casefile.Open(s.Case, casefile.Options{Actor: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	dir := b.TempDir()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := Bundle(context.Background(), c, filepath.Join(dir, fmt.Sprintf("b%d.pdf", i)), false, Options{Date: bundleDate})
		if err != nil {
			b.Fatal(err)
		}
		if !res.OCRChecked {
			b.Fatalf("not read back: %+v", res)
		}
	}
	reportPeakMemory(b)
}

func TestVerifyBundleFindsMismatches(t *testing.T) {
	ctx := context.Background()
	c := sampleCase(t)
	out := filepath.Join(t.TempDir(), "bundle.pdf")
	if _, err := Bundle(ctx, c, out, false, Options{Date: bundleDate}); err != nil {
		t.Fatal(err)
	}
	other := casefile.TestCase(t)
	rep, err := VerifyBundle(ctx, out, other, nil)
	if err != nil || rep.OK() || !strings.Contains(strings.Join(rep.Problems, "\n"), "not this case") {
		t.Errorf("against another case: %+v %v", rep, err)
	}
	// The same pages with a byte appended are not the file that was exported.
	altered := filepath.Join(t.TempDir(), "altered.pdf")
	os.WriteFile(altered, append(mustRead(t, out), '\n'), 0o644)
	rep, err = VerifyBundle(ctx, altered, c, nil)
	if err != nil || rep.OK() || !strings.Contains(strings.Join(rep.Problems, "\n"), "not recorded as an export") {
		t.Errorf("altered file: %+v %v", rep, err)
	}
	notPDF := casefile.TestFile(t, "x.pdf", []byte("not a pdf"))
	if _, err := VerifyBundle(ctx, notPDF, nil, nil); !errors.Is(err, casefile.ErrInvalid) {
		t.Errorf("not a PDF: %v", err)
	}
}

func TestPackFitsTheICOForm(t *testing.T) {
	ctx := context.Background()
	c := sampleCase(t)
	out := filepath.Join(t.TempDir(), "bundle.pdf")
	whole, err := Bundle(ctx, c, out, false, Options{Date: bundleDate})
	if err != nil {
		t.Fatal(err)
	}
	// With the form's real limits the sample fits in one file at 300 dpi.
	res, err := Pack(ctx, c, out, Options{Date: bundleDate})
	if err != nil || len(res.Parts) != 1 || res.DPI != 300 {
		t.Fatalf("pack = %+v, %v", res, err)
	}
	// With a 300 kB limit (parts carry their own fonts) it must split
	// at exhibit boundaries.
	old := packLimit
	packLimit = 300 << 10
	defer func() { packLimit = old }()
	res, err = Pack(ctx, c, out, Options{Date: bundleDate})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Parts) < 2 || len(res.Parts) > PackMaxFiles {
		t.Fatalf("%d parts", len(res.Parts))
	}
	pages := 0
	for i, p := range res.Parts {
		data := mustRead(t, p)
		if len(data) > packLimit {
			t.Errorf("part %d is %d bytes", i+1, len(data))
		}
		if msg, err := exec.Command("qpdf", "--check", p).CombinedOutput(); err != nil {
			t.Errorf("qpdf --check part %d: %v %s", i+1, err, msg)
		}
		texts := pageTexts(t, data)
		if !strings.Contains(texts[0], fmt.Sprintf("part %d of %d", i+1, len(res.Parts))) {
			t.Errorf("part %d does not open with its index:\n%s", i+1, texts[0])
		}
		pages += len(texts) - 1
	}
	if pages != whole.Pages {
		t.Errorf("parts hold %d pages, the bundle has %d", pages, whole.Pages)
	}
	summary := string(mustRead(t, res.Summary))
	if n := len([]rune(summary)); n > PackMaxSummary || !strings.Contains(summary, "Northfield Homes") {
		t.Errorf("summary (%d chars):\n%s", n, summary)
	}
	if strings.Contains(summary, "Okafor") || strings.Contains(string(mustRead(t, res.Timeline)), "Okafor") {
		t.Error("a resident's name is in the pack's text")
	}
	// A limit no exhibit fits names the ones too large.
	packLimit = 20 << 10
	_, err = Pack(ctx, c, out, Options{Date: bundleDate})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "LW/") {
		t.Errorf("too large: %v", err)
	}
}

// An unboxed name on a screenshot is read back by OCR and refuses the export.
func TestBundleRefusesANameOCRCanRead(t *testing.T) {
	needTools(t, "pdftotext", "tesseract")
	ctx := context.Background()
	c := casefile.TestCase(t)
	img, _ := ocr.TestScreenshot("Northfield Forward", "Hi Maureen Baptiste, vote on Thursday")
	var buf bytes.Buffer
	png.Encode(&buf, img)
	shot, _ := c.Add(ctx, casefile.TestFile(t, "shot.png", buf.Bytes()), casefile.Meta{})
	c.AddTermMark(ctx, "Maureen Baptiste", "name")
	out := filepath.Join(t.TempDir(), "b.pdf")
	_, err := Bundle(ctx, c, out, false, Options{Date: bundleDate})
	if !errors.Is(err, ErrLeak) || !strings.Contains(err.Error(), shot.Ref+" page 1") {
		t.Fatalf("err = %v, want a leak on %s page 1", err, shot.Ref)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a leaking bundle was written")
	}
	// Boxes from OCR, accepted, make it pass.
	if _, err := c.SuggestRects(ctx, ocr.New(), pdf.New(), nil); err != nil {
		t.Fatal(err)
	}
	c.AcceptMarks(ctx, nil, true)
	if res, err := Bundle(ctx, c, out, false, Options{Date: bundleDate}); err != nil || !res.OCRChecked {
		t.Fatalf("boxed: %+v %v", res, err)
	}
}

// gofpdf writes into the font bytes it is given; the shared embedded
// fonts must come out of a bundle unchanged, or the next document made in
// the same process differs.
func TestBundleLeavesEmbeddedFontsAlone(t *testing.T) {
	ctx := context.Background()
	c := sampleCase(t) // accented names in bold and regular: composite glyphs
	before := [][32]byte{sha256.Sum256(assets.FontRegular), sha256.Sum256(assets.FontBold), sha256.Sum256(assets.FontMono)}
	if _, err := Bundle(ctx, c, filepath.Join(t.TempDir(), "b.pdf"), false, Options{Date: bundleDate}); err != nil {
		t.Fatal(err)
	}
	after := [][32]byte{sha256.Sum256(assets.FontRegular), sha256.Sum256(assets.FontBold), sha256.Sum256(assets.FontMono)}
	for i := range before {
		if before[i] != after[i] {
			t.Errorf("embedded font %d was changed by making a bundle", i)
		}
	}
}

// Preview promises what Bundle then writes: the same pages and bytes.
func TestPreviewMatchesTheBundle(t *testing.T) {
	ctx := context.Background()
	c := sampleCase(t)
	before, _ := c.Log(ctx)
	pre, err := Preview(ctx, c, Options{Date: bundleDate})
	if err != nil {
		t.Fatal(err)
	}
	if after, _ := c.Log(ctx); len(after) != len(before) {
		t.Error("a preview was recorded in custody")
	}
	out := filepath.Join(t.TempDir(), "b.pdf")
	res, err := Bundle(ctx, c, out, false, Options{Date: bundleDate})
	if err != nil {
		t.Fatal(err)
	}
	if pre.Pages != res.Pages || pre.Bytes != res.Bytes || pre.SHA256 != res.SHA256 || pre.Path != "" {
		t.Errorf("preview %+v, bundle %+v", pre, res)
	}
	if _, err := Preview(ctx, casefile.TestCase(t), Options{}); !errors.Is(err, casefile.ErrInvalid) {
		t.Errorf("preview of an empty case: %v", err)
	}
}
