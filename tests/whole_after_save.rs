//! The case file is whole after every acknowledged save: a copy of the database file and its
//! slot file, made right after a save while the file is still open (as a user copies files,
//! without the `-wal` log), opens and holds that save.

mod common;

use hfk_akte::domain::case::CaseDraft;
use hfk_akte::store::{CaseFile, FilePaths, InstanceLock};

const ADMIN: &str = "Đorđe Ćosić";
const PASSWORD: &str = "Kiefernwald-Uckermark-Fähre-42";

#[test]
fn a_copy_made_right_after_each_save_holds_that_save() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths.clone()).unwrap();
    let mut file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    let member = file.member_register().unwrap().members[0].id;
    let received = common::fixed_today().format("%d.%m.%Y").to_string();
    let copy = FilePaths::for_database(dir.path().join("kopie").join("akte.hfk"));
    std::fs::create_dir_all(copy.folder()).unwrap();

    for n in 1..=25u32 {
        let id = file
            .create_case(&CaseDraft {
                received_on: received.clone(),
                brought_by: Some(member),
                brought_in_on: received.clone(),
                office_id: None,
                counsel: String::new(),
                consent_on_file: false,
                consent_date: String::new(),
                life_story: format!("Lebensgeschichte Nummer {n}"),
                notes: String::new(),
            })
            .unwrap()
            .id;
        // The window stays open; the user copies the two files, not the log.
        for (from, to) in [
            (&paths.database, &copy.database),
            (&paths.key_slots, &copy.key_slots),
        ] {
            std::fs::copy(from, to).unwrap();
        }
        assert!(!copy.database.with_extension("hfk-wal").exists());
        let conn = common::raw_connection(&copy, ADMIN, PASSWORD);
        let story: String = conn
            .query_row("SELECT life_story FROM cases WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(story, format!("Lebensgeschichte Nummer {n}"));
        drop(conn);
        for stale in FilePaths::wal_companions(&copy.database) {
            let _ = std::fs::remove_file(stale);
        }
    }
    // The copy is a whole file for the program too: it unlocks and its chain holds.
    drop(file);
    let copy_lock = InstanceLock::acquire(copy.clone()).unwrap();
    let copied = CaseFile::unlock(&copy_lock, ADMIN, PASSWORD).unwrap();
    assert_eq!(copied.verify_audit_chain().unwrap().first_broken, None);
    copied.page_check().run().unwrap();
}
