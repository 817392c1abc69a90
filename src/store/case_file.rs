//! An unlocked case file: the open connection and the user who unlocked it.
//! Locking is dropping it: the connection closes and SQLCipher wipes its key.

use chrono::Utc;
use rand::RngCore;
use rusqlite::{params, Connection};
use serde::Serialize;
use specta::Type;

use crate::domain::user::Role;
use crate::store::audit::{self, AuditEntry, AuditEvent, ChainReport};
use crate::store::connection::{self, OpenMode};
use crate::store::data_key::DataKey;
use crate::store::key_slots::{self, SlotFile};
use crate::store::recovery_key::RecoveryKey;
use crate::store::users::{self, User};
use crate::store::{atomic_file, migrations, settings, unlock_attempts, FilePaths, InstanceLock};
use crate::{Error, Result};

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
    pub(super) conn: Connection,
    pub(super) user: User,
    pub(super) paths: FilePaths,
    /// Kept while unlocked to seal slots for new or reset passwords; wiped on drop (lock).
    pub(super) key: DataKey,
}

impl CaseFile {
    /// Creates the database and its slot file with a first administrator.
    ///
    /// The database is built under `name.hfk.creating`, the slot file is written, and only
    /// then is the database renamed into place. A crash at any point before the rename leaves
    /// no `name.hfk`, so the next start offers to create the file again; the leftovers are
    /// replaced then.
    pub(crate) fn create(
        lock: &InstanceLock,
        username: &str,
        password: &str,
        recovery: &RecoveryKey,
    ) -> Result<CaseFile> {
        let paths = lock.paths().clone();
        if paths.database.exists() {
            return Err(Error::FileExists {
                path: paths.display(),
            });
        }
        let key = DataKey::generate();
        let mut id = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut id);
        let file_id = hex::encode(id);
        // The slow key derivations come first, before anything touches the disk.
        let mut slots = SlotFile::new(file_id.clone());
        slots.put_user(&key, username, password)?;
        slots.put_recovery(&key, recovery)?;

