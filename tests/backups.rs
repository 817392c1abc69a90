//! Backups through the core's public API: a consistent snapshot of a file in use, what a
//! backup holds before anything is replaced, restore, and damaged or wrong input.

mod common;

use std::path::Path;

use hfk_akte::domain::case::CaseDraft;
use hfk_akte::domain::member::MemberKind;
use hfk_akte::store::vault::backup::{self, OtherFile};
use hfk_akte::store::CaseFile;
use hfk_akte::store::InstanceLock;
use hfk_akte::ErrorCode;

const ADMIN: &str = "Şükrü Güneş";
const PASSWORD: &str = "Kiefernwald-Uckermark-Fähre-42";

fn add_case(file: &mut CaseFile) -> String {
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
    .unwrap()
    .number
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("wiederherstellung") || n.starts_with(".hfk"))
        .collect()
}

#[test]
fn a_backup_of_a_file_in_use_restores_to_exactly_that_moment() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths.clone()).unwrap();
    let mut file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    let kept = add_case(&mut file);
    let target = dir.path().join(backup::default_name(
        &paths.database,
        hfk_akte::domain::clock::Clock::System.now(),
    ));
    let made = file.create_backup(&target).unwrap();
    assert_eq!(made.cases, 1);
    // Work goes on after the backup.
    let later = add_case(&mut file);

    // The backup holds no readable names or SQLite header.
    let bytes = std::fs::read(&target).unwrap();
    assert!(!bytes.windows(15).any(|w| w == b"SQLite format 3"));
    assert!(!bytes.windows(kept.len()).any(|w| w == kept.as_bytes()));

    let shown = backup::inspect(&target, ADMIN, PASSWORD).unwrap();
    assert_eq!((shown.cases, shown.users), (1, 1));
    assert_eq!(shown.created_at, made.created_at);

    drop(file);
    let restored = backup::restore(&lock, &target, ADMIN, PASSWORD, OtherFile::Refuse).unwrap();
    assert_eq!(restored.cases, 1);
    let mut file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    assert!(file.open_case(1).unwrap().number == kept);
    assert_eq!(
        file.list_cases(&hfk_akte::store::cases::search::CaseQuery {
            limit: 50,
            ..Default::default()
        })
        .unwrap()
        .total,
        1,
        "{later} was made after the backup and is gone"
    );
    assert!(file.verify_audit_chain().unwrap().first_broken.is_none());
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
}

#[test]
fn damaged_backups_and_wrong_passwords_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths.clone()).unwrap();
    let mut file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    add_case(&mut file);
    let target = dir.path().join("sicherung.hfksicherung");
    file.create_backup(&target).unwrap();
    drop(file);
    let live_before = std::fs::read(&paths.database).unwrap();
    let bytes = std::fs::read(&target).unwrap();

    // A flipped byte anywhere after the magic line, a truncated file, or another file.
    for (name, spoilt) in [
        ("flipped", {
            let mut b = bytes.clone();
            let at = b.len() - 100;
            b[at] ^= 0x20;
            b
        }),
        ("truncated", bytes[..bytes.len() / 2].to_vec()),
        ("not a backup", b"SQLite format 3\0".to_vec()),
    ] {
        let spoilt_path = dir.path().join(format!("{name}.hfksicherung"));
        std::fs::write(&spoilt_path, spoilt).unwrap();
        let err = backup::inspect(&spoilt_path, ADMIN, PASSWORD).unwrap_err();
        assert_eq!(err.code(), ErrorCode::FileDamaged, "{name}: {err}");
        assert!(err.to_string().starts_with("Die Sicherung"), "{err}");
        assert!(backup::restore(&lock, &spoilt_path, ADMIN, PASSWORD, OtherFile::Refuse).is_err());
    }
    assert_eq!(
        backup::restore(&lock, &target, ADMIN, "falsch", OtherFile::Refuse)
            .unwrap_err()
            .code(),
        ErrorCode::WrongCredentials
    );
    assert_eq!(std::fs::read(&paths.database).unwrap(), live_before);
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
    common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
}

#[test]
fn a_backup_to_a_folder_that_does_not_exist_fails_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths).unwrap();
    let mut file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    let err = file
        .create_backup(&dir.path().join("fehlt").join("s.hfksicherung"))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Io);
    assert!(err.to_string().starts_with("Die Sicherung"), "{err}");
}

