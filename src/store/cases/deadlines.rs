//! Deadlines (Wiedervorlagen) of a case.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use specta::Type;

use crate::domain::deadline::{urgency, DeadlineDraft, Urgency, UPCOMING_DAYS};
use crate::domain::input::as_typed;
use crate::store::audit::AuditAction;
use crate::store::cases::record::{case_ref, edit_part};
use crate::store::columns;
use crate::store::CaseFile;
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct DeadlineView {
    pub id: u32,
    pub due_on: NaiveDate,
    pub what: String,
    pub done_on: Option<NaiveDate>,
    /// For open deadlines: how urgent on today's date.
    pub urgency: Option<Urgency>,
    pub draft: DeadlineDraft,
}

pub(crate) fn for_case(
    conn: &Connection,
    case_id: u32,
    today: NaiveDate,
) -> Result<Vec<DeadlineView>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, due_on, what, done_on FROM deadlines WHERE case_id = ?1
         ORDER BY done_on IS NOT NULL, due_on, id",
    )?;
    let rows = stmt.query_map([case_id], |r| {
        let due_on: NaiveDate = r.get(1)?;
        let done_on: Option<NaiveDate> = r.get(3)?;
        let what: String = r.get(2)?;
        Ok(DeadlineView {
            id: r.get(0)?,
            due_on,
            done_on,
            urgency: done_on
                .is_none()
                .then(|| urgency(due_on, today, UPCOMING_DAYS)),
            draft: DeadlineDraft {
                due_on: as_typed(Some(due_on)),
                what: what.clone(),
            },
            what,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A deadline as its audit rows show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct DeadlineSnapshot {
    due_on: NaiveDate,
    what: String,
    done_on: Option<NaiveDate>,
}

fn snapshot(conn: &Connection, case_id: u32, id: u32) -> Result<DeadlineSnapshot> {
    conn.query_row(
        "SELECT due_on, what, done_on FROM deadlines WHERE id = ?1 AND case_id = ?2",
        params![id, case_id],
        |r| {
            Ok(DeadlineSnapshot {
                due_on: r.get(0)?,
                what: r.get(1)?,
                done_on: r.get(2)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        what: "Die Wiedervorlage".into(),
    })
}

/// Adds a deadline (`deadline_id` None) or changes its date and subject.
pub(crate) fn save_deadline(
    file: &mut CaseFile,
    case_id: u32,
    deadline_id: Option<u32>,
    draft: &DeadlineDraft,
) -> Result<()> {
    file.require_editor()?;
    let f = draft.validate()?;
    file.edit(|tx, user| {
        let case = case_ref(tx, case_id)?;
        let action = match deadline_id {
            Some(_) => AuditAction::DeadlineUpdate,
            None => AuditAction::DeadlineCreate,
        };
        let read = |id| snapshot(tx, case_id, id);
        edit_part(tx, user, &case, action, deadline_id, read, || match deadline_id {
            Some(id) => {
                tx.execute(
                    "UPDATE deadlines SET due_on = ?3, what = ?4 WHERE id = ?1 AND case_id = ?2",
                    params![id, case_id, f.due_on, f.what],
                )?;
                Ok(Some(id))
            }
            None => {
                tx.execute(
                    "INSERT INTO deadlines (case_id, due_on, what, created_at) VALUES (?1, ?2, ?3, ?4)",
                    params![case_id, f.due_on, f.what, chrono::Utc::now().to_rfc3339()],
                )?;
                Ok(Some(columns::last_id(tx)?))
            }
        })
    })?;
    Ok(())
}

/// Marks a deadline done (today) or open again.
pub(crate) fn set_deadline_done(
    file: &mut CaseFile,
    case_id: u32,
    deadline_id: u32,
    done: bool,
) -> Result<()> {
    let today = file.today();
    file.edit(|tx, user| {
        let case = case_ref(tx, case_id)?;
        let action = if done {
            AuditAction::DeadlineDone
        } else {
            AuditAction::DeadlineReopen
        };
        let read = |id| snapshot(tx, case_id, id);
        edit_part(tx, user, &case, action, Some(deadline_id), read, || {
            tx.execute(
                "UPDATE deadlines SET done_on = ?3 WHERE id = ?1 AND case_id = ?2",
                params![deadline_id, case_id, done.then_some(today)],
            )?;
            Ok(Some(deadline_id))
        })
    })?;
    Ok(())
}
