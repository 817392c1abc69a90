//! Restoring a backup over the live file, and repairing a restore that a crash cut off.

use crate::store::audit::AuditAction;
use crate::store::audit::AuditEvent;
use crate::store::vault::atomic_file;
use crate::store::vault::backup::format::{open_parts, read, BackupContents, Parts};
use crate::store::vault::backup::identity::{self, OtherFile};
use crate::store::vault::exchange_marker;
use crate::store::{CaseFile, FilePaths, InstanceLock};
use crate::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::store::vault::atomic_file::rename;
use crate::store::vault::file_paths::SwapPart;

/// The live file's parts that a restore moves aside: database, its WAL and shared memory
/// (a stale WAL must never meet the restored database), and the key slots.
pub(super) fn live_parts(paths: &FilePaths) -> [PathBuf; 4] {
    [
        paths.database.clone(),
        FilePaths::wal_companions(&paths.database)[0].clone(),
        FilePaths::wal_companions(&paths.database)[1].clone(),
        paths.key_slots.clone(),
    ]
}

pub(super) const SET_ASIDE: SwapPart = SwapPart::RestoreSetAside;
pub(super) const INCOMING: SwapPart = SwapPart::RestoreIncoming;
/// Written once the restored file is verified: from then on a cut-off clean-up goes forward.
pub(super) const RESTORED: SwapPart = SwapPart::RestoreDone;

/// Puts a restore that a crash cut off back to the file as it was before: the parts set
/// aside return, whatever came in goes (the backup file itself is untouched). Runs before
/// every unlock and before a restore; does nothing when no restore was under way.
pub(crate) fn finish_interrupted(paths: &FilePaths) -> Result<()> {
    let aside_db = FilePaths::swap(&paths.database, SET_ASIDE);
    let aside_keys = FilePaths::swap(&paths.key_slots, SET_ASIDE);
    let done = FilePaths::swap(&paths.database, RESTORED);
    if done.exists() {
        // The restored file was verified: finish clearing the old parts away.
        for part in live_parts(paths) {
            let _ = std::fs::remove_file(FilePaths::swap(&part, SET_ASIDE));
        }
        let _ = std::fs::remove_file(&done);
    } else if aside_db.exists() || aside_keys.exists() {
        put_back(paths);
    }
    let _ = std::fs::remove_file(FilePaths::swap(&paths.database, INCOMING));
    let _ = std::fs::remove_file(FilePaths::swap(&paths.key_slots, INCOMING));
    atomic_file::sync_folder(paths.folder());
    Ok(())
}

/// Removes whatever a restore put in place (the database, its log and shared memory, the
/// slots) and renames the parts set aside back. When the restored database is in place its
/// log and shared memory go too: they must never be replayed onto the old database.
pub(super) fn put_back(paths: &FilePaths) {
    let restored_in_place =
        paths.database.exists() && FilePaths::swap(&paths.database, SET_ASIDE).exists();
    for part in live_parts(paths) {
        let aside = FilePaths::swap(&part, SET_ASIDE);
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
    exchange_marker::present(paths) && paths.swap_interrupted()
}

/// Repairs a cut-off restore or key change at a file whose lock is held.
/// Only where this program began the exchange (see [`exchange_marker`]); anywhere else
/// nothing beside the path is touched.
pub fn repair_interrupted(lock: &InstanceLock) -> Result<()> {
    let paths = lock.paths();
    if !exchange_marker::present(paths) {
        return Ok(());
    }
    finish_interrupted(paths)?;
    crate::store::vault::rekey::finish_interrupted(paths)?;
    if !paths.swap_interrupted() {
        exchange_marker::end(paths);
    }
    Ok(())
}

/// Replaces the live file (closed, with its lock held) by the backup's content. The user
/// must administer the restored file. The live parts are set aside first and removed only
/// after the restored file has been unlocked and checked; on any failure they are put back.
pub fn restore(
    lock: &InstanceLock,
    backup: &Path,
    username: &str,
    password: &str,
    other_file: OtherFile,
) -> Result<BackupContents> {
    let paths = lock.paths();
    repair_interrupted(lock)?;
    let parts = read(backup)?;
    let (contents, _) = open_parts(backup, &parts, username, password)?;
    identity::check(paths, &contents, other_file)?;
    exchange_marker::begin(paths)?;
    let result = exchange(lock, parts, contents, username, password);
    // Left while any part is still aside or incoming: the next unlock repairs it then.
    if !paths.swap_interrupted() {
        exchange_marker::end(paths);
    }
    result
}

/// The exchange itself, between writing and removing the marker.
fn exchange(
    lock: &InstanceLock,
    parts: Parts,
    contents: BackupContents,
    username: &str,
    password: &str,
) -> Result<BackupContents> {
    let paths = lock.paths();
    let incoming_db = FilePaths::swap(&paths.database, INCOMING);
    let incoming_keys = FilePaths::swap(&paths.key_slots, INCOMING);
    let write = |path: &Path, bytes: &[u8]| -> Result<()> {
        // Created new (the repair above removed any leftover): a planted link is not followed.
        let mut f = crate::store::vault::private_file::create_new(path).map_err(|e| {
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
                let aside = FilePaths::swap(&live, SET_ASIDE);
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
            action: AuditAction::BackupRestore,
            entity_id: None,
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
            let marker = FilePaths::swap(&paths.database, RESTORED);
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
