package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"

	"dossier/casefile"
	"dossier/casefile/ocr"
	"dossier/casefile/pdf"
	"dossier/export/marks"
	"dossier/export/redact"
)

// ActionRedactedCopy is the custody action for a marked copy written out
// for checking.
const ActionRedactedCopy = "redacted-copy"

// RedactOptions are the flags of 'dossier redact'.
type RedactOptions struct {
	Case, Ref, Out string
	Force          bool
	By             string
	OCR            ocr.Engine   // nil: tesseract when installed
	Renderer       pdf.Renderer // nil: pdf.New()
}

var verbRedact = &verb{
	name:    "redact",
	args:    "CASE REF --out FILE [--force] [--by NAME]",
	summary: "write one marked copy of an exhibit, for checking",
	help: `Applies the case's accepted marks to a copy of exhibit REF, exactly as
the bundle will, and writes it to FILE:

  image          a PNG with the rectangles filled black and all metadata
                 (EXIF, XMP, text chunks, thumbnails) gone
  PDF            unmarked: the PDF as it is (refused if its text holds a
                 marked value with no box over it); marked: every page
                 rasterised and blacked out, one PNG per page, written as
                 FILE-1.png, FILE-2.png... (FILE.png for one page)

An image or a marked PDF page is always written as PNG: FILE's extension
becomes .png ("--out copy.pdf" writes copy.png).
  text, CSV      the text with every accepted term, however written,
                 replaced by its stand-in ("[Resident 3]", "[Phone 7]")
                 and marked spans replaced by ` + redact.Block + `

Before anything is written the copy is checked for leaks: its bytes, the
text of a PDF and of every image (OCR, when tesseract is
installed) are searched for every marked value in every written form. A
leak refuses the copy: nothing is written, exit 1, and the message says
where (never the value). An existing FILE is replaced only with --force.
The original never changes; the copy is a "redacted-copy" custody event
with FILE's base name and the copy's SHA-256.`,
	run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
		var o RedactOptions
		fs := flags(v)
		fs.StringVar(&o.Out, "out", "", "write the copy to `FILE`")
		fs.BoolVar(&o.Force, "force", false, "replace FILE if it exists")
		fs.StringVar(&o.By, "by", "", byUsage)
		pos, err := parse(v, fs, args, out, 2, 2)
		if err != nil {
			return err
		}
		if o.Out == "" {
			return usagef(v, "redact needs --out FILE")
		}
		o.Case, o.Ref = pos[0], pos[1]
		return runRedact(ctx, o, out)
	},
}

// outFile is one file redact writes.
type outFile struct {
	path string
	data []byte
}

