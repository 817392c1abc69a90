//! The backup file (Sicherung): one file holding a consistent snapshot of the database, still
//! encrypted with the data key, together with the key slots that open it.
//!
//! Layout: the magic line, a 4-byte little-endian header length, the header (JSON: format,
//! time, file id, schema version, part lengths, SHA-256), the slot file, the database. From
//! format 2 the SHA-256 covers the header too (its JSON with an empty `sha256`), then the
//! parts, so that a changed date or count is found like a changed byte of the database. The header holds no personal data; the slot file holds user names and sealed
//! keys, as beside the live file; the database stays encrypted throughout, also in temp files.

use crate::store::vault::connection::{self, OpenMode};
use crate::store::vault::data_key::DataKey;
use crate::store::vault::key_slots::{self, SlotFile};
use crate::store::vault::migrations;
use crate::{Error, Result};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use specta::Type;
use std::path::Path;

pub(super) const MAGIC: &[u8] = b"HFK-AKTE-SICHERUNG\n";
pub(super) const FORMAT: u32 = 2;
/// Format 1 (version 0.1) hashed only the parts; it is still read, its date marked unchecked.
const FORMAT_PARTS_ONLY: u32 = 1;
/// A header larger than this is not one of ours.
pub(super) const MAX_HEADER: u32 = 64 * 1024;
pub const BACKUP_EXTENSION: &str = "hfksicherung";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Header {
    pub(super) format: u32,
    pub(super) created_at: String,
    pub(super) file_id: String,
    pub(super) schema_version: i64,
    pub(super) key_slots_len: u64,
    pub(super) database_len: u64,
    pub(super) sha256: String,
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
    /// When the case file the backup was made of was created, RFC 3339: names the file.
    pub file_created_at: String,
    /// The random id of the case file the backup was made of (changes with a key change).
    pub file_id: String,
    /// Whether the date and the other header fields are covered by the checksum (false only
    /// for backups written by version 0.1).
    pub header_checked: bool,
}

pub(super) struct Parts {
    pub(super) header: Header,
    pub(super) key_slots: Vec<u8>,
    pub(super) database: Vec<u8>,
}

pub(super) fn damaged(path: &Path, detail: impl Into<String>) -> Error {
    Error::BackupDamaged {
        path: path.display().to_string(),
        detail: detail.into(),
    }
}

impl Header {
    /// What the checksum covers of the header: its JSON with `sha256` left empty. Format 1
    /// covered nothing of it.
    pub(super) fn covered(&self) -> Vec<u8> {
        if self.format == FORMAT_PARTS_ONLY {
            return Vec::new();
        }
        let mut unsummed = self.clone();
        unsummed.sha256 = String::new();
        serde_json::to_vec(&unsummed).unwrap_or_default()
    }
}

pub(super) fn digest(header: &Header, key_slots: &[u8], database: &[u8]) -> String {
    let mut hash = Sha256::new();
    hash.update(header.covered());
    hash.update(key_slots);
    hash.update(database);
    hex::encode(hash.finalize())
}

/// Passes bytes on to `inner` and hashes them on the way.
pub(super) struct Hashing<W> {
    inner: W,
    hash: Sha256,
}

impl<W: std::io::Write> Hashing<W> {
    pub(super) fn new(inner: W) -> Self {
        Hashing {
            inner,
            hash: Sha256::new(),
        }
    }

    /// Hashes `bytes` without writing them (the covered header, written before).
    pub(super) fn absorb(&mut self, bytes: &[u8]) {
        self.hash.update(bytes);
    }

    /// The writer back and the hex SHA-256 of everything written through it.
    pub(super) fn finish(self) -> (W, String) {
        (self.inner, hex::encode(self.hash.finalize()))
    }
}

impl<W: std::io::Write> std::io::Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.hash.update(&buf[..written]);
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Streams the files in `parts` through `to`, in order.
fn copy_parts<W: std::io::Write>(parts: &[&Path], to: &mut W) -> std::io::Result<()> {
    for part in parts {
        std::io::copy(&mut std::fs::File::open(part)?, to)?;
    }
    Ok(())
}

