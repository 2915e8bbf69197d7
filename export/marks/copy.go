package marks

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"dossier/casefile"
	"dossier/casefile/names"
	"dossier/export/redact"
)

// Copy is the redacted form of one exhibit. Exactly one of Pages, Text,
// Sheets and PDF is set, or NotReproduced says why none can be.
type Copy struct {
	MediaType string   // of the copy: image/png pages, text/plain, text/csv, application/pdf
	Pages     [][]byte // PNG pages: an image, or a rasterised marked PDF
	Text      string   // a text exhibit, pseudonymised
	Sheets    []Sheet  // a sheet (CSV or workbook): every worksheet and column, pseudonymised cell by cell
	PDF       []byte   // an unmarked PDF, carried as it is
	// PixelPages are the pages of PDF that carry pixels (a scan, a photo),
	// which are read back with OCR as screenshots are.
	PixelPages []int
	// NotReproduced names the format of an exhibit the pipeline cannot
	// look inside ("Word document (DOCX)"): it is listed, never shown.
	NotReproduced string
	Marked        bool // marks changed something: the copy is a "redacted copy"
	Marks         int  // rectangles, spans and replacements applied to this copy
}

// Sheet is one worksheet of a sheet copy: its rows as in the file, title
// lines and header included, every column in its original order.
type Sheet struct {
	Name string // "" for a CSV file
	Rows [][]string
}

// IsSheet says whether a media type is a table the pipeline reads cell by
// cell: CSV, tab-separated text or an Excel workbook.
func IsSheet(mediaType string) bool {
	switch mediaType {
	case "text/csv", "text/tab-separated-values", "application/vnd.ms-excel":
		return true
	}
	return strings.Contains(mediaType, "spreadsheetml")
}

// Exhibit makes the redacted copy of an exhibit from its original bytes.
// A format the pipeline cannot look inside gives a Copy with only
// NotReproduced set (and no error): the bundle lists it, 'dossier redact'
// refuses it.
func (a *Applier) Exhibit(ctx context.Context, ex casefile.Exhibit, original []byte) (Copy, error) {
	switch {
	case IsSheet(ex.MediaType):
		return a.sheet(ctx, ex, original)
	case casefile.IsText(ex.MediaType):
		// Terms are found in the whole text and spans mapped into it, then
		// both are applied at once: a span over part of a name must not
		// stop the name being found, or "Ana Be█████" would be printed.
		text, canon := names.CanonMapped(casefile.DecodeText(original))
		var repl []redact.Replacement
		for _, s := range a.spans[ex.Ref] {
			start, end := canon.Span(s.Start, s.End)
			repl = append(repl, redact.Replacement{Start: start, End: end, With: redact.Block})
			a.use(s.ID)
		}
		// Counted after merging: a span over a name, or a phone found in
		// two forms at one place, is one place replaced, not two.
		text, n := redact.TextCount(text, append(repl, a.find(text, true)...))
		return Copy{MediaType: "text/plain", Text: text, Marked: n > 0, Marks: n}, nil
	case casefile.IsImage(ex.MediaType):
		// Always re-encoded: that alone strips EXIF, XMP and thumbnails.
		png, err := redact.Image(bytes.NewReader(original), a.rects[ex.Ref])
		if err != nil {
			return Copy{}, fmt.Errorf("%s: %w", ex.Ref, err)
		}
		a.useRects(ex.Ref)
		n := len(a.rects[ex.Ref])
		return Copy{MediaType: "image/png", Pages: [][]byte{png}, Marked: n > 0, Marks: n}, nil
	case ex.MediaType == "application/pdf":
		return a.pdf(ctx, ex, original)
	}
	return Copy{MediaType: ex.MediaType, NotReproduced: FormatName(ex.MediaType, ex.Filename)}, nil
}

// useRects counts an exhibit's rectangles as applied.
func (a *Applier) useRects(ref string) {
	for _, id := range a.rectIDs[ref] {
		a.use(id)
	}
}

