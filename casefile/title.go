package casefile

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// ActionRetitled is the custody action for a change of the case's title,
// which every page of a bundle prints.
const ActionRetitled = "retitled"

// SetTitle changes the case's title, as a custody event with the old and
// new titles. check, if not nil, may refuse the new title (the export
// refuses one that holds a marked value) before anything changes.
func (c *Case) SetTitle(ctx context.Context, title string, check func(string) error) error {
	title = strings.TrimSpace(title)
	if title == "" {
		return fmt.Errorf("set title: %w", invalid("a case needs a title"))
	}
	if check != nil {
		if err := check(title); err != nil {
			return fmt.Errorf("set title: %w", err)
		}
	}
	old := c.info.Title
	if title == old {
		return nil
	}
	err := c.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "UPDATE case_info SET title = ? WHERE id = 1", title); err != nil {
			return err
		}
		return c.appendEvent(ctx, tx, ActionRetitled, "", map[string]any{"from": old, "to": title})
	})
	if err != nil {
		return fmt.Errorf("set title: %w", err)
	}
	c.info.Title = title
	return nil
}
