package export

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dossier/casefile"
	"dossier/internal/tooltest"
)

// TestAnyTextExports puts each text that once made export panic (an
// emoji, outside the Basic Multilingual Plane; a long unbroken word of
// accented letters; a URL; binary bytes) and the scripts of an East
// London borough into each place a case holds text, and exports: the
// bundle is written, qpdf finds it sound, and characters no font has are
// named as placeholders. Before, each emoji case panicked with "index out
// of range [65536]" and the long words with "index out of range [75]".
func TestAnyTextExports(t *testing.T) {
	tooltest.Need(t, "pdftotext", "qpdf")
	const emoji = "😀"
	long := strings.Repeat("é", 300)
	url := "https://example.org/" + strings.Repeat("résumé", 40)
	binary := "\x00\x01\xff\xfe\xc3(\xe2\x82 binary \x1b[0m"
	scripts := "আমার নাম রহিম; اسمي أحمد خان; میرا نام علی ہے; Cabdi Xasan; Łucja Wiśniewska; Ayşe Yılmaz"
	type setup func(t *testing.T, ctx context.Context, c *casefile.Case, opt *Options)
	addText := func(name, body string, meta casefile.Meta) setup {
		return func(t *testing.T, ctx context.Context, c *casefile.Case, opt *Options) {
			if _, err := c.Add(ctx, casefile.TestFile(t, name, []byte(body)), meta); err != nil {
				t.Fatal(err)
			}
		}
	}
	tests := []struct {
		name        string
		setup       setup
		placeholder bool // the emoji is drawn as [U+1F600]
	}{
		{"exhibit title", addText("a.txt", "statement", casefile.Meta{Title: "Photo " + emoji + " of the estate"}), true},
		{"file name", addText("résumé "+emoji+".txt", "statement", casefile.Meta{}), true},
		{"text exhibit", addText("a.txt", "Vote "+emoji+" on Thursday", casefile.Meta{}), true},
		{"source", addText("a.txt", "statement", casefile.Meta{Source: "Zoë " + emoji + " Okafor"}), true},
		{"long accented word", addText("a.txt", long, casefile.Meta{Title: long}), false},
		{"long url", addText("a.txt", url, casefile.Meta{Title: url}), false},
		// Binary content is not text: the bundle lists it as not
		// reproduced, with its binary title; withheld, the index lists it.
		{"binary exhibit", addText("a.bin", binary, casefile.Meta{Title: binary + emoji}), true},
		{"binary exhibit, withheld", func(t *testing.T, ctx context.Context, c *casefile.Case, opt *Options) {
			addText("ok.txt", "statement", casefile.Meta{})(t, ctx, c, opt)
			ex, _ := c.Add(ctx, casefile.TestFile(t, "a.bin", []byte(binary)), casefile.Meta{Title: binary + emoji})
			if _, err := c.Withhold(ctx, ex.Ref, "binary "+emoji); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"scripts", addText("a.txt", scripts, casefile.Meta{Title: scripts}), false},
		{"sheet row", func(t *testing.T, ctx context.Context, c *casefile.Case, opt *Options) {
			csv := "Name,Address,Phone\nZoë " + emoji + " Okafor,Flat 1 " + long + ",07700 900123\n"
			if _, err := c.ImportRows(ctx, casefile.TestFile(t, "sheet.csv", []byte(csv)), casefile.ImportOptions{}); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"handover name", func(t *testing.T, ctx context.Context, c *casefile.Case, opt *Options) {
			ex, _ := c.Add(ctx, casefile.TestFile(t, "a.txt", []byte("statement")), casefile.Meta{})
			if err := c.Handover(ctx, ex.Ref, casefile.ActionReceived, "Zoë "+emoji+" Okafor", "handed over "+long); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"actor name", func(t *testing.T, ctx context.Context, c *casefile.Case, opt *Options) {
			c.SetActor("Sam " + emoji)
			c.Add(ctx, casefile.TestFile(t, "a.txt", []byte("statement")), casefile.Meta{})
		}, true},
		{"message", func(t *testing.T, ctx context.Context, c *casefile.Case, opt *Options) {
			ex, _ := c.Add(ctx, casefile.TestFile(t, "a.txt", []byte("statement")), casefile.Meta{})
			_, err := c.AddMessage(ctx, casefile.MessageInput{Exhibit: ex.Ref, From: "Northfield " + emoji, To: "07700 900123",
				At: time.Date(2015, 6, 8, 9, 0, 0, 0, time.UTC), Body: "Vote " + emoji + " " + url})
			if err != nil {
				t.Fatal(err)
			}
		}, true},
		{"binary letter file", func(t *testing.T, ctx context.Context, c *casefile.Case, opt *Options) {
			c.Add(ctx, casefile.TestFile(t, "a.txt", []byte("statement")), casefile.Meta{})
			opt.LetterFile = casefile.TestFile(t, "letter.bin", []byte(binary+strings.Repeat("\x00\xff", 500)))
		}, false},
		{"emoji letter file", func(t *testing.T, ctx context.Context, c *casefile.Case, opt *Options) {
			c.Add(ctx, casefile.TestFile(t, "a.txt", []byte("statement")), casefile.Meta{})
			opt.LetterFile = casefile.TestFile(t, "letter.txt", []byte("Dear Sir "+emoji+"\n\n"+long))
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			c := casefile.TestCase(t)
			opt := Options{Date: bundleDate, SkipOCRCheck: true}
			tt.setup(t, ctx, c, &opt)
			if _, err := Preview(ctx, c, opt); err != nil {
				t.Fatalf("dry run: %v", err)
			}
			out := filepath.Join(t.TempDir(), "b.pdf")
			res, err := Bundle(ctx, c, out, false, opt)
			if err != nil {
				t.Fatalf("export: %v", err)
			}
			if b, err := exec.Command("qpdf", "--check", out).CombinedOutput(); err != nil {
				t.Errorf("qpdf --check: %v\n%s", err, b)
			}
			if tt.placeholder != strings.Contains(res.Placeholders, "[U+1F600]") {
				t.Errorf("placeholders %q, want U+1F600 named: %v", res.Placeholders, tt.placeholder)
			}
		})
	}
}
