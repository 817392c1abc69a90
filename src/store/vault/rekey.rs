//! Replacing the data key itself (Neuverschlüsselung), e.g. after a laptop with the file and
//! a password was lost. The whole database is re-encrypted under a new random key and a new
//! file id, so old copies of the slot file, old passwords and the old recovery key are
//! useless on the new file.
//!
//! Only the administrator who runs it gets a slot (from their password, typed again) and a
//! new recovery key is made; every other user's slot is sealed with their own password, which
//! the program does not know, so the administration resets their passwords afterwards.
//!
//! The swap is made recoverable: the new database and slot file are written beside the old
//! ones (`.neu`), then the old ones are renamed aside (`.alt`) and the new ones into place.
//! `finish_interrupted` runs before every unlock and completes or discards a swap a crash cut
//! off, so the file never stays with a database and a slot file that do not belong together.

use std::path::PathBuf;

use rusqlite::Connection;
use serde::Serialize;
use specta::Type;

use crate::store::audit::AuditAction;
use crate::store::audit::AuditEvent;
use crate::store::users;
use crate::store::vault::atomic_file::{self, rename};
use crate::store::vault::connection::{self, OpenMode};
use crate::store::vault::data_key::DataKey;
use crate::store::vault::exchange_marker;
use crate::store::vault::export::{export_encrypted, TARGET};
use crate::store::vault::file_paths::SwapPart;
use crate::store::vault::key_slots::SlotFile;
use crate::store::vault::recovery_key::RecoveryKey;
use crate::store::CaseFile;
use crate::store::FilePaths;
use crate::{Error, Result};

struct Staging {
    new_db: PathBuf,
    new_keys: PathBuf,
    old_db: PathBuf,
    old_keys: PathBuf,
}

fn staging(paths: &FilePaths) -> Staging {
    Staging {
        new_db: FilePaths::swap(&paths.database, SwapPart::RekeyNew),
        new_keys: FilePaths::swap(&paths.key_slots, SwapPart::RekeyNew),
        old_db: FilePaths::swap(&paths.database, SwapPart::RekeyOld),
        old_keys: FilePaths::swap(&paths.key_slots, SwapPart::RekeyOld),
    }
}

/// Completes or discards a key change a crash interrupted. Before the database was swapped
/// the old file is intact: the new parts go. After it, the new slot file completes the swap.
pub(crate) fn finish_interrupted(paths: &FilePaths) -> Result<()> {
    let s = staging(paths);
    if s.old_db.exists() && !s.new_db.exists() {
        // The new database is in place; the slot file may still be the old one.
        if s.new_keys.exists() {
            if paths.key_slots.exists() {
                rename(&paths.key_slots, &s.old_keys)?;
            }
            rename(&s.new_keys, &paths.key_slots)?;
        }
        let _ = std::fs::remove_file(&s.old_db);
        let _ = std::fs::remove_file(&s.old_keys);
        atomic_file::sync_folder(paths.folder());
    } else if s.new_db.exists() || s.new_keys.exists() {
        let _ = std::fs::remove_file(&s.new_db);
        let _ = std::fs::remove_file(&s.new_keys);
        if s.old_db.exists() && !paths.database.exists() {
            rename(&s.old_db, &paths.database)?;
        }
        if s.old_keys.exists() && !paths.key_slots.exists() {
            rename(&s.old_keys, &paths.key_slots)?;
        }
        atomic_file::sync_folder(paths.folder());
    }
    Ok(())
}

/// What the administrator must do after a key change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct RekeyOutcome {
    /// The new recovery key, shown once: print it or write it down.
    pub recovery_key: String,
    /// Colleagues whose passwords must be reset before they can sign in again.
    pub users_to_reset: Vec<String>,
}

/// A key change that did not go through. `file` is the open file again when nothing was
/// touched yet (wrong password, export failed); once the old connection was closed it is
/// `None`: the file is locked and must be unlocked again (with whichever key the pair on disk
/// now has; `finish_interrupted` has made the pair consistent).
#[derive(Debug)]
pub struct RekeyFailure {
    pub file: Option<Box<CaseFile>>,
    pub error: Error,
}

impl RekeyFailure {
    fn kept(file: CaseFile, error: Error) -> Self {
        RekeyFailure {
            file: Some(Box::new(file)),
            error,
        }
    }

    fn locked(error: Error) -> Self {
        RekeyFailure { file: None, error }
    }
}

/// Checkpoints the WAL into the database and closes the connection, checking both: a
/// connection that cannot close cleanly must not be swapped away.
fn close_checkpointed(conn: Connection) -> Result<()> {
    connection::checkpoint(&conn)?;
    conn.close().map_err(|(_, e)| Error::from(e))
}

/// Swaps the prepared pair in: old aside, new into place.
fn swap(paths: &FilePaths, s: &Staging) -> Result<()> {
    rename(&paths.database, &s.old_db)?;
    rename(&s.new_db, &paths.database)?;
    rename(&paths.key_slots, &s.old_keys)?;
    rename(&s.new_keys, &paths.key_slots)?;
    atomic_file::sync_folder(paths.folder());
    Ok(())
}

