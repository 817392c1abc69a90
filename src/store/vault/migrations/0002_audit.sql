-- The audit chain. Each row hashes the one before it. The changed fields live in a separate
-- table and enter the chain only as a digest, so a deletion period can erase them later
-- without breaking verification.
CREATE TABLE audit_log (
    id              INTEGER PRIMARY KEY,
    at              TEXT NOT NULL,
    user_id         INTEGER,
    username        TEXT NOT NULL,
    entity          TEXT NOT NULL,
    entity_id       TEXT,
    action          TEXT NOT NULL,
    payload_digest  TEXT NOT NULL,
    prev_hash       TEXT NOT NULL,
    row_hash        TEXT NOT NULL
);

CREATE TABLE audit_payload (
    audit_id  INTEGER PRIMARY KEY REFERENCES audit_log (id),
    fields    TEXT
);
