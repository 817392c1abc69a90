-- A person's name in its original script (Cyrillic, Arabic, Georgian …), beside the name
-- as written in German documents.
ALTER TABLE persons ADD COLUMN original_name TEXT;

-- The spelling-independent keys of every name of a case's persons (see
-- domain::search_text::sound_key), so that "Dudayev" finds "Dudaev" and "Дудаев".
-- Contentless with secure-delete, like case_search.
CREATE VIRTUAL TABLE name_sounds USING fts5 (
    sounds,
    content = '', contentless_delete = 1,
    tokenize = 'ascii',
    prefix = '2 3'
);
INSERT INTO name_sounds (name_sounds, rank) VALUES ('secure-delete', 1);
INSERT INTO name_sounds (rowid, sounds)
    SELECT case_id, hfk_name_sounds(group_concat(family_name || ' ' || given_names, ' '))
    FROM persons GROUP BY case_id;

-- The case list now orders names with the German collation (DIN 5007-1), which needs the
-- name as written, not the transliterated lower-case key stored so far.
UPDATE cases SET sort_name = display_name;
