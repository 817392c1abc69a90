//! Backups (Sicherungen): one file holding a consistent snapshot of the database, still
//! encrypted with the data key, together with the key slots that open it.
//!
//! Layout: the magic line, a 4-byte little-endian header length, the header (JSON: format,
//! time, file id, schema version, part lengths, SHA-256 of the parts), the slot file, the
//! database. The header holds no personal data; the slot file holds user names and sealed
//! keys, as beside the live file; the database stays encrypted throughout, also in temp files.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::Utc;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use specta::Type;

use crate::store::audit::{self, AuditEvent};
use crate::store::connection::{self, OpenMode};
use crate::store::data_key::DataKey;
use crate::store::key_slots::{self, SlotFile};
use crate::store::{atomic_file, migrations, settings, CaseFile, FilePaths, InstanceLock};
use crate::{Error, Result};

const MAGIC: &[u8] = b"HFK-AKTE-SICHERUNG\n";
const FORMAT: u32 = 1;
/// A header larger than this is not one of ours.
const MAX_HEADER: u32 = 64 * 1024;
pub const BACKUP_EXTENSION: &str = "hfksicherung";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Header {
    format: u32,
    created_at: String,
    file_id: String,
    schema_version: i64,
    key_slots_len: u64,
    database_len: u64,
    sha256: String,
}

/// What a backup holds, as restore shows it before replacing anything.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct BackupContents {
    /// RFC 3339, UTC.
    pub created_at: String,
    pub cases: u32,
    pub persons: u32,
    pub sessions: u32,
    pub users: u32,
    pub schema_version: u32,
}

struct Parts {
    header: Header,
    key_slots: Vec<u8>,
    database: Vec<u8>,
}

fn damaged(path: &Path, detail: impl Into<String>) -> Error {
    Error::BackupDamaged {
        path: path.display().to_string(),
        detail: detail.into(),
    }
}

fn digest(key_slots: &[u8], database: &[u8]) -> String {
    let mut hash = Sha256::new();
    hash.update(key_slots);
    hash.update(database);
    hex::encode(hash.finalize())
}

/// Splits a backup file into its checked parts. Refuses anything truncated, padded or altered.
fn parse(path: &Path, bytes: &[u8]) -> Result<Parts> {
    let rest = bytes
        .strip_prefix(MAGIC)
        .ok_or_else(|| damaged(path, "keine HFK-Akte-Sicherung"))?;
    let (len, rest) = rest
        .split_first_chunk::<4>()
        .ok_or_else(|| damaged(path, "Kopf fehlt"))?;
    let len = u32::from_le_bytes(*len);
    if len > MAX_HEADER || len as usize > rest.len() {
        return Err(damaged(path, "Kopf unvollständig"));
    }
    let (header, rest) = rest.split_at(len as usize);
    let header: Header =
        serde_json::from_slice(header).map_err(|_| damaged(path, "Kopf unlesbar"))?;
    if header.format != FORMAT {
        return Err(damaged(
            path,
            format!("unbekanntes Format {}", header.format),
        ));
    }
    let slots_len = usize::try_from(header.key_slots_len).map_err(|_| damaged(path, "Länge"))?;
    let db_len = usize::try_from(header.database_len).map_err(|_| damaged(path, "Länge"))?;
    if slots_len.checked_add(db_len) != Some(rest.len()) {
        return Err(damaged(path, "Länge stimmt nicht"));
    }
    let (key_slots, database) = rest.split_at(slots_len);
    if digest(key_slots, database) != header.sha256 {
        return Err(damaged(path, "Prüfsumme stimmt nicht"));
    }
    Ok(Parts {
        header,
        key_slots: key_slots.to_vec(),
        database: database.to_vec(),
    })
}

fn read(path: &Path) -> Result<Parts> {
    let bytes = std::fs::read(path).map_err(|e| {
        Error::io(
            format!(
                "Die Sicherung {} konnte nicht gelesen werden",
                path.display()
            ),
            e,
        )
    })?;
    parse(path, &bytes)
}

