//! The agenda: putting cases and free items on it, their order and rapporteurs.

use crate::domain::choice::Labelled;
use crate::domain::input::{required_text, SHORT_TEXT};
use crate::domain::member::MemberKind;
use crate::domain::session::{item_removable, ItemKind, SessionStatus};
use crate::domain::workflow::CaseStatus;
use crate::store::audit::AuditAction;
use crate::store::cases::history::{self, last_move_on};
use crate::store::cases::record::{case_ref, record_change};
use crate::store::register::members;
use crate::store::sessions::page::SessionDetail;
use crate::store::sessions::record::{
    item_fields, item_ref, record_session_change, session_ref, SessionRef,
};
use crate::store::{columns, CaseFile};
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};

fn require_agenda_open(session: &SessionRef) -> Result<()> {
    if session.status.agenda_open() {
        return Ok(());
    }
    Err(Error::invalid(
        "Tagesordnung",
        format!(
            "Die Sitzung {} ist „{}“; ihre Tagesordnung ändert sich nicht mehr.",
            session.number,
            session.status.label()
        ),
    ))
}

fn next_position(tx: &Connection, session_id: u32) -> Result<i64> {
    Ok(tx.query_row(
        "SELECT COALESCE(MAX(position), 0) + 1 FROM agenda_items WHERE session_id = ?1",
        [session_id],
        |r| r.get(0),
    )?)
}

/// The number and late marker a new item gets: none while planned (the order numbers it),
/// the next free number as a Tischvorlage once the numbers are frozen.
fn new_item_number(tx: &Connection, session: &SessionRef) -> Result<(Option<u32>, bool)> {
    if !session.status.numbers_frozen() {
        return Ok((None, false));
    }
    let next: u32 = tx.query_row(
        "SELECT COALESCE(MAX(number), 0) + 1 FROM agenda_items WHERE session_id = ?1",
        [session.id],
        |r| r.get(0),
    )?;
    Ok((Some(next), true))
}

/// A rapporteur is a member, a deputy or the Integrationsbeauftragte.
fn check_rapporteur(tx: &Connection, member_id: u32) -> Result<()> {
    let (kind, name, ..) = members::member_basics(tx, member_id)
        .map_err(|_| Error::invalid("Berichterstattung", "Dieses Mitglied gibt es nicht."))?;
    if kind == MemberKind::LeitungGeschaeftsstelle {
        return Err(Error::invalid(
            "Berichterstattung",
            format!("{name} leitet die Sitzung und berichtet nicht über Fälle."),
        ));
    }
    Ok(())
}

