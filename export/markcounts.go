package export

import (
	"context"
	"fmt"

	"dossier/casefile"
	"dossier/export/marks"
)

// MarkCount is how the bundle's redaction changes one exhibit, counted by
// the pipeline that makes the bundle's copy (package export/marks).
type MarkCount struct {
	// Applied counts the boxes burnt in, passages blacked out and values
	// replaced by their stand-ins ("[Phone 3]") in the exhibit's copy;
	// terms marked everywhere count wherever they occur in it.
	Applied int
	// Unboxed is set for a PDF whose text names a marked value with no
	// box over it: the bundle refuses it until a box is drawn.
	Unboxed bool
	// NotReproduced names the format of an exhibit the bundle lists but
	// cannot show (and so cannot redact), or is "".
	NotReproduced string
}

// MarkCounts counts, for every exhibit, what the bundle's redaction does
// to it, as the app's exhibit list shows it. Texts and sheets are run
// through the pipeline (terms are found wherever they occur); images and
// PDFs count their accepted boxes, which is what the pipeline burns in,
// without drawing them.
func MarkCounts(ctx context.Context, c *casefile.Case, opt Options) (map[string]MarkCount, error) {
	opt = withTools(opt)
	a, err := previewApplier(ctx, c, opt.Renderer)
	if err != nil {
		return nil, err
	}
	exs, err := c.Exhibits(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]MarkCount{}
	for _, ex := range exs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var mc MarkCount
		switch {
		case marks.IsSheet(ex.MediaType) || casefile.IsText(ex.MediaType):
			data, _, err := c.ReadOriginal(ctx, ex.Ref)
			if err != nil {
				return nil, err
			}
			cp, err := a.Exhibit(ctx, ex, data)
			if err != nil {
				return nil, fmt.Errorf("count the marks of %s: %w", ex.Ref, err)
			}
			mc.Applied, mc.NotReproduced = cp.Marks, cp.NotReproduced
		case casefile.IsImage(ex.MediaType):
			mc.Applied = len(a.Rects(ex.Ref))
		case ex.MediaType == "application/pdf":
			mc.Applied = len(a.Rects(ex.Ref))
			if mc.Applied == 0 {
				data, _, err := c.ReadOriginal(ctx, ex.Ref)
				if err != nil {
					return nil, err
				}
				if text, err := opt.Renderer.Text(ctx, data); err == nil && a.Holds(text) {
					mc.Unboxed = true
				}
			}
		default:
			mc.NotReproduced = marks.FormatName(ex.MediaType, ex.Filename)
		}
		out[ex.Ref] = mc
	}
	return out, nil
}
