package export

import (
	"bytes"
	"os/exec"
	"testing"

	"dossier/internal/tooltest"
)

// popplerText is pdftotext's text of a PDF, pages ended by "\f": output is
// checked with a program other than the one that made it.
func popplerText(t testing.TB, data []byte) string {
	t.Helper()
	tooltest.Need(t, "pdftotext")
	cmd := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(data)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}
