//! The admissibility check of a case, and the file's checklist it is made against.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use specta::Type;

use crate::domain::admissibility::{
    validate_criteria, AdmissibilityDraft, AdmissibilityResult, CheckedCriterion, Criterion,
};
use crate::domain::choice::Labelled;
use crate::domain::workflow::CaseStatus;
use crate::store::audit::AuditAction;
use crate::store::audit::{self, AuditEvent};
use crate::store::cases::history;
use crate::store::cases::record::{case_ref, record_change};
use crate::store::columns;
use crate::store::CaseFile;
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct AdmissibilityView {
    pub result: AdmissibilityResult,
    pub result_label: String,
    pub ground_label: Option<String>,
    pub reasoning: Option<String>,
    pub decided_on: NaiveDate,
    pub checks: Vec<CheckedCriterion>,
}

pub(crate) fn criteria(conn: &Connection) -> Result<Vec<Criterion>> {
    let mut stmt = conn
        .prepare_cached("SELECT code, label, kind FROM admissibility_criteria ORDER BY position")?;
    let rows = stmt.query_map([], |r| {
        Ok(Criterion {
            code: r.get(0)?,
            label: r.get(1)?,
            kind: columns::code(r, 2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn for_case(conn: &Connection, case_id: u32) -> Result<Option<AdmissibilityView>> {
    let row = conn
        .query_row(
            "SELECT result, ground_label, reasoning, decided_on, checks
             FROM admissibility_decisions WHERE case_id = ?1",
            [case_id],
            |r| {
                let result: AdmissibilityResult = columns::code(r, 0)?;
                Ok((
                    result,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get::<_, String>(4)?,
                ))
            },
        )
        .optional()?;
    row.map(|(result, ground_label, reasoning, decided_on, checks)| {
        Ok(AdmissibilityView {
            result,
            result_label: result.label().to_owned(),
            ground_label,
            reasoning,
            decided_on,
            checks: serde_json::from_str(&checks).map_err(|e| Error::FileDamaged {
                detail: format!("Prüfliste eines Falls: {e}"),
            })?,
        })
    })
    .transpose()
}

impl CaseFile {
    /// The file's admissibility checklist.
    pub fn admissibility_criteria(&self) -> Result<Vec<Criterion>> {
        criteria(self.conn())
    }

    /// Replaces the checklist, e.g. with another state's. Decisions already made keep the
    /// entries as they read on their day. Verwaltung only.
    pub fn replace_admissibility_criteria(&mut self, list: &[Criterion]) -> Result<()> {
        self.require_admin()?;
        validate_criteria(list)?;
        self.edit(|tx, user| {
            let before = criteria(tx)?;
            tx.execute("DELETE FROM admissibility_criteria", [])?;
            for (position, c) in list.iter().enumerate() {
                tx.execute(
                    "INSERT INTO admissibility_criteria (code, label, kind, position) VALUES (?1, ?2, ?3, ?4)",
                    params![c.code, c.label.trim(), c.kind.code(), position as i64 + 1],
                )?;
            }
            audit::append(
                tx,
                user,
                AuditEvent {
                    action: AuditAction::AdmissibilityCriteriaReplace,
                    entity_id: None,
                    before: Some(audit::fields(&before)?),
                    after: Some(audit::fields(list)?),
                },
            )?;
            Ok(())
        })
    }
}

/// Records the admissibility decision and moves the case to "Angenommen" or "Nicht
/// angenommen" (through "In Vorprüfung" if it was just received).
pub(crate) fn record_admissibility(
    file: &mut CaseFile,
    case_id: u32,
    draft: &AdmissibilityDraft,
) -> Result<()> {
    file.require_editor()?;
    let today = file.today();
    file.edit(|tx, user| {
        let mut case = case_ref(tx, case_id)?;
        let f = draft.validate(&criteria(tx)?, today)?;
        // The moves go through the checked path (workflow and the date of the last move),
        // and a date before it is reported at the form's date field.
        let at_decision_date = |e: Error| match e {
            Error::InvalidInput { field, message } if field == "Datum" => Error::invalid("Entschieden am", message),
            other => other,
        };
        if case.status == CaseStatus::Eingegangen {
            case = history::advance(tx, user, &case, CaseStatus::Vorpruefung, f.decided_on, None).map_err(at_decision_date)?;
        }
        let (target, reason) = match f.result {
            AdmissibilityResult::Angenommen => (CaseStatus::Angenommen, f.reasoning.clone()),
            AdmissibilityResult::NichtAngenommen => (
                CaseStatus::NichtAngenommen,
                Some(format!(
                    "{}: {}",
                    f.ground_label.as_deref().unwrap_or_default(),
                    f.reasoning.as_deref().unwrap_or_default()
                )),
            ),
        };
        history::advance(tx, user, &case, target, f.decided_on, reason.as_deref()).map_err(at_decision_date)?;
        tx.execute(
            "INSERT INTO admissibility_decisions (case_id, result, ground_code, ground_label, reasoning, decided_on, checks)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (case_id) DO UPDATE SET result = excluded.result, ground_code = excluded.ground_code,
                 ground_label = excluded.ground_label, reasoning = excluded.reasoning,
                 decided_on = excluded.decided_on, checks = excluded.checks",
            params![
                case_id,
                f.result.code(),
                f.ground_code,
                f.ground_label,
                f.reasoning,
                f.decided_on,
                audit::fields(&f.checks)?.to_string()
            ],
        )?;
        record_change(tx, user, &case, AuditAction::AdmissibilityDecide, None, Some(audit::fields(&f)?))
    })?;
    Ok(())
}
