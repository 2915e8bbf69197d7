package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"dossier/casefile"
	"dossier/casefile/ocr"
	"dossier/casefile/pdf"
	"dossier/internal/tooltest"
)

const pipeSheet = "UPRN,Address,Estate,Name,Phone,Notes\n" +
	"100023456801,\"Flat 23, Dellow House, Bigland Street\",Dellow,Ana Bello,07700 900611,second phone 07700 900612\n" +
	"2,12 Cable Street,Dellow,Harold Finch,020 7946 0555,\n"

// pipeCase is a case with a data sheet (rows imported) and its marks
// accepted.
func pipeCase(t *testing.T) *casefile.Case {
	t.Helper()
	ctx := context.Background()
	c := casefile.TestCase(t)
	if _, err := c.ImportRows(ctx, casefile.TestFile(t, "sheet.csv", []byte(pipeSheet)), casefile.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	accept(t, c)
	return c
}

func accept(t *testing.T, c *casefile.Case) {
	t.Helper()
	ctx := context.Background()
	if _, err := c.SuggestMarks(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AcceptMarks(ctx, nil, true); err != nil {
		t.Fatal(err)
	}
}

func add(t *testing.T, c *casefile.Case, name string, data []byte, meta casefile.Meta) casefile.Exhibit {
	t.Helper()
	ex, err := c.Add(context.Background(), casefile.TestFile(t, name, data), meta)
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

// bundleText exports c and returns the result, the text of the bundle and
// its bytes.
func bundleText(t *testing.T, c *casefile.Case, opt Options) (Result, string, []byte) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "b.pdf")
	opt.Date = bundleDate
	res, err := Bundle(context.Background(), c, out, false, opt)
	if err != nil {
		t.Fatal(err)
	}
	data := mustRead(t, out)
	return res, popplerText(t, data), data
}

// A data sheet whose rows are not imported is refused, with the command
// that resolves it; so is everything else wrong, all in one go.
func TestExportNamesEveryProblemAtOnce(t *testing.T) {
	tooltest.Need(t, "pdftotext")
	ctx := context.Background()
	c := pipeCase(t)
	sheet := add(t, c, "tenants.csv", []byte("Name,Phone\nZoë Okafor,07700 900123\n"), casefile.Meta{Kind: casefile.KindSheet})
	if err := c.SetTitle(ctx, "Ana Bello's data", nil); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "b.pdf")
	_, err := Bundle(ctx, c, out, false, Options{Date: bundleDate, SkipOCRCheck: true})
	var probs Problems
	if !errors.As(err, &probs) || len(probs) != 2 {
		t.Fatalf("err = %v, want 2 problems", err)
	}
	if !errors.Is(err, ErrSheetNotImported) || !errors.Is(err, ErrLeak) {
		t.Errorf("err = %v", err)
	}
	for _, p := range probs {
		if p.Fix == "" || strings.Contains(p.Error(), "Bello") || strings.Contains(p.Error(), "Okafor") {
			t.Errorf("problem %q, fix %q", p.Error(), p.Fix)
		}
	}
	if probs[0].Exhibit != "" || !strings.Contains(probs[0].Fix, "--title") {
		t.Errorf("title problem = %+v", probs[0])
	}
	if probs[1].Exhibit != sheet.Ref || !strings.Contains(probs[1].Fix, "rows import") || !strings.Contains(probs[1].Fix, "withhold") {
		t.Errorf("sheet problem = %+v", probs[1])
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Error("a refused bundle was written")
	}
	// Resolved, the export goes through.
	if err := c.SetTitle(ctx, "Shadwell data sheets", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ImportRows(ctx, casefile.TestFile(t, "tenants.csv", []byte("Name,Phone\nZoë Okafor,07700 900123\n")), casefile.ImportOptions{Exhibit: sheet.Ref}); err != nil {
		t.Fatal(err)
	}
	accept(t, c)
	res, text, _ := bundleText(t, c, Options{SkipOCRCheck: true})
	for _, v := range []string{"Okafor", "Bello", "Finch", "07700 900612", "Dellow House", "12 Cable Street", "100023456801"} {
		if strings.Contains(text, v) {
			t.Errorf("%q is in the bundle", v)
		}
	}
	// Estates stay readable: they are the evidence of whose data leaked.
	if !strings.Contains(text, "Dellow") || !strings.Contains(text, "[Address 1]") || !strings.Contains(text, "[Property 2]") {
		t.Errorf("bundle text lacks the estate or stand-ins")
	}
	// The short UPRN "2" is scoped to its column: the bundle still has 2s.
	if !strings.Contains(text, "2 exhibits") && !strings.Contains(text, "Page 2") {
		t.Error("every 2 was taken for the short property reference")
	}
	if !res.Redacted || res.ExhibitsMarked != 2 || res.MarksApplied == 0 {
		t.Errorf("result %+v", res)
	}
}

// What the pipeline cannot look inside is listed with its hash, never
// shown, and the export goes on.
func TestUnreadableFormatsAreListedNotShown(t *testing.T) {
	tooltest.Need(t, "pdftotext")
	c := pipeCase(t)
	docx := append([]byte("PK\x03\x04"), []byte("[Content_Types].xml word/document.xml Ana Bello 07700 900611")...)
	ex := add(t, c, "statement.docx", docx, casefile.Meta{})
	avif := add(t, c, "IMG_0001.AVIF", []byte("\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf\x00\x00\x00\x00"), casefile.Meta{})
	res, text, pdf := bundleText(t, c, Options{SkipOCRCheck: true})
	if strings.Join(res.NotReproduced, ",") != ex.Ref+","+avif.Ref {
		t.Errorf("not reproduced = %v", res.NotReproduced)
	}
	for _, want := range []string{"Not reproduced: image (AVIF)", ex.SHA256, avif.SHA256} {
		if !strings.Contains(text, want) {
			t.Errorf("bundle lacks %q", want)
		}
	}
	if n := strings.Count(text, "Not reproduced: "); n != 2 {
		t.Errorf("%d exhibits say they are not reproduced", n)
	}
	if strings.Contains(text, "Bello") || strings.Contains(text, "900611") {
		t.Error("the docx's content is in the bundle")
	}
	if bytes.Contains(pdf, []byte("word/document.xml")) {
		t.Error("the docx bytes are in the bundle")
	}
}

// Honest claims: with no marks, no sentence says names are replaced and
// Redacted is false; with marks, both change.
func TestCoverClaimsFollowWhatWasDone(t *testing.T) {
	tooltest.Need(t, "pdftotext")
	ctx := context.Background()
	c := casefile.TestCase(t)
	add(t, c, "minutes.txt", []byte("Minutes of the board, 3 June. Nothing personal here."), casefile.Meta{})
	res, text, _ := bundleText(t, c, Options{SkipOCRCheck: true})
	if res.Redacted || res.MarksApplied != 0 || strings.Contains(text, "replaced by stand-ins") || !strings.Contains(text, "No redaction marks apply") {
		t.Errorf("no marks: result %+v, cover:\n%s", res, text[:min(len(text), 1500)])
	}
	add(t, c, "note.txt", []byte("Ana Bello rang."), casefile.Meta{})
	c.AddTermMark(ctx, "Ana Bello", "name")
	res, text, _ = bundleText(t, c, Options{SkipOCRCheck: true})
	if !res.Redacted || res.MarksApplied != 1 || res.ExhibitsMarked != 1 || !strings.Contains(text, "1 redaction mark was applied to 1 exhibit") {
		t.Errorf("one mark: result %+v", res)
	}
}

// noTesseract leaves only the PDF tools on PATH.
func noTesseract(t *testing.T) {
	t.Helper()
	dir := t.TempDir()
	for _, tool := range []string{"pdftotext", "pdftoppm", "pdfinfo", "pdfimages", "qpdf"} {
		if p, err := exec.LookPath(tool); err == nil {
			os.Symlink(p, filepath.Join(dir, tool))
		}
	}
	t.Setenv("PATH", dir)
	if ocr.Available() {
		t.Fatal("tesseract still found")
	}
}

// Without tesseract, image pages with marked values to look for refuse
// the export; --skip-ocr-check lets it through, and the cover, manifest
// and result say the pixels were not read back.
func TestNoOCRRefusesUnlessSkipped(t *testing.T) {
	tooltest.Need(t, "pdftotext")
	ctx := context.Background()
	c := pipeCase(t)
	img, _ := ocr.TestScreenshot("Northfield Forward", "Vote on Thursday")
	var buf bytes.Buffer
	png.Encode(&buf, img)
	add(t, c, "shot.png", buf.Bytes(), casefile.Meta{})
	noTesseract(t)
	_, err := Bundle(ctx, c, filepath.Join(t.TempDir(), "b.pdf"), false, Options{Date: bundleDate})
	if !errors.Is(err, ErrNoOCR) || !strings.Contains(err.Error(), "1 image page") {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(err.(interface{ Unwrap() error }).Unwrap().(Problems)[0].Fix, "--skip-ocr-check") {
		t.Errorf("fix does not name --skip-ocr-check")
	}
	res, text, pdf := bundleText(t, c, Options{SkipOCRCheck: true})
	if res.OCRChecked || res.RasterPages != 1 || res.RasterReadBack != 0 {
		t.Errorf("result %+v", res)
	}
	if !strings.Contains(strings.Join(strings.Fields(text), " "), "The pixels of the image page were not read back") {
		t.Error("the cover does not say the pixels were not read back")
	}
	m, err := manifestAttachment(ctx, pdf)
	if err != nil || m.RasterPages != 1 || m.RasterReadBack != 0 {
		t.Errorf("manifest raster %d/%d, %v", m.RasterReadBack, m.RasterPages, err)
	}
	if !strings.Contains(strings.Join(strings.Fields(text), " "), "Pixels: 0 of 1 image pages were read back") {
		t.Error("the manifest page does not say the pixels were not read back")
	}
}

// With tesseract the read-back counts every image page, and the result
// says so.
func TestReadBackIsCounted(t *testing.T) {
	tooltest.Need(t, "pdftotext", "tesseract")
	c := pipeCase(t)
	img, _ := ocr.TestScreenshot("Northfield Forward", "Vote on Thursday")
	var buf bytes.Buffer
	png.Encode(&buf, img)
	add(t, c, "shot.png", buf.Bytes(), casefile.Meta{})
	res, text, _ := bundleText(t, c, Options{})
	if !res.OCRChecked || res.RasterPages != 1 || res.RasterReadBack != 1 {
		t.Errorf("result %+v", res)
	}
	if !strings.Contains(strings.Join(strings.Fields(text), " "), "The image page was read back with OCR") {
		t.Error("the cover does not say the page was read back")
	}
}

// Text exhibits in every encoding are redacted, spans included.
func TestTextEncodingsAreRedacted(t *testing.T) {
	tooltest.Need(t, "pdftotext")
	ctx := context.Background()
	c := pipeCase(t)
	text := "Ana Bello rang 07700 900611 today about Flat 23, Dellow House. Signed: ZZ."
	le, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(text)
	be, _ := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().String(text)
	cp1252, _ := charmap.Windows1252.NewEncoder().String(text)
	for _, f := range []struct{ name, data string }{{"a.txt", "\ufeff" + text}, {"b.txt", le}, {"c.txt", be}, {"d.txt", cp1252 + " é"}} {
		ex := add(t, c, f.name, []byte(f.data), casefile.Meta{})
		// "ZZ." is marked as a span of the decoded text.
		at := strings.Index(text, "ZZ")
		if _, err := c.AddSpanMark(ctx, ex.Ref, at, at+2); err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
	}
	_, out, _ := bundleText(t, c, Options{SkipOCRCheck: true})
	flat := strings.Join(strings.Fields(out), " ")
	if n := strings.Count(flat, "[Resident 1] rang [Phone 1] today about [Address 1]. Signed: █████."); n != 4 {
		t.Errorf("%d of 4 text exhibits redacted:\n%s", n, flat)
	}
}

// A span over part of a marked name, in text Canon rewrites or not, still
// lets the whole name be found: no "Ana Be█████" is left.
func TestSpanOverPartOfNameLeavesNoFragment(t *testing.T) {
	tooltest.Need(t, "pdftotext")
	ctx := context.Background()
	c := pipeCase(t)
	for _, f := range []struct{ name, text string }{
		{"plain.txt", "Note: Ana Bello rang 07700 900611 today."},
		// A soft hyphen and full-width digits: offsets of the text as read
		// differ from those of the text searched.
		{"odd.txt", "Note: Ana Bel\u00adlo rang ０７７００ ９００６１１ today."},
	} {
		ex := add(t, c, f.name, []byte(f.text), casefile.Meta{})
		// From inside the surname to inside the number.
		at := strings.Index(f.text, "lo rang")
		end := strings.Index(f.text, " today")
		if _, err := c.AddSpanMark(ctx, ex.Ref, at, end-3); err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
	}
	_, out, _ := bundleText(t, c, Options{SkipOCRCheck: true})
	flat := strings.Join(strings.Fields(out), " ")
	for _, v := range []string{"Ana", "Be", "Bel", "611", "６１１"} {
		if strings.Contains(flat, "Note: "+v) || strings.Contains(flat, v+"█") {
			t.Errorf("a fragment %q is left:\n%s", v, flat)
		}
	}
	if n := strings.Count(flat, "Note: [Resident 1] today."); n != 2 {
		t.Errorf("%d of 2 copies read \"Note: [Resident 1] today.\":\n%s", n, flat)
	}
}

// Actors and reasons in the custody appendix go through the stand-ins.
func TestCustodyAppendixUsesStandIns(t *testing.T) {
	tooltest.Need(t, "pdftotext")
	ctx := context.Background()
	c := pipeCase(t)
	ex := add(t, c, "note.txt", []byte("A note."), casefile.Meta{})
	c.SetActor("Ana Bello")
	if err := c.Handover(ctx, ex.Ref, "received", "Harold Finch", "handed over by 07700 900611"); err != nil {
		t.Fatal(err)
	}
	m, err := c.AddTermMark(ctx, "12 Cable Street", "address")
	if err != nil {
		t.Fatal(err)
	}
	c.RemoveMark(ctx, m.ID, "Harold Finch asked")
	_, text, pdf := bundleText(t, c, Options{SkipOCRCheck: true})
	for _, v := range []string{"Bello", "Finch", "900611"} {
		if strings.Contains(text, v) || bytes.Contains(pdf, []byte(v)) {
			t.Errorf("%q is in the bundle", v)
		}
	}
}

// An upload pack cannot be unredacted, and its texts are checked.
func TestPackIsNeverUnredacted(t *testing.T) {
	c := pipeCase(t)
	_, err := Pack(context.Background(), c, filepath.Join(t.TempDir(), "b.pdf"), Options{Date: bundleDate, NoRedact: true})
	if !errors.Is(err, casefile.ErrInvalid) {
		t.Errorf("unredacted pack: %v", err)
	}
}

// scannedPDF is an image-only PDF of a screenshot with lines on it, as
// a scanner or img2pdf makes one.
func scannedPDF(t *testing.T, lines ...string) []byte {
	t.Helper()
	tooltest.Need(t, "img2pdf")
	img, _ := ocr.TestScreenshot(lines...)
	dir := t.TempDir()
	var buf bytes.Buffer
	png.Encode(&buf, img)
	in, out := filepath.Join(dir, "page.png"), filepath.Join(dir, "scan.pdf")
	os.WriteFile(in, buf.Bytes(), 0o600)
	if msg, err := exec.Command("img2pdf", in, "-o", out).CombinedOutput(); err != nil {
		t.Fatalf("img2pdf: %v %s", err, msg)
	}
	return mustRead(t, out)
}

// A scanned PDF naming a resident is read back page by page like a
// screenshot: unboxed, the export is refused naming exhibit and page;
// boxed (the OCR suggestions accepted), it goes through, rasterised.
func TestScannedPDFIsReadBack(t *testing.T) {
	tooltest.Need(t, "pdftotext", "pdftoppm", "tesseract")
	ctx := context.Background()
	c := pipeCase(t)
	scan := add(t, c, "letter-scan.pdf", scannedPDF(t, "Dear Ana Bello,", "your mobile 07700 900611"), casefile.Meta{Kind: casefile.KindLetter})
	_, err := Bundle(ctx, c, filepath.Join(t.TempDir(), "b.pdf"), false, Options{Date: bundleDate})
	var probs Problems
	if !errors.As(err, &probs) || len(probs) != 1 || probs[0].Exhibit != scan.Ref || probs[0].Page != 1 || !errors.Is(err, ErrLeak) {
		t.Fatalf("err = %v", err)
	}
	if _, err := c.SuggestRects(ctx, ocr.New(), pdf.New(), nil); err != nil {
		t.Fatal(err)
	}
	c.AcceptMarks(ctx, nil, true)
	res, _, _ := bundleText(t, c, Options{})
	if !res.OCRChecked || res.RasterPages != 1 {
		t.Errorf("result %+v", res)
	}
}

// A bundle file named after a resident is refused: file names leave the
// case too.
func TestFileNameIsChecked(t *testing.T) {
	tooltest.Need(t, "pdftotext")
	c := pipeCase(t)
	out := filepath.Join(t.TempDir(), "ana-bello-bundle.pdf")
	_, err := Bundle(context.Background(), c, out, false, Options{Date: bundleDate, SkipOCRCheck: true})
	if !errors.Is(err, ErrLeak) || !strings.Contains(err.Error(), "the file name still contains a redacted name") {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Error("the bundle was written")
	}
}

// A PDF with a text page and a scanned page: only the scanned page is
// read back with OCR, and its text page is searched as text.
func TestMixedPDFReadsBackItsScannedPage(t *testing.T) {
	tooltest.Need(t, "pdftotext", "tesseract", "qpdf")
	c := pipeCase(t)
	dir := t.TempDir()
	text, scan := filepath.Join(dir, "text.pdf"), filepath.Join(dir, "scan.pdf")
	os.WriteFile(text, pdf.TestPDF("Minutes of the tenants' meeting, 3 June"), 0o600)
	os.WriteFile(scan, scannedPDF(t, "Northfield Forward", "Vote on Thursday"), 0o600)
	mixed := filepath.Join(dir, "mixed.pdf")
	if msg, err := exec.Command("qpdf", "--empty", "--pages", text, scan, "--", mixed).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v %s", err, msg)
	}
	add(t, c, "mixed.pdf", mustRead(t, mixed), casefile.Meta{})
	res, _, _ := bundleText(t, c, Options{})
	if res.RasterPages != 1 || res.RasterReadBack != 1 || !res.OCRChecked {
		t.Errorf("result %+v: want the one scanned page read back", res)
	}
}

// No copy of anything, redacted or not, is written to the system's
// temporary folder: PDFs are read in the program and images go to
// tesseract on its standard input.
func TestExportWritesNothingToTheTempFolder(t *testing.T) {
	tooltest.Need(t, "pdftotext", "tesseract", "img2pdf")
	c := pipeCase(t)
	add(t, c, "scan.pdf", scannedPDF(t, "Northfield Forward", "Vote on Thursday"), casefile.Meta{})
	img, _ := ocr.TestScreenshot("Northfield Forward", "Vote on Thursday")
	var buf bytes.Buffer
	png.Encode(&buf, img)
	add(t, c, "shot.png", buf.Bytes(), casefile.Meta{})
	// The temporary folder is a file: anything written there fails.
	tmp := filepath.Join(t.TempDir(), "not-a-folder")
	os.WriteFile(tmp, nil, 0o600)
	out := filepath.Join(t.TempDir(), "b.pdf")
	t.Setenv("TMPDIR", tmp)
	res, err := Bundle(context.Background(), c, out, false, Options{Date: bundleDate})
	if err != nil || res.RasterReadBack != 2 {
		t.Fatalf("%+v %v", res, err)
	}
	if _, err := RedactExhibit(context.Background(), c, "LW/2", filepath.Join(filepath.Dir(out), "x.pdf"), Options{}); err != nil {
		t.Fatal(err)
	}
}

// failingOCR fails its first reading and counts the readings started
// after that with a live context.
type failingOCR struct {
	mu        sync.Mutex
	calls     int
	afterFail int
}

func (f *failingOCR) Words(ctx context.Context, img image.Image) ([]ocr.Word, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if f.calls == 1 {
		return nil, errors.New("tesseract crashed")
	}
	if ctx.Err() == nil {
		f.afterFail++
	}
	return nil, ctx.Err()
}

// A read-back that fails stops the export, and the read-backs still to
// run are cancelled rather than read.
func TestFailedReadBackCancelsTheRest(t *testing.T) {
	tooltest.Need(t, "pdftotext")
	ctx := context.Background()
	c := pipeCase(t)
	for i := range 12 {
		img, _ := ocr.TestScreenshot("Northfield Forward", fmt.Sprintf("Message %d", i))
		var buf bytes.Buffer
		png.Encode(&buf, img)
		add(t, c, fmt.Sprintf("s%d.png", i), buf.Bytes(), casefile.Meta{})
	}
	eng := &failingOCR{}
	_, err := Bundle(ctx, c, filepath.Join(t.TempDir(), "b.pdf"), false, Options{Date: bundleDate, OCR: eng})
	if err == nil || !strings.Contains(err.Error(), "tesseract crashed") {
		t.Fatalf("err = %v", err)
	}
	if eng.afterFail > 1 {
		t.Errorf("%d pages were read after the export had failed", eng.afterFail)
	}
}

func TestCounts(t *testing.T) {
	tests := []struct {
		r    Result
		want string
	}{
		{Result{Exhibits: 3}, "0 marks applied to 0 of 3 exhibits; no image pages."},
		{Result{Exhibits: 9, MarksApplied: 62, ExhibitsMarked: 8, RasterPages: 5, RasterReadBack: 5},
			"62 marks applied to 8 of 9 exhibits; 5 of 5 image pages read back with OCR."},
		{Result{Exhibits: 2, MarksApplied: 1, ExhibitsMarked: 1, RasterPages: 2, NotReproduced: []string{"LW/2"}},
			"1 mark applied to 1 of 2 exhibits; 0 of 2 image pages read back with OCR (the cover says the others were not); 1 exhibit not reproduced (LW/2)."},
	}
	for _, tt := range tests {
		if got := Counts(tt.r); got != tt.want {
			t.Errorf("Counts = %q, want %q", got, tt.want)
		}
	}
}
