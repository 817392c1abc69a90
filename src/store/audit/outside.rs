//! The chain checked against what is kept outside the database: the signed head in the slot
//! file (rows cut off the end, or replaced, are found) and the public keys sealed into the
//! users' slots (the newest key the history registers for a user must be their slot's).

use rusqlite::Connection;

use crate::store::audit::anchor::{compare, ChainHead};
use crate::store::audit::chain::{walk, BrokenRow, ChainReport};
use crate::store::audit::signature::{head_message, verifies};
use crate::store::users;
use crate::Result;

/// What the slot file holds for the check.
pub struct Outside<'a> {
    pub head: Option<&'a ChainHead>,
    /// User name and public key of each user's slot.
    pub slot_keys: &'a [(String, String)],
}

/// [`verify`](super::verify), then the checks against `outside`.
pub fn verify_with(conn: &Connection, outside: &Outside<'_>) -> Result<ChainReport> {
    let (report, signatures) = walk(conn)?;
    if report.first_broken.is_some() {
        return Ok(report);
    }
    let finding = |id: u32, reason: String| ChainReport {
        rows: report.rows,
        first_broken: Some(BrokenRow { id, reason }),
    };
    if let Some(head) = outside.head {
        let signed = verifies(
            &head.signer_key,
            &head_message(head.seq, &head.row_hash),
            &head.signature,
        );
        if !signed || !signatures.known(&head.signer_key) {
            return Ok(finding(
                head.seq,
                "Der in der Schlüsseldatei festgehaltene Stand der Prüfkette ist nicht gültig signiert.".into(),
            ));
        }
        if let Some(gap) = compare(conn, head, "")? {
            let reason = if gap.replaced {
                format!(
                    "Eintrag {} weicht vom zuletzt bestätigten Stand ab: Einträge wurden ersetzt.",
                    gap.confirmed
                )
            } else {
                format!(
                    "Die Akte enthält {} Einträge, bestätigt sind {}: die letzten {} fehlen.",
                    gap.found,
                    gap.confirmed,
                    gap.confirmed - gap.found
                )
            };
            let id = if gap.replaced {
                gap.confirmed
            } else {
                gap.found + 1
            };
            return Ok(finding(id, reason));
        }
    }
    for (username, key) in outside.slot_keys {
        let Some(user) = users::find_active(conn, username)? else {
            continue;
        };
        // The newest key registered for a user must be the one sealed in their slot: a key
        // registered in their name by someone else is found (their slot cannot be changed
        // to match without it no longer opening).
        if !signatures.is_latest(i64::from(user.id), key) {
            return Ok(finding(
                report.rows,
                format!("Der Signaturschlüssel von {username} in der Schlüsseldatei ist nicht der zuletzt in der Prüfkette hinterlegte."),
            ));
        }
    }
    Ok(report)
}
