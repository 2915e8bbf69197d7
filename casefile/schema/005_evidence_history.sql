-- Every record a bundle prints is covered by custody: tables that hold
-- evidence become append-only. Triggers refuse UPDATE and DELETE; a change
-- is a new row (a later state in a history table, or a new version that
-- supersedes the old one), written in the same transaction as the custody
-- event that records the new rows' ids and keyed digest (see records.go).
-- The current state is a view over the history, so the history stays
-- complete and the present is one query.

-- The key of the digests that custody events record. A digest of a phone
-- number alone could be reversed by trying every number; keyed with a
-- secret that stays in the case file, a digest printed in a bundle's
-- custody appendix reveals nothing. Written once, by Go, when this schema
-- is applied (random bytes cannot come from SQL reproducibly in tests).
CREATE TABLE digest_key (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    key BLOB NOT NULL
);

-- Messages: editing one is a new transcription that supersedes it.
ALTER TABLE messages ADD COLUMN supersedes INTEGER REFERENCES messages(id);
CREATE UNIQUE INDEX messages_supersedes ON messages (supersedes) WHERE supersedes IS NOT NULL;
CREATE VIEW current_messages AS
    SELECT m.* FROM messages m WHERE NOT EXISTS (SELECT 1 FROM messages n WHERE n.supersedes = m.id);

-- Links: the row in links is the claim as first made; every later state
-- (accepted, removed, rejected, linked again by hand) is a row here.
CREATE TABLE link_history (
    id      INTEGER PRIMARY KEY,
    link_id INTEGER NOT NULL REFERENCES links(id),
    basis   TEXT NOT NULL CHECK (basis IN ('phone', 'name+address', 'manual')),
    status  TEXT NOT NULL CHECK (status IN ('linked', 'proposed', 'removed', 'rejected')),
    reason  TEXT NOT NULL DEFAULT '',
    by      TEXT NOT NULL,
    at      TEXT NOT NULL
);
CREATE INDEX link_history_link ON link_history (link_id, id);
CREATE VIEW current_links AS
    SELECT l.id, l.message_id, l.row_id,
        COALESCE(h.basis, l.basis) AS basis, COALESCE(h.status, l.status) AS status,
        COALESCE(h.reason, l.reason) AS reason, COALESCE(h.by, l.by) AS by, COALESCE(h.at, l.at) AS at
    FROM links l LEFT JOIN link_history h ON h.id = (SELECT MAX(id) FROM link_history WHERE link_id = l.id);

-- Marks: the row in marks is the mark as first made (a moved rectangle is
-- a new mark that supersedes the old); decisions on it are rows here.
ALTER TABLE marks ADD COLUMN supersedes INTEGER REFERENCES marks(id);
CREATE UNIQUE INDEX marks_supersedes ON marks (supersedes) WHERE supersedes IS NOT NULL;
CREATE TABLE mark_history (
    id      INTEGER PRIMARY KEY,
    mark_id INTEGER NOT NULL REFERENCES marks(id),
    status  TEXT NOT NULL CHECK (status IN ('suggested', 'accepted', 'rejected', 'removed')),
    note    TEXT NOT NULL DEFAULT '',
    by      TEXT NOT NULL,
    at      TEXT NOT NULL
);
CREATE INDEX mark_history_mark ON mark_history (mark_id, id);
CREATE VIEW current_marks AS
    SELECT m.id, m.kind, COALESCE(h.status, m.status) AS status, m.exhibit_id, m.value_kind, m.value, m.value_key,
        m.page, m.x, m.y, m.w, m.h, m.span_start, m.span_end, m.origin,
        COALESCE(h.note, m.note) AS note, COALESCE(h.by, m.by) AS by, COALESCE(h.at, m.at) AS at, m.supersedes
    FROM marks m LEFT JOIN mark_history h ON h.id = (SELECT MAX(id) FROM mark_history WHERE mark_id = m.id);

-- Pseudonyms get an id, so custody can name the assignments it records.
-- Rowid order is the order they were assigned in.
CREATE TABLE pseudonyms_v5 (
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL,
    value_key TEXT NOT NULL,
    num       INTEGER NOT NULL,
    UNIQUE (kind, value_key),
    UNIQUE (kind, num)
);
INSERT INTO pseudonyms_v5 (kind, value_key, num) SELECT kind, value_key, num FROM pseudonyms ORDER BY rowid;
DROP TABLE pseudonyms;
ALTER TABLE pseudonyms_v5 RENAME TO pseudonyms;

