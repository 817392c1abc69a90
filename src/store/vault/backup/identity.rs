//! Whether a backup comes from the case file it would replace. A backup of another case file
//! is restored only when the user confirms it in so many words: it replaces every case.
//!
//! A file is known by its creation time (kept through key changes); a slot file from before
//! version 0.2 does not record it, and then the file id is compared.

use crate::store::vault::backup::format::BackupContents;
use crate::store::vault::key_slots::SlotFile;
use crate::store::FilePaths;
use crate::{Error, Result};

/// Whether the user has said that a backup of another case file may replace this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OtherFile {
    Refuse,
    Replace,
}

/// The live file's creation time (RFC 3339) when the backup at hand comes from another case
/// file; `None` when it is the same file or the live file cannot tell (a missing or damaged
/// slot file, which is when a restore is most needed).
pub fn other_file(paths: &FilePaths, backup: &BackupContents) -> Option<String> {
    let live = SlotFile::load(&paths.key_slots).ok()?;
    let same = match &live.created_at {
        Some(created_at) => *created_at == backup.file_created_at,
        None => live.file_id == backup.file_id,
    };
    (!same).then(|| live.created_at.unwrap_or_default())
}

/// Refuses a backup of another case file unless the user confirmed it.
pub(super) fn check(
    paths: &FilePaths,
    backup: &BackupContents,
    confirmed: OtherFile,
) -> Result<()> {
    let Some(live_created_at) = other_file(paths, backup) else {
        return Ok(());
    };
    if confirmed == OtherFile::Replace {
        return Ok(());
    }
    let date = |rfc: &str| {
        chrono::DateTime::parse_from_rfc3339(rfc)
            .map(|t| {
                t.with_timezone(&chrono_tz::Europe::Berlin)
                    .format("%d.%m.%Y")
                    .to_string()
            })
            .unwrap_or_else(|_| "unbekannt".into())
    };
    Err(Error::invalid(
        "Sicherung",
        format!(
            "Diese Sicherung stammt aus einer anderen Akte (angelegt am {}, {}) als der \
             geöffneten (angelegt am {}). Sie würde jeden Fall der geöffneten Akte ersetzen. \
             Wenn das gewollt ist, bestätigen Sie es bitte ausdrücklich.",
            date(&backup.file_created_at),
            crate::domain::wording::counted(backup.cases, "Fall", "Fälle"),
            if live_created_at.is_empty() {
                "unbekannt".to_owned()
            } else {
                date(&live_created_at)
            }
        ),
    ))
}

/// The open file, as the question before replacing it by another file's backup names it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, specta::Type)]
pub struct OpenFileSummary {
    /// RFC 3339.
    pub created_at: String,
    pub cases: u32,
}

/// A checked backup, and the open file it would replace when that is another case file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, specta::Type)]
pub struct BackupToRestore {
    pub contents: BackupContents,
    /// Set when the backup comes from another case file: restoring it needs the user's
    /// explicit confirmation.
    pub other_file: Option<OpenFileSummary>,
}

impl crate::store::CaseFile {
    /// Opens a backup with the password of one of its users and says what it holds and
    /// whether it comes from another case file; replaces nothing. Verwaltung only.
    pub fn inspect_backup(
        &self,
        backup: &std::path::Path,
        username: &str,
        password: &str,
    ) -> Result<BackupToRestore> {
        self.may_restore()?;
        let contents = super::format::inspect(backup, username, password)?;
        let other_file = match other_file(self.paths(), &contents) {
            Some(_) => Some(OpenFileSummary {
                created_at: self.info()?.created_at,
                cases: self.count_cases()?,
            }),
            None => None,
        };
        Ok(BackupToRestore {
            contents,
            other_file,
        })
    }
}
