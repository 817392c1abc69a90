-- The advisory members (Integrationsbeauftragte, Leitung der Geschäftsstelle) present at a
-- session, recorded with the voting seats' attendance, for the minutes. One row per member
-- present; no row means absent (or, before the attendance is recorded, not known).
CREATE TABLE advisory_attendance (
    session_id INTEGER NOT NULL REFERENCES sessions(id),
    member_id  INTEGER NOT NULL REFERENCES members(id),
    PRIMARY KEY (session_id, member_id)
) WITHOUT ROWID;
