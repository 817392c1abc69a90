//! A case after its deliberation: its deliberations in sessions, the request sent to the
//! ministry, the ministry's decision and the permits issued.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use specta::Type;

use crate::domain::choice::Labelled;
use crate::domain::ministry::{check_permit_issued, check_request_sent, DecisionDraft};
use crate::domain::session::{item_label, session_number, ItemNumber};
use crate::domain::voting::{MinistryDecision, Outcome};
use crate::domain::workflow::CaseStatus;
use crate::store::audit::AuditAction;
use crate::store::cases::history;
use crate::store::cases::record::{case_ref, record_change};
use crate::store::columns;
use crate::store::CaseFile;
use crate::{Error, Result};

/// One deliberation of the case in a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Deliberation {
    pub session_id: u32,
    pub session_number: String,
    pub held_on: NaiveDate,
    pub item_label: String,
    pub outcome: Option<Outcome>,
    pub outcome_label: Option<String>,
    pub yes: Option<u32>,
    pub no: Option<u32>,
    pub abstain: Option<u32>,
    pub reasons: Option<String>,
}

/// The deliberation a request letter rests on: the latest decided one, when it asked for a
/// request (a later postponement or refusal takes the request back).
pub(crate) fn request_basis(deliberations: &[Deliberation]) -> Option<&Deliberation> {
    deliberations
        .iter()
        .rev()
        .find(|d| d.outcome.is_some())
        .filter(|d| d.outcome == Some(Outcome::Ersuchen))
}

/// Where the case stands with the ministry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Type)]
pub struct MinistryView {
    pub request_sent_on: Option<NaiveDate>,
    pub decision: Option<MinistryDecision>,
    pub decision_label: Option<String>,
    pub decided_on: Option<NaiveDate>,
    pub conditions: Vec<String>,
    pub reasons: Option<String>,
    /// The commission decided to ask and the request has not gone out yet.
    pub may_send_request: bool,
    /// The request lies with the ministry.
    pub may_record_decision: bool,
    /// An order was made: permits may be recorded per person.
    pub may_record_permits: bool,
}

