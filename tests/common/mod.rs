//! What the integration tests share: making a file, and opening it behind the program's back.
// Each test file is its own crate and uses only some of these.
#![allow(dead_code)]

pub mod command_line;
pub mod member_copies;
pub mod pages;
pub mod sample_pdf;
pub mod session_day;
pub mod stored;

use std::path::Path;

use hfk_akte::domain::clock::Clock;
use hfk_akte::store::vault::connection::{self, OpenMode};
use hfk_akte::store::vault::data_key::DataKey;
use hfk_akte::store::vault::key_slots::SlotFile;
use hfk_akte::store::vault::new_file::NewFile;
use hfk_akte::store::{CaseFile, FilePaths, InstanceLock};

/// The member who is the Integrationsbeauftragte (every new file has one), who brings cases in.
pub fn integrationsbeauftragte(file: &CaseFile) -> u32 {
    file.member_register()
        .unwrap()
        .members
        .iter()
        .find(|m| m.kind == hfk_akte::domain::member::MemberKind::Integrationsbeauftragte)
        .unwrap()
        .id
}

/// The day the date-dependent tests are set on: late in a year, so that "in 30 days" falls
/// into the next one and the session numbering's year change is always exercised.
pub fn fixed_today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 10).unwrap()
}

/// The answers of an admissibility check in which no exclusion ground applies.
pub fn no_exclusion(file: &CaseFile) -> Vec<hfk_akte::domain::admissibility::CheckAnswer> {
    file.admissibility_criteria()
        .unwrap()
        .into_iter()
        .map(|c| hfk_akte::domain::admissibility::CheckAnswer {
            code: c.code,
            applies: false,
            note: String::new(),
        })
        .collect()
}

/// SQL that takes a file back before schema version 10 (signed audit rows), and so before
/// 11 (salted digests, password changes due, counts kept apart), 12 (members' copies) and 13
/// (letters), for tests that pretend an older program wrote the file.
pub const BEFORE_SIGNED_AUDIT: &str = "DROP TABLE attachment_grounds;
     DROP TABLE attachment_content;
     DROP TABLE attachments;
     DROP TABLE import_mapping;
     DROP TABLE imported_hearings;
     ALTER TABLE cases DROP COLUMN import_id;
     ALTER TABLE cases DROP COLUMN previous_number;
     DROP TABLE imports;
     DROP TABLE letters;
     DROP TABLE letter_templates;
     ALTER TABLE members DROP COLUMN postal_address;
     ALTER TABLE foreigners_offices DROP COLUMN postal_address;
     ALTER TABLE cases DROP COLUMN counsel_address;
     DROP TABLE member_copies;
     DROP TABLE copy_keys;
     DROP TABLE advance_recusals;
     DROP TABLE retained_counts;
     ALTER TABLE audit_payload DROP COLUMN salt;
     ALTER TABLE users DROP COLUMN password_change_due;
     ALTER TABLE audit_log DROP COLUMN signer_key;
     ALTER TABLE audit_log DROP COLUMN signature;
     ALTER TABLE users DROP COLUMN signing_public_key;";

/// Unlocks the file with its clock set to [`fixed_today`]. A colleague whose password the
/// administration chose takes it over as their own first (see [`take_over`]).
pub fn unlock_on_fixed_day(lock: &InstanceLock, user: &str, password: &str) -> CaseFile {
    let mut file = match CaseFile::unlock(lock, user, password) {
        Err(hfk_akte::Error::PasswordChangeRequired) => take_over(lock, user, password),
        other => other.unwrap(),
    };
    file.set_clock(Clock::on_day(fixed_today()));
    file
}

/// A colleague's first unlock with the password the administration chose: they must choose
/// their own, here a passing one, and then set the given one again as their own choice, so
/// that the tests can go on with the password they know.
pub fn take_over(lock: &InstanceLock, user: &str, password: &str) -> CaseFile {
    const PASSING: &str = "Übergangs-Kennwort-Lausitz-77";
    let mut file =
        CaseFile::unlock_with_new_password(lock, user, password, PASSING, PASSING).unwrap();
    file.change_own_password(PASSING, password, password)
        .unwrap();
    file
}

/// Creates a file at `location` with `admin` as its administrator, closes it and releases its
/// lock. Returns its paths and the recovery key as shown to the user.
pub fn create_file(location: &Path, admin: &str, password: &str) -> (FilePaths, String) {
    let new = NewFile::prepare(location.to_str().unwrap(), admin, password, password).unwrap();
    let recovery = new.recovery_key().display().to_string();
    let (lock, file) = new.create(new.recovery_key().last_block()).unwrap();
    assert_eq!(file.user().username, admin.trim());
    let paths = file.paths().clone();
    drop(file);
    drop(lock);
    (paths, recovery)
}

/// Opens the database directly with the data key from `user`'s slot, as an attacker who
/// knows a password could with SQLCipher's own tools.
pub fn raw_connection(paths: &FilePaths, user: &str, password: &str) -> rusqlite::Connection {
    let key = data_key(paths, user, password);
    connection::open(&paths.database, &key, OpenMode::Existing).unwrap()
}

/// The data key from `user`'s slot.
pub fn data_key(paths: &FilePaths, user: &str, password: &str) -> DataKey {
    let slots = SlotFile::load(&paths.key_slots).unwrap();
    slots
        .user_slot(user)
        .unwrap()
        .open(password.as_bytes(), &slots.file_id, &slots.origin)
        .unwrap()
        .unwrap()
}