-- Steps: every date set or cleared is a row; steps is what stands now.
CREATE TABLE step_history (
    id   INTEGER PRIMARY KEY,
    step TEXT NOT NULL,
    date TEXT NOT NULL, -- '' when the step was cleared
    ref  TEXT NOT NULL DEFAULT '',
    by   TEXT NOT NULL DEFAULT '',
    at   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX step_history_step ON step_history (step, id);
INSERT INTO step_history (step, date, ref) SELECT id, date, ref FROM steps ORDER BY id;
DROP TABLE steps;
CREATE VIEW steps AS
    SELECT h.step AS id, h.date, h.ref FROM step_history h
    WHERE h.id = (SELECT MAX(id) FROM step_history WHERE step = h.step) AND h.date != '';

-- Case details (complainant, organisation, ...) are printed on a bundle's
-- cover and in its letters: every change is a row; case_settings is what
-- stands now.
CREATE TABLE setting_history (
    id    INTEGER PRIMARY KEY,
    key   TEXT NOT NULL,
    value TEXT NOT NULL, -- '' when the detail was cleared
    by    TEXT NOT NULL DEFAULT '',
    at    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX setting_history_key ON setting_history (key, id);
INSERT INTO setting_history (key, value) SELECT key, value FROM case_settings ORDER BY key;
DROP TABLE case_settings;
CREATE VIEW case_settings AS
    SELECT h.key, h.value FROM setting_history h
    WHERE h.id = (SELECT MAX(id) FROM setting_history WHERE key = h.key) AND h.value != '';

-- Append-only, every one of them.
-- The title may change (a "retitled" event records it, and verify replays
-- it); the case's identity may not.
CREATE TRIGGER case_info_no_update BEFORE UPDATE OF id, uuid, prefix, created_at ON case_info
BEGIN SELECT RAISE(ABORT, 'the case''s identity is fixed'); END;
CREATE TRIGGER case_info_no_delete BEFORE DELETE ON case_info
BEGIN SELECT RAISE(ABORT, 'the case''s identity is fixed'); END;
CREATE TRIGGER digest_key_no_update BEFORE UPDATE ON digest_key
BEGIN SELECT RAISE(ABORT, 'the digest key is fixed'); END;
CREATE TRIGGER digest_key_no_delete BEFORE DELETE ON digest_key
BEGIN SELECT RAISE(ABORT, 'the digest key is fixed'); END;
CREATE TRIGGER imports_no_update BEFORE UPDATE ON imports
BEGIN SELECT RAISE(ABORT, 'imports are evidence: append-only'); END;
CREATE TRIGGER imports_no_delete BEFORE DELETE ON imports
BEGIN SELECT RAISE(ABORT, 'imports are evidence: append-only'); END;
CREATE TRIGGER rows_no_update BEFORE UPDATE ON rows
BEGIN SELECT RAISE(ABORT, 'rows are evidence: append-only'); END;
CREATE TRIGGER rows_no_delete BEFORE DELETE ON rows
BEGIN SELECT RAISE(ABORT, 'rows are evidence: append-only'); END;
CREATE TRIGGER messages_no_update BEFORE UPDATE ON messages
BEGIN SELECT RAISE(ABORT, 'messages are evidence: supersede a message instead of changing it'); END;
CREATE TRIGGER messages_no_delete BEFORE DELETE ON messages
BEGIN SELECT RAISE(ABORT, 'messages are evidence: supersede a message instead of deleting it'); END;
CREATE TRIGGER links_no_update BEFORE UPDATE ON links
BEGIN SELECT RAISE(ABORT, 'links are evidence: record a new state in link_history'); END;
CREATE TRIGGER link_history_no_update BEFORE UPDATE ON link_history
BEGIN SELECT RAISE(ABORT, 'link history is append-only'); END;
CREATE TRIGGER link_history_no_delete BEFORE DELETE ON link_history
BEGIN SELECT RAISE(ABORT, 'link history is append-only'); END;
CREATE TRIGGER marks_no_update BEFORE UPDATE ON marks
BEGIN SELECT RAISE(ABORT, 'marks are evidence: record a new state in mark_history'); END;
CREATE TRIGGER mark_history_no_update BEFORE UPDATE ON mark_history
BEGIN SELECT RAISE(ABORT, 'mark history is append-only'); END;
CREATE TRIGGER mark_history_no_delete BEFORE DELETE ON mark_history
BEGIN SELECT RAISE(ABORT, 'mark history is append-only'); END;
CREATE TRIGGER pseudonyms_no_update BEFORE UPDATE ON pseudonyms
BEGIN SELECT RAISE(ABORT, 'pseudonyms are fixed once given'); END;
CREATE TRIGGER pseudonyms_no_delete BEFORE DELETE ON pseudonyms
BEGIN SELECT RAISE(ABORT, 'pseudonyms are fixed once given'); END;
CREATE TRIGGER step_history_no_update BEFORE UPDATE ON step_history
BEGIN SELECT RAISE(ABORT, 'step history is append-only'); END;
CREATE TRIGGER step_history_no_delete BEFORE DELETE ON step_history
BEGIN SELECT RAISE(ABORT, 'step history is append-only'); END;
CREATE TRIGGER setting_history_no_update BEFORE UPDATE ON setting_history
BEGIN SELECT RAISE(ABORT, 'case details history is append-only'); END;
CREATE TRIGGER setting_history_no_delete BEFORE DELETE ON setting_history
BEGIN SELECT RAISE(ABORT, 'case details history is append-only'); END;
