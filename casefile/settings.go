package casefile

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
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
	// SettingElectionDate is the polling day (YYYY-MM-DD), marked on the
	// chart of messages per day.
	SettingElectionDate = "election_date"
	// SettingRegulator names the regulator in letters when it must differ
	// from RegulatorName's default for the letter's date.
	SettingRegulator = "regulator"
	// SettingICOSummary is the "what happened" text for the ICO's form as
	// the complainant edited it; empty means the one written from the case.
	SettingICOSummary = "ico_summary"
)

// The regulator's names. The Data (Use and Access) Act 2025 (s.117 to
// s.119) replaces the Information Commissioner, whose office is the ICO,
// with a body corporate, the Information Commission, once its s.119
// (transfer of functions) is fully in force. The Consequential Amendments
// and Transitional Provision Regulations 2026 (SI 2026/386, read on
// legislation.gov.uk on 30 November 2026) come into force "when section
// 119 ... is fully brought into force", and no regulation bringing s.119
// into force could be found then: the day is NOT confirmed. Until it is,
// InformationCommissionFrom is empty and letters keep the old name.
// Set it here (YYYY-MM-DD) once the day is known, or set the case's
// "regulator" setting to name the regulator in one case.
const (
	RegulatorICO        = "Information Commissioner's Office"
	RegulatorCommission = "Information Commission"
)

// InformationCommissionFrom is the first day letters name the Information
// Commission, "" while that day is not known. The one place to change it.
var InformationCommissionFrom = ""

// RegulatorName is the regulator as it is called on day on: the case's
// setting when one is given, else the name in force that day.
func RegulatorName(on time.Time, setting string) string {
	if s := strings.TrimSpace(setting); s != "" {
		return s
	}
	if InformationCommissionFrom != "" && on.Format(time.DateOnly) >= InformationCommissionFrom {
		return RegulatorCommission
	}
	return RegulatorICO
}

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
