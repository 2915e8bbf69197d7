package pdf

import (
	"errors"
	"fmt"
)

// The errors this package returns wrap one of these; test with errors.Is.
// Their messages say what is wrong; callers add which exhibit it was.
var (
	// ErrPassword means the PDF needs a password to be opened.
	ErrPassword = errors.New("the PDF is protected by a password; open it with the password, " +
		"print or save it as a new PDF without one, and add that instead")
	// ErrDamaged means the PDF cannot be read, even after the repairs
	// pdfium makes to damaged files.
	ErrDamaged = errors.New("the PDF is damaged or not a PDF, and cannot be read")
	// ErrLimit means a document is beyond a limit of Limits: too many
	// pages, a page too large, or a render of too many pixels.
	ErrLimit = errors.New("the PDF is beyond what Dossier handles")
	// ErrPage means a page number outside the document.
	ErrPage = errors.New("page out of range")
)

// Limits bound the work one document may cause, so that a hostile or
// broken file is refused with a message instead of filling memory.
type Limits struct {
	// MaxPages is the most pages a document may have.
	MaxPages int
	// MaxSide is the longest side a page may have, in points (1/72 inch).
	MaxSide float64
	// MaxPixels is the most pixels one rendered page may have.
	MaxPixels int64
	// MaxBytes is the largest document accepted.
	MaxBytes int64
}

// DefaultLimits are the limits Open applies: 10,000 pages (a bundle, read
// back for its leak check, holds every exhibit's pages), pages up to 200
// inches a side (the largest the PDF format allows without scaling),
// renders of up to 100 megapixels (as for images), files up to 512 MB.
var DefaultLimits = Limits{MaxPages: 10000, MaxSide: 14400, MaxPixels: 100_000_000, MaxBytes: 512 << 20}

// MaxDPI bounds the resolution RenderPage accepts, so that a mistaken value
// cannot ask for an image of gigabytes.
const MaxDPI = 1200

func (l Limits) checkBytes(n int) error {
	if l.MaxBytes > 0 && int64(n) > l.MaxBytes {
		return fmt.Errorf("%w: %d MB is more than %d MB", ErrLimit, n>>20, l.MaxBytes>>20)
	}
	return nil
}

func (l Limits) checkPages(n int) error {
	if l.MaxPages > 0 && n > l.MaxPages {
		return fmt.Errorf("%w: %d pages is more than %d; split it into smaller PDFs and add those", ErrLimit, n, l.MaxPages)
	}
	return nil
}

func (l Limits) checkSide(page int, w, h float64) error {
	if l.MaxSide > 0 && (w > l.MaxSide || h > l.MaxSide) {
		return fmt.Errorf("%w: page %d is %.0f by %.0f inches, larger than %.0f inches a side",
			ErrLimit, page, w/72, h/72, l.MaxSide/72)
	}
	if w <= 0 || h <= 0 {
		return fmt.Errorf("%w: page %d has no area", ErrDamaged, page)
	}
	return nil
}

func (l Limits) checkPixels(page int, w, h int) error {
	if l.MaxPixels > 0 && int64(w)*int64(h) > l.MaxPixels {
		return fmt.Errorf("%w: page %d would be %d by %d pixels, more than %d megapixels",
			ErrLimit, page, w, h, l.MaxPixels/1_000_000)
	}
	return nil
}
