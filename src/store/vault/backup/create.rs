//! Making a backup of the open file, and where and when backups are made.

use crate::store::audit::AuditAction;
use crate::store::audit::{self, AuditEvent};
use crate::store::vault::backup::format::{
    count, default_name, digest_files, write_streamed, BackupContents, Header, FORMAT,
};
use crate::store::vault::connection::{self, OpenMode};
use crate::store::vault::export::export_encrypted;
use crate::store::vault::key_slots::SlotFile;
use crate::store::vault::{atomic_file, migrations};
use crate::store::{settings, CaseFile};
use crate::{Error, Result};
use chrono::Utc;
use rusqlite::Connection;
use serde::Serialize;
use specta::Type;
use std::path::Path;

impl CaseFile {
    pub(super) fn count_cases(&self) -> Result<u32> {
        count(self.conn(), "SELECT count(*) FROM cases")
    }

    /// Writes a backup of the open file to `target`: a consistent snapshot taken while the
    /// file is in use, encrypted with the same key, with the key slots. Written to a temp file
    /// beside the target and renamed into place, so no half-written backup is ever left.
    pub fn create_backup(&mut self, target: &Path) -> Result<BackupContents> {
        self.require_editor()?;
        let dir = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or_else(|| Path::new("."));
        let cannot = |e: std::io::Error| {
            Error::io(
                format!(
                    "Die Sicherung {} konnte nicht geschrieben werden",
                    target.display()
                ),
                e,
            )
        };
        let work = tempfile::Builder::new()
            .prefix(".hfk-sicherung-")
            .tempdir_in(dir)
            .map_err(cannot)?;
        let snapshot = work.path().join("akte.hfk");
        export_encrypted(self.conn(), &snapshot, &self.key, "Die Sicherung", |_| {
            Ok(())
        })?;

        // The snapshot opens and is whole before anything is hashed or written (opening it
        // settles its journal, so it comes first).
        let check = connection::open(&snapshot, &self.key, OpenMode::Existing)?;
        connection::check_integrity(&check)?;
        let contents = BackupContents {
            created_at: Utc::now().to_rfc3339(),
            cases: count(&check, "SELECT count(*) FROM cases")?,
            persons: count(&check, "SELECT count(*) FROM persons")?,
            sessions: count(&check, "SELECT count(*) FROM sessions")?,
            users: count(
                &check,
                "SELECT count(*) FROM users WHERE removed_at IS NULL",
            )?,
            schema_version: u32::try_from(migrations::schema_version(self.conn())?).unwrap_or(0),
            header_checked: true,
            file_id: SlotFile::load(&self.paths().key_slots)?.file_id,
            file_created_at: check.query_row(
                "SELECT created_at FROM file_meta WHERE id = 1",
                [],
                |r| r.get(0),
            )?,
        };
        drop(check);
        // The slot file is copied first, so both parts stay as hashed until written.
        let key_slots = work.path().join("akte.hfk.keys");
        std::fs::copy(&self.paths().key_slots, &key_slots).map_err(cannot)?;
        let slots = SlotFile::from_bytes(
            &std::fs::read(&key_slots).map_err(cannot)?,
            &self.paths().key_slots.display().to_string(),
        )?;
        let len = |p: &Path| std::fs::metadata(p).map(|m| m.len()).map_err(cannot);
        let parts = [key_slots.as_path(), snapshot.as_path()];
        let mut header = Header {
            format: FORMAT,
            created_at: contents.created_at.clone(),
            file_id: slots.file_id.clone(),
            schema_version: i64::from(contents.schema_version),
            key_slots_len: len(&key_slots)?,
            database_len: len(&snapshot)?,
            sha256: String::new(),
        };
        header.sha256 = digest_files(&header, &parts).map_err(cannot)?;
        // Written beside the target, then renamed into place: never a half-written backup.
        let written = work.path().join("sicherung");
        write_streamed(&written, &header, &parts)?;
        atomic_file::rename(&written, target)?;
        atomic_file::sync_folder(dir);
        drop(work);
        let file_name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.edit(|tx, user| {
            settings::put(
                tx,
                &settings::LAST_BACKUP_AT,
                Some(contents.created_at.clone()),
            )?;
            audit::append(
                tx,
                user,
                AuditEvent {
                    action: AuditAction::BackupCreate,
                    entity_id: Some(&file_name),
                    before: None,
                    after: Some(serde_json::json!({ "cases": contents.cases })),
                },
            )?;
            Ok(())
        })?;
        Ok(contents)
    }

    /// Where backups go, when the last one was made, and whether one is due.
    pub fn backup_status(&self) -> Result<BackupStatus> {
        status(self.conn())
    }

    /// Chooses the folder "Jetzt sichern" writes to. Verwaltung only; audited.
    pub fn set_backup_folder(&mut self, folder: &str) -> Result<BackupStatus> {
        self.require_admin()?;
        let path = Path::new(folder.trim());
        if folder.trim().is_empty() || !path.is_absolute() {
            return Err(Error::invalid(
                "Sicherungsordner",
                "Bitte einen vollständigen Ordnerpfad wählen.",
            ));
        }
        if !path.is_dir() {
            return Err(Error::invalid(
                "Sicherungsordner",
                format!("Den Ordner {} gibt es nicht.", path.display()),
            ));
        }
        let folder = path.display().to_string();
        self.change_setting(&settings::BACKUP_FOLDER, Some(folder))?;
        self.backup_status()
    }

    /// Writes a backup into the chosen folder under a name with date and time.
    pub fn backup_now(&mut self) -> Result<(String, BackupContents)> {
        let folder = settings::get(self.conn(), &settings::BACKUP_FOLDER)?.ok_or_else(|| {
            Error::invalid(
                "Sicherungsordner",
                "Bitte zuerst unter Verwaltung → Sicherung einen Sicherungsordner wählen.",
            )
        })?;
        let target =
            Path::new(&folder).join(default_name(&self.paths().database, self.clock().now()));
        let contents = self.create_backup(&target)?;
        Ok((target.display().to_string(), contents))
    }

    /// Restoring replaces the whole file: Verwaltung only.
    pub fn may_restore(&self) -> Result<()> {
        self.require_admin()
    }
}

/// After this many days without a backup the start page reminds.
pub const BACKUP_REMINDER_DAYS: i64 = 7;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct BackupStatus {
    pub folder: Option<String>,
    /// RFC 3339, UTC.
    pub last_backup_at: Option<String>,
    /// No backup yet, or the last one is older than the reminder period.
    pub due: bool,
    pub reminder_days: u32,
}

pub(crate) fn status(conn: &Connection) -> Result<BackupStatus> {
    let last = settings::get(conn, &settings::LAST_BACKUP_AT)?;
    let due = match last
        .as_deref()
        .and_then(|l| chrono::DateTime::parse_from_rfc3339(l).ok())
    {
        Some(at) => {
            Utc::now().signed_duration_since(at) > chrono::Duration::days(BACKUP_REMINDER_DAYS)
        }
        None => true,
    };
    Ok(BackupStatus {
        folder: settings::get(conn, &settings::BACKUP_FOLDER)?,
        last_backup_at: last,
        due,
        reminder_days: BACKUP_REMINDER_DAYS as u32,
    })
}
