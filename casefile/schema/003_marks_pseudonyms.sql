-- Redaction: marks say what must not reach a bundle's reader; pseudonyms
-- are the stable stand-ins shown instead. Neither changes an original.

CREATE TABLE marks (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('term', 'span', 'rect')),
    status     TEXT NOT NULL CHECK (status IN ('suggested', 'accepted', 'rejected', 'removed')),
    exhibit_id INTEGER REFERENCES exhibits(id), -- NULL for a term (it applies everywhere)
    value_kind TEXT NOT NULL DEFAULT 'text',     -- phone, name, email, postcode, ni, uprn, address, text
    value      TEXT NOT NULL DEFAULT '',         -- the redacted value as found or typed
    value_key  TEXT NOT NULL DEFAULT '',         -- its normalised form (E.164, name key, ...)
    page       INTEGER NOT NULL DEFAULT 0,       -- rect: 1-based page (1 for images)
    x REAL NOT NULL DEFAULT 0, y REAL NOT NULL DEFAULT 0, -- rect: fractions of the page, 0..1
    w REAL NOT NULL DEFAULT 0, h REAL NOT NULL DEFAULT 0,
    span_start INTEGER NOT NULL DEFAULT 0,       -- span: byte offsets in the exhibit's text
    span_end   INTEGER NOT NULL DEFAULT 0,
    origin     TEXT NOT NULL DEFAULT 'manual',   -- manual, detector, rows, ocr
    note       TEXT NOT NULL DEFAULT '',         -- where it was found, or why removed
    by         TEXT NOT NULL,
    at         TEXT NOT NULL
);
-- One term mark per value, whatever its state, so suggesting again does
-- not bring back what a person rejected.
CREATE UNIQUE INDEX marks_term ON marks (value_kind, value_key) WHERE kind = 'term';
CREATE INDEX marks_exhibit ON marks (exhibit_id);

CREATE TRIGGER marks_no_delete BEFORE DELETE ON marks
BEGIN SELECT RAISE(ABORT, 'marks are never deleted; remove them with a reason'); END;

-- Stand-ins, numbered per kind in the order they were first needed. Never
-- exported: a bundle shows the label, never the value.
CREATE TABLE pseudonyms (
    kind      TEXT NOT NULL, -- Resident, Phone, Address, Email, Postcode, NI, UPRN
    value_key TEXT NOT NULL,
    num       INTEGER NOT NULL,
    PRIMARY KEY (kind, value_key),
    UNIQUE (kind, num)
);

-- Names to look for beyond those in the rows (people named in letters or
-- statements who are not on a sheet).
CREATE TABLE dictionary (
    term       TEXT NOT NULL,
    term_key   TEXT NOT NULL PRIMARY KEY,
    added_by   TEXT NOT NULL,
    at         TEXT NOT NULL
);