        remove_staging(&paths);
        let written = (|| -> Result<()> {
            let mut conn = connection::open(&paths.staging, &key, OpenMode::Create)?;
            migrations::migrate(&mut conn)?;
            let now = Utc::now().to_rfc3339();
            let tx = conn.transaction()?;
            tx.execute(
                "INSERT INTO file_meta (id, file_id, created_at, created_by) VALUES (1, ?1, ?2, ?3)",
                params![file_id, now, username],
            )?;
            let user = users::insert(&tx, username, Role::Verwaltung, &now)?;
            audit::append(
                &tx,
                &user,
                AuditEvent {
                    entity: "file",
                    entity_id: None,
                    action: "create",
                    before: None,
                    after: Some(serde_json::json!({ "file_id": file_id })),
                },
            )?;
            tx.commit()?;
            // Closing the last connection checkpoints the log into the file itself.
            conn.close().map_err(|(_, e)| Error::from(e))?;
            slots.save(&paths.key_slots)?;
            std::fs::rename(&paths.staging, &paths.database).map_err(|e| {
                Error::io(
                    format!(
                        "Die Akte konnte nicht angelegt werden ({})",
                        paths.display()
                    ),
                    e,
                )
            })?;
            atomic_file::sync_folder(paths.folder());
            Ok(())
        })();
        if let Err(e) = written {
            remove_staging(&paths);
            let _ = std::fs::remove_file(&paths.key_slots);
            return Err(e);
        }
        Self::open_with_key(&paths, key, &file_id, username)
    }

    /// Unlocks with user name and password. A failed attempt is counted beside the file;
    /// the database and the slot file stay untouched.
    pub fn unlock(lock: &InstanceLock, username: &str, password: &str) -> Result<CaseFile> {
        unlock_attempts::check(&lock.paths().unlock_attempts, Utc::now())?;
        crate::store::backup::repair_interrupted(lock)?;
        Self::unlock_as_found(lock, username, password)
    }

    /// Unlocks without first repairing a cut-off restore or key change: for the restore
    /// itself, which checks the file it has just put in place.
    pub(crate) fn unlock_as_found(
        lock: &InstanceLock,
        username: &str,
        password: &str,
    ) -> Result<CaseFile> {
        let paths = lock.paths();
        let now = Utc::now();
        unlock_attempts::check(&paths.unlock_attempts, now)?;
        if !paths.database.exists() {
            return Err(Error::FileNotFound {
                path: paths.display(),
            });
        }
        let slots = SlotFile::load(&paths.key_slots)?;
        let key = match slots.user_slot(username) {
            Some(slot) => slot.open(password.as_bytes(), &slots.file_id)?,
            None => {
                key_slots::spend_equal_time(password.as_bytes());
                None
            }
        };
        let Some(key) = key else {
            unlock_attempts::record_failure(&paths.unlock_attempts, now)?;
            return Err(Error::WrongCredentials);
        };
        let mut file = match Self::open_with_key(paths, key, &slots.file_id, username) {
            Err(Error::WrongCredentials) => {
                unlock_attempts::record_failure(&paths.unlock_attempts, now)?;
                return Err(Error::WrongCredentials);
            }
            other => other?,
        };
        unlock_attempts::reset(&paths.unlock_attempts)?;
        file.record(AuditEvent {
            entity: "session",
            entity_id: None,
            action: "unlock",
            before: None,
            after: None,
        })?;
        Ok(file)
    }

    /// Unlocks with the recovery key and sets a new password for `username`, which must be
    /// an active user. Only that user's slot is rewritten.
    pub fn unlock_with_recovery_key(
        lock: &InstanceLock,
        recovery: &RecoveryKey,
        username: &str,
        new_password: &str,
    ) -> Result<CaseFile> {
        let paths = lock.paths();
        let now = Utc::now();
        unlock_attempts::check(&paths.unlock_attempts, now)?;
        crate::store::backup::repair_interrupted(lock)?;
        let mut slots = SlotFile::load(&paths.key_slots)?;
        let slot = slots
            .recovery_slot()
            .ok_or_else(|| Error::KeySlotsDamaged {
                path: paths.key_slots.display().to_string(),
            })?;
        let Some(key) = slot.open(recovery.secret(), &slots.file_id)? else {
            unlock_attempts::record_failure(&paths.unlock_attempts, now)?;
            return Err(Error::WrongRecoveryKey);
        };
        let mut file =
            Self::open_with_key(paths, key, &slots.file_id, username).map_err(|e| match e {
                Error::WrongCredentials => {
                    Error::invalid("Benutzername", "Diesen Benutzer gibt es in der Akte nicht.")
                }
                other => other,
            })?;
        slots.put_user(&file.key, &file.user.username, new_password)?;
        slots.save(&paths.key_slots)?;
        unlock_attempts::reset(&paths.unlock_attempts)?;
        let user_id = file.user.id.to_string();
        file.record(AuditEvent {
            entity: "user",
            entity_id: Some(&user_id),
            action: "password_reset_with_recovery_key",
            before: None,
            after: None,
        })?;
        Ok(file)
    }

    fn open_with_key(
        paths: &FilePaths,
        key: DataKey,
        file_id: &str,
        username: &str,
    ) -> Result<CaseFile> {
        let mut conn = connection::open(&paths.database, &key, OpenMode::Existing)?;
        connection::check_integrity(&conn)?;
        migrations::migrate(&mut conn)?;
        let stored_id: String =
            conn.query_row("SELECT file_id FROM file_meta WHERE id = 1", [], |r| {
                r.get(0)
            })?;
        if stored_id != file_id {
            return Err(Error::KeySlotsDamaged {
                path: paths.key_slots.display().to_string(),
            });
        }
        let user = users::find_active(&conn, username)?.ok_or(Error::WrongCredentials)?;
        Ok(CaseFile {
            conn,
            user,
            paths: paths.clone(),
            key,
        })
    }

    pub fn user(&self) -> &User {
        &self.user
    }

    pub fn paths(&self) -> &FilePaths {
        &self.paths
    }

    pub(super) fn require_admin(&self) -> Result<()> {
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
    pub(super) fn require_editor(&self) -> Result<()> {
        if self.user.role == Role::Lesend {
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
    pub(super) fn edit<T>(
        &mut self,
        change: impl FnOnce(&rusqlite::Transaction<'_>, &User) -> Result<T>,
    ) -> Result<T> {
        self.require_editor()?;
        let user = &self.user;
        let tx = self.conn.transaction()?;
        let out = change(&tx, user)?;
        tx.commit()?;
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
        tx.commit()?;
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
            entity: "data_key",
            entity_id: None,
            action: "reveal",
            before: None,
            after: None,
        })?;
        Ok(zeroize::Zeroizing::new(hex::encode(self.key.as_bytes())))
    }

    pub fn expiry_warning_days(&self) -> Result<u32> {
        settings::expiry_warning_days(&self.conn)
    }

    /// How many days ahead the start page warns of expiring residence papers. Verwaltung only.
    pub fn set_expiry_warning_days(&mut self, days: u32) -> Result<()> {
        self.require_admin()?;
        self.edit(|tx, user| {
            let before = settings::expiry_warning_days(tx)?;
            settings::set_expiry_warning_days(tx, days)?;
            audit::append(
                tx,
                user,
                AuditEvent {
                    entity: "settings",
                    entity_id: Some("expiry_warning_days"),
                    action: "update",
                    before: Some(before.into()),
                    after: Some(days.into()),
                },
            )
        })?;
        Ok(())
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
        settings::idle_lock_minutes(&self.conn)
    }

    pub fn set_idle_lock_minutes(&mut self, minutes: u32) -> Result<()> {
        self.require_admin()?;
        let tx = self.conn.transaction()?;
        let before = settings::idle_lock_minutes(&tx)?;
        settings::set_idle_lock_minutes(&tx, minutes)?;
        audit::append(
            &tx,
            &self.user,
            AuditEvent {
                entity: "settings",
                entity_id: Some("idle_lock_minutes"),
                action: "update",
                before: Some(before.into()),
                after: Some(minutes.into()),
            },
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Writes one audit row on its own (for events that change nothing else).
    pub(super) fn record(&mut self, event: AuditEvent<'_>) -> Result<()> {
        let tx = self.conn.transaction()?;
        audit::append(&tx, &self.user, event)?;
        tx.commit()?;
        Ok(())
    }

    /// The newest audit rows, for the administration page.
    pub fn recent_audit_entries(&self, limit: u32) -> Result<Vec<AuditEntry>> {
        self.require_admin()?;
        audit::recent(&self.conn, limit.min(500))
    }

    /// Checks the whole audit chain; any role may.
    pub fn verify_audit_chain(&self) -> Result<ChainReport> {
        audit::verify(&self.conn)
    }
}

/// Removes a half-built database from an earlier, interrupted creation. Best effort: the
/// creation that follows fails clearly if something is left.
fn remove_staging(paths: &FilePaths) {
    let _ = std::fs::remove_file(&paths.staging);
    for companion in FilePaths::wal_companions(&paths.staging) {
        let _ = std::fs::remove_file(companion);
    }
}
