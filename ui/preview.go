package ui

import (
	"context"
	"fmt"
	"image"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"dossier/casefile"
	"dossier/casefile/imagefile"
	"dossier/casefile/pdf"
	"dossier/internal/bytesize"
)

// Preview limits: ReadOriginal holds the whole original in memory, so big
// originals are not previewed (they can still be extracted and opened).
const (
	maxImagePreview = 40 << 20
	maxPDFPreview   = 64 << 20
	maxTextPreview  = 4 << 20
	textPreviewRun  = 64 << 10 // characters of text shown
)

// renderPDFPage renders the first page of a PDF for the preview, at a
// resolution that fills a detail pane.
var renderPDFPage = func(ctx context.Context, data []byte) (image.Image, error) {
	return pdf.New().RenderPage(ctx, data, 1, 100)
}

// preview shows the selected exhibit: the image, a PDF's first page, or
// the start of a text file. Loading runs in the background.
type preview struct {
	cw    *caseWindow
	box   *fyne.Container
	loads latest // the selected exhibit's preview being made
}

func newPreview(cw *caseWindow) *preview {
	return &preview{cw: cw, box: container.NewStack()}
}

func (p *preview) content() fyne.CanvasObject { return p.box }

func (p *preview) set(o fyne.CanvasObject) {
	p.box.Objects = []fyne.CanvasObject{o}
	p.box.Refresh()
}

func note(text string) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Alignment = fyne.TextAlignCenter
	// A wrapping label needs a width: a VBox gives it the pane's, where
	// a Center container would squeeze it to one letter per line.
	return container.NewVBox(layout.NewSpacer(), l, layout.NewSpacer())
}

// previewKind says how an exhibit of this media type is previewed.
func previewKind(mediaType string) string {
	mt := strings.ToLower(strings.TrimSpace(strings.SplitN(mediaType, ";", 2)[0]))
	switch {
	case strings.HasPrefix(mt, "image/"):
		switch mt {
		case "image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp", "image/tiff", "image/heic", "image/heif":
			return "image"
		}
	case mt == "application/pdf":
		return "pdf"
	case strings.HasPrefix(mt, "text/"), mt == "application/json", mt == "application/xml", mt == "message/rfc822":
		return "text"
	}
	return ""
}

// show starts loading a preview of ex.
func (p *preview) show(ex casefile.Exhibit) {
	p.loads.drop() // a slow load for an earlier selection
	kind := previewKind(ex.MediaType)
	limit := map[string]int64{"image": maxImagePreview, "pdf": maxPDFPreview, "text": maxTextPreview}[kind]
	switch {
	case kind == "":
		p.set(note(fmt.Sprintf("No preview for %s files.\n%s is stored unchanged in the case.", ex.MediaType, ex.Filename)))
		return
	case ex.Size > limit:
		p.set(note(fmt.Sprintf("%s is too large to preview (%s).", ex.Filename, bytesize.String(ex.Size))))
		return
	}
	p.set(note("Loading preview…"))
	ctx, ref := p.cw.ctx, ex.Ref
	var obj fyne.CanvasObject
	p.loads.read(p.cw, func() { obj = loadPreview(ctx, p.cw.c, ref, kind) }, func() { p.set(obj) })
}

// loadPreview reads an original and makes the widget that previews it. It
// runs off the UI goroutine and builds widgets without showing them.
func loadPreview(ctx context.Context, c *casefile.Case, ref, kind string) fyne.CanvasObject {
	data, ex, err := c.ReadOriginal(ctx, ref)
	if err != nil {
		return note("Cannot show a preview: " + err.Error())
	}
	switch kind {
	case "image", "pdf":
		var img image.Image
		if kind == "pdf" {
			img, err = renderPDFPage(ctx, data)
		} else {
			img, _, err = imagefile.Decode(data)
		}
		if err != nil {
			return note(fmt.Sprintf("Cannot show %s: %v", ex.Filename, err))
		}
		ci := canvas.NewImageFromImage(img)
		ci.FillMode = canvas.ImageFillContain
		ci.ScaleMode = canvas.ImageScaleSmooth
		ci.SetMinSize(fyne.NewSize(160, 160))
		return ci
	default:
		text := strings.ToValidUTF8(string(data), "\uFFFD")
		if utf8.RuneCountInString(text) > textPreviewRun {
			text = string([]rune(text)[:textPreviewRun]) + "\n…"
		}
		l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
		l.Wrapping = fyne.TextWrapWord
		return container.NewVScroll(l)
	}
}
