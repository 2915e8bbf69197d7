-- The complaint workflow: dates a person sets. Due dates are derived in
-- Go (casefile/steps.go), never stored.
CREATE TABLE steps (
    id   TEXT PRIMARY KEY,
    date TEXT NOT NULL,
    ref  TEXT NOT NULL DEFAULT ''
);
