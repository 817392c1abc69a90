//! The audit chain: every change writes a row in the same transaction, and each row carries
//! the hash of the one before it, so any later edit, deletion or reordering of history is
//! found by [`verify`].
//!
//! The changed fields (before/after) are kept in `audit_payload` and enter the chain only as
//! their salted SHA-256 digest. A deletion period may erase a payload (fields and salt set to
//! NULL); the chain stays verifiable because the digest stays, and without the salt a guess of
//! the erased fields cannot be confirmed against it.

use chrono::Utc;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use specta::Type;

use crate::store::audit::signed_rows::{Signatures, SignedRow};
use crate::store::audit::AuditAction;
use crate::store::users::User;
use crate::Result;

/// The `prev_hash` of the first row.
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One thing that happened, as the caller describes it.
pub struct AuditEvent<'a> {
    /// What happened (and to what kind of thing).
    pub action: AuditAction,
    /// Which one, e.g. a setting's key or a case number. Never personal data.
    pub entity_id: Option<&'a str>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The digest of a row's changed fields: SHA-256 of the salt (32 hex digits) followed by the
/// fields; rows written before salts began (schema 10 and older) have none.
pub(crate) fn payload_digest(salt: Option<&str>, fields: &str) -> String {
    let mut hasher = Sha256::new();
    if let Some(salt) = salt {
        hasher.update(salt.as_bytes());
    }
    hasher.update(fields.as_bytes());
    hex::encode(hasher.finalize())
}

/// 16 random bytes in hex: a new salt for one row's changed fields.
fn new_salt() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

struct ChainedFields<'a> {
    id: i64,
    at: &'a str,
    user_id: Option<i64>,
    username: &'a str,
    entity: &'a str,
    entity_id: Option<&'a str>,
    action: &'a str,
    payload_digest: &'a str,
    prev_hash: &'a str,
}

impl ChainedFields<'_> {
    /// The row's hash: SHA-256 over its fields as a JSON array, so no field can bleed into
    /// another.
    fn hash(&self) -> String {
        let canonical = serde_json::json!([
            self.id,
            self.at,
            self.user_id,
            self.username,
            self.entity,
            self.entity_id,
            self.action,
            self.payload_digest,
            self.prev_hash,
        ]);
        sha256_hex(canonical.to_string().as_bytes())
    }
}

/// Serialises changed fields for an event's `before` or `after`.
pub(crate) fn fields<T: Serialize + ?Sized>(value: &T) -> Result<Value> {
    serde_json::to_value(value).map_err(|e| crate::Error::Internal(format!("JSON: {e}")))
}

/// Appends a row. Call it inside the transaction that makes the change.
pub(crate) fn append(conn: &Connection, user: &User, event: AuditEvent<'_>) -> Result<i64> {
    let last: Option<(i64, String)> = conn
        .query_row(
            "SELECT id, row_hash FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (id, prev_hash) = match last {
        Some((id, hash)) => (id + 1, hash),
        None => (1, GENESIS.to_owned()),
    };
    let payload = serde_json::json!({ "before": event.before, "after": event.after }).to_string();
    let salt = new_salt();
    let payload_digest = payload_digest(Some(&salt), &payload);
    let at = Utc::now().to_rfc3339();
    let user_id = Some(i64::from(user.id));
    let row_hash = ChainedFields {
        id,
        at: &at,
        user_id,
        username: &user.username,
        entity: event.action.entity(),
        entity_id: event.entity_id,
        action: event.action.action(),
        payload_digest: &payload_digest,
        prev_hash: &prev_hash,
    }
    .hash();
    conn.execute(
        "INSERT INTO audit_log (id, at, user_id, username, entity, entity_id, action,
                                payload_digest, prev_hash, row_hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            id,
            at,
            user_id,
            user.username,
            event.action.entity(),
            event.entity_id,
            event.action.action(),
            payload_digest,
            prev_hash,
            row_hash
        ],
    )?;
    conn.execute(
        "INSERT INTO audit_payload (audit_id, fields, salt) VALUES (?1, ?2, ?3)",
        params![id, payload, salt],
    )?;
    Ok(id)
}

/// The first row where the chain does not hold, and why (German, for the user).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct BrokenRow {
    pub id: u32,
    pub reason: String,
}

/// The result of checking the whole chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct ChainReport {
    pub rows: u32,
    pub first_broken: Option<BrokenRow>,
}

