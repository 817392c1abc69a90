//! Right diagnoses in German: a key file beside the wrong case file, damage with its page,
//! a changed backup header, private file modes, and creating a file from the command line.

use std::path::Path;

use hfk_akte::store::vault::backup::{self, OtherFile};
use hfk_akte::store::vault::new_file::NewFile;
use hfk_akte::store::vault::recovery_key::RecoveryKey;
use hfk_akte::store::{CaseFile, FilePaths, InstanceLock};
use hfk_akte::{Error, ErrorCode};

mod common;
use common::command_line::{hfk, text};

const ADMIN: &str = "Şükrü Güneş";
const PASSWORD: &str = "Kiefernwald-Uckermark-Fähre-42";
const OTHER: &str = "Andrea-Maria Petrlić-Woelke";
const OTHER_PASSWORD: &str = "Spreewald-Gurke-Oderbruch-17";

fn lock(paths: &FilePaths) -> InstanceLock {
    InstanceLock::acquire(paths.clone()).unwrap()
}

fn check(db: &Path, user: &str, password: &str) -> std::process::Output {
    hfk(
        &["pruefen", db.to_str().unwrap(), "--benutzer", user],
        &format!("{password}\n"),
    )
}

#[test]
fn a_key_file_from_another_case_file_is_named_as_such_and_nothing_is_changed() {
    let dir = tempfile::tempdir().unwrap();
    let (a, _) = common::create_file(&dir.path().join("a.hfk"), ADMIN, PASSWORD);
    let (b, _) = common::create_file(&dir.path().join("b.hfk"), OTHER, OTHER_PASSWORD);
    std::fs::copy(&b.key_slots, &a.key_slots).unwrap();
    let before = std::fs::read(&a.database).unwrap();

    let err = CaseFile::unlock(&lock(&a), OTHER, OTHER_PASSWORD).unwrap_err();
    assert!(matches!(err, Error::KeySlotsForeign { .. }), "{err:?}");
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Berlin)
        .format("%d.%m.%Y")
        .to_string();
    let message = err.to_string();
    assert!(
        message.contains("gehört zu einer anderen Akte"),
        "{message}"
    );
    assert!(
        message.contains(&format!("(angelegt am {today})")),
        "{message}"
    );
    assert!(
        message.contains("Die Akte selbst wurde nicht verändert"),
        "{message}"
    );
    assert!(
        message.contains("Überschreiben Sie die Akte nicht"),
        "{message}"
    );

    let out = check(&a.database, OTHER, OTHER_PASSWORD);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("gehört zu einer anderen Akte"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read(&a.database).unwrap(), before);
}

#[test]
fn a_key_file_without_the_remembered_salt_names_both_causes() {
    let dir = tempfile::tempdir().unwrap();
    let (a, _) = common::create_file(&dir.path().join("a.hfk"), ADMIN, PASSWORD);
    let (b, _) = common::create_file(&dir.path().join("b.hfk"), OTHER, OTHER_PASSWORD);
    // A key file as version 0.1 wrote it: no salt, no creation date.
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&b.key_slots).unwrap()).unwrap();
    json.as_object_mut().unwrap().remove("database_salt");
    json.as_object_mut().unwrap().remove("created_at");
    std::fs::write(&a.key_slots, serde_json::to_vec(&json).unwrap()).unwrap();
    let err = CaseFile::unlock(&lock(&a), OTHER, OTHER_PASSWORD).unwrap_err();
    assert!(matches!(err, Error::KeyDoesNotOpen { .. }), "{err:?}");
    assert!(err
        .to_string()
        .contains("gehört die Schlüsseldatei zu einer anderen Akte"));
    assert!(err
        .technical()
        .unwrap()
        .starts_with("SQLite-Code 26 (SQLITE_NOTADB)"));
}