pub(crate) fn deliberations(conn: &Connection, case_id: u32) -> Result<Vec<Deliberation>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.year, s.seq, s.held_on, i.number, i.outcome, i.yes, i.no, i.abstain, i.reasons,
                (SELECT count(*) FROM agenda_items j WHERE j.session_id = s.id AND j.position <= i.position),
                i.late
         FROM agenda_items i JOIN sessions s ON s.id = i.session_id
         WHERE i.case_id = ?1 ORDER BY s.held_on, s.id",
    )?;
    let rows = stmt.query_map([case_id], |r| {
        let outcome: Option<Outcome> = columns::optional_code(r, 5)?;
        let frozen: Option<u32> = r.get(4)?;
        let label = match frozen {
            Some(number) => item_label(ItemNumber {
                number,
                late: r.get(11)?,
            }),
            None => format!("TOP {}", r.get::<_, u32>(10)?),
        };
        Ok(Deliberation {
            session_id: r.get(0)?,
            session_number: session_number(r.get(2)?, r.get(1)?),
            held_on: r.get(3)?,
            item_label: label,
            outcome,
            outcome_label: outcome.map(|o| o.label().to_owned()),
            yes: r.get(6)?,
            no: r.get(7)?,
            abstain: r.get(8)?,
            reasons: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn view(conn: &Connection, case_id: u32, status: CaseStatus) -> Result<MinistryView> {
    struct Stored {
        sent: Option<NaiveDate>,
        decision: Option<MinistryDecision>,
        decided_on: Option<NaiveDate>,
        conditions: Option<String>,
        reasons: Option<String>,
    }
    let Stored {
        sent,
        decision,
        decided_on,
        conditions,
        reasons,
    } = conn.query_row(
        "SELECT request_sent_on, decision, decided_on, decision_conditions, decision_reasons
         FROM cases WHERE id = ?1",
        [case_id],
        |r| {
            Ok(Stored {
                sent: r.get(0)?,
                decision: columns::optional_code(r, 1)?,
                decided_on: r.get(2)?,
                conditions: r.get(3)?,
                reasons: r.get(4)?,
            })
        },
    )?;
    let conditions: Vec<String> = conditions
        .map(|c| serde_json::from_str(&c))
        .transpose()
        .map_err(|e| Error::Internal(format!("Maßgaben unlesbar: {e}")))?
        .unwrap_or_default();
    Ok(MinistryView {
        request_sent_on: sent,
        decision_label: decision.map(|d| d.label().to_owned()),
        decision,
        decided_on,
        conditions,
        reasons,
        may_send_request: status == CaseStatus::Beraten && sent.is_none(),
        may_record_decision: status == CaseStatus::BeimMinisterium,
        may_record_permits: decision == Some(MinistryDecision::Anordnung),
    })
}

/// The session day of the case's latest Ersuchen.
fn request_session_day(conn: &Connection, case_id: u32) -> Result<Option<NaiveDate>> {
    Ok(conn
        .query_row(
            "SELECT s.held_on FROM agenda_items i JOIN sessions s ON s.id = i.session_id
             WHERE i.case_id = ?1 AND i.outcome = ?2 ORDER BY s.held_on DESC LIMIT 1",
            params![case_id, Outcome::Ersuchen.code()],
            |r| r.get(0),
        )
        .optional()?)
}

/// Records the day the Härtefallersuchen went to the ministry; the case moves there.
pub(crate) fn send_request(file: &mut CaseFile, case_id: u32, sent_on: &str) -> Result<()> {
    file.require_editor()?;
    let today = file.today();
    file.edit(|tx, user| {
        let case = case_ref(tx, case_id)?;
        let Some(session_day) = request_session_day(tx, case_id)? else {
            return Err(Error::invalid(
                "Ersuchen",
                format!(
                    "Für {} hat die Kommission kein Ersuchen beschlossen.",
                    case.number
                ),
            ));
        };
        let sent = check_request_sent(sent_on, session_day, today)?;
        let case = history::advance(
            tx,
            user,
            &case,
            CaseStatus::BeimMinisterium,
            sent,
            Some("Härtefallersuchen versandt"),
        )?;
        tx.execute(
            "UPDATE cases SET request_sent_on = ?2 WHERE id = ?1",
            params![case_id, sent],
        )?;
        record_change(
            tx,
            user,
            &case,
            AuditAction::CaseRequestSent,
            None,
            Some(serde_json::json!({ "sent_on": sent })),
        )
    })?;
    Ok(())
}

/// Records the ministry's order (with its conditions) or refusal (with its reasons);
/// the case closes with it.
pub(crate) fn record_ministry_decision(
    file: &mut CaseFile,
    case_id: u32,
    draft: &DecisionDraft,
) -> Result<()> {
    file.require_editor()?;
    let today = file.today();
    file.edit(|tx, user| {
        let case = case_ref(tx, case_id)?;
        let sent: Option<NaiveDate> = tx.query_row(
            "SELECT request_sent_on FROM cases WHERE id = ?1",
            [case_id],
            |r| r.get(0),
        )?;
        let (Some(sent), CaseStatus::BeimMinisterium) = (sent, case.status) else {
            return Err(Error::invalid(
                "Entscheidung",
                format!(
                    "{} liegt nicht beim Ministerium; eine Entscheidung kann erst nach dem Ersuchen erfasst werden.",
                    case.number
                ),
            ));
        };
        let f = draft.validate(sent, today)?;
        let conditions = serde_json::to_string(&f.conditions)
            .map_err(|e| Error::Internal(e.to_string()))?;
        tx.execute(
            "UPDATE cases SET decision = ?2, decided_on = ?3, decision_conditions = ?4,
                    decision_reasons = ?5 WHERE id = ?1",
            params![case_id, f.decision.code(), f.decided_on, conditions, f.reasons],
        )?;
        let reason = crate::domain::ministry::describe(f.decision, f.decided_on);
        // Recorded against the case as it was before the decision closed it.
        history::advance(
            tx,
            user,
            &case,
            CaseStatus::Abgeschlossen,
            f.decided_on,
            Some(&reason),
        )?;
        record_change(
            tx,
            user,
            &case,
            AuditAction::CaseMinistryDecision,
            None,
            Some(crate::store::audit::fields(&f)?),
        )
    })?;
    Ok(())
}

/// Records (or clears) the day a person's residence permit was issued after an order.
pub(crate) fn set_permit_issued(
    file: &mut CaseFile,
    case_id: u32,
    person_id: u32,
    issued_on: &str,
) -> Result<()> {
    file.require_editor()?;
    let today = file.today();
    file.edit(|tx, user| {
        let case = case_ref(tx, case_id)?;
        let (decision, decided_on): (Option<MinistryDecision>, Option<NaiveDate>) = tx.query_row(
            "SELECT decision, decided_on FROM cases WHERE id = ?1",
            [case_id],
            |r| Ok((columns::optional_code(r, 0)?, r.get(1)?)),
        )?;
        let (Some(MinistryDecision::Anordnung), Some(ordered_on)) = (decision, decided_on) else {
            return Err(Error::invalid(
                "Erteilt am",
                "Eine Aufenthaltserlaubnis wird erst nach einer Anordnung erfasst.",
            ));
        };
        let issued = check_permit_issued(issued_on, ordered_on, today)?;
        let before: Option<NaiveDate> = tx
            .query_row(
                "SELECT permit_issued_on FROM persons WHERE id = ?1 AND case_id = ?2",
                params![person_id, case_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "Die Person".into(),
            })?;
        tx.execute(
            "UPDATE persons SET permit_issued_on = ?3 WHERE id = ?1 AND case_id = ?2",
            params![person_id, case_id, issued],
        )?;
        record_change(
            tx,
            user,
            &case,
            AuditAction::PersonPermit,
            Some(serde_json::json!({ "person": person_id, "issued_on": before })),
            Some(serde_json::json!({ "person": person_id, "issued_on": issued })),
        )
    })?;
    Ok(())
}
