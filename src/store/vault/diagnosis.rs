//! Telling apart what went wrong when a key from the slot file does not open the database:
//! a key file that belongs to another case file, or a damaged database.
//!
//! The slot file remembers the database's first 16 bytes (SQLCipher's salt: random per
//! database, stored in plain, stable across every write of that database). A key file beside
//! a foreign database finds a salt that differs almost everywhere; a byte flip changes a
//! few bytes at most.

use std::io::Read;
use std::path::Path;

use crate::store::vault::key_slots::SlotFile;
use crate::store::FilePaths;
use crate::{Error, Result};

const SALT_BYTES: usize = 16;
/// Of 16 random bytes a foreign salt matches about none; damage changes a few.
const FOREIGN_WHEN_DIFFERENT: usize = 8;

/// The database's salt, hex; `None` when the file is shorter or unreadable.
pub(crate) fn database_salt(db: &Path) -> Option<String> {
    let mut salt = [0u8; SALT_BYTES];
    std::fs::File::open(db).ok()?.read_exact(&mut salt).ok()?;
    Some(hex::encode(salt))
}

/// The error to report when the key the slot file gave does not open the database
/// (`opening` is what opening said).
pub(crate) fn key_does_not_open(paths: &FilePaths, slots: &SlotFile, opening: Error) -> Error {
    let Error::FileDamaged { detail } = opening else {
        return opening;
    };
    let found = database_salt(&paths.database).and_then(|s| hex::decode(s).ok());
    let remembered = slots
        .database_salt
        .as_deref()
        .and_then(|s| hex::decode(s).ok());
    match (found, remembered) {
        (Some(found), Some(remembered)) if remembered.len() == SALT_BYTES => {
            let different = found
                .iter()
                .zip(&remembered)
                .filter(|(a, b)| a != b)
                .count();
            if different >= FOREIGN_WHEN_DIFFERENT && found.iter().any(|b| *b != 0) {
                Error::KeySlotsForeign {
                    path: paths.key_slots.display().to_string(),
                    created_at: slots.created_at.as_deref().and_then(german_date),
                }
            } else {
                Error::FileDamaged { detail }
            }
        }
        _ => Error::KeyDoesNotOpen {
            path: paths.display(),
            detail,
        },
    }
}

/// Brings the slot file's memory of its database up to date after the key opened it: the
/// salt (a key change or a restore makes a new one) and the file's creation time. Writes the
/// slot file only when something changed.
pub(crate) fn remember_database(
    paths: &FilePaths,
    slots: &mut SlotFile,
    created_at: &str,
) -> Result<()> {
    let salt = database_salt(&paths.database);
    let changed = salt.is_some() && slots.database_salt != salt
        || slots.created_at.as_deref() != Some(created_at);
    if !changed {
        return Ok(());
    }
    if salt.is_some() {
        slots.database_salt = salt;
    }
    slots.created_at = Some(created_at.to_owned());
    slots.save(&paths.key_slots)
}

fn german_date(rfc3339: &str) -> Option<String> {
    let at = chrono::DateTime::parse_from_rfc3339(rfc3339).ok()?;
    Some(
        at.with_timezone(&chrono_tz::Europe::Berlin)
            .format("%d.%m.%Y")
            .to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup(salt: &[u8; 16]) -> (tempfile::TempDir, FilePaths, SlotFile) {
        let dir = tempfile::tempdir().unwrap();
        let paths = FilePaths::for_database(dir.path().join("a.hfk"));
        let mut content = salt.to_vec();
        content.extend([7u8; 100]);
        std::fs::write(&paths.database, content).unwrap();
        let mut slots = SlotFile::new("f1".into());
        slots.database_salt = Some(hex::encode([0x5a; 16]));
        slots.created_at = Some("2026-03-04T10:00:00+00:00".into());
        (dir, paths, slots)
    }

    fn damaged() -> Error {
        Error::FileDamaged {
            detail: "SQLite-Code 26".into(),
        }
    }

    #[test]
    fn a_foreign_database_is_named_with_the_key_files_date() {
        let (_d, paths, slots) = setup(&[0x11; 16]);
        let e = key_does_not_open(&paths, &slots, damaged());
        assert!(matches!(e, Error::KeySlotsForeign { .. }), "{e:?}");
        assert!(e.to_string().contains("(angelegt am 04.03.2026)"), "{e}");
        assert!(!e.to_string().contains("Sicherung wieder her."), "{e}");
    }

    #[test]
    fn a_flipped_byte_in_the_salt_is_damage() {
        let mut salt = [0x5a; 16];
        salt[3] ^= 0x40;
        let (_d, paths, slots) = setup(&salt);
        let e = key_does_not_open(&paths, &slots, damaged());
        assert!(matches!(e, Error::FileDamaged { .. }), "{e:?}");
    }

    #[test]
    fn without_a_remembered_salt_both_causes_are_named() {
        let (_d, paths, mut slots) = setup(&[0x11; 16]);
        slots.database_salt = None;
        let e = key_does_not_open(&paths, &slots, damaged());
        assert!(matches!(e, Error::KeyDoesNotOpen { .. }), "{e:?}");
        assert_eq!(e.technical().as_deref(), Some("SQLite-Code 26"));
    }
}