#[test]
fn damage_is_named_in_german_with_its_page_and_the_check_reads_only() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let mut bytes = std::fs::read(&paths.database).unwrap();
    let last_page = bytes.len() - 2000;
    bytes[last_page] ^= 0x10;
    std::fs::write(&paths.database, &bytes).unwrap();

    let out = check(&paths.database, ADMIN, PASSWORD);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    let page = bytes.len() / 4096;
    assert!(
        said.starts_with(&format!(
            "Die Akte ist beschädigt: Seite {page}: Prüfcode (HMAC) stimmt nicht"
        )),
        "{said}"
    );
    assert_eq!(std::fs::read(&paths.database).unwrap(), bytes, "read only");

    // Page 1 damaged: no key reads it; the message and its German details, no English.
    bytes[100] ^= 0x10;
    std::fs::write(&paths.database, &bytes).unwrap();
    let out = hfk(
        &[
            "einstellung",
            paths.database.to_str().unwrap(),
            "--benutzer",
            ADMIN,
        ],
        &format!("{PASSWORD}\n"),
    );
    let said = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{said}");
    assert!(
        said.starts_with("Fehler: Die Akte ist beschädigt und kann nicht gelesen werden. Bitte stellen Sie eine Sicherung wieder her.\nTechnische Angaben: SQLite-Code 26"),
        "{said}"
    );
    for english in [
        "file is not",
        "HMAC verification",
        "failed",
        "database disk",
    ] {
        assert!(!said.contains(english), "{said}");
    }
}

#[test]
fn a_changed_backup_header_is_refused_like_a_changed_byte() {
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let target = dir.path().join("s.hfksicherung");
    {
        let l = lock(&paths);
        let mut file = CaseFile::unlock(&l, ADMIN, PASSWORD).unwrap();
        let made = file.create_backup(&target).unwrap();
        assert!(made.header_checked);
    }
    let shown = backup::inspect(&target, ADMIN, PASSWORD).unwrap();
    let year = &shown.created_at[..4];
    let bytes = std::fs::read(&target).unwrap();
    let field = format!("\"created_at\":\"{year}");
    let at = bytes
        .windows(field.len())
        .position(|w| w == field.as_bytes())
        .unwrap()
        + field.len()
        - 4;
    let mut changed = bytes.clone();
    changed[at..at + 4].copy_from_slice(b"2019");
    std::fs::write(&target, &changed).unwrap();
    let err = backup::inspect(&target, ADMIN, PASSWORD).unwrap_err();
    assert_eq!(err.code(), ErrorCode::FileDamaged);
    assert!(err.to_string().contains("Prüfsumme stimmt nicht"), "{err}");
}

#[cfg(unix)]
#[test]
fn the_file_its_companions_backups_and_restored_parts_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = tempfile::tempdir().unwrap();
    let (paths, _) = common::create_file(&dir.path().join("akte.hfk"), ADMIN, PASSWORD);
    let l = lock(&paths);
    assert!(CaseFile::unlock(&l, ADMIN, "falsch").is_err());
    let mut file = CaseFile::unlock(&l, ADMIN, PASSWORD).unwrap();
    let target = dir.path().join("s.hfksicherung");
    file.create_backup(&target).unwrap();
    let mut parts = vec![
        paths.database.clone(),
        paths.key_slots.clone(),
        paths.instance_lock.clone(),
        target.clone(),
    ];
    parts.extend(FilePaths::wal_companions(&paths.database));
    for part in &parts {
        assert_eq!(mode(part), 0o600, "{}", part.display());
    }
    drop(file);
    backup::restore(&l, &target, ADMIN, PASSWORD, OtherFile::Refuse).unwrap();
    assert_eq!(mode(&paths.key_slots), 0o600);
    assert_eq!(mode(&paths.database), 0o600);
    // A file an earlier version left readable is made private at the next unlock.
    std::fs::set_permissions(&paths.key_slots, std::fs::Permissions::from_mode(0o644)).unwrap();
    drop(CaseFile::unlock(&l, ADMIN, PASSWORD).unwrap());
    assert_eq!(mode(&paths.key_slots), 0o600);
}

