package fileurl

import (
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestFromPath(t *testing.T) {
	tests := []struct {
		name    string
		path    string
		windows bool
		want    string
	}{
		{"unix", "/home/alex/Dossier/bundle.pdf", false, "file:///home/alex/Dossier/bundle.pdf"},
		{"unix space", "/home/alex/Martineau case/leak bundle.pdf", false, "file:///home/alex/Martineau%20case/leak%20bundle.pdf"},
		{"unix hash", "/home/alex/Case #3 bundle.pdf", false, "file:///home/alex/Case%20%233%20bundle.pdf"},
		{"unix percent and query", "/home/alex/100% sure?.pdf", false, "file:///home/alex/100%25%20sure%3F.pdf"},
		{"unix accents", "/home/zoë/Résumé.pdf", false, "file:///home/zo%C3%AB/R%C3%A9sum%C3%A9.pdf"},
		{"unix backslash is a character", `/home/alex/a\b.pdf`, false, "file:///home/alex/a%5Cb.pdf"},
		{"windows drive", `C:\Users\Alex\Documents\leak bundle.pdf`, true, "file:///C:/Users/Alex/Documents/leak%20bundle.pdf"},
		{"windows forward slashes", `D:/Cases/Leak.DOSSIER bundle.pdf`, true, "file:///D:/Cases/Leak.DOSSIER%20bundle.pdf"},
		{"windows hash", `C:\Users\Alex\Case #3\bundle.pdf`, true, "file:///C:/Users/Alex/Case%20%233/bundle.pdf"},
		{"windows UNC", `\\nas\evidence\Martineau\bundle.pdf`, true, "file://nas/evidence/Martineau/bundle.pdf"},
		{"windows accents", `C:\Users\Zoë\Résumé.pdf`, true, "file:///C:/Users/Zo%C3%AB/R%C3%A9sum%C3%A9.pdf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := fromPath(tt.path, tt.windows)
			if got := u.String(); got != tt.want {
				t.Fatalf("fromPath(%q) = %s, want %s", tt.path, got, tt.want)
			}
			// A URL handler reads the same path back.
			back, err := url.Parse(u.String())
			if err != nil {
				t.Fatal(err)
			}
			got := back.Path
			want := tt.path
			if tt.windows {
				got = strings.TrimPrefix(got, "/")
				if back.Host != "" {
					got = "//" + back.Host + "/" + got
				}
				want = strings.ReplaceAll(tt.path, `\`, "/")
			}
			if got != want {
				t.Errorf("parsed back to %q, want %q", got, want)
			}
		})
	}
}

// TestFromPathHere runs on the system the tests run on (scripts/release-test
// runs them in a Windows build too): a relative path becomes absolute, and
// the URL names the file.
func TestFromPathHere(t *testing.T) {
	// Not t.TempDir: its cleanup fails under wine 8.0 (os.RemoveAll gets
	// "Invalid function"), which would fail the test for wine's sake.
	dir, err := os.MkdirTemp("", "fileurl-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	name := filepath.Join(dir, "Case #3 bundle.pdf")
	if err := os.WriteFile(name, []byte("%PDF-"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	u := FromPath("Case #3 bundle.pdf")
	if u.Scheme != "file" || u.Fragment != "" || u.RawQuery != "" {
		t.Fatalf("FromPath gave %s", u)
	}
	back, err := url.Parse(u.String())
	if err != nil {
		t.Fatal(err)
	}
	p := back.Path
	if runtime.GOOS == "windows" {
		p = filepath.FromSlash(p[1:]) // /C:/x -> C:\x
	}
	if _, err := os.Stat(p); err != nil {
		t.Errorf("%s names %q, which is not the file: %v", u, p, err)
	}
}
