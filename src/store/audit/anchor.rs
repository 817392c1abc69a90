//! The chain head outside the database (docs/PRUEFKETTE.md): after every commit the newest
//! row's number and hash, signed by the user who wrote it, go into the slot file and so into
//! every backup; exported documents print them. Cutting rows off the end of the chain leaves
//! a valid shorter chain; compared with the head kept outside, it is found.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::store::audit::signature::{head_message, row_message, Signer};
use crate::Result;

/// The newest row of the chain, as kept outside the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainHead {
    /// The row's number (`audit_log.id`).
    pub seq: u32,
    pub row_hash: String,
    /// The public key of the user whose commit wrote the row, lower-case hex.
    pub signer_key: String,
    /// Over `hfk-akte/head/v1:{seq}:{row_hash}`.
    pub signature: String,
}

/// Rows found missing at an unlock, compared with the head kept outside the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainGap {
    /// The row number the head outside confirms.
    pub confirmed: u32,
    /// How many rows the database held.
    pub found: u32,
    /// The confirmed row exists but is another one (rows were replaced).
    pub replaced: bool,
    /// When it was found, TT.MM.JJJJ.
    pub found_on: String,
}

impl ChainGap {
    /// In German, for the window and the command line.
    pub fn message(&self) -> String {
        let advice = "Bitte stellen Sie eine Sicherung wieder her (Verwaltung → Sicherung); \
                      bis dahin fehlen diese Änderungen.";
        if self.replaced {
            format!(
                "Die Prüfkette der Akte weicht von der zuletzt bestätigten ab (Eintrag {}, \
                 festgestellt am {}): Änderungen fehlen oder wurden ersetzt. {advice}",
                self.confirmed, self.found_on
            )
        } else {
            let missing = self.confirmed.saturating_sub(self.found);
            let what = if missing == 1 {
                "Die letzte Änderung fehlt".to_owned()
            } else {
                format!("Die letzten {missing} Änderungen fehlen")
            };
            format!(
                "{what} in der Akte (festgestellt am {}): die Schlüsseldatei bestätigt {} \
                 Einträge der Prüfkette, die Akte enthält nur {}. {advice}",
                self.found_on, self.confirmed, self.found
            )
        }
    }
}

/// The newest row's number and hash.
pub fn newest(conn: &Connection) -> Result<Option<(u32, String)>> {
    Ok(conn
        .query_row(
            "SELECT id, row_hash FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get::<_, u32>(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Signs the rows this transaction wrote (those without a signature yet) with `signer`, and
/// returns the new head, signed; `None` when the transaction wrote no row.
pub(crate) fn sign_pending(conn: &Connection, signer: &Signer) -> Result<Option<ChainHead>> {
    let mut pending: Vec<(u32, String)> = conn
        .prepare("SELECT id, row_hash FROM audit_log WHERE signature IS NULL ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let public = signer.public_hex();
    for (id, hash) in &pending {
        conn.execute(
            "UPDATE audit_log SET signer_key = ?1, signature = ?2 WHERE id = ?3",
            params![public, signer.sign(&row_message(hash)), id],
        )?;
    }
    // Every row before this transaction's is signed (or marked unsigned), so its last
    // row is the newest of the chain.
    let Some((seq, row_hash)) = pending.pop() else {
        return Ok(None);
    };
    Ok(Some(ChainHead {
        signature: signer.sign(&head_message(seq, &row_hash)),
        seq,
        row_hash,
        signer_key: public,
    }))
}

/// Compares the database's chain with the head kept outside: `None` when the chain holds
/// the confirmed row (a longer chain is fine: the head is written after the commit).
pub fn compare(conn: &Connection, head: &ChainHead, today: &str) -> Result<Option<ChainGap>> {
    let found = newest(conn)?.map_or(0, |(seq, _)| seq);
    let at: Option<String> = conn
        .query_row(
            "SELECT row_hash FROM audit_log WHERE id = ?1",
            [head.seq],
            |r| r.get(0),
        )
        .optional()?;
    let gap = |replaced| ChainGap {
        confirmed: head.seq,
        found,
        replaced,
        found_on: today.to_owned(),
    };
    Ok(match at {
        None => Some(gap(false)),
        Some(hash) if hash != head.row_hash => Some(gap(true)),
        Some(_) => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gap_is_said_in_plain_german() {
        let gap = ChainGap {
            confirmed: 120,
            found: 108,
            replaced: false,
            found_on: "03.12.2026".into(),
        };
        assert!(gap
            .message()
            .starts_with("Die letzten 12 Änderungen fehlen in der Akte"));
        let one = ChainGap {
            found: 119,
            ..gap.clone()
        };
        assert!(one.message().starts_with("Die letzte Änderung fehlt"));
        let replaced = ChainGap {
            replaced: true,
            ..gap
        };
        assert!(replaced
            .message()
            .contains("weicht von der zuletzt bestätigten ab"));
    }
}