// pdf carries an unmarked PDF as it is and rasterises a marked one, so no
// hidden text of it survives. A PDF whose text names a marked value but
// has no box over it is refused: rasterising alone would print the value.
// The pages of a carried PDF that hold pixels are listed for the OCR
// read-back.
func (a *Applier) pdf(ctx context.Context, ex casefile.Exhibit, original []byte) (Copy, error) {
	rects := a.rects[ex.Ref]
	text, err := a.pop.Text(ctx, original)
	if err != nil {
		return Copy{}, fmt.Errorf("%s: read its text: %w", ex.Ref, err)
	}
	if len(rects) == 0 {
		if a.Holds(text) {
			return Copy{}, fmt.Errorf("%s %w: draw boxes over it on the Redact screen, or run 'dossier marks suggest --ocr' and accept them", ex.Ref, ErrUnmarkedText)
		}
		pix, err := PixelPages(ctx, a.pop, original)
		if err != nil {
			return Copy{}, fmt.Errorf("%s: %w", ex.Ref, err)
		}
		return Copy{MediaType: "application/pdf", PDF: original, PixelPages: pix}, nil
	}
	pages, err := redact.PDF(ctx, a.pop, original, rects, DPI)
	if err != nil {
		return Copy{}, fmt.Errorf("%s: %w", ex.Ref, err)
	}
	a.useRects(ex.Ref)
	return Copy{MediaType: "image/png", Pages: pages, Marked: true, Marks: len(rects)}, nil
}

// Unredacted is the complainant's own copy of an exhibit: nothing hidden,
// but made by the same readers (images re-encoded so any format and bit
// depth embeds, sheets cell by cell, text decoded).
func Unredacted(ex casefile.Exhibit, original []byte) (Copy, error) {
	switch {
	case IsSheet(ex.MediaType):
		sheets, err := ReadSheets(original, ex.MediaType)
		if err != nil {
			return Copy{MediaType: "text/plain", Text: casefile.DecodeText(original)}, nil
		}
		return Copy{MediaType: "text/csv", Sheets: sheets}, nil
	case casefile.IsText(ex.MediaType):
		return Copy{MediaType: "text/plain", Text: casefile.DecodeText(original)}, nil
	case casefile.IsImage(ex.MediaType):
		p, err := redact.Image(bytes.NewReader(original), nil)
		if err != nil {
			return Copy{}, fmt.Errorf("%s: %w", ex.Ref, err)
		}
		return Copy{MediaType: "image/png", Pages: [][]byte{p}}, nil
	case ex.MediaType == "application/pdf":
		return Copy{MediaType: "application/pdf", PDF: original}, nil
	}
	return Copy{MediaType: ex.MediaType, NotReproduced: FormatName(ex.MediaType, ex.Filename)}, nil
}

// formats names the media types people meet that a bundle cannot show.
var formats = map[string]string{
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word document (DOCX)",
	"application/msword":                      "Word document (DOC)",
	"application/vnd.oasis.opendocument.text": "OpenDocument text (ODT)",
	"application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint (PPTX)",
	"application/rtf":            "rich text (RTF)",
	"image/heic":                 "HEIC image",
	"image/heif":                 "HEIF image",
	"image/tiff":                 "TIFF image",
	"image/bmp":                  "BMP image",
	"application/zip":            "zip archive",
	"application/octet-stream":   "unknown binary data",
	"application/vnd.ms-outlook": "Outlook message (MSG)",
}

// FormatName is how a bundle names an exhibit's format when it cannot
// reproduce it: a known name, else the kind of media ("audio", "video")
// with the file's extension, else the media type.
func FormatName(mediaType, filename string) string {
	if n, ok := formats[mediaType]; ok {
		return n
	}
	ext := strings.ToUpper(strings.TrimPrefix(filepath.Ext(filename), "."))
	for _, kind := range []string{"audio", "video", "image", "font", "model"} {
		if strings.HasPrefix(mediaType, kind+"/") {
			if ext != "" {
				return kind + " (" + ext + ")"
			}
			return kind + " (" + mediaType + ")"
		}
	}
	return mediaType
}
