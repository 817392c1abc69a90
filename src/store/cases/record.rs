//! The bookkeeping every change to a case shares: its number and status, and the one call
//! that writes the audit row, the list's sort name and the search index.

use chrono::Utc;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;

use crate::domain::workflow::{CaseStatus, ChangeAfterEnd};
use crate::store::audit::AuditAction;
use crate::store::audit::{self, AuditEvent};
use crate::store::cases::search;
use crate::store::columns;
use crate::store::users::User;
use crate::{Error, Result};

/// A case's number and status: what every change to it needs to know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CaseRef {
    pub id: u32,
    pub number: String,
    pub status: CaseStatus,
}

pub(crate) fn case_ref(conn: &Connection, id: u32) -> Result<CaseRef> {
    conn.query_row(
        "SELECT number, status FROM cases WHERE id = ?1",
        [id],
        |r| {
            Ok(CaseRef {
                id,
                number: r.get(0)?,
                status: columns::code(r, 1)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        what: "Der Fall".into(),
    })
}

/// Whether a deletion run removed the case's personal data.
pub(crate) fn is_anonymised(tx: &Connection, case_id: u32) -> Result<bool> {
    Ok(tx.query_row(
        "SELECT anonymised_on IS NOT NULL FROM cases WHERE id = ?1",
        [case_id],
        |r| r.get(0),
    )?)
}

/// One change to a case: the audit row (named by the case number, never a person),
/// `updated_at`, the list's sort name and the search index, all in the caller's transaction.
pub(crate) fn record_change(
    tx: &Connection,
    user: &User,
    case: &CaseRef,
    action: AuditAction,
    before: Option<Value>,
    after: Option<Value>,
) -> Result<()> {
    if is_anonymised(tx, case.id)? {
        // The change's statements ran in this transaction; the error rolls them back.
        return Err(Error::invalid(
            "Fall",
            format!(
                "Die personenbezogenen Daten von {} wurden nach Ablauf der Löschfrist entfernt; der Fall wird nicht mehr bearbeitet.",
                case.number
            ),
        ));
    }
    let change = match action {
        AuditAction::PersonPermit => ChangeAfterEnd::Permit,
        AuditAction::CaseReopen => ChangeAfterEnd::Reopen,
        _ => ChangeAfterEnd::Other,
    };
    // An ended case is read-only; the error rolls back what the change already wrote.
    case.status.check_change(change)?;
    let display_name: String = tx
        .query_row(
            "SELECT family_name || ', ' || given_names FROM persons WHERE case_id = ?1
             ORDER BY family_role != 'hauptperson', position LIMIT 1",
            [case.id],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_default();
    tx.execute(
        // The list orders sort_name with the DIN5007 collation (domain::collation).
        "UPDATE cases SET updated_at = ?2, display_name = ?3, sort_name = ?3 WHERE id = ?1",
        params![case.id, Utc::now().to_rfc3339(), display_name],
    )?;
    search::reindex(tx, case.id)?;
    audit::append(
        tx,
        user,
        AuditEvent {
            action,
            entity_id: Some(&case.number),
            before,
            after,
        },
    )?;
    Ok(())
}

/// Adds, changes or removes one part of a case (a person, a ground, a deadline) and records
/// it. `existing` is the part's id when it exists; `write` makes the change and returns the
/// part's id afterwards (None when it is gone). Both sides of the audit row are `snapshot`s of
/// the stored part, read the same way, so they always have one shape.
pub(crate) fn edit_part<S: serde::Serialize>(
    tx: &Connection,
    user: &User,
    case: &CaseRef,
    action: AuditAction,
    existing: Option<u32>,
    snapshot: impl Fn(u32) -> Result<S>,
    write: impl FnOnce() -> Result<Option<u32>>,
) -> Result<()> {
    let before = existing.map(&snapshot).transpose()?;
    let after = write()?.map(&snapshot).transpose()?;
    let fields = |part: Option<S>| part.map(|p| audit::fields(&p)).transpose();
    record_change(tx, user, case, action, fields(before)?, fields(after)?)
}