#[test]
fn neue_akte_creates_the_file_as_the_window_does_and_refuses_as_it_does() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("neu.hfk");
    let db_arg = db.to_str().unwrap();
    let out = hfk(
        &["neue-akte", db_arg, "--benutzer", ADMIN],
        &format!("{PASSWORD}\n{PASSWORD}\n"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert_eq!(
        stdout.lines().count(),
        1,
        "the recovery key, once: {stdout}"
    );
    let recovery = RecoveryKey::parse(stdout.trim()).unwrap();
    let paths = FilePaths::for_database(db.clone());
    let file = CaseFile::unlock_with_recovery_key(
        &lock(&paths),
        &recovery,
        ADMIN,
        OTHER_PASSWORD,
        OTHER_PASSWORD,
    )
    .unwrap();
    assert_eq!(file.verify_audit_chain().unwrap().first_broken, None);
    drop(file);

    // The same refusals, word for word, as the window's first step gives.
    let window_says = |path: &str, password: &str, repeat: &str| {
        format!(
            "Fehler: {}",
            NewFile::prepare(path, ADMIN, password, repeat)
                .err()
                .unwrap()
        )
    };
    let out = hfk(
        &["neue-akte", db_arg, "--benutzer", ADMIN],
        &format!("{PASSWORD}\n{PASSWORD}\n"),
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr).trim(),
        window_says(db_arg, PASSWORD, PASSWORD)
    );
    assert!(out.stdout.is_empty());

    let other = dir.path().join("schwach.hfk");
    let other_arg = other.to_str().unwrap();
    for (password, repeat) in [("hallo123", "hallo123"), (PASSWORD, OTHER_PASSWORD)] {
        let out = hfk(
            &["neue-akte", other_arg, "--benutzer", ADMIN],
            &format!("{password}\n{repeat}\n"),
        );
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(
            text(&out.stderr).trim(),
            window_says(other_arg, password, repeat)
        );
        assert!(!other.exists());
    }
}

#[test]
fn a_backup_of_another_case_file_replaces_this_one_only_when_confirmed() {
    let dir = tempfile::tempdir().unwrap();
    let (a, _) = common::create_file(&dir.path().join("a.hfk"), ADMIN, PASSWORD);
    let (b, _) = common::create_file(&dir.path().join("b.hfk"), ADMIN, PASSWORD);
    let own = dir.path().join("a.hfksicherung");
    let foreign = dir.path().join("b.hfksicherung");
    for (paths, target) in [(&a, &own), (&b, &foreign)] {
        let l = lock(paths);
        CaseFile::unlock(&l, ADMIN, PASSWORD)
            .unwrap()
            .create_backup(target)
            .unwrap();
    }
    let l = lock(&a);
    {
        let file = CaseFile::unlock(&l, ADMIN, PASSWORD).unwrap();
        assert_eq!(
            file.inspect_backup(&own, ADMIN, PASSWORD)
                .unwrap()
                .other_file,
            None
        );
        let checked = file.inspect_backup(&foreign, ADMIN, PASSWORD).unwrap();
        let other = checked.other_file.unwrap();
        assert_eq!(other.cases, 0);
        assert_eq!(other.created_at, file.info().unwrap().created_at);
        assert_ne!(checked.contents.file_created_at, other.created_at);
    }
    let err = backup::restore(&l, &foreign, ADMIN, PASSWORD, OtherFile::Refuse).unwrap_err();
    let message = err.to_string();
    assert!(
        message
            .starts_with("Sicherung: Diese Sicherung stammt aus einer anderen Akte (angelegt am "),
        "{message}"
    );
    assert!(
        message.contains(", 0 Fälle) als der geöffneten (angelegt am "),
        "{message}"
    );
    // Refused before anything was touched; the own backup still goes in without a question.
    assert!(!backup::interrupted(&a));
    backup::restore(&l, &own, ADMIN, PASSWORD, OtherFile::Refuse).unwrap();
    backup::restore(&l, &foreign, ADMIN, PASSWORD, OtherFile::Replace).unwrap();
}
