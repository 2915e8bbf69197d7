-- Core schema: the case, its originals, exhibits and the custody chain.
-- Originals and custody events are append-only: triggers refuse UPDATE and
-- DELETE so that no code path, ours or a careless script's, can rewrite them.

CREATE TABLE case_info (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    uuid       TEXT NOT NULL,
    title      TEXT NOT NULL,
    prefix     TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Free-form case details used by letters and the bundle cover
-- (complainant, organisation, ...). Not evidence, so not chained.
CREATE TABLE case_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- One row per distinct original, addressed by SHA-256.
CREATE TABLE blobs (
    id     INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    size   INTEGER NOT NULL CHECK (size >= 0)
);

-- The bytes, in order. The reference is deferred so chunks can be written
-- while the file is still being hashed; the blob row follows at the end of
-- the same transaction.
CREATE TABLE chunks (
    blob_id INTEGER NOT NULL REFERENCES blobs(id) DEFERRABLE INITIALLY DEFERRED,
    seq     INTEGER NOT NULL,
    data    BLOB NOT NULL,
    PRIMARY KEY (blob_id, seq)
);

CREATE TABLE exhibits (
    id          INTEGER PRIMARY KEY,
    num         INTEGER NOT NULL UNIQUE,
    ref         TEXT NOT NULL UNIQUE,
    blob_id     INTEGER NOT NULL UNIQUE REFERENCES blobs(id),
    kind        TEXT NOT NULL,
    title       TEXT NOT NULL,
    source      TEXT NOT NULL DEFAULT '',
    obtained    TEXT NOT NULL DEFAULT '',
    obtained_by TEXT NOT NULL DEFAULT '',
    filename    TEXT NOT NULL,
    media_type  TEXT NOT NULL,
    added_at    TEXT NOT NULL
);

CREATE TABLE custody (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    exhibit   TEXT NOT NULL DEFAULT '',
    action    TEXT NOT NULL,
    detail    TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);

CREATE TRIGGER blobs_no_update BEFORE UPDATE ON blobs
BEGIN SELECT RAISE(ABORT, 'originals are immutable'); END;
CREATE TRIGGER blobs_no_delete BEFORE DELETE ON blobs
BEGIN SELECT RAISE(ABORT, 'originals are immutable'); END;
CREATE TRIGGER chunks_no_update BEFORE UPDATE ON chunks
BEGIN SELECT RAISE(ABORT, 'originals are immutable'); END;
CREATE TRIGGER chunks_no_delete BEFORE DELETE ON chunks
BEGIN SELECT RAISE(ABORT, 'originals are immutable'); END;
CREATE TRIGGER custody_no_update BEFORE UPDATE ON custody
BEGIN SELECT RAISE(ABORT, 'custody events are append-only'); END;
CREATE TRIGGER custody_no_delete BEFORE DELETE ON custody
BEGIN SELECT RAISE(ABORT, 'custody events are append-only'); END;
CREATE TRIGGER exhibits_no_delete BEFORE DELETE ON exhibits
BEGIN SELECT RAISE(ABORT, 'exhibits cannot be deleted'); END;
CREATE TRIGGER exhibits_fixed BEFORE UPDATE OF num, ref, blob_id, filename, media_type, added_at ON exhibits
BEGIN SELECT RAISE(ABORT, 'an exhibit''s reference and original are fixed'); END;