/// The SHA-256 a backup's header records: `header` (see [`Header::covered`]) and the parts,
/// read from their files.
pub(super) fn digest_files(header: &Header, parts: &[&Path]) -> std::io::Result<String> {
    let mut hashing = Hashing::new(std::io::sink());
    hashing.absorb(&header.covered());
    copy_parts(parts, &mut hashing)?;
    Ok(hashing.finish().1)
}

/// Writes a backup file to `to` (a new file): the magic line, the header, then the parts
/// streamed from their files and hashed on the way, never the whole database in memory. The
/// hash of what was written must be the header's, so parts that changed since the header was
/// made are refused. The file is synced before it returns.
pub(super) fn write_streamed(to: &Path, header: &Header, parts: &[&Path]) -> Result<()> {
    let cannot = |e: std::io::Error| {
        Error::io(
            format!(
                "Die Sicherung {} konnte nicht geschrieben werden",
                to.display()
            ),
            e,
        )
    };
    let header_json = serde_json::to_vec(header).map_err(|e| Error::Internal(e.to_string()))?;
    let mut file =
        std::io::BufWriter::new(crate::store::vault::private_file::create_new(to).map_err(cannot)?);
    use std::io::Write;
    file.write_all(MAGIC).map_err(cannot)?;
    file.write_all(&(header_json.len() as u32).to_le_bytes())
        .map_err(cannot)?;
    file.write_all(&header_json).map_err(cannot)?;
    let mut hashing = Hashing::new(file);
    hashing.absorb(&header.covered());
    copy_parts(parts, &mut hashing).map_err(cannot)?;
    let (file, written) = hashing.finish();
    if written != header.sha256 {
        return Err(Error::Internal(
            "Die Akte hat sich während der Sicherung verändert; bitte erneut sichern.".into(),
        ));
    }
    let file = file.into_inner().map_err(|e| cannot(e.into_error()))?;
    file.sync_all().map_err(cannot)
}

/// Splits a backup file into its checked parts. Refuses anything truncated, padded or altered.
pub(super) fn parse(path: &Path, bytes: &[u8]) -> Result<Parts> {
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
    if header.format != FORMAT && header.format != FORMAT_PARTS_ONLY {
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
    if digest(&header, key_slots, database) != header.sha256 {
        return Err(damaged(path, "Prüfsumme stimmt nicht"));
    }
    Ok(Parts {
        header,
        key_slots: key_slots.to_vec(),
        database: database.to_vec(),
    })
}

pub(super) fn read(path: &Path) -> Result<Parts> {
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

pub(super) fn count(conn: &Connection, sql: &str) -> Result<u32> {
    Ok(conn.query_row(sql, [], |r| r.get(0))?)
}

/// Opens the snapshot with a user's password and checks it page by page. Returns what it holds
/// and the data key. The database is written to a temp folder still encrypted.
pub(super) fn open_parts(
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
        Some(slot) => slot.open(password.as_bytes(), &slots.file_id, &slots.origin)?,
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
        header_checked: parts.header.format != FORMAT_PARTS_ONLY,
        file_id: parts.header.file_id.clone(),
        file_created_at: conn.query_row(
            "SELECT created_at FROM file_meta WHERE id = 1",
            [],
            |r| r.get(0),
        )?,
    };
    Ok((contents, key))
}

/// Opens a backup with a user's password (from the backup's own key slots) and checks it,
/// without touching any live file.
pub fn inspect(path: &Path, username: &str, password: &str) -> Result<BackupContents> {
    let parts = read(path)?;
    open_parts(path, &parts, username, password).map(|(contents, _)| contents)
}

/// The name a backup gets by default, stamped with `now` (Berlin time):
/// "haertefallkommission-2026-11-25-1430.hfksicherung".
pub fn default_name(database: &Path, now: chrono::DateTime<chrono_tz::Tz>) -> String {
    let stem = database
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "akte".into());
    format!("{stem}-{}.{BACKUP_EXTENSION}", now.format("%Y-%m-%d-%H%M"))
}
