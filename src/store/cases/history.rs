//! A case's workflow: every move with its date, user and reason, and the timeline the case
//! page shows (the moves together with the audited changes).

use chrono::{NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use specta::Type;

use crate::domain::choice::Labelled;
use crate::domain::input::{not_in_future, optional_text, required_date, required_text, LONG_TEXT};
use crate::domain::workflow::CaseStatus;
use crate::store::audit::AuditAction;
use crate::store::cases::record::{case_ref, record_change, CaseRef};
use crate::store::columns;
use crate::store::users::User;
use crate::store::CaseFile;
use crate::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum HistoryKind {
    /// A move in the workflow.
    Status,
    /// A change to the case's data.
    Change,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct HistoryEntry {
    /// When it was recorded, RFC 3339 UTC.
    pub at: String,
    /// For moves: the day the move took effect.
    pub on_date: Option<NaiveDate>,
    pub username: String,
    pub kind: HistoryKind,
    pub title: String,
    pub reason: Option<String>,
}

/// Stores a move and sets the case's status. The caller has checked the move.
pub(crate) fn record(
    tx: &Connection,
    user: &User,
    case: &CaseRef,
    from: Option<CaseStatus>,
    to: CaseStatus,
    on_date: NaiveDate,
    reason: Option<&str>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO case_transitions (case_id, from_status, to_status, on_date, reason, user_id, username, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            case.id,
            from.map(|s| s.code()),
            to.code(),
            on_date,
            reason,
            user.id,
            user.username,
            Utc::now().to_rfc3339()
        ],
    )?;
    tx.execute(
        "UPDATE cases SET status = ?2 WHERE id = ?1",
        params![case.id, to.code()],
    )?;
    Ok(())
}

/// Checks a move the session cycle makes (against the workflow and the date of the case's
/// last move), stores it and returns the case in its new status.
pub(crate) fn advance(
    tx: &Connection,
    user: &User,
    case: &CaseRef,
    to: CaseStatus,
    on_date: NaiveDate,
    reason: Option<&str>,
) -> Result<CaseRef> {
    case.status.transition(to).map_err(|e| match e {
        Error::InvalidInput { message, .. } => {
            Error::invalid(&format!("Fall {}", case.number), message)
        }
        other => other,
    })?;
    if let Some(last) = last_move_on(tx, case.id)? {
        if on_date < last {
            return Err(Error::invalid(
                "Datum",
                format!(
                    "{} liegt vor dem letzten Schritt des Falls {} ({}).",
                    on_date.format("%d.%m.%Y"),
                    case.number,
                    last.format("%d.%m.%Y")
                ),
            ));
        }
    }
    record(tx, user, case, Some(case.status), to, on_date, reason)?;
    Ok(CaseRef {
        status: to,
        ..case.clone()
    })
}

/// The day of the case's latest move.
pub(crate) fn last_move_on(conn: &Connection, case_id: u32) -> Result<Option<NaiveDate>> {
    Ok(conn.query_row(
        "SELECT MAX(on_date) FROM case_transitions WHERE case_id = ?1",
        [case_id],
        |r| r.get(0),
    )?)
}

pub(crate) fn for_case(conn: &Connection, case_id: u32, number: &str) -> Result<Vec<HistoryEntry>> {
    let mut entries = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT from_status, to_status, on_date, reason, username, at FROM case_transitions
         WHERE case_id = ?1 ORDER BY id",
    )?;
    let moves = stmt.query_map([case_id], |r| {
        let from: Option<CaseStatus> = columns::optional_code(r, 0)?;
        let to: CaseStatus = columns::code(r, 1)?;
        Ok(HistoryEntry {
            at: r.get(5)?,
            on_date: Some(r.get(2)?),
            username: r.get(4)?,
            kind: HistoryKind::Status,
            title: match from {
                Some(from) => format!("{} → {}", from.label(), to.label()),
                None => to.label().to_owned(),
            },
            reason: r.get(3)?,
        })
    })?;
    for m in moves {
        entries.push(m?);
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT at, username, entity, action FROM audit_log WHERE entity_id = ?1 AND {}
             ORDER BY id",
        AuditAction::sql_condition(AuditAction::in_case_history)
    ))?;
    let changes = stmt.query_map([number], |r| {
        Ok(HistoryEntry {
            at: r.get(0)?,
            on_date: None,
            username: r.get(1)?,
            kind: HistoryKind::Change,
            title: AuditAction::describe(&r.get::<_, String>(2)?, &r.get::<_, String>(3)?),
            reason: None,
        })
    })?;
    for c in changes {
        entries.push(c?);
    }
    // Both lists are in recording order; RFC 3339 UTC strings sort by time. A move and its
    // audit row share a transaction, so the move (pushed first) stays first on a tie.
    entries.sort_by(|a, b| a.at.cmp(&b.at));
    Ok(entries)
}

