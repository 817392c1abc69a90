//! Replacing the data key: the file is re-encrypted, old slot files, old passwords and the old
//! recovery key open nothing, the data is all there, and a swap cut off by a crash is
//! completed or discarded at the next unlock.

mod common;

use hfk_akte::domain::case::CaseDraft;
use hfk_akte::domain::member::MemberKind;
use hfk_akte::domain::user::Role;
use hfk_akte::store::vault::connection::{self, OpenMode};
use hfk_akte::store::vault::recovery_key::RecoveryKey;
use hfk_akte::store::CaseFile;
use hfk_akte::store::FilePaths;
use hfk_akte::store::InstanceLock;
use hfk_akte::ErrorCode;

const ADMIN: &str = "Đorđe Ćosić";
const PASSWORD: &str = "Kiefernwald-Uckermark-Fähre-42";
const CLERK: &str = "Şükrü Güneş";
const CLERK_PW: &str = "Spreewald-Gurke-Oderbruch-17";

fn add_case(file: &mut CaseFile) {
    let ib = file
        .member_register()
        .unwrap()
        .members
        .iter()
        .find(|m| m.kind == MemberKind::Integrationsbeauftragte)
        .unwrap()
        .id;
    let today = common::fixed_today().format("%d.%m.%Y").to_string();
    file.create_case(&CaseDraft {
        received_on: today.clone(),
        brought_by: Some(ib),
        brought_in_on: today,
        ..CaseDraft::default()
    })
    .unwrap();
}

fn cases(file: &CaseFile) -> u32 {
    file.list_cases(&hfk_akte::store::cases::search::CaseQuery {
        limit: 10,
        ..Default::default()
    })
    .unwrap()
    .total
}

fn setup() -> (tempfile::TempDir, FilePaths, InstanceLock, String) {
    let dir = tempfile::tempdir().unwrap();
    let (paths, recovery) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths.clone()).unwrap();
    let mut file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    file.add_user(CLERK, Role::Geschaeftsstelle, CLERK_PW, CLERK_PW)
        .unwrap();
    add_case(&mut file);
    (dir, paths, lock, recovery)
}

#[test]
fn a_new_data_key_makes_old_slots_passwords_and_recovery_keys_useless() {
    let (_dir, paths, lock, old_recovery) = setup();
    let old_slots = std::fs::read(&paths.key_slots).unwrap();
    let old_key = common::data_key(&paths, ADMIN, PASSWORD);
    let file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);

    let refused = file.rekey("falsch").unwrap_err();
    let err = refused.error.to_string();
    assert!(
        err.starts_with("Passwort: Das Passwort ist falsch"),
        "{err}"
    );
    let file = refused.file.expect("a wrong password keeps the file open");
    let (mut file, outcome) = file.rekey(PASSWORD).unwrap();
    assert_eq!(outcome.users_to_reset, [CLERK]);
    assert_eq!(cases(&file), 1);
    add_case(&mut file);
    assert!(file.verify_audit_chain().unwrap().first_broken.is_none());
    drop(file);

    // The administrator's password and the new recovery key open the new file.
    let file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    assert_eq!(cases(&file), 2);
    drop(file);
    assert_eq!(
        CaseFile::unlock(&lock, CLERK, CLERK_PW)
            .err()
            .map(|e| e.code()),
        Some(ErrorCode::WrongCredentials)
    );
    let old = RecoveryKey::parse(&old_recovery).unwrap();
    assert!(CaseFile::unlock_with_recovery_key(
        &lock,
        &old,
        ADMIN,
        "Neues-Passwort-Havelland-7",
        "Neues-Passwort-Havelland-7"
    )
    .is_err());
    let new = RecoveryKey::parse(&outcome.recovery_key).unwrap();
    let mut file = CaseFile::unlock_with_recovery_key(
        &lock,
        &new,
        ADMIN,
        "Neues-Passwort-Havelland-7",
        "Neues-Passwort-Havelland-7",
    )
    .unwrap();

    // The colleague gets a new password from the administration and is back.
    let clerk_id = file
        .users()
        .unwrap()
        .into_iter()
        .find(|u| u.username == CLERK)
        .unwrap()
        .id;
    file.reset_password(clerk_id, CLERK_PW, CLERK_PW).unwrap();
    drop(file);
    common::unlock_on_fixed_day(&lock, CLERK, CLERK_PW);

    // The old key no longer reads the file, and an old copy of the slot file opens nothing.
    assert!(connection::open(&paths.database, &old_key, OpenMode::Existing).is_err());
    std::fs::write(&paths.key_slots, &old_slots).unwrap();
    let refused = CaseFile::unlock(&lock, ADMIN, PASSWORD)
        .err()
        .map(|e| e.code());
    assert!(
        matches!(
            refused,
            Some(ErrorCode::FileDamaged | ErrorCode::KeySlotsDamaged)
        ),
        "{refused:?}"
    );
}

