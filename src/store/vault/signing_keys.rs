//! Each user's signing key for the audit history (docs/PRUEFKETTE.md): registered by a row of
//! the history itself, kept in the users table and sealed in the user's key slot. Every
//! commit signs its new rows and keeps the new chain head in the slot file.

use rusqlite::{params, Connection, Transaction};

use crate::store::audit::{self, AuditAction, AuditEvent, ChainHead, Signer};
use crate::store::users::User;
use crate::store::vault::key_slots::SlotFile;
use crate::store::FilePaths;
use crate::Result;

/// Registers `public_key` as the key of user `owner`: a row written by `by` (signed with
/// `by`'s key when the transaction commits) and the users table.
pub(crate) fn register(conn: &Connection, by: &User, owner: u32, public_key: &str) -> Result<()> {
    let entity_id = format!("{owner}:{public_key}");
    audit::append(
        conn,
        by,
        AuditEvent {
            action: AuditAction::SigningKeyRegister,
            entity_id: Some(&entity_id),
            before: None,
            after: None,
        },
    )?;
    conn.execute(
        "UPDATE users SET signing_public_key = ?1 WHERE id = ?2",
        params![public_key, owner],
    )?;
    Ok(())
}

/// Whether the users table holds `public_key` as the user's current key (not so for a slot
/// from before signatures began, or a file whose history was written by an older program).
pub(crate) fn is_current(conn: &Connection, user_id: u32, public_key: &str) -> Result<bool> {
    let stored: Option<String> = conn.query_row(
        "SELECT signing_public_key FROM users WHERE id = ?1",
        [user_id],
        |r| r.get(0),
    )?;
    Ok(stored.as_deref() == Some(public_key))
}

/// Signs the transaction's new audit rows with `signer`, commits, and keeps the new head in
/// the slot file. The save stands once committed: a head that could not be written is
/// written with the next commit (a shorter head outside is never reported as a loss).
pub(crate) fn commit_signed(tx: Transaction<'_>, signer: &Signer, paths: &FilePaths) -> Result<()> {
    let head = audit::sign_pending(&tx, signer)?;
    tx.commit()?;
    if let Some(head) = head {
        keep_head(paths, head);
    }
    Ok(())
}

fn keep_head(paths: &FilePaths, head: ChainHead) {
    if let Ok(mut slots) = SlotFile::load(&paths.key_slots) {
        slots.chain_head = Some(head);
        let _ = slots.save(&paths.key_slots);
    }
}