/// Moves a case by hand (into the admissibility check, or ends it as withdrawn or
/// resolved otherwise). The move's day is typed (TT.MM.JJJJ).
pub(crate) fn change_case_status(
    file: &mut CaseFile,
    case_id: u32,
    to: CaseStatus,
    on_date: &str,
    reason: &str,
) -> Result<()> {
    file.require_editor()?;
    let on_date = required_date("Datum", on_date)?;
    not_in_future("Datum", Some(on_date), file.today())?;
    let reason = optional_text("Begründung", reason, LONG_TEXT)?;
    if to.needs_reason() && reason.is_none() {
        return Err(Error::invalid(
            "Begründung",
            format!("Für „{}“ bitte den Grund angeben.", to.label()),
        ));
    }
    file.edit(|tx, user| {
        let case = case_ref(tx, case_id)?;
        case.status.transition(to)?;
        if !case.status.manual_next().contains(&to) {
            return Err(Error::invalid(
                "Stand",
                format!(
                    "„{}“ wird nicht von Hand gesetzt, sondern über {}.",
                    to.label(),
                    match to {
                        CaseStatus::Angenommen | CaseStatus::NichtAngenommen => "die Vorprüfung",
                        _ => "die Sitzung",
                    }
                ),
            ));
        }
        if let Some(last) = last_move_on(tx, case_id)? {
            if on_date < last {
                return Err(Error::invalid(
                    "Datum",
                    format!(
                        "Liegt vor dem letzten Schritt des Falls ({}).",
                        last.format("%d.%m.%Y")
                    ),
                ));
            }
        }
        record_move(
            tx,
            user,
            &case,
            AuditAction::CaseStatus,
            to,
            on_date,
            reason.as_deref(),
        )
    })?;
    Ok(())
}

/// A move made by a user (by hand, or reopening): stored in the history and, with its day
/// and reason, in the audit chain under `action`.
fn record_move(
    tx: &Connection,
    user: &User,
    case: &CaseRef,
    action: AuditAction,
    to: CaseStatus,
    on_date: NaiveDate,
    reason: Option<&str>,
) -> Result<()> {
    record(tx, user, case, Some(case.status), to, on_date, reason)?;
    record_change(
        tx,
        user,
        case,
        action,
        Some(case.status.code().into()),
        Some(serde_json::json!({ "status": to.code(), "on": on_date, "reason": reason })),
    )
}

/// Reopens an ended case (Verwaltung only, with a reason): it returns to the status it held
/// before it ended, and the reopening is in its history and the audit chain.
pub(crate) fn reopen_case(file: &mut CaseFile, case_id: u32, reason: &str) -> Result<()> {
    file.require_admin()?;
    let reason = required_text("Begründung", reason, LONG_TEXT)?;
    let today = file.today();
    file.edit(|tx, user| {
        let case = case_ref(tx, case_id)?;
        let before_end: Option<CaseStatus> = tx
            .query_row(
                "SELECT from_status FROM case_transitions WHERE case_id = ?1 AND to_status = ?2
                 ORDER BY id DESC LIMIT 1",
                params![case_id, case.status.code()],
                |r| r.get::<_, Option<String>>(0),
            )
            .optional()?
            .flatten()
            .and_then(|code| code.parse().ok());
        let to = case.status.reopen(before_end)?;
        let on_date = last_move_on(tx, case_id)?.map_or(today, |last| last.max(today));
        record_move(
            tx,
            user,
            &case,
            AuditAction::CaseReopen,
            to,
            on_date,
            Some(&reason),
        )
    })?;
    Ok(())
}
