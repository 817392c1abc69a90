-- Files written before every connection overwrote freed pages (secure_delete) may hold old
-- text in free pages. The next unlock rebuilds the file once (VACUUM) and removes this mark.
INSERT INTO settings (key, value) VALUES ('rebuild_pending', '1')
    ON CONFLICT (key) DO UPDATE SET value = excluded.value;
