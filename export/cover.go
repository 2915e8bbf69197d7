package export

import (
	"fmt"
	"strings"
)

// coverSlot is where the cover's note goes: it is written last, when the
// numbers it states are known.
type coverSlot struct {
	page int
	y    float64
}

// coverNote writes the cover's note about copies, redaction and the OCR
// read-back. Every sentence is chosen from what the export did, so none
// claims more: no "names are replaced" without a mark applied, no "read
// back" without a page read.
func (b *builder) coverNote() {
	d := b.d
	cur := d.PageNo()
	d.SetPage(b.cover.page)
	d.SetXY(margin, b.cover.y)
	d.para(strings.Join(b.coverSentences(), " "), 9.5)
	d.SetPage(cur)
}

func (b *builder) coverSentences() []string {
	s := []string{"Every exhibit is shown as a copy of an original whose SHA-256 hash is printed on its first page. " +
		"The manifest at the end lists every hash and the head of the custody log; the SHA-256 of this PDF " +
		"file itself is recorded in the case's custody log when it is exported, so anyone holding the case " +
		"file can check that this is the bundle that was made."}
	st := b.stats
	switch {
	case b.app == nil:
		s = append(s, "This is the complainant's own unredacted copy: nothing in it is hidden.")
	case b.app.Used() == 0:
		s = append(s, "No redaction marks apply to anything in this bundle: it is shown as recorded.")
	default:
		s = append(s, fmt.Sprintf("%s %s applied to %s and to the bundle's own pages: marked names, phone numbers, "+
			"addresses and property references are replaced by stand-ins such as [Resident 3] and [Phone 7], the same "+
			"everywhere in this bundle, or blacked out on images.", count(b.app.Used(), "redaction mark", "redaction marks"),
			plural(b.app.Used(), "was", "were"), count(st.exhibitsMarked, "exhibit", "exhibits")))
	}
	if b.app != nil && st.rasterPlaced > 0 {
		switch {
		case st.rasterRead == st.rasterPlaced && st.rasterPlaced == 1:
			s = append(s, "The image page was read back with OCR and no marked value could be read in it.")
		case st.rasterRead == st.rasterPlaced:
			s = append(s, fmt.Sprintf("All %s were read back with OCR and no marked value could be read in them.",
				count(st.rasterPlaced, "image page", "image pages")))
		case st.rasterRead == 0:
			s = append(s, fmt.Sprintf("The pixels of %s were not read back with OCR for marked values.",
				plural(st.rasterPlaced, "the image page", count(st.rasterPlaced, "image page", "image pages"))))
		default:
			s = append(s, fmt.Sprintf("%d of the %s were read back with OCR; the pixels of the other %d were not.",
				st.rasterRead, count(st.rasterPlaced, "image page", "image pages"), st.rasterPlaced-st.rasterRead))
		}
	}
	if n := len(st.notReproduced); n > 0 {
		s = append(s, fmt.Sprintf("%s (%s) cannot be shown in a form that can be redacted and %s listed with %s hash only.",
			count(n, "exhibit", "exhibits"), strings.Join(st.notReproduced, ", "), plural(n, "is", "are"), plural(n, "its", "their")))
	}
	return s
}

// count is "1 exhibit", "3 exhibits".
func count(n int, one, many string) string { return fmt.Sprintf("%d %s", n, plural(n, one, many)) }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Counts says in one line what an export did, in numbers: marks applied
// and to how many exhibits, image pages read back out of those placed,
// exhibits not reproduced. The app shows it after an export.
func Counts(r Result) string {
	s := fmt.Sprintf("%s applied to %d of %s", count(r.MarksApplied, "mark", "marks"), r.ExhibitsMarked, count(r.Exhibits, "exhibit", "exhibits"))
	switch {
	case r.RasterPages == 0:
		s += "; no image pages"
	case r.RasterReadBack == r.RasterPages:
		s += fmt.Sprintf("; %d of %d image pages read back with OCR", r.RasterReadBack, r.RasterPages)
	default:
		s += fmt.Sprintf("; %d of %d image pages read back with OCR (the cover says the others were not)", r.RasterReadBack, r.RasterPages)
	}
	if n := len(r.NotReproduced); n > 0 {
		s += fmt.Sprintf("; %s not reproduced (%s)", count(n, "exhibit", "exhibits"), strings.Join(r.NotReproduced, ", "))
	}
	return s + "."
}
