//go:build linux

package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"dossier/casefile"
)

// Tests of issue 15.5: hostile or huge workbooks are refused clearly and
// within bounded memory. Each import runs in a child process (this test
// binary run as "dossier", see TestMain) so that the operating system's
// account of its peak memory is the import's alone.

// maxImportRSS is the most memory an import may take, whatever the file.
const maxImportRSS = 300 << 20

// bombRepeat writes a deflate stream of prefix, then unit repeated until
// about size bytes, then suffix, without compressing gigabytes: once the
// 32 KiB window holds nothing but unit, the compressed form of a block
// of units is the same bytes every time, so it is made once and copied.
// It returns the stream, the CRC-32 and the length of what it unpacks to.
func bombRepeat(t testing.TB, prefix, unit, suffix []byte, size int64) ([]byte, uint32, int64) {
	t.Helper()
	var buf bytes.Buffer
	w, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	block := bytes.Repeat(unit, max(1, (1<<20)/len(unit)))
	crc := crc32.NewIEEE()
	var n int64
	write := func(b []byte) {
		w.Write(b)
		crc.Write(b)
		n += int64(len(b))
	}
	write(prefix)
	write(bytes.Repeat(unit, (64<<10)/len(unit)+1))
	w.Flush()
	head := bytes.Clone(buf.Bytes())
	buf.Reset()
	w.Write(block)
	w.Flush()
	one := bytes.Clone(buf.Bytes())
	buf.Reset()
	reps := int((size - n) / int64(len(block)))
	stream := bytes.NewBuffer(head)
	for range reps {
		stream.Write(one)
		crc.Write(block)
		n += int64(len(block))
	}
	w.Write(suffix)
	w.Close()
	crc.Write(suffix)
	n += int64(len(suffix))
	stream.Write(buf.Bytes())
	return stream.Bytes(), crc.Sum32(), n
}

// TestBombRepeat checks the trick above: the stream unpacks to exactly
// what it claims.
func TestBombRepeat(t *testing.T) {
	unit := []byte(`<row><c><v>7700900123</v></c></row>`)
	comp, sum, n := bombRepeat(t, []byte("<a>"), unit, []byte("</a>"), 5<<20)
	got, err := io.ReadAll(flate.NewReader(bytes.NewReader(comp)))
	if err != nil {
		t.Fatal(err)
	}
	if int64(len(got)) != n || crc32.ChecksumIEEE(got) != sum || !bytes.HasPrefix(got, []byte("<a><row>")) || !bytes.HasSuffix(got, []byte("</row></a>")) {
		t.Fatalf("unpacked %d bytes, want %d; crc %x, want %x", len(got), n, crc32.ChecksumIEEE(got), sum)
	}
	if len(comp) > int(n/200) {
		t.Errorf("%d bytes pack into %d: not a bomb", n, len(comp))
	}
}

