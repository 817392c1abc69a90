//! Opening the file: creating it with its first administrator, and unlocking it with a
//! password or the recovery key.

use crate::domain::clock::Clock;
use crate::domain::password;
use crate::domain::user::Role;
use crate::store::audit::AuditAction;
use crate::store::audit::{self, AuditEvent, Signer};
use crate::store::users::{self};
use crate::store::vault::connection::{self, OpenMode};
use crate::store::vault::data_key::DataKey;
use crate::store::vault::key_slots::{self, SlotFile};
use crate::store::vault::recovery_key::RecoveryKey;
use crate::store::vault::signing_keys;
use crate::store::vault::slot::KdfCost;
use crate::store::vault::{atomic_file, diagnosis, migrations, private_file, unlock_attempts};
use crate::store::{CaseFile, FilePaths, InstanceLock};
use crate::{Error, Result};
use chrono::Utc;
use rand::RngCore;
use rusqlite::params;

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
        paths.refuse_orphaned_key_slots()?;
        let key = DataKey::generate();
        let mut id = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut id);
        let file_id = hex::encode(id);
        // The slow key derivations come first, before anything touches the disk.
        let signer = Signer::generate();
        let mut slots = SlotFile::new(file_id.clone());
        slots.put_user(&key, username, password, &signer)?;
        slots.put_recovery(&key, recovery)?;
        let now = Utc::now().to_rfc3339();
        slots.created_at = Some(now.clone());

        remove_staging(&paths);
        let written = (|| -> Result<()> {
            let mut conn = connection::open(&paths.staging, &key, OpenMode::Create)?;
            migrations::migrate(&mut conn)?;
            let tx = conn.transaction()?;
            tx.execute(
                "INSERT INTO file_meta (id, file_id, created_at, created_by) VALUES (1, ?1, ?2, ?3)",
                params![file_id, now, username],
            )?;
            let user = users::insert(&tx, username, Role::Verwaltung, &now)?;
            // The first key is registered by itself: the trust in it comes from the slot
            // file and the backups and documents that carry the chain's head.
            signing_keys::register(&tx, &user, user.id, &signer.public_hex())?;
            audit::append(
                &tx,
                &user,
                AuditEvent {
                    action: AuditAction::FileCreate,
                    entity_id: None,
                    before: None,
                    after: Some(serde_json::json!({ "file_id": file_id })),
                },
            )?;
            slots.chain_head = audit::sign_pending(&tx, &signer)?;
            tx.commit()?;
            // Closing the last connection checkpoints the log into the file itself.
            conn.close().map_err(|(_, e)| Error::from(e))?;
            slots.database_salt = diagnosis::database_salt(&paths.staging);
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
        Self::open_with_key(&paths, key, signer, &mut slots, username)
    }

    /// Unlocks with user name and password. A failed attempt is counted beside the file;
    /// the database and the slot file stay untouched.
    /// A password an administrator chose is refused with [`Error::PasswordChangeRequired`]
    /// (nothing is opened): see [`CaseFile::unlock_with_new_password`].
    pub fn unlock(lock: &InstanceLock, username: &str, password: &str) -> Result<CaseFile> {
        unlock_attempts::check(&lock.paths().unlock_attempts, Utc::now())?;
        crate::store::vault::backup::repair_interrupted(lock)?;
        Self::unlock_checked(lock, username, password, PasswordDue::Refuse)
    }

    /// Unlocks with the password an administrator chose and replaces it by the user's own
    /// new one (which must meet the policy and differ from it) in the same step.
    pub fn unlock_with_new_password(
        lock: &InstanceLock,
        username: &str,
        password: &str,
        new_password: &str,
        password_repeat: &str,
    ) -> Result<CaseFile> {
        let new = password::check_new(new_password, password_repeat, username)?;
        if new.as_str() == password {
            return Err(Error::invalid(
                "Neues Passwort",
                "Bitte wählen Sie ein anderes Passwort als das vergebene.",
            ));
        }
        unlock_attempts::check(&lock.paths().unlock_attempts, Utc::now())?;
        crate::store::vault::backup::repair_interrupted(lock)?;
        Self::unlock_checked(lock, username, password, PasswordDue::Replace(&new))
    }

    /// Unlocks without first repairing a cut-off restore or key change: for the restore
    /// itself, which checks the file it has just put in place (and then locks it again).
    pub(crate) fn unlock_as_found(
        lock: &InstanceLock,
        username: &str,
        password: &str,
    ) -> Result<CaseFile> {
        Self::unlock_checked(lock, username, password, PasswordDue::Ignore)
    }

    fn unlock_checked(
        lock: &InstanceLock,
        username: &str,
        password: &str,
        due: PasswordDue<'_>,
    ) -> Result<CaseFile> {
        let paths = lock.paths();
        let now = Utc::now();
        unlock_attempts::check(&paths.unlock_attempts, now)?;
        if !paths.database.exists() {
            return Err(Error::FileNotFound {
                path: paths.display(),
            });
        }
        let mut slots = SlotFile::load(&paths.key_slots)?;
        let opened = match slots.user_slot(username) {
            Some(slot) => slot.unseal(password.as_bytes(), &slots.file_id, &slots.origin)?,
            None => {
                key_slots::spend_equal_time(password.as_bytes());
                None
            }
        };
        let Some(opened) = opened else {
            unlock_attempts::record_failure(&paths.unlock_attempts, now)?;
            return Err(Error::WrongCredentials);
        };
        let slot_cost = slots.user_slot(username).map(|slot| slot.kdf);
        // A slot written before signatures began gets a key now, registered by itself.
        let fresh = opened.signer.is_none();
        let signer = opened.signer.unwrap_or_else(Signer::generate);
        let key = opened.data_key;
        let mut file = match Self::open_with_key(paths, key, signer, &mut slots, username) {
            Err(Error::WrongCredentials) => {
                unlock_attempts::record_failure(&paths.unlock_attempts, now)?;
                return Err(Error::WrongCredentials);
            }
            other => other?,
        };
        unlock_attempts::reset(&paths.unlock_attempts)?;
        let change_due = users::password_change_due(&file.conn, file.user.id)?;
        if change_due && matches!(due, PasswordDue::Refuse) {
            // Dropping the file locks it again; no audit row is written.
            return Err(Error::PasswordChangeRequired);
        }
        // A slot from before signatures began gets its key; a slot sealed below today's
        // key-derivation cost is sealed again at that cost.
        if fresh || slot_cost.is_some_and(|cost| cost.below(KdfCost::DEFAULT)) {
            slots.put_user(&file.key, &file.user.username, password, &file.signer)?;
            slots.save(&paths.key_slots)?;
        }
        if !signing_keys::is_current(&file.conn, file.user.id, &file.signer.public_hex())? {
            file.register_own_key()?;
        }
        if let PasswordDue::Replace(new) = due {
            let me = file.user.clone();
            file.replace_password(&me, new, new, AuditAction::UserPasswordChange)?;
        }
        file.record(AuditEvent {
            action: AuditAction::SessionUnlock,
            entity_id: None,
            before: None,
            after: None,
        })?;
        Ok(file)
    }

    /// Unlocks with the recovery key and sets a new password for `username`, which must be
    /// an active user. The password must meet the policy (checked here, as on every other
    /// path that seals a password). Only that user's slot is rewritten.
    pub fn unlock_with_recovery_key(
        lock: &InstanceLock,
        recovery: &RecoveryKey,
        username: &str,
        new_password: &str,
        password_repeat: &str,
    ) -> Result<CaseFile> {
        let new_password = password::check_new(new_password, password_repeat, username)?;
        let paths = lock.paths();
        let now = Utc::now();
        unlock_attempts::check(&paths.unlock_attempts, now)?;
        crate::store::vault::backup::repair_interrupted(lock)?;
        let mut slots = SlotFile::load(&paths.key_slots)?;
        let slot = slots
            .recovery_slot()
            .ok_or_else(|| Error::KeySlotsDamaged {
                path: paths.key_slots.display().to_string(),
            })?;
        let Some(key) = slot.open(recovery.secret(), &slots.file_id, &slots.origin)? else {
            unlock_attempts::record_failure(&paths.unlock_attempts, now)?;
            return Err(Error::WrongRecoveryKey);
        };
        let mut file = Self::open_with_key(paths, key, Signer::generate(), &mut slots, username)
            .map_err(|e| match e {
                Error::WrongCredentials => {
                    Error::invalid("Benutzername", "Diesen Benutzer gibt es in der Akte nicht.")
                }
                other => other,
            })?;
        slots.put_user(&file.key, &file.user.username, &new_password, &file.signer)?;
        slots.save(&paths.key_slots)?;
        unlock_attempts::reset(&paths.unlock_attempts)?;
        file.register_own_key()?;
        let user_id = file.user.id.to_string();
        // Whoever holds the recovery key chose this password, here and now: no change is due.
        let tx = file.conn.transaction()?;
        users::set_password_change_due(&tx, file.user.id, false)?;
        audit::append(
            &tx,
            &file.user,
            AuditEvent {
                action: AuditAction::UserPasswordResetWithRecoveryKey,
                entity_id: Some(&user_id),
                before: None,
                after: None,
            },
        )?;
        signing_keys::commit_signed(tx, &file.signer, &file.paths)?;
        Ok(file)
    }

    /// Opens the database with the key a slot gave. What unlocking needs is checked here
    /// (the key reads the file, every page read on the way is authenticated, the file and
    /// its slot file belong together); the whole file's pages are checked afterwards, beside
    /// the work (see [`CaseFile::page_check`]), so that unlocking costs the same at any size.
    fn open_with_key(
        paths: &FilePaths,
        key: DataKey,
        signer: Signer,
        slots: &mut SlotFile,
        username: &str,
    ) -> Result<CaseFile> {
        let mut conn = connection::open(&paths.database, &key, OpenMode::Existing)
            .map_err(|e| diagnosis::key_does_not_open(paths, slots, e))?;
        migrations::readable_version(&conn)?;
        let (stored_id, created_at): (String, String) = conn.query_row(
            "SELECT file_id, created_at FROM file_meta WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if stored_id != slots.file_id {
            return Err(Error::KeySlotsDamaged {
                path: paths.key_slots.display().to_string(),
            });
        }
        for part in paths.private_parts() {
            private_file::restrict(&part);
        }
        diagnosis::remember_database(paths, slots, &created_at)?;
        // Who it is comes first: a removed user with an old slot file is refused before the
        // upgrade writes anything (the users table is unchanged since the first schema).
        let user = users::find_active(&conn, username)?.ok_or(Error::WrongCredentials)?;
        migrations::migrate(&mut conn)?;
        migrations::rebuild_if_pending(&conn)?;
        let clock = Clock::System;
        if let (Some(head), None) = (&slots.chain_head, &slots.chain_gap) {
            let today = clock.today().format("%d.%m.%Y").to_string();
            if let Some(gap) = audit::compare(&conn, head, &today)? {
                slots.chain_gap = Some(gap);
                slots.save(&paths.key_slots)?;
            }
        }
        Ok(CaseFile {
            conn,
            user,
            paths: paths.clone(),
            key,
            clock,
            signer,
            chain_gap: slots.chain_gap.clone(),
            open_views: Default::default(),
        })
    }

    /// Registers the user's own new key, signed by itself (a slot from before signatures
    /// began, or a reset with the recovery key).
    fn register_own_key(&mut self) -> Result<()> {
        let tx = self.conn.transaction()?;
        signing_keys::register(&tx, &self.user, self.user.id, &self.signer.public_hex())?;
        signing_keys::commit_signed(tx, &self.signer, &self.paths)
    }
}

/// What an unlock does about a password an administrator chose.
enum PasswordDue<'a> {
    /// Refuse to open the file until the user chooses their own.
    Refuse,
    /// Replace it by this one in the same step.
    Replace(&'a str),
    /// Open anyway: the restore, which locks the file again right after checking it.
    Ignore,
}

/// Removes a half-built database from an earlier, interrupted creation. Best effort: the
/// creation that follows fails clearly if something is left.
fn remove_staging(paths: &FilePaths) {
    let _ = std::fs::remove_file(&paths.staging);
    for companion in FilePaths::wal_companions(&paths.staging) {
        let _ = std::fs::remove_file(companion);
    }
}
