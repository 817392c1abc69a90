-- Schriftverkehr: postal addresses for the letters, the secretariat's own wording of each
-- kind of letter, and every letter written, kept as sent.

-- One entry per line, as the address field of a window envelope shows it.
ALTER TABLE members ADD COLUMN postal_address TEXT;
ALTER TABLE foreigners_offices ADD COLUMN postal_address TEXT;
ALTER TABLE cases ADD COLUMN counsel_address TEXT;

-- A row only once the secretariat adapted a kind's wording; the program's own text else.
CREATE TABLE letter_templates (
    kind       TEXT PRIMARY KEY,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    changed_at TEXT NOT NULL
);

-- The PDF as it went out: never laid out again, so that a later template change leaves it
-- as it was.
CREATE TABLE letters (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER REFERENCES cases(id),
    session_id  INTEGER REFERENCES sessions(id),
    kind        TEXT NOT NULL,
    addressee   TEXT NOT NULL,
    recipient   TEXT NOT NULL,
    subject     TEXT NOT NULL,
    written_on  TEXT NOT NULL,
    pdf         BLOB NOT NULL,
    sha256      TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    -- The cases a session letter names (JSON array of ids): the deletion run removes the
    -- letter with any of them.
    named_cases TEXT NOT NULL DEFAULT '[]',
    CHECK (case_id IS NOT NULL OR session_id IS NOT NULL)
);
CREATE INDEX letters_by_case ON letters (case_id, id);
CREATE INDEX letters_by_session ON letters (session_id, id);

-- Brandenburg's offices start with postal addresses gathered from public sources (the
-- districts' and cities' own pages where found, else the seat of the district or city
-- administration, which forwards). They are editable and to be checked before the first
-- letter goes out. Spree-Neiße has no office of its own: Cottbus acts for it.
UPDATE foreigners_offices SET postal_address = 'Landkreis Barnim' || char(10) || 'Der Landrat' || char(10) || 'Ausländerbehörde' || char(10) || 'Am Markt 1' || char(10) || '16225 Eberswalde'
    WHERE name = 'Landkreis Barnim';
UPDATE foreigners_offices SET postal_address = 'Landkreis Dahme-Spreewald' || char(10) || 'Der Landrat' || char(10) || 'Ausländerbehörde' || char(10) || 'Schulweg 13' || char(10) || '15711 Königs Wusterhausen'
    WHERE name = 'Landkreis Dahme-Spreewald';
UPDATE foreigners_offices SET postal_address = 'Landkreis Elbe-Elster' || char(10) || 'Der Landrat' || char(10) || 'Ausländerbehörde' || char(10) || 'An der Lanfter 5' || char(10) || '04916 Herzberg (Elster)'
    WHERE name = 'Landkreis Elbe-Elster';
UPDATE foreigners_offices SET postal_address = 'Landkreis Havelland' || char(10) || 'Der Landrat' || char(10) || 'Amt für Ausländerangelegenheiten' || char(10) || 'Geschwister-Scholl-Straße 7' || char(10) || '14712 Rathenow'
    WHERE name = 'Landkreis Havelland';
UPDATE foreigners_offices SET postal_address = 'Landkreis Märkisch-Oderland' || char(10) || 'Der Landrat' || char(10) || 'Ausländerbehörde' || char(10) || 'Puschkinplatz 12' || char(10) || '15306 Seelow'
    WHERE name = 'Landkreis Märkisch-Oderland';
UPDATE foreigners_offices SET postal_address = 'Landkreis Oberhavel' || char(10) || 'Der Landrat' || char(10) || 'Servicepunkt Migration (Ausländerbehörde)' || char(10) || 'Mittelstraße 16' || char(10) || '16515 Oranienburg'
    WHERE name = 'Landkreis Oberhavel';
