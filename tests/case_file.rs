//! The encrypted case file as a user meets it: create, lock, reopen, fail, recover.

use std::path::Path;

mod common;

use hfk_akte::store::vault::new_file::NewFile;
use hfk_akte::store::vault::recovery_key::RecoveryKey;
use hfk_akte::store::CaseFile;
use hfk_akte::store::FilePaths;
use hfk_akte::store::InstanceLock;
use hfk_akte::ErrorCode;

const ADMIN: &str = "Şükrü Güneş";
const PASSWORD: &str = "Kiefernwald-Uckermark-Fähre-42";

struct Fixture {
    _dir: tempfile::TempDir,
    paths: FilePaths,
    recovery: String,
}

/// Creates a file with the administrator above, closed and unlocked.
fn created_file() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let location = dir.path().join("akten").join("Kommission");
    let (paths, recovery) = common::create_file(&location, ADMIN, PASSWORD);
    Fixture {
        _dir: dir,
        paths,
        recovery,
    }
}

fn lock(paths: &FilePaths) -> InstanceLock {
    InstanceLock::acquire(paths.clone()).unwrap()
}

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn create_lock_and_reopen() {
    let f = created_file();
    assert_eq!(f.paths.database.extension().unwrap(), "hfk");
    assert!(f.paths.key_slots.exists());
    let l = lock(&f.paths);
    let mut file = CaseFile::unlock(&l, "şükrü güneş", PASSWORD).unwrap();
    assert_eq!(file.user().username, ADMIN);
    assert_eq!(file.info().unwrap().active_users, 1);
    file.set_idle_lock_minutes(25).unwrap();
    drop(file);
    let file = CaseFile::unlock(&l, ADMIN, PASSWORD).unwrap();
    assert_eq!(file.idle_lock_minutes().unwrap(), 25);
}

#[test]
fn confirmation_must_match_the_last_block_and_nothing_is_written_before() {
    let dir = tempfile::tempdir().unwrap();
    let location = dir.path().join("akte.hfk");
    let new = NewFile::prepare(location.to_str().unwrap(), ADMIN, PASSWORD, PASSWORD).unwrap();
    assert!(!location.exists());
    let err = new.create("ZZZZ").err().unwrap();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
}

#[test]
fn leftovers_of_an_interrupted_creation_neither_block_nor_leak_into_a_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let location = dir.path().join("akte.hfk");
    let paths = FilePaths::for_database(&location);
    // As a crash before the final rename leaves them: a half-built database and a slot file.
    std::fs::write(&paths.staging, b"halb geschrieben").unwrap();
    std::fs::write(&paths.key_slots, b"{ alt").unwrap();
    let new = NewFile::prepare(location.to_str().unwrap(), ADMIN, PASSWORD, PASSWORD).unwrap();
    let (lock, file) = new.create(new.recovery_key().last_block()).unwrap();
    drop(file);
    assert!(!paths.staging.exists());
    CaseFile::unlock(&lock, ADMIN, PASSWORD).unwrap();
}

#[test]
fn a_failed_creation_leaves_no_file_behind() {
    let dir = tempfile::tempdir().unwrap();
    let location = dir.path().join("akte.hfk");
    let paths = FilePaths::for_database(&location);
    let new = NewFile::prepare(location.to_str().unwrap(), ADMIN, PASSWORD, PASSWORD).unwrap();
    // A folder where the slot file must go makes the creation fail half-way.
    std::fs::create_dir(&paths.key_slots).unwrap();
    let err = new.create(new.recovery_key().last_block()).err().unwrap();
    assert_eq!(err.code(), ErrorCode::Io, "{err}");
    assert!(!paths.database.exists());
    assert!(!paths.staging.exists());
}

