package casefile

import (
	"context"
	"fmt"

	"dossier/casefile/sheet"
)

// PreviewExhibitSheet reads the sheet that exhibit ref holds, as
// PreviewSheet reads a file: for the import wizard, when the sheet is
// already in the case and need not be found on the disk again.
func (c *Case) PreviewExhibitSheet(ctx context.Context, ref string, opt ImportOptions, limit int) (*sheet.Result, error) {
	data, ex, err := c.ReadOriginal(ctx, ref)
	if err != nil {
		return nil, fmt.Errorf("preview %s: %w", ref, err)
	}
	so := opt.sheetOptions()
	so.Limit = limit
	res, err := sheet.ReadBytes(data, ex.Filename, so)
	if err != nil {
		return nil, fmt.Errorf("preview %s (%s): %w", ex.Ref, ex.Filename, err)
	}
	return res, nil
}

// ImportExhibitRows imports the rows of the sheet that exhibit ref holds,
// as ImportRows does with a file: the same checks, one transaction, one
// "transcribed" event naming the exhibit's file and its hash.
func (c *Case) ImportExhibitRows(ctx context.Context, ref string, opt ImportOptions) (ImportResult, error) {
	data, ex, err := c.ReadOriginal(ctx, ref)
	if err != nil {
		return ImportResult{}, fmt.Errorf("import %s: %w", ref, err)
	}
	opt.Exhibit = ex.Ref
	out, err := c.importBytes(ctx, data, ex.Filename, opt)
	if err != nil {
		return ImportResult{}, fmt.Errorf("import %s (%s): %w", ex.Ref, ex.Filename, err)
	}
	return out, nil
}