/// Copies of the parts, to rebuild the moment a crash would leave behind.
fn copy(from: &std::path::Path, to: &std::path::Path) {
    std::fs::copy(from, to).unwrap();
}

fn suffixed(path: &std::path::Path, suffix: &str) -> std::path::PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    s.into()
}

#[test]
fn a_key_change_cut_off_before_the_swap_is_discarded() {
    let (_dir, paths, lock, _) = setup();
    std::fs::write(suffixed(&paths.database, ".neu"), b"half written").unwrap();
    std::fs::write(suffixed(&paths.key_slots, ".neu"), b"{}").unwrap();
    std::fs::write(suffixed(&paths.database, ".austausch"), b"").unwrap();
    let file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    assert_eq!(cases(&file), 1);
    assert!(!suffixed(&paths.database, ".neu").exists());
    assert!(!suffixed(&paths.key_slots, ".neu").exists());
}

#[test]
fn a_key_change_cut_off_between_database_and_slots_is_completed() {
    let (dir, paths, lock, _) = setup();
    let old_db = dir.path().join("old.hfk");
    let old_keys = dir.path().join("old.keys");
    copy(&paths.database, &old_db);
    copy(&paths.key_slots, &old_keys);
    let file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    drop(file.rekey(PASSWORD).unwrap());
    // The new database is in place, the old one aside, and the slot file not yet swapped.
    std::fs::rename(&paths.key_slots, suffixed(&paths.key_slots, ".neu")).unwrap();
    copy(&old_keys, &paths.key_slots);
    copy(&old_db, &suffixed(&paths.database, ".alt"));
    std::fs::write(suffixed(&paths.database, ".austausch"), b"").unwrap();

    let file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    assert_eq!(cases(&file), 1);
    for leftover in [".alt", ".neu"] {
        assert!(!suffixed(&paths.database, leftover).exists());
        assert!(!suffixed(&paths.key_slots, leftover).exists());
    }
}

#[test]
fn a_swap_that_fails_leaves_the_file_locked_and_the_old_pair_whole() {
    let (_dir, paths, lock, _) = setup();
    // Something in the way of moving the old database aside: the first rename fails.
    let blocker = suffixed(&paths.database, ".alt");
    std::fs::create_dir(&blocker).unwrap();
    std::fs::write(blocker.join("im-weg"), b"x").unwrap();
    let file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    let failed = file.rekey(PASSWORD).unwrap_err();
    assert!(
        failed.file.is_none(),
        "the file must stay locked after a failed swap"
    );
    assert_eq!(failed.error.code(), ErrorCode::Io, "{}", failed.error);
    assert!(!suffixed(&paths.database, ".neu").exists());
    assert!(!suffixed(&paths.key_slots, ".neu").exists());
    std::fs::remove_dir_all(&blocker).unwrap();
    // The old pair is whole: the old password opens it, with its case.
    let file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    assert_eq!(cases(&file), 1);
    assert!(file.verify_audit_chain().unwrap().first_broken.is_none());
}
