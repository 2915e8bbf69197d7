package export

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"dossier/casefile"
	"dossier/casefile/pdf"
	"dossier/internal/tooltest"
)

// TestWithheldExhibitsUnblockTheExport: a damaged PNG blocks the export
// (an AVIF is only listed as not reproduced); with both withheld, the rest
// of the case exports, the index and the exhibits page
// list them with hash and reason, the manifest records them and
// verify-bundle passes; restored, the export is refused again.
func TestWithheldExhibitsUnblockTheExport(t *testing.T) {
	tooltest.Need(t, "pdftotext", "qpdf")
	ctx := context.Background()
	c := casefile.TestCase(t)
	add := func(name string, data []byte) casefile.Exhibit {
		ex, err := c.Add(ctx, casefile.TestFile(t, name, data), casefile.Meta{})
		if err != nil {
			t.Fatal(err)
		}
		return ex
	}
	add("statement.txt", []byte("Statement about the texts received on 8 June."))
	avif := add("IMG_0001.AVIF", []byte("\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf\x00\x00\x00\x00"))
	broken := add("cut.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR"))
	out := filepath.Join(t.TempDir(), "b.pdf")

	_, err := Bundle(ctx, c, out, false, Options{Date: bundleDate})
	if err == nil || !strings.Contains(err.Error(), broken.Ref) || strings.Contains(err.Error(), avif.Ref) {
		t.Fatalf("export = %v; want %s refused, %s not", err, broken.Ref, avif.Ref)
	}

	for _, ex := range []casefile.Exhibit{avif, broken} {
		if _, err := c.Withhold(ctx, ex.Ref, "cannot be shown: "+ex.Filename); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Bundle(ctx, c, out, false, Options{Date: bundleDate})
	if err != nil {
		t.Fatalf("export with both withheld: %v", err)
	}
	if res.Exhibits != 1 || res.Withheld != 2 {
		t.Errorf("result: %d exhibits, %d withheld; want 1 and 2", res.Exhibits, res.Withheld)
	}
	pages := pageTexts(t, mustRead(t, out))
	all := strings.Join(pages, "\f")
	for _, want := range []string{"Withheld: IMG_0001", "Withheld exhibits", avif.SHA256[:40], broken.SHA256[:40], "cannot be shown: cut.png", "1, and 2 withheld"} {
		if !strings.Contains(strings.Join(strings.Fields(all), " "), want) {
			t.Errorf("bundle lacks %q", want)
		}
	}
	rep, err := VerifyBundle(ctx, out, c, pdf.New())
	if err != nil || !rep.OK() {
		t.Errorf("verify-bundle: %v %v", err, rep.Problems)
	}
	m := readManifest(t, out)
	if len(m.Withheld) != 2 || m.Withheld[0].SHA256 != avif.SHA256 || len(m.Exhibits) != 1 {
		t.Errorf("manifest withheld %+v, exhibits %d", m.Withheld, len(m.Exhibits))
	}

	if _, err := c.Restore(ctx, broken.Ref); err != nil {
		t.Fatal(err)
	}
	if _, err := Bundle(ctx, c, out, true, Options{Date: bundleDate}); err == nil || !strings.Contains(err.Error(), broken.Ref) {
		t.Errorf("export after restoring %s = %v; want it refused again", broken.Ref, err)
	}
}

func readManifest(t *testing.T, path string) manifest {
	t.Helper()
	m, err := manifestAttachment(context.Background(), mustRead(t, path))
	if err != nil {
		t.Fatal(err)
	}
	return m
}
