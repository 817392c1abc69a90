-- Anlagen: the documents of a case, inside the encrypted file. The description in one table,
-- the bytes in another (read with incremental blob I/O), so that listing a case's documents
-- never reads their pages. A replaced version keeps its row and bytes (replaced_by); a
-- removed one keeps its row with the reason, its bytes go (secure_delete zeroes the pages).
-- person_id has no REFERENCES: a person removed later leaves the document to the case.
CREATE TABLE attachments (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases(id),
    kind          TEXT NOT NULL CHECK (kind IN ('antrag', 'einverstaendniserklaerung', 'nachweis',
                      'aerztliche_stellungnahme', 'stellungnahme_abh', 'schreiben', 'sonstiges')),
    title         TEXT NOT NULL,
    file_name     TEXT NOT NULL,
    media_type    TEXT NOT NULL CHECK (media_type IN ('pdf', 'jpeg', 'png', 'tiff')),
    received_on   TEXT NOT NULL,
    person_id     INTEGER,
    for_session   INTEGER NOT NULL DEFAULT 0 CHECK (for_session IN (0, 1)),
    bytes         INTEGER NOT NULL CHECK (bytes > 0),
    sha256        TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    -- The version this one replaced, and the one that replaced it.
    replaces      INTEGER,
    replaced_by   INTEGER,
    added_by      TEXT NOT NULL,
    added_at      TEXT NOT NULL,
    removed_on    TEXT,
    removed_by    TEXT,
    removal_reason TEXT
);
CREATE INDEX attachments_by_case ON attachments (case_id);
CREATE INDEX attachments_by_sha256 ON attachments (case_id, sha256);

CREATE TABLE attachment_content (
    attachment_id INTEGER PRIMARY KEY REFERENCES attachments(id),
    content       BLOB NOT NULL
);

-- The grounds a document proves (its evidence). No REFERENCES to case_grounds: a ground removed
-- later leaves the document, and the link is read through a join with the grounds there are.
CREATE TABLE attachment_grounds (
    attachment_id INTEGER NOT NULL REFERENCES attachments(id),
    ground_id     INTEGER NOT NULL,
    PRIMARY KEY (attachment_id, ground_id)
) WITHOUT ROWID;
