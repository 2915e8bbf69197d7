package casefile

import (
	"context"
	"database/sql"
	"errors"
	"strings"
)

// Case details that letters and the bundle cover draw on. The cover
// prints them, so every change is kept (setting_history) and recorded in
// custody as a "case-details" event: the detail's name and a digest of
// its value, never the value (a complainant's address has no place in a
// log printed in bundles).
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

// ActionCaseDetails is the custody action for a case detail set or cleared.
const ActionCaseDetails = "case-details"

// SetSetting stores a case detail; an empty value removes it. Setting the
// value it already has records nothing.
func (c *Case) SetSetting(ctx context.Context, key, value string) error {
	key = strings.TrimSpace(key)
	if key == "" {
		return invalid("a setting needs a name")
	}
	if strings.TrimSpace(value) == "" {
		value = ""
	}
	return c.tx(ctx, func(tx *sql.Tx) error {
		var cur string
		err := tx.QueryRowContext(ctx, "SELECT value FROM case_settings WHERE key = ?", key).Scan(&cur)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if cur == value {
			return nil
		}
		rec, err := startRecords(ctx, tx, "setting_history")
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO setting_history (key, value, by, at) VALUES (?, ?, ?, ?)`,
			key, value, c.Actor(), formatTime(Clock())); err != nil {
			return err
		}
		return c.recordEvent(ctx, tx, rec, ActionCaseDetails, "", map[string]any{"detail": key, "cleared": value == ""})
	})
}
