//! Deleted means deleted, checked from outside: the file decrypted page by page with the data
//! key, free pages included (see also the deletion run in tests/retention.rs).

mod common;

use hfk_akte::store::InstanceLock;

const ADMIN: &str = "Şükrü Güneş";
const PASSWORD: &str = "Kiefernwald-Uckermark-Fähre-42";

#[test]
fn a_file_from_before_secure_delete_is_rebuilt_once_and_keeps_no_old_text() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    // As an older program wrote files: freed pages kept their content.
    let raw = common::raw_connection(&paths, ADMIN, PASSWORD);
    let marker = "Gelöschte-Lebensgeschichte-Zenica ".repeat(300);
    raw.execute_batch("PRAGMA secure_delete = OFF;").unwrap();
    raw.execute(
        "INSERT INTO settings (key, value) VALUES ('altlast', ?1)",
        [&marker],
    )
    .unwrap();
    raw.execute("DELETE FROM settings WHERE key = 'altlast'", [])
        .unwrap();
    // Written by the version before the rebuild migration.
    raw.execute_batch(common::BEFORE_SIGNED_AUDIT).unwrap();
    raw.execute_batch("PRAGMA user_version = 8;").unwrap();
    raw.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    drop(raw);
    let key = common::data_key(&paths, ADMIN, PASSWORD);
    assert!(
        !common::pages::pages_holding(&paths.database, &key, "Lebensgeschichte-Zenica").is_empty(),
        "the old text must lie in a free page first, or the test proves nothing"
    );

    // The first unlock by this program upgrades the file, rebuilds it and drops the mark.
    let lock = InstanceLock::acquire(paths.clone()).unwrap();
    let file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    drop(file);
    let left = common::pages::pages_holding(&paths.database, &key, "Lebensgeschichte-Zenica");
    assert!(
        left.is_empty(),
        "still in page(s) {left:?} of {} bytes",
        std::fs::metadata(&paths.database).unwrap().len()
    );
    let pending: i64 = common::raw_connection(&paths, ADMIN, PASSWORD)
        .query_row(
            "SELECT count(*) FROM settings WHERE key = 'rebuild_pending'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(pending, 0, "rebuilt once, not at every unlock");
}
