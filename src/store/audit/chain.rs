//! The audit chain: every change writes a row in the same transaction, and each row carries
//! the hash of the one before it, so any later edit, deletion or reordering of history is
//! found by [`verify`].
//!
//! The changed fields (before/after) are kept in `audit_payload` and enter the chain only as
//! their SHA-256 digest. A deletion period may erase a payload (set it to NULL); the chain
//! stays verifiable because the digest stays.

use chrono::Utc;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use specta::Type;

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
    let payload_digest = sha256_hex(payload.as_bytes());
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
        "INSERT INTO audit_payload (audit_id, fields) VALUES (?1, ?2)",
        params![id, payload],
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
    let mut stmt = conn.prepare(
        "SELECT l.id, l.at, l.user_id, l.username, l.entity, l.entity_id, l.action,
                l.payload_digest, l.prev_hash, l.row_hash, p.fields, p.audit_id IS NOT NULL
         FROM audit_log l LEFT JOIN audit_payload p ON p.audit_id = l.id
         ORDER BY l.id",
    )?;
    let mut rows = stmt.query([])?;
    let mut expected_prev = GENESIS.to_owned();
    let mut expected_id = 1i64;
    let mut count = 0u32;
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
        count += 1;
        let broken = |reason: &str| {
            Ok(ChainReport {
                rows: count,
                first_broken: Some(BrokenRow {
                    id: u32::try_from(id).unwrap_or(u32::MAX),
                    reason: reason.to_owned(),
                }),
            })
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
            if sha256_hex(fields.as_bytes()) != payload_digest {
                return broken("Die geänderten Felder des Eintrags wurden nachträglich verändert.");
            }
        }
        expected_prev = row_hash;
        expected_id = id + 1;
    }
    Ok(ChainReport {
        rows: count,
        first_broken: super::findings::first(conn)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::user::Role;
    use crate::store::audit::entries::recent;
    use crate::store::vault::migrations;

    fn setup() -> (Connection, User) {
        let mut conn = Connection::open_in_memory().unwrap();
        migrations::migrate(&mut conn).unwrap();
        let user = User {
            id: 1,
            username: "Şükrü Güneş".into(),
            role: Role::Verwaltung,
        };
        for i in 0..5 {
            append(
                &conn,
                &user,
                AuditEvent {
                    action: AuditAction::SettingsUpdate,
                    entity_id: Some("idle_lock_minutes"),
                    before: Some(serde_json::json!(i)),
                    after: Some(serde_json::json!(i + 1)),
                },
            )
            .unwrap();
        }
        (conn, user)
    }

    fn first_broken(conn: &Connection) -> Option<u32> {
        verify(conn).unwrap().first_broken.map(|b| b.id)
    }

    #[test]
    fn recent_lists_newest_first_in_german() {
        let (conn, _) = setup();
        let rows = recent(&conn, 2).unwrap();
        assert_eq!(rows.iter().map(|r| r.id).collect::<Vec<_>>(), [5, 4]);
        assert_eq!(rows[0].description, "Einstellung geändert");
        assert_eq!(rows[0].username, "Şükrü Güneş");
    }

    #[test]
    fn an_untouched_chain_verifies() {
        let (conn, _) = setup();
        assert_eq!(
            verify(&conn).unwrap(),
            ChainReport {
                rows: 5,
                first_broken: None
            }
        );
    }

    #[test]
    fn an_edited_row_is_found() {
        let (conn, _) = setup();
        conn.execute("UPDATE audit_log SET action = 'delete' WHERE id = 3", [])
            .unwrap();
        assert_eq!(first_broken(&conn), Some(3));
    }

    #[test]
    fn an_edited_payload_is_found() {
        let (conn, _) = setup();
        conn.execute(
            "UPDATE audit_payload SET fields = '{\"before\":9,\"after\":9}' WHERE audit_id = 2",
            [],
        )
        .unwrap();
        assert_eq!(first_broken(&conn), Some(2));
    }

    #[test]
    fn a_deleted_row_is_found_at_its_successor() {
        let (conn, _) = setup();
        conn.execute_batch(
            "DELETE FROM audit_payload WHERE audit_id = 2; DELETE FROM audit_log WHERE id = 2;",
        )
        .unwrap();
        assert_eq!(first_broken(&conn), Some(3));
    }

    #[test]
    fn changed_fields_left_behind_by_a_deleted_last_row_are_found() {
        let (conn, _) = setup();
        conn.execute_batch("PRAGMA foreign_keys = OFF; DELETE FROM audit_log WHERE id = 5;")
            .unwrap();
        assert_eq!(first_broken(&conn), Some(5));
    }

    #[test]
    fn swapped_rows_are_found() {
        let (conn, _) = setup();
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF;
             UPDATE audit_log SET id = 100 WHERE id = 2;
             UPDATE audit_log SET id = 2 WHERE id = 3;
             UPDATE audit_log SET id = 3 WHERE id = 100;",
        )
        .unwrap();
        assert_eq!(first_broken(&conn), Some(2));
    }

    #[test]
    fn erasing_a_payload_keeps_the_chain_valid_and_new_rows_chain_on() {
        let (conn, user) = setup();
        // What a deletion run does to the personal data in a row's changed fields.
        conn.execute(
            "UPDATE audit_payload SET fields = NULL WHERE audit_id = 2",
            [],
        )
        .unwrap();
        assert_eq!(
            first_broken(&conn),
            Some(2),
            "an erasure no deletion run lists is a finding"
        );
        append(
            &conn,
            &user,
            AuditEvent {
                action: AuditAction::RetentionDelete,
                entity_id: None,
                before: None,
                after: Some(serde_json::json!({ "cases": [], "erased_rows": [2] })),
            },
        )
        .unwrap();
        assert_eq!(first_broken(&conn), None);
        append(
            &conn,
            &user,
            AuditEvent {
                action: AuditAction::DocumentExport,
                entity_id: None,
                before: None,
                after: None,
            },
        )
        .unwrap();
        assert_eq!(verify(&conn).unwrap().rows, 7);
        assert_eq!(first_broken(&conn), None);
    }
}
