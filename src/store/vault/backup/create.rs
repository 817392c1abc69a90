//! Making a backup of the open file, and where and when backups are made.

use crate::store::audit::AuditAction;
use crate::store::audit::{self, AuditEvent};
use crate::store::vault::backup::format::{
    count, default_name, digest, parse, BackupContents, Header, FORMAT, MAGIC,
};
use crate::store::vault::connection::{self, OpenMode};
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
        let snapshot_path = snapshot
            .to_str()
            .ok_or_else(|| Error::invalid("Ziel", "Der Pfad enthält Zeichen, die nicht gehen."))?;
        // The connection may not create files; an empty file is an empty database to attach.
        std::fs::File::create(&snapshot).map_err(cannot)?;
        let key_literal = {
            let hex = zeroize::Zeroizing::new(hex::encode(self.key.as_bytes()));
            zeroize::Zeroizing::new(format!("x'{}'", hex.as_str()))
        };
        let conn = self.conn();
        conn.execute(
            "ATTACH DATABASE ?1 AS sicherung KEY ?2",
            [snapshot_path, key_literal.as_str()],
        )?;
        let exported = (|| -> Result<()> {
            conn.query_row("SELECT sqlcipher_export('sicherung')", [], |_| Ok(()))?;
            conn.execute_batch(&format!(
                "PRAGMA sicherung.user_version = {}",
                migrations::schema_version(conn)?
            ))?;
            Ok(())
        })();
        conn.execute_batch("DETACH DATABASE sicherung")?;
        exported?;

        let key_slots = std::fs::read(&self.paths().key_slots).map_err(cannot)?;
        let database = std::fs::read(&snapshot).map_err(cannot)?;
        let slots = SlotFile::from_bytes(&key_slots, "Schlüsseldatei")?;
        let header = Header {
            format: FORMAT,
            created_at: Utc::now().to_rfc3339(),
            file_id: slots.file_id.clone(),
            schema_version: migrations::schema_version(self.conn())?,
            key_slots_len: key_slots.len() as u64,
            database_len: database.len() as u64,
            sha256: digest(&key_slots, &database),
        };
        let header_json =
            serde_json::to_vec(&header).map_err(|e| Error::Internal(e.to_string()))?;
        let mut bytes = Vec::with_capacity(
            MAGIC.len() + 4 + header_json.len() + key_slots.len() + database.len(),
        );
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&(header_json.len() as u32).to_le_bytes());
        bytes.extend_from_slice(&header_json);
        bytes.extend_from_slice(&key_slots);
        bytes.extend_from_slice(&database);
        // Check what will be written before writing it: the snapshot opens and is whole.
        let parts = parse(target, &bytes)?;
        let check = connection::open(&snapshot, &self.key, OpenMode::Existing)?;
        connection::check_integrity(&check)?;
        let contents = BackupContents {
            created_at: parts.header.created_at.clone(),
            cases: count(&check, "SELECT count(*) FROM cases")?,
            persons: count(&check, "SELECT count(*) FROM persons")?,
            sessions: count(&check, "SELECT count(*) FROM sessions")?,
            users: count(
                &check,
                "SELECT count(*) FROM users WHERE removed_at IS NULL",
            )?,
            schema_version: u32::try_from(parts.header.schema_version).unwrap_or(0),
        };
        drop(check);
        atomic_file::write(target, &bytes, "Die Sicherung")?;
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
