//! The chain head kept outside the database: rows cut off the end of the history, or a copy
//! of the database older than its key file, are found at unlock and said in plain German,
//! and they stay said; the command-line check finds them too.

mod common;

use common::command_line::{hfk, text};
use hfk_akte::store::{CaseFile, InstanceLock};

const ADMIN: &str = "Andrea-Maria Petrlić-Woelke";
const PASSWORD: &str = "Kiefernwald-Uckermark-Fähre-42";

#[test]
fn rows_cut_off_the_end_are_found_at_unlock_and_stay_reported() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths.clone()).unwrap();
    let mut file = CaseFile::unlock(&lock, ADMIN, PASSWORD).unwrap();
    for minutes in [15, 20, 25] {
        file.set_idle_lock_minutes(minutes).unwrap();
    }
    assert!(file.chain_gap().is_none());
    assert!(file.verify_audit_chain().unwrap().first_broken.is_none());
    drop(file);

    // Someone with the data key removes the three newest rows: a valid, shorter chain.
    let raw = common::raw_connection(&paths, ADMIN, PASSWORD);
    raw.execute_batch(
        "DELETE FROM audit_payload WHERE audit_id > (SELECT max(id) - 3 FROM audit_log);
         DELETE FROM audit_log WHERE id > (SELECT max(id) - 3 FROM audit_log);",
    )
    .unwrap();
    drop(raw);

    let out = hfk(
        &[
            "pruefen",
            paths.database.to_str().unwrap(),
            "--benutzer",
            ADMIN,
        ],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(
        text(&out.stdout).contains("die letzten 3 fehlen"),
        "{}",
        text(&out.stdout)
    );

    let mut file = CaseFile::unlock(&lock, ADMIN, PASSWORD).unwrap();
    let said = file.chain_gap().unwrap().message();
    assert!(
        said.starts_with("Die letzten 3 Änderungen fehlen in der Akte"),
        "{said}"
    );
    assert!(said.contains("Sicherung wieder her"), "{said}");
    // Work goes on, and the finding is not overwritten by the new head.
    file.set_idle_lock_minutes(30).unwrap();
    drop(file);
    let file = CaseFile::unlock(&lock, ADMIN, PASSWORD).unwrap();
    assert_eq!(file.chain_gap().unwrap().message(), said);
}

#[test]
fn an_older_copy_of_the_database_beside_a_newer_key_file_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths.clone()).unwrap();
    let mut file = CaseFile::unlock(&lock, ADMIN, PASSWORD).unwrap();
    file.set_idle_lock_minutes(15).unwrap();
    let older = std::fs::read(&paths.database).unwrap();
    file.set_idle_lock_minutes(20).unwrap();
    drop(file);
    // As a lost log or a stale copy leaves it: the file without its newest commits.
    std::fs::write(&paths.database, older).unwrap();

    let file = CaseFile::unlock(&lock, ADMIN, PASSWORD).unwrap();
    let said = file.chain_gap().expect("the loss is said").message();
    assert!(
        said.starts_with("Die letzte Änderung fehlt in der Akte"),
        "{said}"
    );
    assert_eq!(file.idle_lock_minutes().unwrap(), 15);
}

/// Bytes flipped in the log of a file with recent commits: the log is already in the file
/// after every commit, so nothing acknowledged is lost, and the copy says nothing is missing.
#[test]
fn a_damaged_log_beside_the_file_loses_no_acknowledged_save() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths.clone()).unwrap();
    let mut file = CaseFile::unlock(&lock, ADMIN, PASSWORD).unwrap();
    for minutes in [15, 20, 25, 30] {
        file.set_idle_lock_minutes(minutes).unwrap();
    }
    // A copy of the three parts taken while the window is open, right after the save.
    let copy = hfk_akte::store::FilePaths::for_database(dir.path().join("kopie.hfk"));
    std::fs::copy(&paths.database, &copy.database).unwrap();
    std::fs::copy(&paths.key_slots, &copy.key_slots).unwrap();
    let [wal, _] = hfk_akte::store::FilePaths::wal_companions(&paths.database);
    let [copy_wal, _] = hfk_akte::store::FilePaths::wal_companions(&copy.database);
    let mut log = std::fs::read(&wal).unwrap();
    assert!(
        log.len() > 4096,
        "the log holds frames, or the test proves nothing"
    );
    for at in (100..log.len()).step_by(997) {
        log[at] ^= 0x5a;
    }
    std::fs::write(&copy_wal, log).unwrap();
    drop(file);

    let copy_lock = InstanceLock::acquire(copy).unwrap();
    let opened = CaseFile::unlock(&copy_lock, ADMIN, PASSWORD).unwrap();
    assert_eq!(opened.idle_lock_minutes().unwrap(), 30);
    assert!(opened.chain_gap().is_none());
    assert!(opened.verify_audit_chain().unwrap().first_broken.is_none());
}