impl CaseFile {
    /// Re-encrypts the whole file under a new data key. The administrator confirms with
    /// their password; afterwards only they (with that password) and the new recovery key
    /// open the file. Consumes the open file: on success the re-keyed file comes back, on a
    /// failure after the old connection was closed the file stays locked.
    pub fn rekey(
        self,
        password: &str,
    ) -> std::result::Result<(CaseFile, RekeyOutcome), RekeyFailure> {
        if let Err(e) = exchange_marker::begin(&self.paths) {
            return Err(RekeyFailure::kept(self, e));
        }
        let paths = self.paths.clone();
        let result = self.rekey_marked(password);
        // Left while any part is still aside or new: the next unlock repairs it then.
        if !paths.swap_interrupted() {
            exchange_marker::end(&paths);
        }
        result
    }

    fn rekey_marked(
        self,
        password: &str,
    ) -> std::result::Result<(CaseFile, RekeyOutcome), RekeyFailure> {
        let prepared = match self.prepare_rekey(password) {
            Ok(prepared) => prepared,
            Err(e) => return Err(RekeyFailure::kept(self, e)),
        };
        let (new_key, recovery, users_to_reset) = prepared;
        let CaseFile {
            conn,
            user,
            paths,
            key: _old_key,
            clock,
            signer,
            chain_gap,
            open_views: _,
        } = self;
        let s = staging(&paths);
        if let Err(e) = close_checkpointed(conn) {
            let _ = std::fs::remove_file(&s.new_db);
            let _ = std::fs::remove_file(&s.new_keys);
            return Err(RekeyFailure::locked(e));
        }
        for stale in FilePaths::wal_companions(&paths.database) {
            let _ = std::fs::remove_file(stale);
        }
        let swapped = swap(&paths, &s);
        // Whatever happened, leave a consistent pair behind: the new one if the swap went
        // through (or could be completed), else the old one.
        let finished = finish_interrupted(&paths);
        let conn = match (swapped, finished) {
            (Ok(()), Ok(())) => connection::open(&paths.database, &new_key, OpenMode::Existing)
                .map_err(RekeyFailure::locked)?,
            (Err(e), _) | (_, Err(e)) => return Err(RekeyFailure::locked(e)),
        };
        let mut file = CaseFile {
            conn,
            user,
            paths,
            key: new_key,
            clock,
            signer,
            chain_gap,
            open_views: Default::default(),
        };
        let recorded = file.record(AuditEvent {
            action: AuditAction::DataKeyRekey,
            entity_id: None,
            before: None,
            after: Some(serde_json::json!({ "users_to_reset": users_to_reset.len() })),
        });
        if let Err(e) = recorded {
            return Err(RekeyFailure::locked(e));
        }
        Ok((
            file,
            RekeyOutcome {
                recovery_key: recovery.display().to_string(),
                users_to_reset,
            },
        ))
    }

    /// Checks the password and writes the new database and slot file beside the old ones.
    fn prepare_rekey(&self, password: &str) -> Result<(DataKey, RecoveryKey, Vec<String>)> {
        self.require_admin()?;
        let slots = SlotFile::load(&self.paths.key_slots)?;
        let confirmed = match slots.user_slot(&self.user.username) {
            Some(slot) => slot
                .open(password.as_bytes(), &slots.file_id, &slots.origin)?
                .is_some(),
            None => false,
        };
        if !confirmed {
            return Err(Error::invalid(
                "Passwort",
                "Das Passwort ist falsch; der Schlüssel bleibt unverändert.",
            ));
        }
        let others: Vec<String> = users::list_active(&self.conn)?
            .into_iter()
            .filter(|u| u.id != self.user.id)
            .map(|u| u.username)
            .collect();

        let new_key = DataKey::generate();
        let file_id = {
            use rand::RngCore;
            let mut id = [0u8; 16];
            rand::rngs::OsRng.fill_bytes(&mut id);
            hex::encode(id)
        };
        let recovery = RecoveryKey::generate();
        let mut new_slots = SlotFile::new(file_id.clone());
        new_slots.put_user(&new_key, &self.user.username, password, &self.signer)?;
        new_slots.chain_head = slots.chain_head.clone();
        new_slots.chain_gap = slots.chain_gap.clone();
        new_slots.put_recovery(&new_key, &recovery)?;

        let s = staging(&self.paths);
        let prepared = (|| -> Result<()> {
            export_encrypted(
                &self.conn,
                &s.new_db,
                &new_key,
                "Die neu verschlüsselte Akte",
                |c| {
                    c.execute(
                        &format!("UPDATE {TARGET}.file_meta SET file_id = ?1 WHERE id = 1"),
                        [&file_id],
                    )?;
                    Ok(())
                },
            )?;
            let check = connection::open(&s.new_db, &new_key, OpenMode::Existing)?;
            connection::check_integrity(&check)?;
            drop(check);
            new_slots.save(&s.new_keys)
        })();
        if let Err(e) = prepared {
            let _ = std::fs::remove_file(&s.new_db);
            let _ = std::fs::remove_file(&s.new_keys);
            return Err(e);
        }
        Ok((new_key, recovery, others))
    }
}
