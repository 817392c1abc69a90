-- The file itself, its users and its settings.
CREATE TABLE file_meta (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    file_id     TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL,
    username_key  TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL CHECK (role IN ('verwaltung', 'geschaeftsstelle', 'lesend')),
    created_at    TEXT NOT NULL,
    removed_at    TEXT
);

CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;
