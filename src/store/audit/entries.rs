//! The audit history as people read it: German descriptions and the newest rows.

use rusqlite::Connection;
use serde::Serialize;
use specta::Type;

use crate::store::audit::AuditAction;
use crate::Result;

/// One row of the audit log as the administration page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct AuditEntry {
    pub id: u32,
    /// RFC 3339, UTC.
    pub at: String,
    pub username: String,
    /// What happened, in German.
    pub description: String,
}

/// The newest `limit` rows, newest first.
pub(crate) fn recent(conn: &Connection, limit: u32) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, username, entity, action FROM audit_log ORDER BY id DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], |r| {
        Ok(AuditEntry {
            id: r.get(0)?,
            at: r.get(1)?,
            username: r.get(2)?,
            description: AuditAction::describe(&r.get::<_, String>(3)?, &r.get::<_, String>(4)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