#[test]
fn wrong_password_leaves_the_file_byte_identical() {
    let f = created_file();
    let db_before = bytes(&f.paths.database);
    let slots_before = bytes(&f.paths.key_slots);
    let l = lock(&f.paths);
    for (user, password) in [(ADMIN, "falsch-falsch-falsch"), ("niemand", PASSWORD)] {
        let err = CaseFile::unlock(&l, user, password).err().unwrap();
        assert_eq!(err.code(), ErrorCode::WrongCredentials);
        assert_eq!(err.to_string(), "Benutzername oder Passwort ist falsch.");
    }
    assert_eq!(bytes(&f.paths.database), db_before);
    assert_eq!(bytes(&f.paths.key_slots), slots_before);
}

#[test]
fn repeated_failures_make_the_next_attempt_wait_even_with_the_right_password() {
    let f = created_file();
    let l = lock(&f.paths);
    for _ in 0..3 {
        CaseFile::unlock(&l, ADMIN, "nicht-das-passwort")
            .err()
            .unwrap();
    }
    let err = CaseFile::unlock(&l, ADMIN, PASSWORD).err().unwrap();
    assert_eq!(err.code(), ErrorCode::TooManyAttempts);
    // "1 Sekunde" or "n Sekunden", depending on how long the attempts took.
    assert!(err.to_string().contains("Sekunde"), "{err}");
    // The count is kept on disk: a new lock (a restarted program) still waits.
    drop(l);
    let l = lock(&f.paths);
    assert_eq!(
        CaseFile::unlock(&l, ADMIN, PASSWORD).err().unwrap().code(),
        ErrorCode::TooManyAttempts
    );
}

#[test]
fn recovery_key_unlocks_and_sets_a_new_password() {
    let f = created_file();
    let l = lock(&f.paths);
    let wrong = RecoveryKey::generate();
    let err = CaseFile::unlock_with_recovery_key(
        &l,
        &wrong,
        ADMIN,
        "Neues-Passwort-Havelland-7",
        "Neues-Passwort-Havelland-7",
    )
    .err()
    .unwrap();
    assert_eq!(err.code(), ErrorCode::WrongCredentials);

    let key = RecoveryKey::parse(&f.recovery.to_lowercase().replace('-', " ")).unwrap();
    let file = CaseFile::unlock_with_recovery_key(
        &l,
        &key,
        ADMIN,
        "Neues-Passwort-Havelland-7",
        "Neues-Passwort-Havelland-7",
    )
    .unwrap();
    assert_eq!(file.user().username, ADMIN);
    drop(file);
    assert_eq!(
        CaseFile::unlock(&l, ADMIN, PASSWORD).err().unwrap().code(),
        ErrorCode::WrongCredentials
    );
    CaseFile::unlock(&l, ADMIN, "Neues-Passwort-Havelland-7").unwrap();
}

#[test]
fn recovery_for_an_unknown_user_is_refused_without_touching_the_slots() {
    let f = created_file();
    let before = bytes(&f.paths.key_slots);
    let l = lock(&f.paths);
    let key = RecoveryKey::parse(&f.recovery).unwrap();
    let err = CaseFile::unlock_with_recovery_key(
        &l,
        &key,
        "Đorđe Ćosić",
        "Neues-Passwort-Havelland-7",
        "Neues-Passwort-Havelland-7",
    )
    .err()
    .unwrap();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    assert_eq!(bytes(&f.paths.key_slots), before);
}

#[test]
fn recovery_seals_no_password_the_policy_refuses() {
    let f = created_file();
    let before = bytes(&f.paths.key_slots);
    let l = lock(&f.paths);
    let key = RecoveryKey::parse(&f.recovery).unwrap();
    for (new, repeat) in [
        ("kurz", "kurz"),
        ("Neues-Passwort-Havelland-7", "Neues-Passwort-Havelland-8"),
    ] {
        let err = CaseFile::unlock_with_recovery_key(&l, &key, ADMIN, new, repeat)
            .err()
            .unwrap();
        assert_eq!(err.code(), ErrorCode::InvalidInput, "{new}: {err}");
    }
    assert_eq!(bytes(&f.paths.key_slots), before);
    CaseFile::unlock(&l, ADMIN, PASSWORD).unwrap();
}