fn count(conn: &Connection, sql: &str) -> Result<u32> {
    Ok(conn.query_row(sql, [], |r| r.get(0))?)
}

/// Opens the snapshot with a user's password and checks it page by page. Returns what it holds
/// and the data key. The database is written to a temp folder still encrypted.
fn open_parts(
    path: &Path,
    parts: &Parts,
    username: &str,
    password: &str,
) -> Result<(BackupContents, DataKey)> {
    let slots = SlotFile::from_bytes(&parts.key_slots, &path.display().to_string())?;
    if slots.file_id != parts.header.file_id {
        return Err(damaged(path, "Schlüssel passen nicht zur Akte"));
    }
    let key = match slots.user_slot(username) {
        Some(slot) => slot.open(password.as_bytes(), &slots.file_id)?,
        None => {
            key_slots::spend_equal_time(password.as_bytes());
            None
        }
    }
    .ok_or(Error::WrongCredentials)?;
    let dir = tempfile::Builder::new()
        .prefix("hfk-sicherung-")
        .tempdir()
        .map_err(|e| Error::io("Ein temporärer Ordner konnte nicht angelegt werden", e))?;
    let db = dir.path().join("akte.hfk");
    std::fs::write(&db, &parts.database)
        .map_err(|e| Error::io("Die Sicherung konnte nicht entpackt werden", e))?;
    let conn = connection::open(&db, &key, OpenMode::Existing).map_err(|e| match e {
        Error::FileDamaged { detail } => damaged(path, detail),
        other => other,
    })?;
    connection::check_integrity(&conn).map_err(|e| match e {
        Error::FileDamaged { detail } => damaged(path, detail),
        other => other,
    })?;
    let version = migrations::schema_version(&conn)?;
    if version > migrations::SCHEMA_VERSION {
        return Err(Error::invalid(
            "Sicherung",
            format!(
                "Die Sicherung stammt von einer neueren Programmversion (Datenformat {version}). Bitte aktualisieren Sie HFK-Akte."
            ),
        ));
    }
    let table_exists = |name: &str| -> Result<bool> {
        Ok(conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)",
            [name],
            |r| r.get(0),
        )?)
    };
    let contents = BackupContents {
        created_at: parts.header.created_at.clone(),
        cases: if table_exists("cases")? {
            count(&conn, "SELECT count(*) FROM cases")?
        } else {
            0
        },
        persons: if table_exists("persons")? {
            count(&conn, "SELECT count(*) FROM persons")?
        } else {
            0
        },
        sessions: if table_exists("sessions")? {
            count(&conn, "SELECT count(*) FROM sessions")?
        } else {
            0
        },
        users: count(&conn, "SELECT count(*) FROM users WHERE removed_at IS NULL")?,
        schema_version: u32::try_from(version).unwrap_or(0),
    };
    Ok((contents, key))
}

/// Opens a backup with a user's password (from the backup's own key slots) and checks it,
/// without touching any live file.
pub fn inspect(path: &Path, username: &str, password: &str) -> Result<BackupContents> {
    let parts = read(path)?;
    open_parts(path, &parts, username, password).map(|(contents, _)| contents)
}

/// The name a backup gets by default: "haertefallkommission-2026-11-25-1430.hfksicherung".
pub fn default_name(database: &Path) -> String {
    let stem = database
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "akte".into());
    format!(
        "{stem}-{}.{BACKUP_EXTENSION}",
        chrono::Local::now().format("%Y-%m-%d-%H%M")
    )
}

