//! An unlocked case file: the open connection and the user who unlocked it.
//! Locking is dropping it: the connection closes and SQLCipher wipes its key.
use crate::domain::choice::Labelled;
use crate::domain::clock::Clock;
use crate::domain::user::Role;
use crate::store::audit::AuditAction;
use crate::store::audit::{self, AuditEntry, AuditEvent, ChainGap, ChainReport, Signer};
use crate::store::users::{self, User};
use crate::store::vault::data_key::DataKey;
use crate::store::vault::key_slots::SlotFile;
use crate::store::vault::migrations;
use crate::store::vault::signing_keys::commit_signed;
use crate::store::{settings, FilePaths};
use crate::{Error, Result};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use specta::Type;
use std::collections::HashMap;

/// What the administration page shows about the open file.
#[derive(Debug, Clone, Serialize, Type)]
pub struct FileInfo {
    pub path: String,
    pub schema_version: u32,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub active_users: u32,
}

pub struct CaseFile {
    pub(in crate::store) conn: Connection,
    pub(in crate::store) user: User,
    pub(in crate::store) paths: FilePaths,
    /// Kept while unlocked to seal slots for new or reset passwords; wiped on drop (lock).
    pub(in crate::store) key: DataKey,
    /// Where "today" comes from: the date in Europe/Berlin.
    pub(in crate::store) clock: Clock,
    /// The user's key for signing audit rows; wiped on drop.
    pub(in crate::store) signer: Signer,
    /// Rows found missing against the head kept outside the database, until a restore.
    pub(in crate::store) chain_gap: Option<ChainGap>,
    /// Documents opened in the viewer (their opening audited), whose bytes may be read in
    /// ranges until the viewer closes them: by id, the SHA-256 they were opened with and how
    /// many viewers have them open; forgotten with the lock.
    pub(in crate::store) open_views: HashMap<u32, (String, u32)>,
}

/// Names the file and the user; never the key.
impl std::fmt::Debug for CaseFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CaseFile")
            .field("path", &self.paths.display())
            .field("user", &self.user.username)
            .finish_non_exhaustive()
    }
}

impl CaseFile {
    pub fn user(&self) -> &User {
        &self.user
    }

    pub fn paths(&self) -> &FilePaths {
        &self.paths
    }

    /// The clock every date rule of the open file reads.
    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// Fixes the clock (tests, and reproducing what a given day showed).
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    /// Today in Europe/Berlin, by the file's clock.
    pub fn today(&self) -> NaiveDate {
        self.clock.today()
    }

    pub(in crate::store) fn require_admin(&self) -> Result<()> {
        if self.user.role.administers() {
            Ok(())
        } else {
            Err(Error::PermissionDenied {
                needed: Role::Verwaltung.label().to_owned(),
            })
        }
    }

    /// Cases, members and sessions may be changed by Verwaltung and Geschäftsstelle, not by
    /// Lesend. Checked here, in the core, for every write.
    pub(crate) fn require_editor(&self) -> Result<()> {
        if !self.user.role.edits() {
            Err(Error::PermissionDenied {
                needed: format!(
                    "{} oder {}",
                    Role::Geschaeftsstelle.label(),
                    Role::Verwaltung.label()
                ),
            })
        } else {
            Ok(())
        }
    }

