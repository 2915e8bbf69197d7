-- Transcriptions and links: rows of data sheets, text messages, and the
-- claims that a message reached the phone listed in a row.

-- One row per import of a sheet, so each row can say where it came from
-- and the custody log can be checked against what was imported.
CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    exhibit_id  INTEGER NOT NULL REFERENCES exhibits(id),
    file_name   TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    format      TEXT NOT NULL,
    encoding    TEXT NOT NULL,
    delimiter   TEXT NOT NULL,
    mapping     TEXT NOT NULL, -- JSON: header -> field
    row_count   INTEGER NOT NULL,
    at          TEXT NOT NULL
);

CREATE TABLE rows (
    id            INTEGER PRIMARY KEY,
    import_id     INTEGER NOT NULL REFERENCES imports(id),
    exhibit_id    INTEGER NOT NULL REFERENCES exhibits(id),
    source_line   INTEGER NOT NULL,
    source_ref    TEXT NOT NULL,
    uprn          TEXT NOT NULL DEFAULT '',
    address       TEXT NOT NULL DEFAULT '',
    estate        TEXT NOT NULL DEFAULT '',
    neighbourhood TEXT NOT NULL DEFAULT '',
    name          TEXT NOT NULL DEFAULT '',
    name_key      TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '', -- as written
    phone_e164    TEXT NOT NULL DEFAULT '', -- '' when missing or not a phone number
    extra         TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX rows_phone ON rows (phone_e164);
CREATE INDEX rows_name ON rows (name_key);
CREATE INDEX rows_exhibit ON rows (exhibit_id);

CREATE TABLE messages (
    id             INTEGER PRIMARY KEY,
    exhibit_id     INTEGER NOT NULL REFERENCES exhibits(id),
    sender         TEXT NOT NULL,
    recipient      TEXT NOT NULL, -- as written
    recipient_e164 TEXT NOT NULL,
    at             TEXT NOT NULL, -- RFC 3339 with the offset it was shown in
    zone           TEXT NOT NULL DEFAULT '',
    body           TEXT NOT NULL,
    resident_name    TEXT NOT NULL DEFAULT '', -- from the resident's statement
    resident_address TEXT NOT NULL DEFAULT '',
    source         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX messages_phone ON messages (recipient_e164);
CREATE INDEX messages_exhibit ON messages (exhibit_id);

-- A link is never deleted: removing or rejecting one changes its status
-- and is a custody event, so the history of every claim stays visible.
CREATE TABLE links (
    id         INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL REFERENCES messages(id),
    row_id     INTEGER NOT NULL REFERENCES rows(id),
    basis      TEXT NOT NULL CHECK (basis IN ('phone', 'name+address', 'manual')),
    status     TEXT NOT NULL CHECK (status IN ('linked', 'proposed', 'removed', 'rejected')),
    reason     TEXT NOT NULL DEFAULT '',
    by         TEXT NOT NULL,
    at         TEXT NOT NULL,
    UNIQUE (message_id, row_id)
);
CREATE INDEX links_row ON links (row_id);

CREATE TRIGGER links_no_delete BEFORE DELETE ON links
BEGIN SELECT RAISE(ABORT, 'links are never deleted; remove them with a reason'); END;
