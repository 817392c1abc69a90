-- A recused member's own deputy may vote in the seat for that one item (where the
-- commission's majority rule allows it), and each decided item keeps the rule and the
-- arithmetic that were applied, in words, for the minutes and the audit history.
ALTER TABLE recusals ADD COLUMN stand_in_id INTEGER REFERENCES members(id);
ALTER TABLE agenda_items ADD COLUMN rule_applied TEXT;
