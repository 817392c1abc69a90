//! Checking a case file without changing it: the pages (SQLCipher's authentication code of
//! each, SQLite's structure) and the audit chain, through a read-only connection. A check
//! that wrote (an unlock row, a migration, a checkpoint) could make permanent what it is
//! meant to find.

use std::path::PathBuf;

use serde::Serialize;
use specta::Type;

use crate::store::audit::ChainReport;
use crate::store::users;
use crate::store::vault::connection::{self, OpenMode};
use crate::store::vault::data_key::DataKey;
use crate::store::vault::key_slots::{self, SlotFile};
use crate::store::vault::{diagnosis, migrations, unlock_attempts};
use crate::store::{CaseFile, FilePaths};
use crate::{Error, Result};

/// The check of every page of an open file, to run beside the work after unlocking (it
/// takes seconds on a large file) and before every backup.
pub struct PageCheck {
    database: PathBuf,
    key: DataKey,
}

impl PageCheck {
    /// Reads every page through its own read-only connection. `Err(FileDamaged)` names the
    /// first damaged pages in German (see [`Error::technical`]).
    pub fn run(self) -> Result<()> {
        let conn = connection::open(&self.database, &self.key, OpenMode::ReadOnly)?;
        connection::check_integrity(&conn)
    }
}

impl CaseFile {
    /// A check of every page of this file, to be run on another thread.
    pub fn page_check(&self) -> PageCheck {
        PageCheck {
            database: self.paths.database.clone(),
            key: DataKey::from_slice(self.key.as_bytes()).expect("same length"),
        }
    }
}

/// What a read-only check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct FileCheckReport {
    pub chain: ChainReport,
    /// `None` when every page is intact; else what is damaged, in German.
    pub damaged_pages: Option<String>,
}

impl FileCheckReport {
    pub fn intact(&self) -> bool {
        self.chain.first_broken.is_none() && self.damaged_pages.is_none()
    }
}

/// Checks the file at `paths` with a user's password, reading only: no lock is taken, no
/// row is written, nothing is migrated or repaired. A failed password counts as a failed
/// attempt, as at the unlock screen.
pub fn check_read_only(
    paths: &FilePaths,
    username: &str,
    password: &str,
) -> Result<FileCheckReport> {
    let now = chrono::Utc::now();
    unlock_attempts::check(&paths.unlock_attempts, now)?;
    if !paths.database.exists() {
        return Err(Error::FileNotFound {
            path: paths.display(),
        });
    }
    let slots = SlotFile::load(&paths.key_slots)?;
    let key = match slots.user_slot(username) {
        Some(slot) => slot.open(password.as_bytes(), &slots.file_id, &slots.origin)?,
        None => {
            key_slots::spend_equal_time(password.as_bytes());
            None
        }
    };
    let Some(key) = key else {
        unlock_attempts::record_failure(&paths.unlock_attempts, now)?;
        return Err(Error::WrongCredentials);
    };
    let conn = connection::open(&paths.database, &key, OpenMode::ReadOnly)
        .map_err(|e| diagnosis::key_does_not_open(paths, &slots, e))?;
    migrations::readable_version(&conn)?;
    let stored_id: String =
        conn.query_row("SELECT file_id FROM file_meta WHERE id = 1", [], |r| {
            r.get(0)
        })?;
    if stored_id != slots.file_id {
        return Err(Error::KeySlotsDamaged {
            path: paths.key_slots.display().to_string(),
        });
    }
    if users::find_active(&conn, username)?.is_none() {
        unlock_attempts::record_failure(&paths.unlock_attempts, now)?;
        return Err(Error::WrongCredentials);
    }
    let damaged_pages = match connection::check_integrity(&conn) {
        Ok(()) => None,
        Err(Error::FileDamaged { detail }) => Some(detail),
        Err(other) => return Err(other),
    };
    let chain = slots.verify_chain(&conn)?;
    Ok(FileCheckReport {
        chain,
        damaged_pages,
    })
}