// bombWorkbook writes an XLSX whose part (the first worksheet, or the
// shared strings) unpacks to size bytes of XML: a real workbook from
// excelize, with that part replaced by the bomb.
func bombWorkbook(t testing.TB, path, part string, prefix, unit, suffix []byte, size int64) {
	t.Helper()
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Phone"})
	var base bytes.Buffer
	if err := f.Write(&base); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(base.Bytes()), int64(base.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, e := range zr.File {
		if e.Name == part {
			comp, sum, n := bombRepeat(t, prefix, unit, suffix, size)
			w, err := zw.CreateRaw(&zip.FileHeader{Name: e.Name, Method: zip.Deflate, CRC32: sum,
				CompressedSize64: uint64(len(comp)), UncompressedSize64: uint64(n)})
			if err != nil {
				t.Fatal(err)
			}
			w.Write(comp)
			continue
		}
		if err := zw.Copy(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

const (
	sheetPart   = "xl/worksheets/sheet1.xml"
	stringsPart = "xl/sharedStrings.xml"
	stringsHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Phone</t></si>`
	sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row><c t="inlineStr"><is><t>Phone</t></is></c></row>`
	sheetTail = `</sheetData></worksheet>`
)

// runDossier runs this test binary as the dossier command and returns
// its exit code, stderr and peak resident memory in bytes.
func runDossier(t *testing.T, args ...string) (int, string, int64) {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "dossier")
	if err := os.Symlink(os.Args[0], bin); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Env = append(os.Environ(), "DOSSIER_USER=Test Person")
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	return code, stderr.String(), ru.Maxrss << 10 // kilobytes on Linux
}

func TestRowsImportBombs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and imports workbooks of hundreds of megabytes of XML")
	}
	dir := t.TempDir()
	tests := []struct {
		name, part, head, unit, tail string
		size                         int64
		want                         string
	}{
		// Three megabytes that unpack into gigabytes of cells: refused
		// from the sizes the zip declares, before anything is unpacked.
		{"zip bomb", sheetPart, sheetHead, `<row><c t="inlineStr"><is><t>07700 900123 07700 900123 07700 900123</t></is></c></row>`, sheetTail, 3 << 30,
			"bomb.xlsx: sheet too large: its part xl/worksheets/sheet1.xml would unpack to 3072 MB, more than the 256 MB allowed: the file is damaged or built to exhaust memory (a zip bomb)"},
		// Three million rows in a few megabytes, within the unpacking
		// limit: streamed row by row and refused at the row limit.
		{"row bomb", sheetPart, sheetHead, `<row><c><v>7700900123</v></c></row>`, sheetTail, 3_000_000 * 35,
			"bomb.xlsx: Sheet1!A200002: sheet too large: the sheet has more than 200,000 rows, the limit; if it really is that long, import it with a higher --max-rows"},
		// Shared strings just within their limit, of the smallest strings
		// (the costliest in memory for excelize, which indexes each one):
		// read, and refused for what the sheet lacks.
		{"shared strings", stringsPart, stringsHead, `<si><t>x</t></si>`, `</sst>`, 24 << 20,
			"bomb.xlsx: Sheet1!A1: not a readable data sheet: the header has no rows below it"},
		// And over it: refused before anything is unpacked.
		{"shared strings over the limit", stringsPart, stringsHead, `<si><t>x</t></si>`, `</sst>`, 200 << 20,
			"bomb.xlsx: sheet too large: its part xl/sharedStrings.xml would unpack to 200 MB, more than the 25 MB allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bomb := filepath.Join(dir, "bomb.xlsx")
			bombWorkbook(t, bomb, tt.part, []byte(tt.head), []byte(tt.unit), []byte(tt.tail), tt.size)
			fi, _ := os.Stat(bomb)
			cs := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".dossier")
			if code, stderr, _ := runDossier(t, "new", cs, "--title", "Bombs", "--prefix", "LW"); code != 0 {
				t.Fatal(stderr)
			}
			start := time.Now()
			code, stderr, rss := runDossier(t, "rows", "import", cs, bomb)
			t.Logf("%s: %.1f MB file, %.0f MB of XML: exit %d after %.1f s, peak %.0f MB", tt.name, float64(fi.Size())/1e6, float64(tt.size)/1e6,
				code, time.Since(start).Seconds(), float64(rss)/1e6)
			if code != 1 || !strings.Contains(stderr, tt.want) || !strings.Contains(stderr, "\nhint: ") || strings.Count(stderr, "\n") != 2 {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and one line holding %q, then a hint", code, stderr, tt.want)
			}
			if rss > maxImportRSS {
				t.Errorf("peak memory %d MB, want under %d MB", rss>>20, maxImportRSS>>20)
			}
			// Nothing was written: no exhibit, no rows, no event but the
			// case's creation.
			c, err := casefile.Open(cs, casefile.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			exs, _ := c.Exhibits(t.Context())
			n, _ := c.CountRows(t.Context(), casefile.RowQuery{})
			log, _ := c.Log(t.Context())
			if len(exs) != 0 || n != 0 || len(log) != 1 {
				t.Errorf("after the refusal: %d exhibits, %d rows, %d events", len(exs), n, len(log))
			}
		})
	}
}
