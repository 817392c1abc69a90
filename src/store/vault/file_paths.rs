//! Where the parts of one case file live: the database and the small files beside it.

use std::path::{Path, PathBuf};

use crate::{Error, Result};

pub const FILE_EXTENSION: &str = "hfk";
pub const DEFAULT_FILE_NAME: &str = "haertefallkommission.hfk";

/// The names the parts of a file take while a restore or a key change swaps them, beside
/// the part they stand for (`name.hfk.neu`, `name.hfk.keys.vor-wiederherstellung` …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SwapPart {
    /// A restore: the backup's parts on their way in.
    RestoreIncoming,
    /// A restore: the live parts set aside until the restored file is verified.
    RestoreSetAside,
    /// A restore: the marker that the restored file was verified.
    RestoreDone,
    /// A key change: the re-encrypted parts on their way in.
    RekeyNew,
    /// A key change: the old parts set aside.
    RekeyOld,
}

impl SwapPart {
    const ALL: [SwapPart; 5] = [
        SwapPart::RestoreIncoming,
        SwapPart::RestoreSetAside,
        SwapPart::RestoreDone,
        SwapPart::RekeyNew,
        SwapPart::RekeyOld,
    ];

    fn suffix(self) -> &'static str {
        match self {
            SwapPart::RestoreIncoming => ".wiederherstellung",
            SwapPart::RestoreSetAside => ".vor-wiederherstellung",
            SwapPart::RestoreDone => ".wiederhergestellt",
            SwapPart::RekeyNew => ".neu",
            SwapPart::RekeyOld => ".alt",
        }
    }
}

/// `path` with `suffix` appended to its name: the companions sit beside their part.
pub fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

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
        FilePaths {
            key_slots: beside(&database, ".keys"),
            instance_lock: beside(&database, ".lock"),
            unlock_attempts: beside(&database, ".attempts"),
            staging: beside(&database, ".creating"),
            database,
        }
    }

    /// The name `part` (the database, its log, or the key slots) takes in a swap.
    pub fn swap(part: &Path, swap: SwapPart) -> PathBuf {
        beside(part, swap.suffix())
    }

    /// Whether a restore or a key change was cut off here (a swap part lies beside the
    /// database or the key slots).
    pub fn swap_interrupted(&self) -> bool {
        SwapPart::ALL.iter().any(|&swap| {
            Self::swap(&self.database, swap).exists() || Self::swap(&self.key_slots, swap).exists()
        })
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
        paths.refuse_orphaned_key_slots()?;
        Ok(paths)
    }

    /// A slot file without its database, and not left by an interrupted creation (which
    /// leaves its half-built database beside it), belongs to a file that was moved or
    /// deleted: a new file must not replace it.
    pub(crate) fn refuse_orphaned_key_slots(&self) -> Result<()> {
        if self.key_slots.is_file() && !self.staging.exists() {
            return Err(Error::invalid(
                "Speicherort",
                format!(
                    "Hier liegt bereits eine Schlüsseldatei ({}) ohne ihre Akte; sie gehört zu \
                     einer verschobenen oder gelöschten Akte. Bitte wählen Sie einen anderen \
                     Namen oder stellen Sie die Akte aus einer Sicherung wieder her.",
                    self.key_slots.display()
                ),
            ));
        }
        Ok(())
    }

    pub fn folder(&self) -> &Path {
        self.database.parent().unwrap_or_else(|| Path::new("/"))
    }

    /// The parts only the owner may read: the database, its log and index, the slot file,
    /// the attempts counter and the lock file.
    pub fn private_parts(&self) -> Vec<PathBuf> {
        let mut parts = vec![
            self.database.clone(),
            self.key_slots.clone(),
            self.unlock_attempts.clone(),
            self.instance_lock.clone(),
        ];
        parts.extend(Self::wal_companions(&self.database));
        parts
    }

    /// SQLite's companions of a database file: its write-ahead log and shared-memory index.
    pub fn wal_companions(db: &Path) -> [PathBuf; 2] {
        ["-wal", "-shm"].map(|suffix| beside(db, suffix))
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
    fn new_file_refuses_an_orphaned_slot_file_but_not_an_interrupted_creation() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("akte.hfk");
        let paths = FilePaths::for_database(&db);
        std::fs::write(&paths.key_slots, b"{}").unwrap();
        let err = FilePaths::for_new_file(db.to_str().unwrap()).unwrap_err();
        assert!(err.to_string().contains("Schlüsseldatei"), "{err}");
        std::fs::write(&paths.staging, b"").unwrap();
        FilePaths::for_new_file(db.to_str().unwrap()).unwrap();
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