    /// Runs one change as a single transaction, after the role check: the change and its
    /// audit row are stored together or not at all.
    pub(in crate::store) fn edit<T>(
        &mut self,
        change: impl FnOnce(&rusqlite::Transaction<'_>, &User) -> Result<T>,
    ) -> Result<T> {
        self.require_editor()?;
        let user = &self.user;
        let tx = self.conn.transaction()?;
        let out = change(&tx, user)?;
        commit_signed(tx, &self.signer, &self.paths)?;
        Ok(out)
    }

    /// Runs an audited read (opening a dossier) in one transaction with its audit row.
    pub(crate) fn audited_read<T>(
        &mut self,
        read: impl FnOnce(&rusqlite::Transaction<'_>, &User) -> Result<T>,
    ) -> Result<T> {
        let user = &self.user;
        let tx = self.conn.transaction()?;
        let out = read(&tx, user)?;
        commit_signed(tx, &self.signer, &self.paths)?;
        Ok(out)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The data key in hex, so the file can be opened with SQLCipher's own tools
    /// (`PRAGMA key = "x'…'";`). Verwaltung only; the reveal is audited, the key is not.
    pub fn reveal_data_key(&mut self) -> Result<zeroize::Zeroizing<String>> {
        self.require_admin()?;
        self.record(AuditEvent {
            action: AuditAction::DataKeyReveal,
            entity_id: None,
            before: None,
            after: None,
        })?;
        Ok(zeroize::Zeroizing::new(hex::encode(self.key.as_bytes())))
    }

    pub fn expiry_warning_days(&self) -> Result<u32> {
        settings::get(&self.conn, &settings::EXPIRY_WARNING_DAYS)
    }

    /// How many days ahead the start page warns of expiring residence papers. Verwaltung only.
    pub fn set_expiry_warning_days(&mut self, days: u32) -> Result<()> {
        self.change_setting(&settings::EXPIRY_WARNING_DAYS, days)
            .map(|_| ())
    }

    pub fn info(&self) -> Result<FileInfo> {
        let created_at: String =
            self.conn
                .query_row("SELECT created_at FROM file_meta WHERE id = 1", [], |r| {
                    r.get(0)
                })?;
        Ok(FileInfo {
            path: self.paths.display(),
            schema_version: u32::try_from(migrations::schema_version(&self.conn)?).map_err(
                |_| Error::FileDamaged {
                    detail: "ungültige Schemaversion".into(),
                },
            )?,
            created_at,
            active_users: users::count_active(&self.conn)?,
        })
    }

    pub fn idle_lock_minutes(&self) -> Result<u32> {
        settings::get(&self.conn, &settings::IDLE_LOCK_MINUTES)
    }

    pub fn set_idle_lock_minutes(&mut self, minutes: u32) -> Result<()> {
        self.change_setting(&settings::IDLE_LOCK_MINUTES, minutes)
            .map(|_| ())
    }

    /// Writes one audit row on its own (for events that change nothing else).
    pub(in crate::store) fn record(&mut self, event: AuditEvent<'_>) -> Result<()> {
        let tx = self.conn.transaction()?;
        audit::append(&tx, &self.user, event)?;
        commit_signed(tx, &self.signer, &self.paths)
    }

    /// Writes one audit row for a read that takes `&self` (a search): the same signed
    /// commit as [`CaseFile::record`]. Safe here because an open file runs one call at a time
    /// and no other transaction is open between calls.
    pub(in crate::store) fn record_read(&self, event: AuditEvent<'_>) -> Result<()> {
        let tx = self.conn.unchecked_transaction()?;
        audit::append(&tx, &self.user, event)?;
        commit_signed(tx, &self.signer, &self.paths)
    }

    /// The newest audit rows, for the administration page.
    pub fn recent_audit_entries(&self, limit: u32) -> Result<Vec<AuditEntry>> {
        self.require_admin()?;
        audit::recent(&self.conn, limit.min(500))
    }

    /// Checks the whole audit chain, and against the head and the public keys kept in the
    /// slot file; any role may.
    pub fn verify_audit_chain(&self) -> Result<ChainReport> {
        SlotFile::load(&self.paths.key_slots)?.verify_chain(&self.conn)
    }

    /// Changes found missing at an unlock (see [`ChainGap`]); said until a backup is restored.
    pub fn chain_gap(&self) -> Option<&ChainGap> {
        self.chain_gap.as_ref()
    }

    /// "Prüfkette: Eintrag N, 9f3a1c2e": the newest row, for the footer of documents.
    pub fn chain_footer(&self) -> Result<String> {
        Ok(match audit::newest(&self.conn)? {
            Some((seq, hash)) => {
                let short: String = hash.chars().take(8).collect();
                format!("Prüfkette: Eintrag {seq}, {short}")
            }
            None => "Prüfkette: leer".to_owned(),
        })
    }
}
