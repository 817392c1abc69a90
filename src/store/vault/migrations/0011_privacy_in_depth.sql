-- Privacy in depth.
--
-- 1. The changed fields of an audit row are digested with a random salt kept beside them
--    and erased with them, so that a guess of erased fields cannot be confirmed against the
--    digest that stays. Rows written before this version have no salt (NULL).
ALTER TABLE audit_payload ADD COLUMN salt TEXT;

-- 2. A password an administrator set (a new account, a reset) must be replaced by its
--    owner at the next unlock.
ALTER TABLE users ADD COLUMN password_change_due INTEGER NOT NULL DEFAULT 0;

-- 3. What the statistics keep of deleted cases, apart from any case: per year of the case
--    number, how often each humanitarian ground, each negative factor and each ground of
--    inadmissibility occurred.
CREATE TABLE retained_counts (
    year      INTEGER NOT NULL,
    category  TEXT NOT NULL CHECK (category IN ('haertegrund', 'negativfaktor', 'unzulaessig')),
    code      TEXT NOT NULL,
    count     INTEGER NOT NULL CHECK (count > 0),
    PRIMARY KEY (year, category, code)
);

-- Cases deleted before this version kept their grounds' kinds, the ground of
-- inadmissibility, recusals and each seat's vote tied to the case: counted apart, then removed.
INSERT INTO retained_counts (year, category, code, count)
    SELECT c.year, g.kind, g.code, COUNT(*)
    FROM case_grounds g JOIN cases c ON c.id = g.case_id
    WHERE c.anonymised_on IS NOT NULL
    GROUP BY c.year, g.kind, g.code;
INSERT INTO retained_counts (year, category, code, count)
    SELECT c.year, 'unzulaessig', a.ground_code, COUNT(*)
    FROM admissibility_decisions a JOIN cases c ON c.id = a.case_id
    WHERE c.anonymised_on IS NOT NULL AND a.ground_code IS NOT NULL
    GROUP BY c.year, a.ground_code;
DELETE FROM case_grounds
    WHERE case_id IN (SELECT id FROM cases WHERE anonymised_on IS NOT NULL);
UPDATE admissibility_decisions SET ground_code = NULL, ground_label = NULL
    WHERE case_id IN (SELECT id FROM cases WHERE anonymised_on IS NOT NULL);
DELETE FROM recusals WHERE item_id IN (
    SELECT i.id FROM agenda_items i JOIN cases c ON c.id = i.case_id
    WHERE c.anonymised_on IS NOT NULL);
DELETE FROM votes WHERE item_id IN (
    SELECT i.id FROM agenda_items i JOIN cases c ON c.id = i.case_id
    WHERE c.anonymised_on IS NOT NULL);
UPDATE agenda_items SET rule_applied = NULL
    WHERE case_id IN (SELECT id FROM cases WHERE anonymised_on IS NOT NULL);
