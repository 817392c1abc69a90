-- Copies of the session papers for the members.
--
-- 1. Bias a member declared before the session (Befangenheit, angezeigt vor der Sitzung):
--    that case is left out of the member's copy. Removed with its item.
CREATE TABLE advance_recusals (
    item_id      INTEGER NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
    member_id    INTEGER NOT NULL REFERENCES members(id),
    declared_on  TEXT NOT NULL,
    PRIMARY KEY (item_id, member_id)
);

-- 2. What sealing a copy for a member needs, derived once from the member's password when it
--    is set (PDF 2.0, revision 6): /U (hash, validation salt, key salt) and the hash of the
--    password under the key salt, which wraps each copy's fresh file key. Not the password.
CREATE TABLE copy_keys (
    member_id     INTEGER PRIMARY KEY REFERENCES members(id),
    user_value    BLOB NOT NULL CHECK (length(user_value) = 48),
    wrapping_key  BLOB NOT NULL CHECK (length(wrapping_key) = 32),
    set_at        TEXT NOT NULL,
    set_by        TEXT NOT NULL
);

-- 3. Every copy made: for whom, of which session, which cases it holds and which it leaves
--    out (JSON arrays of case numbers), and its return or destruction after the session.
CREATE TABLE member_copies (
    id          INTEGER PRIMARY KEY,
    session_id  INTEGER NOT NULL REFERENCES sessions(id),
    member_id   INTEGER NOT NULL REFERENCES members(id),
    made_at     TEXT NOT NULL,
    made_by     TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    cases       TEXT NOT NULL,
    left_out    TEXT NOT NULL,
    settled     TEXT CHECK (settled IN ('rueckgabe', 'vernichtung')),
    settled_on  TEXT,
    settled_by  TEXT,
    CHECK ((settled IS NULL) = (settled_on IS NULL))
);
CREATE INDEX member_copies_by_session ON member_copies (session_id, member_id);
