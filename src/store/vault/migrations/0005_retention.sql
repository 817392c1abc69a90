-- Deletion periods (Löschfristen): what stays of a case once its personal data is removed;
-- and late agenda items with their own number.

-- The birth year and whether the person was a minor when the case was received: enough for
-- the annual figures after the birth date itself is gone.
ALTER TABLE persons ADD COLUMN birth_year INTEGER;
ALTER TABLE persons ADD COLUMN minor_at_receipt INTEGER CHECK (minor_at_receipt IN (0, 1));
-- The day the case's personal data was removed.
ALTER TABLE cases ADD COLUMN anonymised_on TEXT;

-- An item added after the invitation (Tischvorlage) keeps the number it was given then.
ALTER TABLE agenda_items ADD COLUMN late INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1));