func runRedact(ctx context.Context, o RedactOptions, out io.Writer) error {
	c, err := openCase(o.Case, o.By)
	if err != nil {
		return err
	}
	defer c.Close()
	data, ex, err := c.ReadOriginal(ctx, o.Ref)
	if err != nil {
		return markHint(err)
	}
	pr := o.Renderer
	if pr == nil {
		pr = pdf.New()
	}
	a, err := marks.New(ctx, c, pr)
	if err != nil {
		return err
	}
	cp, err := a.Exhibit(ctx, ex, data)
	if err != nil {
		return redactHint(fmt.Errorf("redact %s: %w", ex.Ref, err))
	}

	var files []outFile
	stem := strings.TrimSuffix(o.Out, filepath.Ext(o.Out))
	switch {
	case len(cp.Pages) == 1:
		// A page is a PNG whatever FILE was called: never PNG bytes in a ".pdf".
		files = []outFile{{stem + ".png", cp.Pages[0]}}
	case len(cp.Pages) > 1:
		for i, p := range cp.Pages {
			files = append(files, outFile{fmt.Sprintf("%s-%d.png", stem, i+1), p})
		}
	case cp.PDF != nil:
		files = []outFile{{o.Out, cp.PDF}}
	case cp.Other != nil:
		files = []outFile{{o.Out, cp.Other}}
	default:
		files = []outFile{{o.Out, []byte(cp.Text)}}
	}
	if !o.Force {
		for _, f := range files {
			if _, err := os.Stat(f.path); err == nil {
				return hinted{fmt.Errorf("redact to %s: %w", f.path, casefile.ErrExists), "add --force to replace it"}
			}
		}
	}
	checked, err := leakCheck(ctx, o, pr, files, a.Needles())
	if err != nil {
		return err
	}

	h := sha256.New()
	for _, f := range files {
		if err := casefile.WriteFileAtomic(f.path, func(w io.Writer) error { _, err := w.Write(f.data); return err }); err != nil {
			return fmt.Errorf("redact to %s: %w", f.path, err)
		}
		h.Write(f.data)
	}
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = filepath.Base(f.path)
	}
	sum := hex.EncodeToString(h.Sum(nil))
	if err := c.Record(ctx, ActionRedactedCopy, ex.Ref, map[string]any{"files": names, "sha256": sum, "marked": cp.Marked}); err != nil {
		return err
	}
	state := "redacted copy"
	if !cp.Marked {
		state = "copy (no marks apply)"
	}
	for _, f := range files {
		fmt.Fprintf(out, "%s  %s: %s, %d bytes\n", ex.Ref, f.path, state, len(f.data))
	}
	fmt.Fprintf(out, "leak check passed: %d marked values searched in %s\n", len(a.Needles()), strings.Join(checked, ", "))
	return c.Close()
}

// leakCheck searches the files, and the text that can be read from them,
// for every marked value. It returns what it searched.
func leakCheck(ctx context.Context, o RedactOptions, pr pdf.Renderer, files []outFile, needles []redact.Needle) ([]string, error) {
	streams := map[string][]byte{}
	checked := []string{"bytes", "file names"}
	eng := o.OCR
	if eng == nil && ocr.Available() {
		eng = ocr.New()
	}
	for _, f := range files {
		name := filepath.Base(f.path)
		streams[name] = f.data
		streams[name+" (file name)"] = []byte(name)
		switch {
		case bytes.HasPrefix(f.data, []byte("%PDF")):
			text, err := pr.Text(ctx, f.data)
			if err != nil {
				return nil, fmt.Errorf("leak check of %s: %w", name, err)
			}
			streams[name+" (text)"] = []byte(text)
			checked = appendOnce(checked, "PDF text")
		case bytes.HasPrefix(f.data, []byte("\x89PNG")) && eng != nil:
			img, err := png.Decode(bytes.NewReader(f.data))
			if err != nil {
				return nil, fmt.Errorf("leak check of %s: %w", name, err)
			}
			words, err := eng.Words(ctx, img)
			if errors.Is(err, ocr.ErrMissing) {
				continue
			} else if err != nil {
				return nil, fmt.Errorf("leak check of %s: %w", name, err)
			}
			var b strings.Builder
			for _, l := range ocr.Lines(words) {
				b.WriteString(l.Text + "\n")
			}
			streams[name+" (OCR)"] = []byte(b.String())
			checked = appendOnce(checked, "OCR text")
		}
	}
	if len(needles) == 0 {
		return checked, nil
	}
	if err := redact.LeakCheck(streams, needles); err != nil {
		return nil, hinted{fmt.Errorf("redact refused, nothing written: %w", err),
			"mark it: accept its suggestion, draw a box over it ('dossier marks add --rect'), or 'dossier marks suggest --ocr'"}
	}
	return checked, nil
}

func appendOnce(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// redactHint adds what to do next to the errors of applying marks.
func redactHint(err error) error {
	switch {
	case errors.Is(err, marks.ErrUnmarkedText):
		return err // its message says what to do
	case errors.Is(err, redact.ErrOutside):
		return hinted{err, "'dossier marks list CASE' shows the rectangles; remove the wrong one with 'dossier marks remove'"}
	case errors.Is(err, redact.ErrUnreadable):
		return hinted{err, "the original cannot be decoded as an image; 'dossier show CASE REF' shows its media type"}
	}
	return markHint(err)
}
