//! What every change to a session or an agenda item shares: the session's and the item's
//! number and status, and the audit row.

use crate::domain::input::as_typed;
use crate::domain::session::{session_number, ItemKind, SessionDraft, SessionStatus};
use crate::domain::voting::Outcome;
use crate::store::audit::AuditAction;
use crate::store::audit::{self, AuditEvent};
use crate::store::columns;
use crate::store::users::User;
use crate::{Error, Result};
use chrono::{NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SessionRef {
    pub id: u32,
    pub number: String,
    pub held_on: NaiveDate,
    pub status: SessionStatus,
}

pub(crate) fn session_ref(conn: &Connection, id: u32) -> Result<SessionRef> {
    conn.query_row(
        "SELECT year, seq, held_on, status FROM sessions WHERE id = ?1",
        [id],
        |r| {
            Ok(SessionRef {
                id,
                number: session_number(r.get(1)?, r.get(0)?),
                held_on: r.get(2)?,
                status: columns::code(r, 3)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        what: "Die Sitzung".into(),
    })
}

/// One change to a session: `updated_at` and an audit row named by the session number.
pub(crate) fn record_session_change(
    tx: &Connection,
    user: &User,
    session: &SessionRef,
    action: AuditAction,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> Result<()> {
    tx.execute(
        "UPDATE sessions SET updated_at = ?2 WHERE id = ?1",
        params![session.id, Utc::now().to_rfc3339()],
    )?;
    audit::append(
        tx,
        user,
        AuditEvent {
            action,
            entity_id: Some(&session.number),
            before,
            after,
        },
    )?;
    Ok(())
}

/// Refuses a change that would alter what decided items were counted against.
pub(crate) fn refuse_after_decisions(
    conn: &Connection,
    session: &SessionRef,
    what: &str,
) -> Result<()> {
    let decided: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM agenda_items WHERE session_id = ?1 AND outcome IS NOT NULL)",
        [session.id],
        |r| r.get(0),
    )?;
    if decided {
        return Err(Error::invalid(
            what,
            format!(
                "In der Sitzung {} ist schon entschieden worden; {what} bleibt, wie sie bei der Abstimmung war.",
                session.number
            ),
        ));
    }
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ItemRef {
    pub(crate) id: u32,
    pub(crate) session_id: u32,
    pub(crate) kind: ItemKind,
    pub(crate) case_id: Option<u32>,
    pub(crate) outcome: Option<Outcome>,
    pub(crate) position: i64,
}

pub(crate) fn item_ref(conn: &Connection, id: u32) -> Result<ItemRef> {
    conn.query_row(
        "SELECT session_id, kind, case_id, outcome, position FROM agenda_items WHERE id = ?1",
        [id],
        |r| {
            Ok(ItemRef {
                id,
                session_id: r.get(0)?,
                kind: columns::code(r, 1)?,
                case_id: r.get(2)?,
                outcome: columns::optional_code(r, 3)?,
                position: r.get(4)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        what: "Der Tagesordnungspunkt".into(),
    })
}

/// An item's fields as its audit rows record them.
pub(crate) fn item_fields(tx: &Connection, id: u32) -> Result<serde_json::Value> {
    tx.query_row(
        "SELECT position, number, kind, case_id, title, rapporteur_id, outcome, reasons, yes, no, abstain,
                rule_applied
         FROM agenda_items WHERE id = ?1",
        [id],
        |r| {
            Ok(serde_json::json!({
                "position": r.get::<_, i64>(0)?,
                "number": r.get::<_, Option<u32>>(1)?,
                "kind": r.get::<_, String>(2)?,
                "case_id": r.get::<_, Option<u32>>(3)?,
                "title": r.get::<_, Option<String>>(4)?,
                "rapporteur_id": r.get::<_, Option<u32>>(5)?,
                "outcome": r.get::<_, Option<String>>(6)?,
                "reasons": r.get::<_, Option<String>>(7)?,
                "yes": r.get::<_, Option<u32>>(8)?,
                "no": r.get::<_, Option<u32>>(9)?,
                "abstain": r.get::<_, Option<u32>>(10)?,
                "rule_applied": r.get::<_, Option<String>>(11)?,
            }))
        },
    )
    .map_err(Into::into)
}

/// The session's date, time and place as the form shows them (for audit rows, without
/// building the whole page).
pub(crate) fn draft(conn: &Connection, session: &SessionRef) -> Result<SessionDraft> {
    let (start_time, place): (String, String) = conn.query_row(
        "SELECT start_time, place FROM sessions WHERE id = ?1",
        [session.id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(SessionDraft {
        held_on: as_typed(Some(session.held_on)),
        start_time,
        place,
    })
}
