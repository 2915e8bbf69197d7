package export

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"path/filepath"
	"strings"
	"testing"

	"dossier/casefile"
	"dossier/casefile/ocr"
)

// A sheet of any format is refused until rows are transcribed for it: a
// scanned sheet (an image or an image-only PDF) with a box drawn over one
// name is refused as firmly as a CSV, since the names left unboxed are not
// marked anywhere. Rows typed for it, or withholding it, resolve it.
func TestEverySheetNeedsRows(t *testing.T) {
	ctx := context.Background()
	c := pipeCase(t)
	img, _ := ocr.TestScreenshot("Kestrel Road canvass", "Zoe Okafor 07700 900123", "Sean Murphy 07700 900456")
	var buf bytes.Buffer
	png.Encode(&buf, img)
	shot := add(t, c, "canvass.png", buf.Bytes(), casefile.Meta{Kind: casefile.KindSheet})
	scan := add(t, c, "canvass.pdf", scannedPDF(t, "Kestrel Road canvass", "Zoe Okafor 07700 900123"), casefile.Meta{Kind: casefile.KindSheet})
	sheetFile := add(t, c, "tenants.csv", []byte("Name,Phone\nZoe Okafor,07700 900123\n"), casefile.Meta{Kind: casefile.KindSheet})
	for _, ref := range []string{shot.Ref, scan.Ref} {
		if _, err := c.AddRectMark(ctx, ref, 1, 0.05, 0.3, 0.5, 0.1); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "b.pdf")
	_, err := Bundle(ctx, c, out, false, Options{Date: bundleDate, SkipOCRCheck: true})
	var probs Problems
	if !errors.As(err, &probs) {
		t.Fatalf("err = %v, want problems", err)
	}
	refused := map[string]string{}
	for _, p := range probs {
		if errors.Is(p, ErrSheetNotImported) {
			refused[p.Exhibit] = p.Fix
		}
	}
	for _, ref := range []string{shot.Ref, scan.Ref, sheetFile.Ref} {
		fix, ok := refused[ref]
		if !ok {
			t.Errorf("%s: a sheet without rows was not refused (%v)", ref, err)
			continue
		}
		if !strings.Contains(fix, "rows import") || !strings.Contains(fix, "--exhibit "+ref) || !strings.Contains(fix, "withhold") {
			t.Errorf("%s: fix %q", ref, fix)
		}
	}
	// A scan has no file to extract as CSV: its hint says to type the rows.
	if strings.Contains(refused[shot.Ref], "extract") || !strings.Contains(refused[sheetFile.Ref], "extract") {
		t.Errorf("hints: scan %q, file %q", refused[shot.Ref], refused[sheetFile.Ref])
	}
	// Transcribed (or withheld), each sheet stops being a problem.
	rows := []byte("Name,Phone\nZoe Okafor,07700 900123\nSean Murphy,07700 900456\n")
	for _, ref := range []string{shot.Ref, scan.Ref} {
		if _, err := c.ImportRows(ctx, casefile.TestFile(t, "rows.csv", rows), casefile.ImportOptions{Exhibit: ref}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.Withhold(ctx, sheetFile.Ref, "the same tenants as LW/1"); err != nil {
		t.Fatal(err)
	}
	_, err = Bundle(ctx, c, out, true, Options{Date: bundleDate, SkipOCRCheck: true})
	if errors.Is(err, ErrSheetNotImported) {
		t.Errorf("after transcription: %v", err)
	}
}