UPDATE foreigners_offices SET postal_address = 'Landkreis Oberspreewald-Lausitz' || char(10) || 'Der Landrat' || char(10) || 'Ausländerbehörde' || char(10) || 'Dubinaweg 1' || char(10) || '01968 Senftenberg'
    WHERE name = 'Landkreis Oberspreewald-Lausitz';
UPDATE foreigners_offices SET postal_address = 'Landkreis Oder-Spree' || char(10) || 'Der Landrat' || char(10) || 'Amt für Ausländerangelegenheiten und Integration' || char(10) || 'Liebknechtstraße 13' || char(10) || '15848 Beeskow'
    WHERE name = 'Landkreis Oder-Spree';
UPDATE foreigners_offices SET postal_address = 'Landkreis Ostprignitz-Ruppin' || char(10) || 'Der Landrat' || char(10) || 'Ausländerbehörde' || char(10) || 'Postfach 1354' || char(10) || '16802 Neuruppin'
    WHERE name = 'Landkreis Ostprignitz-Ruppin';
UPDATE foreigners_offices SET postal_address = 'Landkreis Potsdam-Mittelmark' || char(10) || 'Fachdienst Ausländerbehörde' || char(10) || 'Postfach 1138' || char(10) || '14801 Bad Belzig'
    WHERE name = 'Landkreis Potsdam-Mittelmark';
UPDATE foreigners_offices SET postal_address = 'Landkreis Prignitz' || char(10) || 'Der Landrat' || char(10) || 'Ausländerbehörde' || char(10) || 'Berliner Straße 49' || char(10) || '19348 Perleberg'
    WHERE name = 'Landkreis Prignitz';
UPDATE foreigners_offices SET postal_address = 'Stadt Cottbus/Chóśebuz' || char(10) || 'Ausländerbehörde (zuständig für den Landkreis Spree-Neiße)' || char(10) || 'Neumarkt 5' || char(10) || '03046 Cottbus'
    WHERE name = 'Landkreis Spree-Neiße';
UPDATE foreigners_offices SET postal_address = 'Landkreis Teltow-Fläming' || char(10) || 'Die Landrätin' || char(10) || 'Ausländerbehörde' || char(10) || 'Am Nuthefließ 2' || char(10) || '14943 Luckenwalde'
    WHERE name = 'Landkreis Teltow-Fläming';
UPDATE foreigners_offices SET postal_address = 'Landkreis Uckermark' || char(10) || 'Die Landrätin' || char(10) || 'Ausländerbehörde' || char(10) || 'Karl-Marx-Straße 1' || char(10) || '17291 Prenzlau'
    WHERE name = 'Landkreis Uckermark';
UPDATE foreigners_offices SET postal_address = 'Stadt Brandenburg an der Havel' || char(10) || 'Der Oberbürgermeister' || char(10) || 'Ausländerbehörde' || char(10) || 'Altstädtischer Markt 10' || char(10) || '14770 Brandenburg an der Havel'
    WHERE name = 'Stadt Brandenburg an der Havel';
UPDATE foreigners_offices SET postal_address = 'Stadt Cottbus/Chóśebuz' || char(10) || 'Der Oberbürgermeister' || char(10) || 'Ausländerbehörde' || char(10) || 'Neumarkt 5' || char(10) || '03046 Cottbus'
    WHERE name = 'Stadt Cottbus';
UPDATE foreigners_offices SET postal_address = 'Stadt Frankfurt (Oder)' || char(10) || 'Der Oberbürgermeister' || char(10) || 'Ausländerbehörde' || char(10) || 'Logenstraße 7' || char(10) || '15230 Frankfurt (Oder)'
    WHERE name = 'Stadt Frankfurt (Oder)';
UPDATE foreigners_offices SET postal_address = 'Landeshauptstadt Potsdam' || char(10) || 'Der Oberbürgermeister' || char(10) || 'Migrationsamt' || char(10) || 'Helene-Lange-Straße 6/7' || char(10) || '14469 Potsdam'
    WHERE name = 'Landeshauptstadt Potsdam';
