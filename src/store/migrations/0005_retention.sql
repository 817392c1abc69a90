-- Deletion periods (Löschfristen): what stays of a case once its personal data is removed.

-- The birth year and whether the person was a minor when the case was received: enough for
-- the annual figures after the birth date itself is gone.
ALTER TABLE persons ADD COLUMN birth_year INTEGER;
ALTER TABLE persons ADD COLUMN minor_at_receipt INTEGER CHECK (minor_at_receipt IN (0, 1));
-- The day the case's personal data was removed.
ALTER TABLE cases ADD COLUMN anonymised_on TEXT;