fn rename(from: &Path, to: &Path) -> Result<()> {
    std::fs::rename(from, to).map_err(|e| {
        Error::io(
            format!("{} konnte nicht umbenannt werden", from.display()),
            e,
        )
    })
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The live file's parts that a restore moves aside: database, its WAL and shared memory
/// (a stale WAL must never meet the restored database), and the key slots.
fn live_parts(paths: &FilePaths) -> [PathBuf; 4] {
    [
        paths.database.clone(),
        with_suffix(&paths.database, "-wal"),
        with_suffix(&paths.database, "-shm"),
        paths.key_slots.clone(),
    ]
}

const SET_ASIDE: &str = ".vor-wiederherstellung";
const INCOMING: &str = ".wiederherstellung";
/// Written once the restored file is verified: from then on a cut-off clean-up goes forward.
const RESTORED: &str = ".wiederhergestellt";

/// Puts a restore that a crash cut off back to the file as it was before: the parts set
/// aside return, whatever came in goes (the backup file itself is untouched). Runs before
/// every unlock and before a restore; does nothing when no restore was under way.
pub(crate) fn finish_interrupted(paths: &FilePaths) -> Result<()> {
    let aside_db = with_suffix(&paths.database, SET_ASIDE);
    let aside_keys = with_suffix(&paths.key_slots, SET_ASIDE);
    let done = with_suffix(&paths.database, RESTORED);
    if done.exists() {
        // The restored file was verified: finish clearing the old parts away.
        for part in live_parts(paths) {
            let _ = std::fs::remove_file(with_suffix(&part, SET_ASIDE));
        }
        let _ = std::fs::remove_file(&done);
    } else if aside_db.exists() || aside_keys.exists() {
        put_back(paths);
    }
    let _ = std::fs::remove_file(with_suffix(&paths.database, INCOMING));
    let _ = std::fs::remove_file(with_suffix(&paths.key_slots, INCOMING));
    atomic_file::sync_folder(paths.folder());
    Ok(())
}

/// Removes whatever a restore put in place (the database, its log and shared memory, the
/// slots) and renames the parts set aside back. When the restored database is in place its
/// log and shared memory go too: they must never be replayed onto the old database.
fn put_back(paths: &FilePaths) {
    let restored_in_place =
        paths.database.exists() && with_suffix(&paths.database, SET_ASIDE).exists();
    for part in live_parts(paths) {
        let aside = with_suffix(&part, SET_ASIDE);
        let is_log = part != paths.database && part != paths.key_slots;
        if aside.exists() || (is_log && restored_in_place) {
            let _ = std::fs::remove_file(&part);
        }
        if aside.exists() {
            let _ = std::fs::rename(&aside, &part);
        }
    }
}

/// Whether a restore or a key change was cut off at this file, so that the start screen
/// repairs it instead of offering a new file.
pub fn interrupted(paths: &FilePaths) -> bool {
    [SET_ASIDE, INCOMING, RESTORED, ".alt", ".neu"]
        .iter()
        .any(|suffix| {
            with_suffix(&paths.database, suffix).exists()
                || with_suffix(&paths.key_slots, suffix).exists()
        })
}

/// Repairs a cut-off restore or key change at a file whose lock is held.
pub fn repair_interrupted(lock: &InstanceLock) -> Result<()> {
    finish_interrupted(lock.paths())?;
    crate::store::rekey::finish_interrupted(lock.paths())
}

/// Replaces the live file (closed, with its lock held) by the backup's content. The user
/// must administer the restored file. The live parts are set aside first and removed only
/// after the restored file has been unlocked and checked; on any failure they are put back.
pub fn restore(
    lock: &InstanceLock,
    backup: &Path,
    username: &str,
    password: &str,
) -> Result<BackupContents> {
    let paths = lock.paths();
    repair_interrupted(lock)?;
    let parts = read(backup)?;
    let (contents, _) = open_parts(backup, &parts, username, password)?;
    let incoming_db = with_suffix(&paths.database, INCOMING);
    let incoming_keys = with_suffix(&paths.key_slots, INCOMING);
    let write = |path: &Path, bytes: &[u8]| -> Result<()> {
        let mut f = std::fs::File::create(path).map_err(|e| {
            Error::io(
                format!("{} konnte nicht geschrieben werden", path.display()),
                e,
            )
        })?;
        f.write_all(bytes).and_then(|_| f.sync_all()).map_err(|e| {
            Error::io(
                format!("{} konnte nicht geschrieben werden", path.display()),
                e,
            )
        })
    };
    let staged =
        write(&incoming_db, &parts.database).and_then(|_| write(&incoming_keys, &parts.key_slots));
    if let Err(e) = staged {
        let _ = std::fs::remove_file(&incoming_db);
        let _ = std::fs::remove_file(&incoming_keys);
        return Err(e);
    }

    // Each step is recorded, so a failure undoes exactly what was done.
    let mut set_aside: Vec<(PathBuf, PathBuf)> = Vec::new();
    let mut placed: Vec<PathBuf> = Vec::new();
    let swapped = (|| -> Result<()> {
        for live in live_parts(paths) {
            if live.exists() {
                let aside = with_suffix(&live, SET_ASIDE);
                rename(&live, &aside)?;
                set_aside.push((live, aside));
            }
        }
        rename(&incoming_keys, &paths.key_slots)?;
        placed.push(paths.key_slots.clone());
        rename(&incoming_db, &paths.database)?;
        placed.push(paths.database.clone());
        atomic_file::sync_folder(paths.folder());
        // The restored file must open like any other, for an administrator, and hold what
        // was shown.
        let mut file = CaseFile::unlock_as_found(lock, username, password)?;
        file.may_restore()?;
        let restored = file.count_cases()?;
        if restored != contents.cases {
            return Err(Error::Internal(format!(
                "Nach der Wiederherstellung {restored} statt {} Fälle",
                contents.cases
            )));
        }
        file.record(AuditEvent {
            entity: "backup",
            entity_id: None,
            action: "restore",
            before: None,
            after: Some(serde_json::json!({
                "backup_created_at": contents.created_at,
                "cases": contents.cases,
            })),
        })?;
        Ok(())
    })();
    match swapped {
        Ok(()) => {
            // Mark the restore as done before clearing the old parts, so a crash in between
            // finishes it instead of undoing half of it.
            let marker = with_suffix(&paths.database, RESTORED);
            atomic_file::write(&marker, b"", "Die Wiederherstellung")?;
            for (_, aside) in &set_aside {
                let _ = std::fs::remove_file(aside);
            }
            let _ = std::fs::remove_file(&marker);
            atomic_file::sync_folder(paths.folder());
            Ok(contents)
        }
        Err(e) => {
            if placed.is_empty() && set_aside.is_empty() {
                let _ = std::fs::remove_file(&incoming_db);
                let _ = std::fs::remove_file(&incoming_keys);
                return Err(e);
            }
            put_back(paths);
            let _ = std::fs::remove_file(&incoming_db);
            let _ = std::fs::remove_file(&incoming_keys);
            atomic_file::sync_folder(paths.folder());
            Err(e)
        }
    }
}

impl CaseFile {
    fn count_cases(&self) -> Result<u32> {
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
            settings::set_last_backup_at(tx, &contents.created_at)?;
            audit::append(
                tx,
                user,
                AuditEvent {
                    entity: "backup",
                    entity_id: Some(&file_name),
                    action: "create",
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
        self.edit(|tx, user| {
            let before = settings::backup_folder(tx)?;
            settings::set_backup_folder(tx, &folder)?;
            audit::append(
                tx,
                user,
                AuditEvent {
                    entity: "settings",
                    entity_id: Some("backup_folder"),
                    action: "update",
                    before: before.map(Into::into),
                    after: Some(folder.clone().into()),
                },
            )?;
            Ok(())
        })?;
        self.backup_status()
    }

    /// Writes a backup into the chosen folder under a name with date and time.
    pub fn backup_now(&mut self) -> Result<(String, BackupContents)> {
        let folder = settings::backup_folder(self.conn())?.ok_or_else(|| {
            Error::invalid(
                "Sicherungsordner",
                "Bitte zuerst unter Verwaltung → Sicherung einen Sicherungsordner wählen.",
            )
        })?;
        let target = Path::new(&folder).join(default_name(&self.paths().database));
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
    let last = settings::last_backup_at(conn)?;
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
        folder: settings::backup_folder(conn)?,
        last_backup_at: last,
        due,
        reminder_days: BACKUP_REMINDER_DAYS as u32,
    })
}
