//! What the chain of hashes cannot show by itself: changed fields stored for no row, and
//! changed fields erased (NULL) where no deletion run says it erased them.

use std::collections::HashSet;

use rusqlite::Connection;

use crate::store::audit::{AuditAction, BrokenRow};
use crate::Result;

/// The first such finding, if any.
pub(crate) fn first(conn: &Connection) -> Result<Option<BrokenRow>> {
    let orphan: Option<i64> = conn
        .query_row(
            "SELECT p.audit_id FROM audit_payload p
             WHERE NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.id = p.audit_id)
             ORDER BY p.audit_id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .map(Some)
        .or_else(none_if_no_rows)?;
    if let Some(id) = orphan {
        return Ok(Some(row(
            id,
            "Zu diesem Eintrag gibt es geänderte Felder, aber keinen Eintrag in der Prüfkette: \
             der Eintrag wurde gelöscht.",
        )));
    }
    let explained = erased_by_deletion_runs(conn)?;
    let mut stmt =
        conn.prepare("SELECT audit_id FROM audit_payload WHERE fields IS NULL ORDER BY audit_id")?;
    let erased = stmt.query_map([], |r| r.get::<_, i64>(0))?;
    for id in erased {
        let id = id?;
        if !explained.covers(id) {
            return Ok(Some(row(
                id,
                "Die geänderten Felder des Eintrags wurden gelöscht, ohne dass ein Löschlauf \
                 das verzeichnet hat.",
            )));
        }
    }
    Ok(None)
}

fn row(id: i64, reason: &str) -> BrokenRow {
    BrokenRow {
        id: u32::try_from(id).unwrap_or(u32::MAX),
        reason: reason.to_owned(),
    }
}

fn none_if_no_rows<T>(e: rusqlite::Error) -> rusqlite::Result<Option<T>> {
    match e {
        rusqlite::Error::QueryReturnedNoRows => Ok(None),
        other => Err(other),
    }
}

/// The rows the deletion runs say they erased. A run from before the runs listed their rows
/// (version 0.1) vouches for every erased row older than itself.
struct Explained {
    rows: HashSet<i64>,
    older_than: i64,
}

impl Explained {
    fn covers(&self, id: i64) -> bool {
        self.rows.contains(&id) || id < self.older_than
    }
}

fn erased_by_deletion_runs(conn: &Connection) -> Result<Explained> {
    let mut stmt = conn.prepare(
        "SELECT l.id, p.fields FROM audit_log l JOIN audit_payload p ON p.audit_id = l.id
         WHERE l.entity = ?1 AND l.action = ?2 ORDER BY l.id",
    )?;
    let runs = stmt.query_map(
        [
            AuditAction::RetentionDelete.entity(),
            AuditAction::RetentionDelete.action(),
        ],
        |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?)),
    )?;
    let mut explained = Explained {
        rows: HashSet::new(),
        older_than: 0,
    };
    for run in runs {
        let (id, fields) = run?;
        let listed = fields
            .and_then(|f| serde_json::from_str::<serde_json::Value>(&f).ok())
            .and_then(|v| v.pointer("/after/erased_rows").cloned());
        match listed.as_ref().and_then(|l| l.as_array()) {
            Some(rows) => explained
                .rows
                .extend(rows.iter().filter_map(serde_json::Value::as_i64)),
            None => explained.older_than = explained.older_than.max(id),
        }
    }
    Ok(explained)
}
