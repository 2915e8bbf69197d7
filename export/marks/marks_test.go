package marks

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"strings"
	"testing"
	"time"

	"dossier/casefile"
	"dossier/casefile/ocr"
	"dossier/casefile/pdf"
	"dossier/export/redact"
	"dossier/internal/tooltest"
)

const sheetCSV = "UPRN,Address,Estate,Name,Mobile\n" +
	"100023456701,14 Martineau Walk,Martineau,\"BAPTISTE, Maureen\",07700 900123\n" +
	"100023456702,2 Kestrel Court,Kestrel,Zoë Okafor,07700 900456\n"

func markedCase(t *testing.T) *casefile.Case {
	t.Helper()
	ctx := context.Background()
	c := casefile.TestCase(t)
	if _, err := c.ImportRows(ctx, casefile.TestFile(t, "sheet.csv", []byte(sheetCSV)), casefile.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	c.Add(ctx, casefile.TestFile(t, "statement.txt", []byte("I, Maureen Baptiste of 14 Martineau Walk, got a text on 07700-900-123 from Northfield Forward.\n")), casefile.Meta{Kind: casefile.KindStatement})
	img, _ := ocr.TestScreenshot("Northfield Forward", "To: 07700 900456")
	var buf bytes.Buffer
	png.Encode(&buf, img)
	shot, _ := c.Add(ctx, casefile.TestFile(t, "shot.png", buf.Bytes()), casefile.Meta{})
	c.AddMessage(ctx, casefile.MessageInput{Exhibit: shot.Ref, From: "Northfield Forward", To: "07700 900456", At: time.Date(2015, 6, 8, 9, 0, 0, 0, time.UTC), Body: "Vote"})
	if _, err := c.SuggestMarks(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AcceptMarks(ctx, nil, true); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AddRectMark(ctx, shot.Ref, 1, 0, 0.4, 1, 0.6); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestTextIsPseudonymised(t *testing.T) {
	ctx := context.Background()
	c := markedCase(t)
	a, err := New(ctx, c, pdf.New())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want string }{
		{"Maureen Baptiste rang", "[Resident 1] rang"},
		{"BAPTISTE, Maureen rang", "[Resident 1] rang"},
		{"ring 07700-900-123 or +44 7700 900123", "ring [Phone 1] or [Phone 1]"},
		{"she lives at 14 MARTINEAU WALK now", "she lives at [Address 1] now"},
		{"Zoe Okafor and UPRN 100023456702", "[Resident 2] and UPRN [Property 2]"},
		{"Northfield Forward on 11/06/2015, £96,000", "Northfield Forward on 11/06/2015, £96,000"},
	}
	for _, tt := range tests {
		got, changed := a.Text(tt.in)
		if got != tt.want || changed != (tt.in != tt.want) {
			t.Errorf("Text(%q) = %q, %v; want %q", tt.in, got, changed, tt.want)
		}
	}
}

func TestExhibitCopies(t *testing.T) {
	ctx := context.Background()
	c := markedCase(t)
	a, err := New(ctx, c, pdf.New())
	if err != nil {
		t.Fatal(err)
	}
	exs, _ := c.Exhibits(ctx)
	streams := map[string][]byte{}
	for _, ex := range exs {
		orig, _, _ := c.ReadOriginal(ctx, ex.Ref)
		cp, err := a.Exhibit(ctx, ex, orig)
		if err != nil {
			t.Fatalf("%s: %v", ex.Ref, err)
		}
		if !cp.Marked {
			t.Errorf("%s copy is not marked", ex.Ref)
		}
		streams[ex.Ref+" text"] = []byte(cp.Text)
		for i, p := range cp.Pages {
			streams[ex.Ref+" page"] = p
			img, err := png.Decode(bytes.NewReader(p))
			if err != nil {
				t.Fatalf("%s page %d: %v", ex.Ref, i+1, err)
			}
			// The lower 60% of the screenshot is black.
			b := img.Bounds()
			if r, g, bl, _ := img.At(b.Dx()/2, b.Dy()*3/4).RGBA(); r|g|bl != 0 {
				t.Errorf("%s: marked area is not black", ex.Ref)
			}
			tooltest.Need(t, "tesseract") // the OCR stream is part of the leak check
			{
				words, _ := ocr.New().Words(ctx, img)
				var sb strings.Builder
				for _, w := range words {
					sb.WriteString(w.Text + " ")
				}
				streams[ex.Ref+" OCR"] = []byte(sb.String())
			}
		}
	}
	if err := redact.LeakCheck(streams, a.Needles()); err != nil {
		t.Fatalf("leak: %v", err)
	}
	if !strings.Contains(string(streams["LW/2 text"]), "[Resident 1] of [Address 1]") {
		t.Errorf("statement copy: %s", streams["LW/2 text"])
	}
	// The check fails closed: the original statement leaks.
	orig, _, _ := c.ReadOriginal(ctx, "LW/2")
	var leak *redact.LeakError
	if err := redact.LeakCheck(map[string][]byte{"original": orig}, a.Needles()); !errors.As(err, &leak) {
		t.Fatalf("original passed the leak check: %v", err)
	}
}

func TestMarkedPDFIsRasterisedAndUnboxedTextRefused(t *testing.T) {
	ctx := context.Background()
	c := markedCase(t)
	ex, err := c.Add(ctx, casefile.TestFile(t, "canvass.pdf", pdf.TestPDF("Canvass: Zoe Okafor 07700 900456")), casefile.Meta{})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := New(ctx, c, pdf.New())
	orig, _, _ := c.ReadOriginal(ctx, ex.Ref)
	if _, err := a.Exhibit(ctx, ex, orig); !errors.Is(err, ErrUnmarkedText) {
		t.Fatalf("unboxed PDF: %v", err)
	}
	c.AddRectMark(ctx, ex.Ref, 1, 0, 0, 1, 0.5)
	a, _ = New(ctx, c, pdf.New())
	cp, err := a.Exhibit(ctx, ex, orig)
	if err != nil || !cp.Marked || len(cp.Pages) != 1 || cp.PDF != nil {
		t.Fatalf("copy = %+v, %v", cp.MediaType, err)
	}
	if _, _, err := image.Decode(bytes.NewReader(cp.Pages[0])); err != nil {
		t.Fatal(err)
	}
	// A PDF with nothing marked in it is carried as it is.
	plain, _ := c.Add(ctx, casefile.TestFile(t, "plain.pdf", pdf.TestPDF("Minutes of the board meeting")), casefile.Meta{})
	orig, _, _ = c.ReadOriginal(ctx, plain.Ref)
	if cp, err := a.Exhibit(ctx, plain, orig); err != nil || !bytes.Equal(cp.PDF, orig) || cp.Marked {
		t.Fatalf("plain PDF copy: %v", err)
	}
}

// A fork shares what its Applier read and worked out, and counts only the
// marks it applies itself: a size count's "marks applied" must not
// include what a preview beside it applied.
func TestForkCountsItsOwnMarks(t *testing.T) {
	ctx := context.Background()
	a, err := New(ctx, markedCase(t), pdf.New())
	if err != nil {
		t.Fatal(err)
	}
	f, g := a.Fork(pdf.New()), a.Fork(pdf.New())
	out, changed := f.Text("Maureen Baptiste rang 07700 900123")
	if !changed || out != "[Resident 1] rang [Phone 1]" {
		t.Fatalf("the fork wrote %q (changed %v)", out, changed)
	}
	if f.Used() != 2 || g.Used() != 0 || a.Used() != 0 {
		t.Errorf("marks applied: the fork %d, the other fork %d, the Applier %d; want 2, 0, 0", f.Used(), g.Used(), a.Used())
	}
	if got, _ := g.Text("Maureen Baptiste"); got != "[Resident 1]" {
		t.Errorf("the other fork wrote %q", got)
	}
}