/// Walks the chain from the first row and stops at the first one that does not hold.
pub fn verify(conn: &Connection) -> Result<ChainReport> {
    Ok(walk(conn)?.0)
}

/// [`verify`], and the keys the walk found registered (for the checks against what is kept
/// outside the database).
pub(super) fn walk(conn: &Connection) -> Result<(ChainReport, Signatures)> {
    // A file checked read-only before its upgrade to signed rows has no signature columns:
    // its rows are read as written before signatures began.
    let signed: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM pragma_table_info('audit_log') WHERE name = 'signature')",
        [],
        |r| r.get(0),
    )?;
    let signature_columns = if signed {
        "l.signer_key, l.signature"
    } else {
        "'', ''"
    };
    // Likewise a file from before salted digests has no salt column.
    let salted: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM pragma_table_info('audit_payload') WHERE name = 'salt')",
        [],
        |r| r.get(0),
    )?;
    let salt_column = if salted { "p.salt" } else { "NULL" };
    let mut stmt = conn.prepare(&format!(
        "SELECT l.id, l.at, l.user_id, l.username, l.entity, l.entity_id, l.action,
                l.payload_digest, l.prev_hash, l.row_hash, p.fields, p.audit_id IS NOT NULL,
                {signature_columns}, {salt_column}
         FROM audit_log l LEFT JOIN audit_payload p ON p.audit_id = l.id
         ORDER BY l.id"
    ))?;
    let mut rows = stmt.query([])?;
    let mut expected_prev = GENESIS.to_owned();
    let mut expected_id = 1i64;
    let mut count = 0u32;
    let mut signatures = Signatures::default();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let at: String = r.get(1)?;
        let user_id: Option<i64> = r.get(2)?;
        let username: String = r.get(3)?;
        let entity: String = r.get(4)?;
        let entity_id: Option<String> = r.get(5)?;
        let action: String = r.get(6)?;
        let payload_digest: String = r.get(7)?;
        let prev_hash: String = r.get(8)?;
        let row_hash: String = r.get(9)?;
        let payload: Option<String> = r.get(10)?;
        let payload_row_exists: bool = r.get(11)?;
        let signer_key: Option<String> = r.get(12)?;
        let signature: Option<String> = r.get(13)?;
        let salt: Option<String> = r.get(14)?;
        count += 1;
        let broken = |reason: &str| {
            Ok((
                ChainReport {
                    rows: count,
                    first_broken: Some(BrokenRow {
                        id: u32::try_from(id).unwrap_or(u32::MAX),
                        reason: reason.to_owned(),
                    }),
                },
                Signatures::default(),
            ))
        };
        if id != expected_id {
            return broken(
                "Lücke oder falsche Reihenfolge: ein Eintrag davor fehlt oder wurde verschoben.",
            );
        }
        if prev_hash != expected_prev {
            return broken("Der Verweis auf den vorigen Eintrag stimmt nicht: ein früherer Eintrag wurde verändert, gelöscht oder umgestellt.");
        }
        let recomputed = ChainedFields {
            id,
            at: &at,
            user_id,
            username: &username,
            entity: &entity,
            entity_id: entity_id.as_deref(),
            action: &action,
            payload_digest: &payload_digest,
            prev_hash: &prev_hash,
        }
        .hash();
        if recomputed != row_hash {
            return broken("Der Eintrag selbst wurde nachträglich verändert.");
        }
        if !payload_row_exists {
            return broken("Die geänderten Felder des Eintrags fehlen.");
        }
        if let Some(fields) = payload {
            if self::payload_digest(salt.as_deref(), &fields) != payload_digest {
                return broken("Die geänderten Felder des Eintrags wurden nachträglich verändert.");
            }
        }
        let signed = SignedRow {
            user_id,
            entity: &entity,
            action: &action,
            entity_id: entity_id.as_deref(),
            row_hash: &row_hash,
            signer_key: signer_key.as_deref(),
            signature: signature.as_deref(),
        };
        if let Some(reason) = signatures.check(&signed) {
            return broken(reason);
        }
        expected_prev = row_hash;
        expected_id = id + 1;
    }
    let report = ChainReport {
        rows: count,
        first_broken: super::findings::first(conn)?,
    };
    Ok((report, signatures))
}

#[cfg(test)]
#[path = "chain_tests.rs"]
mod tests;
