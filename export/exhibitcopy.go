package export

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"path/filepath"
	"strings"

	"dossier/casefile"
	"dossier/casefile/ocr"
	"dossier/export/marks"
	"dossier/export/redact"
)

// CopyFile is one file of an exhibit's checked copy.
type CopyFile struct {
	Path string
	Data []byte
}

// ExhibitCopy is one exhibit's redacted copy, made and checked exactly as
// the bundle makes and checks it, ready to be written.
type ExhibitCopy struct {
	Exhibit casefile.Exhibit
	Copy    marks.Copy
	Files   []CopyFile
	// Searched says where the leak check looked: "bytes", "file names",
	// "PDF text", "OCR of N image pages".
	Searched []string
	// Values is how many marked values (in all their forms) were searched.
	Values int
	// RasterPages counts the image pages of the copy, RasterReadBack
	// those read back with OCR.
	RasterPages, RasterReadBack int
	// Pseudonyms are the stand-ins the copy shows, some perhaps only
	// worked out: the caller stores them (casefile.StorePseudonyms)
	// before writing, so a later bundle gives each value the same one.
	Pseudonyms *casefile.Pseudonyms
}

// redactErr says that redacting exhibit ref failed, naming ref once: the
// applier's errors name the exhibit already ("SW/2: the sheet row 2 ...",
// "SW/2 holds a marked value ..."), as they also reach a bundle's list of
// problems, so only an error that does not start with it gets it added.
func redactErr(ref string, err error) error {
	if rest, ok := strings.CutPrefix(err.Error(), ref); ok && (strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, " ")) {
		return fmt.Errorf("redact %w", err)
	}
	return fmt.Errorf("redact %s: %w", ref, err)
}

// RedactExhibit makes the redacted copy of one exhibit for checking
// ('dossier redact'), named after out: an image or marked PDF as PNG
// pages (out's stem with .png, or -1.png, -2.png...), an unmarked PDF as
// it is, a text exhibit as text, a sheet as CSV (one file per worksheet
// of a workbook). It refuses a format it cannot look inside. Before
// anything is returned the copy is leak-checked: its bytes, file names,
// the text of a PDF, and the OCR of every image page (refused without
// tesseract unless opt.SkipOCRCheck). Problems come back as Problems.
func RedactExhibit(ctx context.Context, c *casefile.Case, ref, out string, opt Options) (ExhibitCopy, error) {
	opt = withTools(opt)
	data, ex, err := c.ReadOriginal(ctx, ref)
	if err != nil {
		return ExhibitCopy{}, err
	}
	a, err := marks.New(ctx, c, opt.Renderer)
	if err != nil {
		return ExhibitCopy{}, err
	}
	cp, err := a.Exhibit(ctx, ex, data)
	if err != nil {
		return ExhibitCopy{}, redactErr(ex.Ref, err)
	}
	if cp.NotReproduced != "" {
		return ExhibitCopy{}, fmt.Errorf("redact %s: %s: %w; nothing written (a bundle lists it with its hash, 'not reproduced')",
			ex.Ref, cp.NotReproduced, marks.ErrNotReproduced)
	}
	res := ExhibitCopy{Exhibit: ex, Copy: cp, Values: len(a.Needles()), Pseudonyms: a.Pseudonyms()}
	stem := strings.TrimSuffix(out, filepath.Ext(out))
	switch {
	case len(cp.Pages) == 1:
		// A page is a PNG whatever FILE was called: never PNG bytes in a ".pdf".
		res.Files = []CopyFile{{stem + ".png", cp.Pages[0]}}
	case len(cp.Pages) > 1:
		for i, p := range cp.Pages {
			res.Files = append(res.Files, CopyFile{fmt.Sprintf("%s-%d.png", stem, i+1), p})
		}
	case cp.PDF != nil:
		res.Files = []CopyFile{{out, cp.PDF}}
	case cp.Sheets != nil:
		for i, s := range cp.Sheets {
			b, err := s.CSV()
			if err != nil {
				return ExhibitCopy{}, fmt.Errorf("redact %s: %w", ex.Ref, err)
			}
			name := out
			if len(cp.Sheets) > 1 {
				name = fmt.Sprintf("%s-%d%s", stem, i+1, filepath.Ext(out))
			}
			res.Files = append(res.Files, CopyFile{name, b})
		}
	default:
		res.Files = []CopyFile{{out, []byte(cp.Text)}}
	}
	if err := res.check(ctx, a, opt); err != nil {
		return ExhibitCopy{}, err
	}
	return res, nil
}

