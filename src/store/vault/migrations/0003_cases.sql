-- Members and their organisations, foreigners' offices, cases with their persons, grounds,
-- admissibility, deadlines and workflow history, and the full-text index.
-- Dates are ISO 8601 text (YYYY-MM-DD); timestamps RFC 3339 UTC.

CREATE TABLE organisations (
    id          INTEGER PRIMARY KEY,
    created_at  TEXT NOT NULL
);

-- An organisation's names over time; a case shows the one valid on the day it came in.
CREATE TABLE organisation_names (
    id               INTEGER PRIMARY KEY,
    organisation_id  INTEGER NOT NULL REFERENCES organisations(id),
    name             TEXT NOT NULL,
    valid_from       TEXT NOT NULL,
    UNIQUE (organisation_id, valid_from)
);

CREATE TABLE members (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('mitglied', 'stellvertretung',
                                                   'integrationsbeauftragte', 'leitung_geschaeftsstelle')),
    organisation_id  INTEGER REFERENCES organisations(id),
    deputy_of        INTEGER REFERENCES members(id),
    term_from        TEXT,
    term_to          TEXT,
    created_at       TEXT NOT NULL
);

CREATE TABLE foreigners_offices (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,
    active  INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE cases (
    id               INTEGER PRIMARY KEY,
    number           TEXT NOT NULL UNIQUE,
    year             INTEGER NOT NULL,
    seq              INTEGER NOT NULL,
    status           TEXT NOT NULL,
    received_on      TEXT NOT NULL,
    brought_by       INTEGER NOT NULL REFERENCES members(id),
    brought_in_on    TEXT NOT NULL,
    office_id        INTEGER REFERENCES foreigners_offices(id),
    counsel          TEXT,
    consent_on_file  INTEGER NOT NULL CHECK (consent_on_file IN (0, 1)),
    consent_date     TEXT,
    life_story       TEXT,
    notes            TEXT,
    abh_requested_on TEXT,
    abh_received_on  TEXT,
    abh_content      TEXT,
    -- The main person's name for the list, and its transliterated lower-case sort key.
    display_name     TEXT NOT NULL DEFAULT '',
    sort_name        TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    UNIQUE (year, seq)
);
CREATE INDEX cases_by_status ON cases (status, year, seq);
CREATE INDEX cases_by_member ON cases (brought_by, year, seq);
CREATE INDEX cases_by_office ON cases (office_id, year, seq);
CREATE INDEX cases_by_received ON cases (received_on);
CREATE INDEX cases_by_name ON cases (sort_name);

CREATE TABLE persons (
    id                     INTEGER PRIMARY KEY,
    case_id                INTEGER NOT NULL REFERENCES cases(id),
    position               INTEGER NOT NULL,
    family_role            TEXT NOT NULL,
    family_name            TEXT NOT NULL,
    given_names            TEXT NOT NULL,
    birth_date             TEXT,
    birth_place            TEXT,
    sex                    TEXT NOT NULL,
    nationality            TEXT NOT NULL,
    entry_date             TEXT,
    residence_status       TEXT,
    residence_issued_on    TEXT,
    residence_valid_until  TEXT,
    asylum_history         TEXT
);
CREATE INDEX persons_by_case ON persons (case_id, position);
CREATE INDEX persons_by_nationality ON persons (nationality, case_id);
CREATE INDEX persons_by_valid_until ON persons (residence_valid_until);

CREATE TABLE case_grounds (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases(id),
    kind         TEXT NOT NULL CHECK (kind IN ('haertegrund', 'negativfaktor')),
    code         TEXT NOT NULL,
    description  TEXT NOT NULL,
    evidence     TEXT
);
CREATE INDEX case_grounds_by_case ON case_grounds (case_id);

-- The admissibility checklist of this file; Brandenburg's by default, replaceable.
CREATE TABLE admissibility_criteria (
    code      TEXT PRIMARY KEY,
    label     TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('zwingend', 'regel')),
    position  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE admissibility_decisions (
    case_id       INTEGER PRIMARY KEY REFERENCES cases(id),
    result        TEXT NOT NULL CHECK (result IN ('angenommen', 'nicht_angenommen')),
    ground_code   TEXT,
    ground_label  TEXT,
    reasoning     TEXT,
    decided_on    TEXT NOT NULL,
    -- The answered checklist as JSON, with each entry's text as it read on the day.
    checks        TEXT NOT NULL
);

CREATE TABLE deadlines (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    due_on      TEXT NOT NULL,
    what        TEXT NOT NULL,
    done_on     TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX deadlines_open ON deadlines (done_on, due_on);
CREATE INDEX deadlines_by_case ON deadlines (case_id);

CREATE TABLE case_transitions (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases(id),
    from_status  TEXT,
    to_status    TEXT NOT NULL,
    on_date      TEXT NOT NULL,
    reason       TEXT,
    user_id      INTEGER NOT NULL REFERENCES users(id),
    username     TEXT NOT NULL,
    at           TEXT NOT NULL
);
CREATE INDEX case_transitions_by_case ON case_transitions (case_id, id);

-- Contentless: the index keeps no copy of the text, and secure-delete removes a case's
-- terms when it is reindexed or its personal data is deleted.
CREATE VIRTUAL TABLE case_search USING fts5 (
    number, names, places, body,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
INSERT INTO case_search (case_search, rank) VALUES ('secure-delete', 1);

-- Brandenburg: the eight proposing bodies, with the name history the domain knows.
INSERT INTO organisations (id, created_at) VALUES
    (1, '2005-01-01T00:00:00Z'), (2, '2005-01-01T00:00:00Z'), (3, '2005-01-01T00:00:00Z'),
    (4, '2005-01-01T00:00:00Z'), (5, '2005-01-01T00:00:00Z'), (6, '2005-01-01T00:00:00Z'),
    (7, '2005-01-01T00:00:00Z'), (8, '2005-01-01T00:00:00Z');
INSERT INTO organisation_names (organisation_id, name, valid_from) VALUES
    (1, 'Evangelische Kirche Berlin-Brandenburg-schlesische Oberlausitz', '2005-01-01'),
    (2, 'Katholische Kirche (Erzbistum Berlin)', '2005-01-01'),
    (3, 'Flüchtlingsrat Brandenburg', '2005-01-01'),
    (4, 'LIGA der Spitzenverbände der Freien Wohlfahrtspflege im Land Brandenburg', '2005-01-01'),
    (5, 'Städte- und Gemeindebund Brandenburg', '2005-01-01'),
    (6, 'Landkreistag Brandenburg', '2005-01-01'),
    (7, 'Ministerium für Arbeit, Soziales, Gesundheit, Frauen und Familie (MASGF)', '2005-01-01'),
    (7, 'Ministerium für Soziales, Gesundheit, Integration und Verbraucherschutz (MSGIV)', '2019-11-20'),
    (8, 'Ministerium des Innern (MI)', '2005-01-01'),
    (8, 'Ministerium des Innern und für Kommunales (MIK)', '2014-11-05');

-- The two members by office; their names are to be filled in.
INSERT INTO members (name, kind, organisation_id, created_at) VALUES
    ('Integrationsbeauftragte des Landes Brandenburg', 'integrationsbeauftragte', NULL, '2005-01-01T00:00:00Z'),
    ('Leitung der Geschäftsstelle', 'leitung_geschaeftsstelle', 8, '2005-01-01T00:00:00Z');

-- Brandenburg's 18 foreigners' offices: 14 districts and 4 district-free cities.
INSERT INTO foreigners_offices (name) VALUES
    ('Landkreis Barnim'), ('Landkreis Dahme-Spreewald'), ('Landkreis Elbe-Elster'),
    ('Landkreis Havelland'), ('Landkreis Märkisch-Oderland'), ('Landkreis Oberhavel'),
    ('Landkreis Oberspreewald-Lausitz'), ('Landkreis Oder-Spree'),
    ('Landkreis Ostprignitz-Ruppin'), ('Landkreis Potsdam-Mittelmark'), ('Landkreis Prignitz'),
    ('Landkreis Spree-Neiße'), ('Landkreis Teltow-Fläming'), ('Landkreis Uckermark'),
    ('Stadt Brandenburg an der Havel'), ('Stadt Cottbus'), ('Stadt Frankfurt (Oder)'),
    ('Landeshauptstadt Potsdam');

-- Brandenburg's admissibility checklist (after the domain notes; replaceable as data).
INSERT INTO admissibility_criteria (code, label, kind, position) VALUES
    ('nicht_ausreisepflichtig', 'Die Person ist nicht vollziehbar ausreisepflichtig', 'zwingend', 1),
    ('verfahren_anhaengig', 'Ein Asyl- oder aufenthaltsrechtliches Verfahren ist noch anhängig', 'zwingend', 2),
    ('rueckfuehrungstermin', 'Ein Rückführungstermin steht konkret fest', 'zwingend', 3),
    ('abschiebungsanordnung_58a', 'Abschiebungsanordnung nach § 58a AufenthG', 'zwingend', 4),
    ('wiederholung_ohne_neue_tatsachen', 'Wiederholter Antrag ohne neue Tatsachen', 'zwingend', 5),
    ('aufenthalt_unbekannt', 'Der Aufenthaltsort ist unbekannt', 'regel', 6),
    ('straftaten', 'Straftaten von erheblichem Gewicht', 'regel', 7),
    ('anderer_rechtsweg', 'Ein anderer rechtlicher Weg zu einem Aufenthaltstitel steht offen', 'regel', 8);
