package ocr

import (
	"context"
	"errors"
	"image"
	"os/exec"
	"strings"
	"testing"
	"time"

	"golang.org/x/image/draw"

	"dossier/internal/tooltest"
)

func needTesseract(t testing.TB) {
	t.Helper()
	tooltest.Need(t, "tesseract")
}

// screen is a fictional text-message screenshot: drama numbers and
// invented names only.
var screen = []string{
	"09:41 4G 100%",
	"< 07700 900456 >",
	"Text Message",
	"Mon 8 Jun, 09:00",
	"Dear Maureen Baptiste, vote for",
	"your local candidate on Thursday.",
	"To: 07700 900123",
}

func TestWordsReal(t *testing.T) {
	needTesseract(t)
	img, truth := TestScreenshot(screen...)
	words, err := New().Words(context.Background(), img)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ln := range Lines(words) {
		got = append(got, ln.Text)
	}
	t.Logf("OCR lines: %q", got)
	for _, want := range []string{"Maureen Baptiste", "07700 900123", "Mon 8 Jun, 09:00"} {
		if !strings.Contains(strings.Join(got, "\n"), want) {
			t.Errorf("OCR lacks %q", want)
		}
	}
	// Each OCR box must overlap the drawn box of the same word.
	type key struct {
		line int
		text string
	}
	drawn := map[key]image.Rectangle{}
	for _, w := range truth {
		drawn[key{w.Line, w.Text}] = w.Box
	}
	for i, ln := range Lines(words) {
		for _, w := range ln.Words {
			if want, ok := drawn[key{i + 1, w.Text}]; ok && !w.Box.Overlaps(want) {
				t.Errorf("word %q at %v, drawn at %v", w.Text, w.Box, want)
			}
		}
	}
	tests := []struct {
		term  string
		cover []key
	}{
		{"07700 900123", []key{{7, "07700"}, {7, "900123"}}},
		{"+44 7700 900123", []key{{7, "07700"}, {7, "900123"}}},
		{"maureen baptiste", []key{{5, "Maureen"}, {5, "Baptiste,"}}},
		{"07700900456", []key{{2, "07700"}, {2, "900456"}}},
	}
	for _, tt := range tests {
		rects := FindTerm(words, tt.term)
		if len(rects) != 1 {
			t.Errorf("FindTerm(%q) = %v, want one box", tt.term, rects)
			continue
		}
		for _, k := range tt.cover {
			if !drawn[k].Inset(2).In(rects[0].Inset(-4)) {
				t.Errorf("FindTerm(%q) box %v does not cover %q at %v", tt.term, rects[0], k.text, drawn[k])
			}
		}
	}
	p := ProposeMessage(words)
	want := Proposal{From: "07700 900456", At: "Mon 8 Jun, 09:00",
		Body: "Dear Maureen Baptiste, vote for your local candidate on Thursday.", To: "07700 900123"}
	if p != want {
		t.Errorf("ProposeMessage = %+v", p)
	}
}

func TestWordsCancel(t *testing.T) {
	needTesseract(t)
	img, _ := TestScreenshot(screen...)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := New().Words(ctx, img); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want deadline exceeded", err)
	}
}

func TestMissing(t *testing.T) {
	old := lookPath
	lookPath = func(string) (string, error) { return "", exec.ErrNotFound }
	defer func() { lookPath = old }()
	if Available() {
		t.Error("Available without tesseract")
	}
	img, _ := TestScreenshot("x")
	_, err := New().Words(context.Background(), img)
	if !errors.Is(err, ErrMissing) {
		t.Errorf("err = %v, want ErrMissing", err)
	}
	if !strings.Contains(ErrMissing.Error(), "everything else works") {
		t.Errorf("ErrMissing = %q", ErrMissing)
	}
}

// TestMissingText checks that each system is told what OCR adds and how to
// install tesseract there, in one line.
func TestMissingText(t *testing.T) {
	for _, tt := range []struct {
		goos string
		want []string
	}{
		{"windows", []string{"UB-Mannheim/tesseract/wiki"}},
		{"darwin", []string{"brew install tesseract", "brew.sh"}},
		{"linux", []string{"apt-get install tesseract-ocr tesseract-ocr-eng", "dnf install tesseract tesseract-langpack-eng"}},
		{"freebsd", []string{"English language data"}},
	} {
		msg := missingText(tt.goos)
		for _, w := range append(tt.want, "tesseract is not installed", "propose messages", "everything else works without it") {
			if !strings.Contains(msg, w) {
				t.Errorf("%s: %q lacks %q", tt.goos, msg, w)
			}
		}
		if strings.ContainsAny(msg, "\n\r") {
			t.Errorf("%s: message is not one line: %q", tt.goos, msg)
		}
	}
}