// check searches the copy's files, their names, the text of a PDF and the
// OCR of every image page for every marked value.
func (res *ExhibitCopy) check(ctx context.Context, a *marks.Applier, opt Options) error {
	ref := res.Exhibit.Ref
	streams := map[string][]byte{}
	res.Searched = []string{"bytes", "file names"}
	var rasters []image.Image
	var probs Problems
	for _, f := range res.Files {
		name := filepath.Base(f.Path)
		streams[name] = redact.SearchView(f.Data)
		streams[name+" (file name)"] = []byte(name)
		switch {
		case bytes.HasPrefix(f.Data, []byte("%PDF")):
			text, err := opt.Renderer.Text(ctx, f.Data)
			if err != nil {
				return fmt.Errorf("leak check of %s: %w", name, err)
			}
			streams[name+" (its text)"] = []byte(text)
			res.Searched = appendOnce(res.Searched, "PDF text")
			for _, p := range res.Copy.PixelPages {
				img, err := opt.Renderer.RenderPage(ctx, f.Data, p, marks.DPI)
				if err != nil {
					return fmt.Errorf("leak check of %s page %d: %w", name, p, err)
				}
				rasters = append(rasters, img)
			}
		case bytes.HasPrefix(f.Data, []byte("\x89PNG")):
			img, err := png.Decode(bytes.NewReader(f.Data))
			if err != nil {
				return fmt.Errorf("leak check of %s: %w", name, err)
			}
			rasters = append(rasters, img)
		}
	}
	res.RasterPages = len(rasters)
	if a.HasTerms() && len(rasters) > 0 {
		if opt.OCR == nil {
			if !opt.SkipOCRCheck {
				probs = append(probs, Problem{Exhibit: ref, Err: fmt.Errorf("%s %w", count(len(rasters), "image page", "image pages"), ErrNoOCR),
					Fix: "install tesseract (" + ocr.InstallSteps() + "), or add --skip-ocr-check"})
			}
		} else {
			for i, img := range rasters {
				kind, err := a.ImageLeak(ctx, opt.OCR, img)
				if err != nil {
					return fmt.Errorf("leak check of %s page %d: %w", ref, i+1, err)
				}
				res.RasterReadBack++
				if kind != "" {
					probs = append(probs, Problem{Exhibit: ref, Page: i + 1,
						Err: fmt.Errorf("%w: OCR can still read a marked %s there", redact.ErrLeak, kind),
						Fix: fmt.Sprintf("draw a box over it (dossier marks add CASE --exhibit %s --rect %d,X,Y,W,H, or on the Redact screen), or run dossier marks suggest CASE --ocr and accept what it proposes", ref, i+1)})
				}
			}
			res.Searched = append(res.Searched, "OCR of "+count(len(rasters), "image page", "image pages"))
		}
	}
	leaks, err := redact.FindLeaks(streams, append(a.Needles(), a.SpanNeedles(ref)...))
	if err != nil {
		return err
	}
	for _, l := range leaks {
		probs = append(probs, Problem{Exhibit: ref, Err: l})
	}
	if len(probs) > 0 {
		return fmt.Errorf("redact %s refused, nothing written: %w", ref, probs)
	}
	return nil
}

func appendOnce(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// ExhibitPreview is an exhibit exactly as a bundle will show it, for the
// app's "Preview redacted".
type ExhibitPreview struct {
	Pages         []image.Image // image pages, or the pages of a PDF carried as it is
	Text          string        // a text exhibit, or a sheet as CSV, with stand-ins in place
	NotReproduced string        // the format of an exhibit a bundle lists but cannot show
}

// PreviewExhibit applies the case's accepted marks to exhibit ref through
// the same pipeline as the bundle (stand-ins in texts and sheets, boxes
// burnt into images and PDF pages) and returns what the bundle will show.
// Nothing is checked or written.
func PreviewExhibit(ctx context.Context, c *casefile.Case, ref string, opt Options) (ExhibitPreview, error) {
	opt = withTools(opt)
	data, ex, err := c.ReadOriginal(ctx, ref)
	if err != nil {
		return ExhibitPreview{}, err
	}
	a, err := previewApplier(ctx, c, opt.Renderer)
	if err != nil {
		return ExhibitPreview{}, err
	}
	cp, err := a.Exhibit(ctx, ex, data)
	if err != nil {
		return ExhibitPreview{}, err
	}
	var p ExhibitPreview
	switch {
	case cp.NotReproduced != "":
		p.NotReproduced = cp.NotReproduced
	case cp.Pages != nil:
		for i, pg := range cp.Pages {
			img, err := png.Decode(bytes.NewReader(pg))
			if err != nil {
				return p, fmt.Errorf("redacted copy of %s page %d: %w", ex.Ref, i+1, err)
			}
			p.Pages = append(p.Pages, img)
		}
	case cp.PDF != nil:
		n, err := opt.Renderer.PageCount(ctx, cp.PDF)
		if err != nil {
			return p, err
		}
		for pg := 1; pg <= n; pg++ {
			img, err := opt.Renderer.RenderPage(ctx, cp.PDF, pg, marks.DPI)
			if err != nil {
				return p, err
			}
			p.Pages = append(p.Pages, img)
		}
	case cp.Sheets != nil:
		var b strings.Builder
		for _, s := range cp.Sheets {
			if s.Name != "" && len(cp.Sheets) > 1 {
				b.WriteString("Sheet " + s.Name + "\n")
			}
			data, err := s.CSV()
			if err != nil {
				return p, err
			}
			b.Write(data)
		}
		p.Text = b.String()
	default:
		p.Text = cp.Text
	}
	return p, nil
}

// IsNotReproduced says whether err refuses a copy because its format
// cannot be looked inside.
func IsNotReproduced(err error) bool { return errors.Is(err, marks.ErrNotReproduced) }