fn raw_connection(paths: &FilePaths) -> rusqlite::Connection {
    common::raw_connection(paths, ADMIN, PASSWORD)
}

#[test]
fn a_file_from_a_newer_schema_is_refused() {
    let f = created_file();
    let conn = raw_connection(&f.paths);
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    conn.pragma_update(None, "user_version", version + 1)
        .unwrap();
    drop(conn);
    let l = lock(&f.paths);
    let err = CaseFile::unlock(&l, ADMIN, PASSWORD).err().unwrap();
    assert_eq!(err.code(), ErrorCode::SchemaTooNew);
    assert!(err.to_string().contains("neueren Programmversion"), "{err}");
}

#[test]
fn the_database_shows_no_header_and_no_plaintext() {
    let f = created_file();
    let conn = raw_connection(&f.paths);
    conn.execute_batch(
        "CREATE TABLE probe (name TEXT);
         INSERT INTO probe VALUES ('Andrea-Maria Petrlić-Woelke'), ('Đorđe Ćosić'),
                                  ('محمد الأحمد'), ('Владимир Петров');",
    )
    .unwrap();
    drop(conn);
    let mut files = vec![bytes(&f.paths.database)];
    let mut wal = f.paths.database.as_os_str().to_owned();
    wal.push("-wal");
    if let Ok(b) = std::fs::read(&wal) {
        files.push(b);
    }
    for b in &files {
        assert!(!b.starts_with(b"SQLite format 3"));
        for needle in [
            "SQLite format 3",
            "Petrlić",
            "Petrli",
            "Ćosić",
            "محمد",
            "Петров",
            ADMIN,
            "file_meta",
            "CREATE TABLE",
        ] {
            assert!(!contains(b, needle.as_bytes()), "found {needle:?} in clear");
        }
    }
    // The slot file holds user names, but no key and no password in clear.
    let slots = String::from_utf8(bytes(&f.paths.key_slots)).unwrap();
    assert!(!slots.contains(PASSWORD));
    assert!(!slots.contains(&f.recovery.replace('-', "")));
}

#[test]
fn a_flipped_byte_is_reported_as_a_damaged_file() {
    let f = created_file();
    let original = bytes(&f.paths.database);
    assert!(original.len() >= 4096 * 3, "len {}", original.len());
    for offset in [20, 1000, 4096 + 500, original.len() - 100] {
        let mut damaged = original.clone();
        damaged[offset] ^= 0x01;
        std::fs::write(&f.paths.database, &damaged).unwrap();
        let l = lock(&f.paths);
        // Unlocking checks the pages it reads; the check of every page after it finds the
        // rest. Either way the damage is named, in German, with the page in the details.
        let err = match CaseFile::unlock(&l, ADMIN, PASSWORD) {
            Err(e) => e,
            Ok(file) => file.page_check().run().err().unwrap(),
        };
        assert_eq!(err.code(), ErrorCode::FileDamaged, "offset {offset}: {err}");
        assert!(
            err.to_string()
                .ends_with("Bitte stellen Sie eine Sicherung wieder her."),
            "{err}"
        );
        let details = err.technical().unwrap();
        assert!(
            details.starts_with("Seite ") || details.starts_with("SQLite-Code"),
            "{details}"
        );
        assert!(
            !details.contains("failed") && !details.contains("verification"),
            "{details}"
        );
    }
    std::fs::write(&f.paths.database, &original).unwrap();
    CaseFile::unlock(&lock(&f.paths), ADMIN, PASSWORD).unwrap();
}