// TestInstalledPaths checks where tesseract is looked for when it is not
// on PATH: the folders its Windows installer and Homebrew use.
func TestInstalledPaths(t *testing.T) {
	env := map[string]string{
		"ProgramFiles":      `C:\Program Files`,
		"ProgramFiles(x86)": `C:\Program Files (x86)`,
		"LOCALAPPDATA":      `C:\Users\Alex\AppData\Local`,
	}
	got := installedPaths("windows", func(k string) string { return env[k] })
	want := []string{
		`C:\Program Files\Tesseract-OCR\tesseract.exe`,
		`C:\Program Files (x86)\Tesseract-OCR\tesseract.exe`,
		`C:\Users\Alex\AppData\Local\Programs\Tesseract-OCR\tesseract.exe`,
		`C:\Users\Alex\AppData\Local\Tesseract-OCR\tesseract.exe`,
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("windows: %q, want %q", got, want)
	}
	if got := installedPaths("windows", func(string) string { return "" }); len(got) != 0 {
		t.Errorf("windows without environment: %q", got)
	}
	if got := installedPaths("darwin", nil); len(got) == 0 || got[0] != "/opt/homebrew/bin/tesseract" {
		t.Errorf("darwin: %q", got)
	}
	if got := installedPaths("linux", nil); len(got) != 0 {
		t.Errorf("linux looks only on PATH, got %q", got)
	}
}

// TestWordsSmallImage checks the enlarging path: a half-size screenshot
// is read and its boxes come back in the small image's pixels.
func TestWordsSmallImage(t *testing.T) {
	needTesseract(t)
	big, truth := TestScreenshot(screen...)
	b := big.Bounds()
	small := image.NewRGBA(image.Rect(0, 0, b.Dx()/2, b.Dy()/2))
	draw.CatmullRom.Scale(small, small.Bounds(), big, b, draw.Src, nil)
	words, err := New().Words(context.Background(), small)
	if err != nil {
		t.Fatal(err)
	}
	rects := FindTerm(words, "07700 900123")
	if len(rects) != 1 {
		t.Fatalf("FindTerm = %v, want one box", rects)
	}
	want := FindTerm(truth, "07700 900123")[0]
	want = image.Rect(want.Min.X/2, want.Min.Y/2, want.Max.X/2, want.Max.Y/2)
	if !want.Inset(2).In(rects[0].Inset(-3)) {
		t.Errorf("box %v, want about %v", rects[0], want)
	}
}

// phoneSize tiles the test screen into a 1080×2340 image, the size of a
// current phone's screenshot.
func phoneSize() image.Image {
	var lines []string
	for range 6 {
		lines = append(lines, screen...)
	}
	small, _ := TestScreenshot(lines...)
	big := image.NewRGBA(image.Rect(0, 0, 1080, 2340))
	draw.Draw(big, big.Bounds(), image.White, image.Point{}, draw.Src)
	draw.Draw(big, small.Bounds(), small, image.Point{}, draw.Src)
	return big
}

func BenchmarkFindTermOCR(b *testing.B) {
	needTesseract(b)
	small, _ := TestScreenshot(screen...)
	for _, bc := range []struct {
		name string
		img  image.Image
	}{{"900x472", small}, {"1080x2340", phoneSize()}} {
		b.Run(bc.name, func(b *testing.B) {
			ctx := context.Background()
			e := New()
			start := time.Now()
			for b.Loop() {
				words, err := e.Words(ctx, bc.img)
				if err != nil {
					b.Fatal(err)
				}
				if len(FindTerm(words, "07700 900123")) == 0 {
					b.Fatal("term not found")
				}
			}
			b.ReportMetric(float64(time.Since(start).Milliseconds())/float64(b.N), "ms/image")
		})
	}
}

// TestWordsDarkMode reads light text on a dark screen, as phones in dark
// mode show messages.
func TestWordsDarkMode(t *testing.T) {
	needTesseract(t)
	img, _ := TestScreenshot(screen...)
	for i := range img.Pix {
		if i%4 != 3 {
			img.Pix[i] = 255 - img.Pix[i]
		}
	}
	words, err := New().Words(context.Background(), img)
	if err != nil {
		t.Fatal(err)
	}
	if got := FindTerm(words, "07700 900123"); len(got) != 1 {
		t.Errorf("FindTerm on dark screen = %v, want one box", got)
	}
	if p := ProposeMessage(words); p.At != "Mon 8 Jun, 09:00" {
		t.Errorf("ProposeMessage on dark screen = %+v", p)
	}
}
