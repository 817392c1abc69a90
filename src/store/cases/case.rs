//! A case's own data: registering it, changing its fields and the statement of the
//! foreigners' office, and finding it by its number. Each change answers with the case page.

use chrono::{Datelike, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use crate::domain::case::{AbhStatementDraft, CaseDraft, CaseFields, CaseNumber};
use crate::domain::choice::Labelled;
use crate::domain::member::in_term;
use crate::domain::workflow::CaseStatus;
use crate::store::audit;
use crate::store::audit::AuditAction;
use crate::store::cases::history;
use crate::store::cases::page::{drafts, CaseDetail};
use crate::store::cases::record::{case_ref, record_change, CaseRef};
use crate::store::columns;
use crate::store::register::members;
use crate::store::register::offices;
use crate::store::CaseFile;
use crate::{Error, Result};

/// Checks that the member may bring a case in on that day, and the office is offered.
fn check_references(conn: &Connection, fields: &CaseFields) -> Result<()> {
    const FIELD: &str = "Eingebracht von";
    let (kind, name, from, to) = members::member_basics(conn, fields.brought_by)
        .map_err(|_| Error::invalid(FIELD, "Dieses Mitglied gibt es nicht."))?;
    if !kind.may_bring_in() {
        return Err(Error::invalid(
            FIELD,
            format!("{name} ({}) kann keine Fälle einbringen.", kind.label()),
        ));
    }
    if !in_term(from, to, fields.brought_in_on) {
        return Err(Error::invalid(
            FIELD,
            format!(
                "{name} war am {} nicht im Amt.",
                fields.brought_in_on.format("%d.%m.%Y")
            ),
        ));
    }
    if let Some(office) = fields.office_id {
        if offices::office_name(conn, office)?.is_none() {
            return Err(Error::invalid(
                "Ausländerbehörde",
                "Diese Behörde gibt es nicht.",
            ));
        }
    }
    Ok(())
}

fn next_number(conn: &Connection, year: i32) -> Result<CaseNumber> {
    let highest: Option<u32> =
        conn.query_row("SELECT MAX(seq) FROM cases WHERE year = ?1", [year], |r| {
            r.get(0)
        })?;
    Ok(CaseNumber::next(year, highest))
}

impl CaseFile {
    /// Registers a new case; it gets the next number of the year it was received in and
    /// starts as "Eingegangen".
    pub fn create_case(&mut self, draft: &CaseDraft) -> Result<CaseDetail> {
        self.require_editor()?;
        let fields = draft.validate(self.today())?;
        let id = self.edit(|tx, user| {
            check_references(tx, &fields)?;
            let number = next_number(tx, fields.received_on.year())?;
            let now = Utc::now().to_rfc3339();
            tx.execute(
                "INSERT INTO cases (number, year, seq, status, received_on, brought_by, brought_in_on,
                                    office_id, counsel, consent_on_file, consent_date, life_story,
                                    notes, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
                params![
                    number.to_string(),
                    number.year,
                    number.seq,
                    CaseStatus::Eingegangen.code(),
                    fields.received_on,
                    fields.brought_by,
                    fields.brought_in_on,
                    fields.office_id,
                    fields.counsel,
                    fields.consent_on_file,
                    fields.consent_date,
                    fields.life_story,
                    fields.notes,
                    now
                ],
            )?;
            let case = CaseRef {
                id: columns::last_id(tx)?,
                number: number.to_string(),
                status: CaseStatus::Eingegangen,
            };
            history::record(tx, user, &case, None, CaseStatus::Eingegangen, fields.received_on, None)?;
            record_change(tx, user, &case, AuditAction::CaseCreate, None, Some(audit::fields(&fields)?))?;
            Ok(case.id)
        })?;
        self.case_page(id)
    }

    /// Changes a case's own data (not its status).
    pub fn update_case(&mut self, id: u32, draft: &CaseDraft) -> Result<CaseDetail> {
        self.require_editor()?;
        let today = self.today();
        let fields = draft.validate(today)?;
        self.edit(|tx, user| {
            let case = case_ref(tx, id)?;
            check_references(tx, &fields)?;
            let before = drafts(tx, id)?.0;
            tx.execute(
                "UPDATE cases SET received_on = ?2, brought_by = ?3, brought_in_on = ?4, office_id = ?5,
                        counsel = ?6, consent_on_file = ?7, consent_date = ?8, life_story = ?9, notes = ?10
                 WHERE id = ?1",
                params![
                    id,
                    fields.received_on,
                    fields.brought_by,
                    fields.brought_in_on,
                    fields.office_id,
                    fields.counsel,
                    fields.consent_on_file,
                    fields.consent_date,
                    fields.life_story,
                    fields.notes
                ],
            )?;
            record_change(tx, user, &case, AuditAction::CaseUpdate, Some(audit::fields(&before)?), Some(audit::fields(&fields)?))
        })?;
        self.case_page(id)
    }

    /// Records the statement of the foreigners' office.
    pub fn save_abh_statement(&mut self, id: u32, draft: &AbhStatementDraft) -> Result<CaseDetail> {
        self.require_editor()?;
        let today = self.today();
        let fields = draft.validate(today)?;
        self.edit(|tx, user| {
            let case = case_ref(tx, id)?;
            let before = drafts(tx, id)?.1;
            tx.execute(
                "UPDATE cases SET abh_requested_on = ?2, abh_received_on = ?3, abh_content = ?4 WHERE id = ?1",
                params![id, fields.requested_on, fields.received_on, fields.content],
            )?;
            record_change(tx, user, &case, AuditAction::AbhStatementUpdate, Some(audit::fields(&before)?), Some(audit::fields(&fields)?))
        })?;
        self.case_page(id)
    }

    /// The id of the case with this Aktenzeichen (HFK-2026-001).
    pub fn find_case(&self, number: &str) -> Result<u32> {
        self.conn()
            .query_row(
                "SELECT id FROM cases WHERE number = ?1",
                [number.trim()],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: format!("Der Fall {}", number.trim()),
            })
    }
}