#[test]
fn fifty_random_flipped_bytes_are_each_found_and_none_is_read_wrongly() {
    use hfk_akte::store::vault::connection::{self, OpenMode};
    use rand::{Rng, SeedableRng};

    let f = created_file();
    let slots = hfk_akte::store::vault::key_slots::SlotFile::load(&f.paths.key_slots).unwrap();
    let key = slots
        .user_slot(ADMIN)
        .unwrap()
        .open(PASSWORD.as_bytes(), &slots.file_id, &slots.origin)
        .unwrap()
        .unwrap();
    let original = bytes(&f.paths.database);
    // A fixed seed: a failure names an offset that reproduces.
    let mut rng = rand::rngs::StdRng::seed_from_u64(0x0048_464b);
    for _ in 0..50 {
        let offset = rng.gen_range(0..original.len());
        let mut damaged = original.clone();
        damaged[offset] ^= 1 << rng.gen_range(0..8);
        std::fs::write(&f.paths.database, &damaged).unwrap();
        let outcome = connection::open(&f.paths.database, &key, OpenMode::Existing)
            .and_then(|conn| connection::check_integrity(&conn));
        let err = outcome
            .err()
            .unwrap_or_else(|| panic!("offset {offset} not detected"));
        assert_eq!(err.code(), ErrorCode::FileDamaged, "offset {offset}: {err}");
    }
}

#[test]
fn a_missing_or_damaged_slot_file_is_named() {
    let f = created_file();
    std::fs::write(&f.paths.key_slots, b"{}").unwrap();
    let err = CaseFile::unlock(&lock(&f.paths), ADMIN, PASSWORD)
        .err()
        .unwrap();
    assert_eq!(err.code(), ErrorCode::KeySlotsDamaged);
}

#[test]
fn a_second_program_cannot_open_the_same_file() {
    let f = created_file();
    let first = lock(&f.paths);
    let _file = CaseFile::unlock(&first, ADMIN, PASSWORD).unwrap();
    let err = InstanceLock::acquire(f.paths.clone()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::FileInUse);
}

#[test]
fn idle_lock_values_are_checked_and_nothing_invalid_is_stored() {
    let f = created_file();
    let mut file = CaseFile::unlock(&lock(&f.paths), ADMIN, PASSWORD).unwrap();
    let err = file.set_idle_lock_minutes(0).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    assert!(err.to_string().starts_with("Automatische Sperre:"));
    assert_eq!(file.idle_lock_minutes().unwrap(), 10);
}

#[test]
fn the_audit_chain_records_what_happened_and_finds_an_edit_behind_the_programs_back() {
    let f = created_file();
    let l = lock(&f.paths);
    let mut file = CaseFile::unlock(&l, ADMIN, PASSWORD).unwrap();
    file.set_idle_lock_minutes(30).unwrap();
    let report = file.verify_audit_chain().unwrap();
    assert_eq!(report.rows, 4, "key, create, unlock, settings change");
    assert!(report.first_broken.is_none());
    drop(file);

    let conn = raw_connection(&f.paths);
    let actions: Vec<String> = conn
        .prepare("SELECT entity || '/' || action FROM audit_log ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        actions,
        [
            "signing_key/register",
            "file/create",
            "session/unlock",
            "settings/update"
        ]
    );
    let fields: String = conn
        .query_row(
            "SELECT fields FROM audit_payload WHERE audit_id = 4",
            [],
            |r| r.get(0),
        )
        .unwrap();
    // Both sides as the setting's stored text: the default before, the new value after.
    assert_eq!(fields, r#"{"after":"30","before":"10"}"#);
    conn.execute(
        "UPDATE audit_payload SET fields = '{\"after\":5,\"before\":10}' WHERE audit_id = 4",
        [],
    )
    .unwrap();
    drop(conn);

    let file = CaseFile::unlock(&l, ADMIN, PASSWORD).unwrap();
    let report = file.verify_audit_chain().unwrap();
    assert_eq!(report.first_broken.unwrap().id, 4);
}
