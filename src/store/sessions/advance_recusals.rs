//! Bias a member declared before the session (Befangenheit, vorab angezeigt): recorded per
//! case item until the session is held, and the reason a case is left out of that member's
//! copy of the papers. The reads are in `seats`, below the session page.

use rusqlite::params;

use crate::domain::member::in_term;
use crate::domain::session::ItemKind;
use crate::store::audit::AuditAction;
use crate::store::register::members::member_basics;
use crate::store::sessions::page::SessionDetail;
use crate::store::sessions::record::{item_ref, record_session_change, session_ref};
use crate::store::CaseFile;
use crate::{Error, Result};

const FIELD: &str = "Befangenheit";

impl CaseFile {
    /// Records that a member declared bias for a case item before the session. Any member in
    /// office on the session day may; once the session is held, bias is recorded with the vote.
    pub fn declare_advance_recusal(
        &mut self,
        item_id: u32,
        member_id: u32,
    ) -> Result<SessionDetail> {
        let today = self.today();
        let session_id = self.edit(|tx, user| {
            let item = item_ref(tx, item_id)?;
            let session = session_ref(tx, item.session_id)?;
            if !session.status.agenda_open() || item.kind != ItemKind::Fall || item.outcome.is_some()
            {
                return Err(Error::invalid(
                    FIELD,
                    "Eine vorab angezeigte Befangenheit wird nur für noch nicht beratene Fälle einer noch nicht durchgeführten Sitzung erfasst; in der Sitzung mit der Abstimmung.",
                ));
            }
            let (_, name, from, to) = member_basics(tx, member_id)?;
            if !in_term(from, to, session.held_on) {
                return Err(Error::invalid(
                    FIELD,
                    format!("{name} ist am Sitzungstag nicht im Amt."),
                ));
            }
            let added = tx.execute(
                "INSERT OR IGNORE INTO advance_recusals (item_id, member_id, declared_on)
                 VALUES (?1, ?2, ?3)",
                params![item_id, member_id, today],
            )?;
            if added == 1 {
                record_session_change(
                    tx,
                    user,
                    &session,
                    AuditAction::AdvanceRecusalDeclare,
                    None,
                    Some(serde_json::json!({ "item": item_id, "member": member_id })),
                )?;
            }
            Ok(session.id)
        })?;
        self.session(session_id)
    }

    /// Takes back a bias declared before the session (recorded in error, say).
    pub fn withdraw_advance_recusal(
        &mut self,
        item_id: u32,
        member_id: u32,
    ) -> Result<SessionDetail> {
        let session_id = self.edit(|tx, user| {
            let item = item_ref(tx, item_id)?;
            let session = session_ref(tx, item.session_id)?;
            if !session.status.agenda_open() {
                return Err(Error::invalid(
                    FIELD,
                    "Die Sitzung ist durchgeführt; die vorab angezeigte Befangenheit bleibt, wie sie war.",
                ));
            }
            let removed = tx.execute(
                "DELETE FROM advance_recusals WHERE item_id = ?1 AND member_id = ?2",
                params![item_id, member_id],
            )?;
            if removed == 1 {
                record_session_change(
                    tx,
                    user,
                    &session,
                    AuditAction::AdvanceRecusalWithdraw,
                    Some(serde_json::json!({ "item": item_id, "member": member_id })),
                    None,
                )?;
            }
            Ok(session.id)
        })?;
        self.session(session_id)
    }
}