impl CaseFile {
    /// Puts an admitted case on the agenda; the case moves to "Terminiert". The rapporteur is
    /// the member who brought it in unless another is named.
    pub fn schedule_case(
        &mut self,
        session_id: u32,
        case_id: u32,
        rapporteur_id: Option<u32>,
    ) -> Result<SessionDetail> {
        self.require_editor()?;
        let today = self.today();
        self.edit(|tx, user| {
            let session = session_ref(tx, session_id)?;
            require_agenda_open(&session)?;
            let case = case_ref(tx, case_id)?;
            if case.status != CaseStatus::Angenommen {
                return Err(Error::invalid(
                    "Fall",
                    format!(
                        "Auf die Tagesordnung kommen nur angenommene Fälle; {} ist „{}“.",
                        case.number,
                        case.status.label()
                    ),
                ));
            }
            let brought_by: u32 = tx.query_row(
                "SELECT brought_by FROM cases WHERE id = ?1",
                [case_id],
                |r| r.get(0),
            )?;
            if let Some(last) = last_move_on(tx, case_id)? {
                if last > session.held_on {
                    return Err(Error::invalid(
                        "Fall",
                        format!(
                            "{} wurde am {} zuletzt bewegt, nach dem Sitzungstag {}; bitte eine spätere Sitzung wählen.",
                            case.number,
                            last.format("%d.%m.%Y"),
                            session.held_on.format("%d.%m.%Y")
                        ),
                    ));
                }
            }
            let rapporteur = rapporteur_id.unwrap_or(brought_by);
            check_rapporteur(tx, rapporteur)?;
            let (number, late) = new_item_number(tx, &session)?;
            tx.execute(
                "INSERT INTO agenda_items (session_id, position, kind, case_id, rapporteur_id, number, late)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    session_id,
                    next_position(tx, session_id)?,
                    ItemKind::Fall.code(),
                    case_id,
                    rapporteur,
                    number,
                    late
                ],
            )?;
            let item_id = columns::last_id(tx)?;
            // The scheduling day: today, or the (past) session day when a session is recorded
            // afterwards, but never before the case's last move.
            let mut on = today.min(session.held_on);
            if let Some(last) = last_move_on(tx, case_id)? {
                on = on.max(last);
            }
            let reason = format!("Tagesordnung der Sitzung {}", session.number);
            let case =
                history::advance(tx, user, &case, CaseStatus::Terminiert, on, Some(&reason))?;
            record_change(
                tx,
                user,
                &case,
                AuditAction::CaseSchedule,
                None,
                Some(serde_json::json!({ "session": session.number })),
            )?;
            record_session_change(
                tx,
                user,
                &session,
                AuditAction::CommissionSessionItemCreate,
                None,
                Some(item_fields(tx, item_id)?),
            )
        })?;
        self.session(session_id)
    }

    /// Adds an item that is not a case (approval of the minutes, a report, other business).
    pub fn add_free_item(&mut self, session_id: u32, title: &str) -> Result<SessionDetail> {
        self.require_editor()?;
        let title = required_text("Titel", title, SHORT_TEXT)?;
        self.edit(|tx, user| {
            let session = session_ref(tx, session_id)?;
            require_agenda_open(&session)?;
            let (number, late) = new_item_number(tx, &session)?;
            tx.execute(
                "INSERT INTO agenda_items (session_id, position, kind, title, number, late)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    session_id,
                    next_position(tx, session_id)?,
                    ItemKind::Frei.code(),
                    title,
                    number,
                    late
                ],
            )?;
            let item_id = columns::last_id(tx)?;
            record_session_change(
                tx,
                user,
                &session,
                AuditAction::CommissionSessionItemCreate,
                None,
                Some(item_fields(tx, item_id)?),
            )
        })?;
        self.session(session_id)
    }

    /// Moves an item one place up or down; only before the invitation, while the numbers
    /// still follow the order.
    pub fn move_agenda_item(&mut self, item_id: u32, up: bool) -> Result<SessionDetail> {
        self.require_editor()?;
        let session_id = self.edit(|tx, user| {
            let item = item_ref(tx, item_id)?;
            let session = session_ref(tx, item.session_id)?;
            if session.status != SessionStatus::Geplant {
                return Err(Error::invalid(
                    "Tagesordnung",
                    "Nach der Einberufung bleibt die Nummerierung; späte Punkte kommen als Tischvorlage hinzu.",
                ));
            }
            let neighbour: Option<(u32, i64)> = tx
                .query_row(
                    if up {
                        "SELECT id, position FROM agenda_items WHERE session_id = ?1 AND position < ?2
                         ORDER BY position DESC LIMIT 1"
                    } else {
                        "SELECT id, position FROM agenda_items WHERE session_id = ?1 AND position > ?2
                         ORDER BY position ASC LIMIT 1"
                    },
                    params![item.session_id, item.position],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some((other, other_position)) = neighbour else {
                return Err(Error::invalid(
                    "Tagesordnung",
                    if up {
                        "Der Punkt steht schon an erster Stelle."
                    } else {
                        "Der Punkt steht schon an letzter Stelle."
                    },
                ));
            };
            tx.execute(
                "UPDATE agenda_items SET position = ?2 WHERE id = ?1",
                params![item.id, other_position],
            )?;
            tx.execute(
                "UPDATE agenda_items SET position = ?2 WHERE id = ?1",
                params![other, item.position],
            )?;
            record_session_change(
                tx,
                user,
                &session,
                AuditAction::CommissionSessionItemMove,
                Some(serde_json::json!({ "item": item.id, "position": item.position })),
                Some(serde_json::json!({ "item": item.id, "position": other_position })),
            )?;
            Ok(item.session_id)
        })?;
        self.session(session_id)
    }

    /// Takes an undecided item off the agenda: before the invitation any, afterwards only a
    /// late one (Tischvorlage). A case goes back to "Angenommen".
    pub fn remove_agenda_item(&mut self, item_id: u32) -> Result<SessionDetail> {
        self.require_editor()?;
        let today = self.today();
        let session_id = self.edit(|tx, user| {
            let item = item_ref(tx, item_id)?;
            let session = session_ref(tx, item.session_id)?;
            require_agenda_open(&session)?;
            let late: bool = tx.query_row(
                "SELECT late FROM agenda_items WHERE id = ?1",
                [item_id],
                |r| r.get(0),
            )?;
            if !item_removable(session.status, late, item.outcome.is_some()) {
                return Err(Error::invalid(
                    "Tagesordnung",
                    "Dieser Punkt steht auf der versandten Tagesordnung; bitte in der Sitzung als vertagt oder zurückgenommen erfassen.",
                ));
            }
            let before = item_fields(tx, item_id)?;
            tx.execute("DELETE FROM agenda_items WHERE id = ?1", [item_id])?;
            if let Some(case_id) = item.case_id {
                let case = case_ref(tx, case_id)?;
                let mut on = today;
                if let Some(last) = last_move_on(tx, case_id)? {
                    on = on.max(last);
                }
                let reason = format!("Von der Tagesordnung der Sitzung {} genommen", session.number);
                let case = history::advance(
                    tx,
                    user,
                    &case,
                    CaseStatus::Angenommen,
                    on,
                    Some(&reason),
                )?;
                record_change(
                    tx,
                    user,
                    &case,
                    AuditAction::CaseUnschedule,
                    Some(serde_json::json!({ "session": session.number })),
                    None,
                )?;
            }
            record_session_change(tx, user, &session, AuditAction::CommissionSessionItemRemove, Some(before), None)?;
            Ok(item.session_id)
        })?;
        self.session(session_id)
    }

    /// Names who reports on a case item.
    pub fn set_rapporteur(&mut self, item_id: u32, member_id: u32) -> Result<SessionDetail> {
        self.require_editor()?;
        let session_id = self.edit(|tx, user| {
            let item = item_ref(tx, item_id)?;
            let session = session_ref(tx, item.session_id)?;
            require_agenda_open(&session)?;
            if item.kind != ItemKind::Fall {
                return Err(Error::invalid(
                    "Berichterstattung",
                    "Nur Fälle haben eine Berichterstattung.",
                ));
            }
            check_rapporteur(tx, member_id)?;
            let before = item_fields(tx, item_id)?;
            tx.execute(
                "UPDATE agenda_items SET rapporteur_id = ?2 WHERE id = ?1",
                params![item_id, member_id],
            )?;
            record_session_change(
                tx,
                user,
                &session,
                AuditAction::CommissionSessionItemRapporteur,
                Some(before),
                Some(item_fields(tx, item_id)?),
            )?;
            Ok(item.session_id)
        })?;
        self.session(session_id)
    }
}
