-- Sessions: the agenda, attendance, votes and outcomes; the request to the ministry and its
-- decision on the case.

CREATE TABLE sessions (
    id                   INTEGER PRIMARY KEY,
    year                 INTEGER NOT NULL,
    seq                  INTEGER NOT NULL,
    held_on              TEXT NOT NULL,
    start_time           TEXT NOT NULL,
    place                TEXT NOT NULL,
    status               TEXT NOT NULL CHECK (status IN ('geplant', 'einberufen', 'durchgefuehrt',
                                                         'niederschrift_genehmigt')),
    convened_on          TEXT,
    held_at              TEXT,
    minutes_approved_on  TEXT,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    UNIQUE (year, seq)
);
CREATE INDEX sessions_by_day ON sessions (held_on);

CREATE TABLE agenda_items (
    id             INTEGER PRIMARY KEY,
    session_id     INTEGER NOT NULL REFERENCES sessions(id),
    position       INTEGER NOT NULL,
    -- Given when the session is called; NULL before, and for items added later (Tischvorlage).
    number         INTEGER,
    kind           TEXT NOT NULL CHECK (kind IN ('fall', 'frei')),
    case_id        INTEGER REFERENCES cases(id),
    title          TEXT,
    rapporteur_id  INTEGER REFERENCES members(id),
    outcome        TEXT CHECK (outcome IN ('ersuchen', 'kein_ersuchen', 'vertagt',
                                           'zurueckgenommen', 'erledigt')),
    reasons        TEXT,
    yes            INTEGER,
    no             INTEGER,
    abstain        INTEGER,
    needed         INTEGER,
    decided_at     TEXT,
    CHECK ((kind = 'fall') = (case_id IS NOT NULL)),
    UNIQUE (session_id, case_id)
);
CREATE INDEX agenda_items_by_session ON agenda_items (session_id, position);
CREATE INDEX agenda_items_by_case ON agenda_items (case_id);

CREATE TABLE attendance (
    session_id  INTEGER NOT NULL REFERENCES sessions(id),
    member_id   INTEGER NOT NULL REFERENCES members(id),
    attendance  TEXT NOT NULL CHECK (attendance IN ('anwesend', 'vertreten', 'abwesend')),
    deputy_id   INTEGER REFERENCES members(id),
    PRIMARY KEY (session_id, member_id)
);

CREATE TABLE recusals (
    item_id    INTEGER NOT NULL REFERENCES agenda_items(id),
    member_id  INTEGER NOT NULL REFERENCES members(id),
    PRIMARY KEY (item_id, member_id)
);

-- One vote per seat and item; the key refuses a second.
CREATE TABLE votes (
    item_id    INTEGER NOT NULL REFERENCES agenda_items(id),
    member_id  INTEGER NOT NULL REFERENCES members(id),
    vote       TEXT NOT NULL CHECK (vote IN ('ja', 'nein', 'enthaltung')),
    PRIMARY KEY (item_id, member_id)
);

ALTER TABLE cases ADD COLUMN request_sent_on TEXT;
ALTER TABLE cases ADD COLUMN decision TEXT CHECK (decision IN ('anordnung', 'ablehnung'));
ALTER TABLE cases ADD COLUMN decided_on TEXT;
-- JSON array of the conditions (Maßgaben) of an order.
ALTER TABLE cases ADD COLUMN decision_conditions TEXT;
ALTER TABLE cases ADD COLUMN decision_reasons TEXT;

ALTER TABLE persons ADD COLUMN permit_issued_on TEXT;
