package letter

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"dossier/casefile"
)

// Save stores the final text of a letter written from template templateID
// in case c as a new exhibit of kind letter, titled title (the template's
// title when empty). The exhibit's file is UTF-8 plain text named
// "letter-ID-YYYY-MM-DD.txt"; its source and obtained-by are the
// complainant (case details, or c's actor when not set) and it is obtained
// today (casefile.Clock). The intake records its custody events (acquired,
// and letter-saved naming the template). Saving the
// same text twice is a *casefile.DuplicateError naming the first exhibit.
func Save(ctx context.Context, c *casefile.Case, templateID, text string, title string) (casefile.Exhibit, error) {
	t, err := Lookup(templateID)
	if err != nil {
		return casefile.Exhibit{}, fmt.Errorf("save letter: %w", err)
	}
	if strings.TrimSpace(text) == "" {
		return casefile.Exhibit{}, fmt.Errorf("save letter: %w: the letter is empty; write it before saving", casefile.ErrInvalid)
	}
	if !utf8.ValidString(text) {
		return casefile.Exhibit{}, fmt.Errorf("save letter: %w: the text is not valid UTF-8", casefile.ErrInvalid)
	}
	if !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	if title = strings.TrimSpace(title); title == "" {
		title = t.Title
	}
	who, err := c.Setting(ctx, casefile.SettingComplainant)
	if err != nil {
		return casefile.Exhibit{}, fmt.Errorf("save letter: %w", err)
	}
	if who = strings.TrimSpace(who); who == "" {
		who = c.Actor()
	}
	today := casefile.Clock().Format(time.DateOnly)
	name := fmt.Sprintf("letter-%s-%s.txt", t.ID, today)
	meta := casefile.Meta{Kind: casefile.KindLetter, Title: title, Source: who, Obtained: today, ObtainedBy: who}
	ex, err := c.AddLetter(ctx, text, name, meta, t.ID)
	if err != nil {
		return casefile.Exhibit{}, fmt.Errorf("save letter %s: %w", name, err)
	}
	return ex, nil
}
