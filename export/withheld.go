package export

import (
	"context"
	"fmt"
	"sort"

	"dossier/casefile"
)

// withheldExhibit is an exhibit left out of the bundle ('dossier
// withhold'): listed in the index and on the exhibits page with its hash
// and the reason, never shown.
type withheldExhibit struct {
	casefile.Exhibit
	Reason string
}

// manifestWithheld is how the manifest records a withheld exhibit.
type manifestWithheld struct {
	Ref    string `json:"ref"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
	Reason string `json:"reason"`
}

// splitWithheld keeps in exs the exhibits the bundle shows and returns
// those the case withholds, in reference order.
func splitWithheld(ctx context.Context, c *casefile.Case, exs []casefile.Exhibit) ([]casefile.Exhibit, []withheldExhibit, error) {
	w, err := c.Withheld(ctx)
	if err != nil {
		return nil, nil, err
	}
	if len(w) == 0 {
		return exs, nil, nil
	}
	var shown []casefile.Exhibit
	var held []withheldExhibit
	for _, ex := range exs {
		if h, ok := w[ex.Ref]; ok {
			held = append(held, withheldExhibit{ex, h.Reason})
			continue
		}
		shown = append(shown, ex)
	}
	sort.SliceStable(held, func(i, j int) bool { return held[i].ID < held[j].ID })
	return shown, held, nil
}

// withheldEntries are the index lines of the withheld exhibits: each
// points at the exhibits page, which lists them.
func (b *builder) withheldEntries(exhibits *entry) []*entry {
	var out []*entry
	for _, w := range b.withheld {
		out = append(out, &entry{ref: w.Ref, title: "Withheld: " + b.text(w.Title), date: w.Obtained, level: 1, link: exhibits.link, withheldOf: exhibits})
	}
	return out
}

// withheldTable lists the withheld exhibits on the exhibits page, and
// records them in the manifest.
func (b *builder) withheldTable() {
	if len(b.withheld) == 0 {
		return
	}
	d := b.d
	d.Ln(3)
	d.subheading("Withheld exhibits")
	n := "exhibit is"
	if len(b.withheld) > 1 {
		n = fmt.Sprintf("%d exhibits are", len(b.withheld))
	}
	d.para(fmt.Sprintf("The following %s in the case but not shown in this bundle, for the reason given. "+
		"Each original's SHA-256 identifies it; anyone holding the case file can check it with dossier verify.", n), 9)
	d.Ln(1)
	rows := [][]string{{"Exhibit", "Title", "SHA-256 of the original", "Reason"}}
	for _, w := range b.withheld {
		rows = append(rows, []string{w.Ref, b.text(w.Title), w.SHA256, b.text(w.Reason)})
		b.manifest.Withheld = append(b.manifest.Withheld, manifestWithheld{Ref: w.Ref, Size: w.Size, SHA256: w.SHA256, Reason: b.text(w.Reason)})
	}
	d.table([]float64{0.1, 0.28, 0.36, 0.26}, rows, 7.5, []bool{false, false, true, false})
}
