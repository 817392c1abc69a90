//! Where the parts of one case file live: the database and the small files beside it.

use std::path::{Path, PathBuf};

use crate::{Error, Result};

pub const FILE_EXTENSION: &str = "hfk";
pub const DEFAULT_FILE_NAME: &str = "haertefallkommission.hfk";

/// The database and its companions. Only the database holds case data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilePaths {
    /// The SQLCipher database (`name.hfk`).
    pub database: PathBuf,
    /// The key slots (`name.hfk.keys`): wrapped data keys, no personal data.
    pub key_slots: PathBuf,
    /// Held locked while a program has the file open (`name.hfk.lock`).
    pub instance_lock: PathBuf,
    /// Failed unlock attempts, so that a restart does not reset the wait (`name.hfk.attempts`).
    pub unlock_attempts: PathBuf,
    /// Where a new database is built before it is renamed into place (`name.hfk.creating`).
    pub staging: PathBuf,
}

impl FilePaths {
    pub fn for_database(database: impl Into<PathBuf>) -> Self {
        let database = database.into();
        let beside = |suffix: &str| {
            let mut name = database.as_os_str().to_owned();
            name.push(suffix);
            PathBuf::from(name)
        };
        FilePaths {
            key_slots: beside(".keys"),
            instance_lock: beside(".lock"),
            unlock_attempts: beside(".attempts"),
            staging: beside(".creating"),
            database,
        }
    }

    /// Checks a location chosen for a new file: an absolute path, ending in `.hfk`
    /// (added when missing), where no database is yet. Companion files left by an interrupted
    /// creation do not count: the database is renamed into place last, so without it they are
    /// leftovers that the new creation replaces.
    pub fn for_new_file(raw: &str) -> Result<Self> {
        const FIELD: &str = "Speicherort";
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(Error::invalid(FIELD, "Bitte wählen Sie einen Speicherort."));
        }
        let mut path = PathBuf::from(trimmed);
        if !path.is_absolute() {
            return Err(Error::invalid(
                FIELD,
                "Bitte geben Sie einen vollständigen Pfad an (beginnend mit /).",
            ));
        }
        if path.file_name().is_none() {
            return Err(Error::invalid(
                FIELD,
                "Bitte geben Sie einen Dateinamen an.",
            ));
        }
        if path.extension().and_then(|e| e.to_str()) != Some(FILE_EXTENSION) {
            let mut name = path.as_os_str().to_owned();
            name.push(".");
            name.push(FILE_EXTENSION);
            path = PathBuf::from(name);
        }
        let paths = FilePaths::for_database(path);
        if paths.database.exists() {
            return Err(Error::FileExists {
                path: paths.database.display().to_string(),
            });
        }
        Ok(paths)
    }

    pub fn folder(&self) -> &Path {
        self.database.parent().unwrap_or_else(|| Path::new("/"))
    }

    /// SQLite's companions of a database file: its write-ahead log and shared-memory index.
    pub fn wal_companions(db: &Path) -> [PathBuf; 2] {
        ["-wal", "-shm"].map(|suffix| {
            let mut name = db.as_os_str().to_owned();
            name.push(suffix);
            PathBuf::from(name)
        })
    }

    pub fn display(&self) -> String {
        self.database.display().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn companions_sit_beside_the_database() {
        let p = FilePaths::for_database("/daten/akte.hfk");
        assert_eq!(p.key_slots, PathBuf::from("/daten/akte.hfk.keys"));
        assert_eq!(p.instance_lock, PathBuf::from("/daten/akte.hfk.lock"));
        assert_eq!(p.unlock_attempts, PathBuf::from("/daten/akte.hfk.attempts"));
        assert_eq!(p.staging, PathBuf::from("/daten/akte.hfk.creating"));
    }

    #[test]
    fn new_file_gets_the_extension_and_must_be_absolute() {
        let dir = tempfile::tempdir().unwrap();
        let raw = dir.path().join("Kommission 2026");
        let p = FilePaths::for_new_file(raw.to_str().unwrap()).unwrap();
        assert_eq!(p.database, dir.path().join("Kommission 2026.hfk"));
        assert!(FilePaths::for_new_file("relativ/akte.hfk").is_err());
        assert!(FilePaths::for_new_file("  ").is_err());
    }

    #[test]
    fn new_file_refuses_an_existing_one() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("akte.hfk");
        std::fs::write(&db, b"x").unwrap();
        let err = FilePaths::for_new_file(db.to_str().unwrap()).unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::FileExists);
    }
}
