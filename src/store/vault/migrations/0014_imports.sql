-- Old lists taken over (Übernahme alter Listen): each import with its source file's name,
-- SHA-256 and counts; the cases it created keep their earlier number and the import they
-- came with; a deliberation the list records for them is kept beside the sessions of this
-- file (day and outcome, no personal data), so that the statistics count it.
CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    row_count   INTEGER NOT NULL,
    case_count  INTEGER NOT NULL,
    username    TEXT NOT NULL,
    at          TEXT NOT NULL
);
CREATE INDEX imports_by_sha256 ON imports (sha256);

ALTER TABLE cases ADD COLUMN previous_number TEXT;
-- The import (imports.id) a case came with; no REFERENCES, so that the column can be dropped.
ALTER TABLE cases ADD COLUMN import_id INTEGER;

CREATE TABLE imported_hearings (
    id       INTEGER PRIMARY KEY,
    case_id  INTEGER NOT NULL REFERENCES cases(id),
    held_on  TEXT NOT NULL,
    outcome  TEXT NOT NULL CHECK (outcome IN ('ersuchen', 'kein_ersuchen', 'vertagt'))
);
CREATE INDEX imported_hearings_by_case ON imported_hearings (case_id);

-- The column mapping last used, for the next list of the same shape (JSON).
CREATE TABLE import_mapping (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    mapping  TEXT NOT NULL
);
