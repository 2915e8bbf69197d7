package poppler

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dossier/internal/tooltest"
)

func needTools(t testing.TB) {
	t.Helper()
	tooltest.Need(t, "pdftoppm", "pdftotext", "pdfinfo")
}

func TestPageCountAndText(t *testing.T) {
	needTools(t)
	ctx := context.Background()
	pdf := TestPDF("First page 07700 900123", "Second page\nMaureen Baptiste", "Third")
	r := New()
	n, err := r.PageCount(ctx, pdf)
	if err != nil || n != 3 {
		t.Fatalf("PageCount = %d, %v; want 3", n, err)
	}
	text, err := r.Text(ctx, pdf)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"07700 900123", "Maureen Baptiste", "Third"} {
		if !strings.Contains(text, want) {
			t.Errorf("Text lacks %q:\n%s", want, text)
		}
	}
	if exec.Command("qpdf", "--version").Run() == nil {
		p := filepath.Join(t.TempDir(), "t.pdf")
		os.WriteFile(p, pdf, 0o600)
		if out, err := exec.Command("qpdf", "--check", p).CombinedOutput(); err != nil {
			t.Errorf("qpdf --check: %v\n%s", err, out)
		}
	}
}

func TestRenderPage(t *testing.T) {
	needTools(t)
	ctx := context.Background()
	pdf := TestPDF("Hello", "World")
	r := New()
	tests := []struct {
		page, dpi int
		w, h      int // want size in pixels (A4 = 595x842 pt)
		err       error
	}{
		{1, 72, 595, 842, nil},
		{2, 144, 1190, 1684, nil},
		{3, 72, 0, 0, ErrPage},
		{0, 72, 0, 0, ErrPage},
	}
	for _, tt := range tests {
		img, err := r.RenderPage(ctx, pdf, tt.page, tt.dpi)
		if tt.err != nil {
			if !errors.Is(err, tt.err) {
				t.Errorf("page %d: err = %v, want %v", tt.page, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("page %d: %v", tt.page, err)
		}
		b := img.Bounds()
		if abs(b.Dx()-tt.w) > 2 || abs(b.Dy()-tt.h) > 2 {
			t.Errorf("page %d at %d dpi: %v, want about %dx%d", tt.page, tt.dpi, b, tt.w, tt.h)
		}
		// Some pixel near the text must be dark.
		dark := false
		for y := 0; y < b.Dy()/8 && !dark; y++ {
			for x := 0; x < b.Dx()/2; x++ {
				if r, _, _, _ := img.At(x, y).RGBA(); r < 0x4000 {
					dark = true
					break
				}
			}
		}
		if !dark {
			t.Errorf("page %d: no text drawn", tt.page)
		}
	}
	if _, err := r.RenderPage(ctx, pdf, 1, 0); err == nil {
		t.Error("0 dpi accepted")
	}
}

func TestBadPDF(t *testing.T) {
	needTools(t)
	r := New()
	ctx := context.Background()
	if _, err := r.PageCount(ctx, []byte("not a pdf")); err == nil {
		t.Error("PageCount accepted garbage")
	}
	if _, err := r.RenderPage(ctx, []byte("not a pdf"), 1, 72); err == nil {
		t.Error("RenderPage accepted garbage")
	}
}

func TestCancel(t *testing.T) {
	needTools(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Nanosecond)
	defer cancel()
	time.Sleep(time.Millisecond)
	if _, err := New().RenderPage(ctx, TestPDF("x"), 1, 72); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want deadline exceeded", err)
	}
}

func TestMissing(t *testing.T) {
	old := lookPath
	lookPath = func(string) (string, error) { return "", exec.ErrNotFound }
	defer func() { lookPath = old }()
	if Available() {
		t.Error("Available with no tools")
	}
	r := New()
	ctx := context.Background()
	_, err1 := r.PageCount(ctx, TestPDF("x"))
	_, err2 := r.RenderPage(ctx, TestPDF("x"), 1, 72)
	_, err3 := r.Text(ctx, TestPDF("x"))
	for _, err := range []error{err1, err2, err3} {
		if !errors.Is(err, ErrMissing) {
			t.Errorf("err = %v, want ErrMissing", err)
		}
	}
	if !strings.Contains(ErrMissing.Error(), "apt-get install poppler-utils") {
		t.Error("ErrMissing does not say how to install")
	}
}

func TestNoTempLeft(t *testing.T) {
	needTools(t)
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	r := New()
	ctx := context.Background()
	pdf := TestPDF("x")
	r.PageCount(ctx, pdf)
	r.RenderPage(ctx, pdf, 1, 36)
	r.RenderPage(ctx, pdf, 9, 36)
	r.Text(ctx, pdf)
	left, _ := os.ReadDir(dir)
	if len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
