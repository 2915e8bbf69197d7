package casefile

import (
	"context"
	"database/sql"
	"errors"
	"strings"
)

// Case details that letters and the bundle cover draw on. They describe
// the complaint rather than the evidence, so changing them is not a
// custody event.
const (
	SettingComplainant        = "complainant"         // complainant's name, as they sign letters
	SettingComplainantAddress = "complainant_address" // postal address, may span lines
	SettingComplainantContact = "complainant_contact" // email or phone for replies
	SettingOrganisation       = "organisation"        // the organisation complained about
	SettingOrganisationAddr   = "organisation_address"
	SettingSummary            = "summary" // a few sentences on what happened
)

// Setting returns a case detail, or "" if it was never set.
func (c *Case) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := c.db.QueryRowContext(ctx, "SELECT value FROM case_settings WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, dbErr(err)
}

// Settings returns every case detail that has been set.
func (c *Case) Settings(ctx context.Context) (map[string]string, error) {
	rows, err := c.db.QueryContext(ctx, "SELECT key, value FROM case_settings ORDER BY key")
	if err != nil {
		return nil, dbErr(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, dbErr(err)
		}
		out[k] = v
	}
	return out, dbErr(rows.Err())
}

// SetSetting stores a case detail; an empty value removes it.
func (c *Case) SetSetting(ctx context.Context, key, value string) error {
	key = strings.TrimSpace(key)
	if key == "" {
		return invalid("a setting needs a name")
	}
	return c.tx(ctx, func(tx *sql.Tx) error {
		if strings.TrimSpace(value) == "" {
			_, err := tx.ExecContext(ctx, "DELETE FROM case_settings WHERE key = ?", key)
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO case_settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
		return err
	})
}