#[test]
fn the_backup_folder_is_a_setting_and_the_reminder_clears_after_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths).unwrap();
    let mut file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    let status = file.backup_status().unwrap();
    assert!(status.due && status.folder.is_none() && status.last_backup_at.is_none());
    let err = file.backup_now().unwrap_err();
    assert!(err.to_string().starts_with("Sicherungsordner:"), "{err}");
    assert!(file.set_backup_folder("relativ/ordner").is_err());
    assert!(file
        .set_backup_folder(dir.path().join("fehlt").to_str().unwrap())
        .is_err());

    let folder = dir.path().join("sicherungen");
    std::fs::create_dir(&folder).unwrap();
    file.set_backup_folder(folder.to_str().unwrap()).unwrap();
    let (written, contents) = file.backup_now().unwrap();
    assert!(written.starts_with(folder.to_str().unwrap()));
    assert!(written.ends_with(".hfksicherung"));
    let status = file.backup_status().unwrap();
    assert!(!status.due);
    assert_eq!(status.last_backup_at, Some(contents.created_at));
    assert!(!file.dashboard().unwrap().backup.due);
}

#[test]
fn an_interrupted_restore_is_put_back_and_only_an_administrator_restores() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths.clone()).unwrap();
    let mut file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    add_case(&mut file);
    file.add_user(
        "Leser",
        hfk_akte::domain::user::Role::Lesend,
        "Spreewald-Gurke-Oderbruch-17",
        "Spreewald-Gurke-Oderbruch-17",
    )
    .unwrap();
    let target = dir.path().join("s.hfksicherung");
    file.create_backup(&target).unwrap();
    drop(file);

    // A reader of the backup may look into it but not put it in place.
    let err = backup::restore(
        &lock,
        &target,
        "Leser",
        "Spreewald-Gurke-Oderbruch-17",
        OtherFile::Refuse,
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::PermissionDenied);
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );

    // A crash after the live file was set aside: the next unlock puts it back.
    let mut aside = paths.database.as_os_str().to_owned();
    aside.push(".vor-wiederherstellung");
    std::fs::rename(&paths.database, &aside).unwrap();
    std::fs::write(dir.path().join("akte.hfk.wiederherstellung"), b"halb").unwrap();
    // Without the marker a restore leaves, nothing beside the file is touched.
    assert!(!backup::interrupted(&paths));
    std::fs::write(dir.path().join("akte.hfk.austausch"), b"").unwrap();
    assert!(backup::interrupted(&paths));
    let file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    assert!(file.backup_status().unwrap().last_backup_at.is_some());
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
    assert!(!backup::interrupted(&paths));
}

#[test]
fn a_verified_restore_cut_off_while_clearing_up_goes_forward() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let lock = InstanceLock::acquire(paths.clone()).unwrap();
    let mut file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    let kept = add_case(&mut file);
    drop(file);
    // The restored file is in place and verified (marker written); one old part is left.
    let mut aside = paths.key_slots.as_os_str().to_owned();
    aside.push(".vor-wiederherstellung");
    std::fs::write(&aside, b"alte Schluessel").unwrap();
    let mut marker = paths.database.as_os_str().to_owned();
    marker.push(".wiederhergestellt");
    std::fs::write(&marker, b"").unwrap();
    std::fs::write(dir.path().join("akte.hfk.austausch"), b"").unwrap();
    let mut file = common::unlock_on_fixed_day(&lock, ADMIN, PASSWORD);
    assert_eq!(file.open_case(1).unwrap().number, kept);
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
}

#[test]
fn crash_repair_touches_nothing_at_a_path_that_is_not_a_marked_case_file() {
    let dir = tempfile::tempdir().unwrap();
    // Files of a user's own that happen to carry the names a restore would use.
    let report = dir.path().join("bericht.pdf");
    std::fs::write(&report, b"eigener Bericht").unwrap();
    let aside = dir.path().join("bericht.pdf.vor-wiederherstellung");
    std::fs::write(&aside, b"eigene Notiz").unwrap();
    let incoming = dir.path().join("bericht.pdf.wiederherstellung");
    std::fs::write(&incoming, b"eigene Datei").unwrap();
    // Even with a marker, a path that is not a .hfk file is not repaired.
    std::fs::write(dir.path().join("bericht.pdf.austausch"), b"").unwrap();
    let paths = hfk_akte::store::FilePaths::for_database(&report);
    assert!(!backup::interrupted(&paths));
    let lock = InstanceLock::acquire(paths).unwrap();
    backup::repair_interrupted(&lock).unwrap();
    assert_eq!(std::fs::read(&report).unwrap(), b"eigener Bericht");
    assert_eq!(std::fs::read(&aside).unwrap(), b"eigene Notiz");
    assert_eq!(std::fs::read(&incoming).unwrap(), b"eigene Datei");
}
