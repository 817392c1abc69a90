//! Deletion runs: closed cases past their deletion period lose their personal data. What
//! stays with the case is the statistical skeleton: year, nationality, number of persons,
//! their birth years and whether each was a minor, who brought the case in (and so the
//! organisation), the foreigners' office, the status, the outcomes with their vote totals,
//! and the dates. What would say more about the family (which humanitarian grounds and
//! negative factors, the ground of inadmissibility) is counted per year apart from any case
//! (`retained_counts`) and then removed; who was biased and how each seat voted is removed.

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::Serialize;
use specta::Type;

use crate::domain::choice::Labelled;
use crate::domain::person::is_minor;
use crate::domain::retention::{due_on, is_due};
use crate::domain::workflow::{self, CaseStatus};
use crate::store::attachments;
use crate::store::audit::AuditAction;
use crate::store::audit::{self, AuditEvent};
use crate::store::cases::history::last_move_on;
use crate::store::cases::record::case_ref;
use crate::store::columns;
use crate::store::settings;
use crate::store::vault::connection;
use crate::store::CaseFile;
use crate::{Error, Result};

/// A closed case whose personal data is due for deletion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct DueCase {
    pub id: u32,
    pub number: String,
    pub status_label: String,
    pub closed_on: NaiveDate,
    pub due_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct RetentionOverview {
    pub years: u32,
    pub due: Vec<DueCase>,
    /// Cases whose personal data was removed in earlier runs.
    pub anonymised: u32,
}

fn due_cases(conn: &Connection, years: u32, today: NaiveDate) -> Result<Vec<DueCase>> {
    let finals: Vec<&str> = workflow::ALL
        .iter()
        .filter(|s| s.is_final())
        .map(|s| s.code())
        .collect();
    let placeholders = vec!["?"; finals.len()].join(", ");
    let mut stmt = conn.prepare(&format!(
        "SELECT id, number, status FROM cases
         WHERE anonymised_on IS NULL AND status IN ({placeholders}) ORDER BY year, seq"
    ))?;
    let rows = stmt.query_map(rusqlite::params_from_iter(finals.iter()), |r| {
        Ok((
            r.get::<_, u32>(0)?,
            r.get::<_, String>(1)?,
            columns::code::<CaseStatus>(r, 2)?,
        ))
    })?;
    let mut due = Vec::new();
    for row in rows {
        let (id, number, status) = row?;
        let Some(closed_on) = last_move_on(conn, id)? else {
            continue;
        };
        if is_due(closed_on, years, today) {
            due.push(DueCase {
                id,
                number,
                status_label: status.label().to_owned(),
                closed_on,
                due_on: due_on(closed_on, years),
            });
        }
    }
    Ok(due)
}

/// Adds a case's grounds and its ground of inadmissibility to the counts per year, which
/// name no case.
fn keep_counts_apart(tx: &Connection, case_id: u32) -> Result<()> {
    tx.execute(
        "INSERT INTO retained_counts (year, category, code, count)
         SELECT c.year, g.kind, g.code, COUNT(*) FROM case_grounds g JOIN cases c ON c.id = g.case_id
         WHERE g.case_id = ?1 GROUP BY c.year, g.kind, g.code
         ON CONFLICT (year, category, code) DO UPDATE SET count = count + excluded.count",
        [case_id],
    )?;
    tx.execute(
        "INSERT INTO retained_counts (year, category, code, count)
         SELECT c.year, 'unzulaessig', a.ground_code, 1
         FROM admissibility_decisions a JOIN cases c ON c.id = a.case_id
         WHERE a.case_id = ?1 AND a.ground_code IS NOT NULL
         ON CONFLICT (year, category, code) DO UPDATE SET count = count + excluded.count",
        [case_id],
    )?;
    Ok(())
}

/// Removes a case's personal data in the caller's transaction; returns the audit rows whose changed fields it erased,
/// for the deletion run's own row (so that a verifier can tell an erasure from a forgery).
fn anonymise(tx: &Connection, case_id: u32, number: &str, today: NaiveDate) -> Result<Vec<i64>> {
    let received_on: NaiveDate = tx.query_row(
        "SELECT received_on FROM cases WHERE id = ?1",
        [case_id],
        |r| r.get(0),
    )?;
    // First what the figures need from the birth dates.
    let persons: Vec<(u32, Option<NaiveDate>)> = {
        let mut stmt = tx.prepare("SELECT id, birth_date FROM persons WHERE case_id = ?1")?;
        let rows = stmt.query_map([case_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (id, birth) in persons {
        use chrono::Datelike;
        tx.execute(
            "UPDATE persons SET birth_year = ?2, minor_at_receipt = ?3,
                    family_name = '', given_names = '', original_name = NULL, birth_date = NULL, birth_place = NULL,
                    entry_date = NULL, residence_issued_on = NULL, residence_valid_until = NULL,
                    asylum_history = NULL
             WHERE id = ?1",
            params![id, birth.map(|b| b.year()), is_minor(birth, received_on)],
        )?;
    }
    tx.execute(
        "UPDATE cases SET counsel = NULL, counsel_address = NULL, life_story = NULL, notes = NULL, abh_content = NULL,
                display_name = '', sort_name = '', decision_reasons = NULL,
                decision_conditions = NULL, anonymised_on = ?2
         WHERE id = ?1",
        params![case_id, today],
    )?;
    keep_counts_apart(tx, case_id)?;
    tx.execute("DELETE FROM case_grounds WHERE case_id = ?1", [case_id])?;
    tx.execute(
        "UPDATE admissibility_decisions SET reasoning = NULL, checks = '[]', ground_code = NULL,
                ground_label = NULL
         WHERE case_id = ?1",
        [case_id],
    )?;
    tx.execute(
        "DELETE FROM recusals WHERE item_id IN (SELECT id FROM agenda_items WHERE case_id = ?1)",
        [case_id],
    )?;
    tx.execute(
        "DELETE FROM advance_recusals
         WHERE item_id IN (SELECT id FROM agenda_items WHERE case_id = ?1)",
        [case_id],
    )?;
    tx.execute(
        "DELETE FROM votes WHERE item_id IN (SELECT id FROM agenda_items WHERE case_id = ?1)",
        [case_id],
    )?;
    tx.execute("DELETE FROM deadlines WHERE case_id = ?1", [case_id])?;
    // The documents go whole, their bytes zeroed (secure_delete); the audit keeps that they
    // were there, without their titles (the payloads below).
    let documents: Vec<u32> = {
        let mut stmt = tx.prepare("SELECT id FROM attachments WHERE case_id = ?1")?;
        let rows = stmt.query_map([case_id], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    attachments::content::remove(tx, &documents)?;
    tx.execute(
        "DELETE FROM attachment_grounds
         WHERE attachment_id IN (SELECT id FROM attachments WHERE case_id = ?1)",
        [case_id],
    )?;
    tx.execute("DELETE FROM attachments WHERE case_id = ?1", [case_id])?;
    // The letters name the persons: they go whole, also a session's invitations that name
    // the case's family; the audit keeps that they were written.
    tx.execute(
        "DELETE FROM letters WHERE case_id = ?1
            OR EXISTS (SELECT 1 FROM json_each(letters.named_cases) WHERE value = ?1)",
        [case_id],
    )?;
    tx.execute(
        "UPDATE case_transitions SET reason = NULL WHERE case_id = ?1",
        [case_id],
    )?;
    tx.execute(
        "UPDATE agenda_items SET reasons = NULL, rule_applied = NULL WHERE case_id = ?1",
        [case_id],
    )?;
    tx.execute("DELETE FROM case_search WHERE rowid = ?1", [case_id])?;
    tx.execute("DELETE FROM name_sounds WHERE rowid = ?1", [case_id])?;
    // The changed fields in the audit log named this case, or this case's session items;
    // the rows and their chain stay, only the fields go (the chain allows that).
    let erased: Vec<i64> = {
        let mut stmt = tx.prepare(
            "SELECT p.audit_id FROM audit_payload p JOIN audit_log l ON l.id = p.audit_id
             WHERE p.fields IS NOT NULL
               AND (l.entity_id = ?1
                    OR (l.entity = ?3
                        AND (json_extract(p.fields, '$.after.case_id') = ?2
                             OR json_extract(p.fields, '$.before.case_id') = ?2)))
             ORDER BY p.audit_id",
        )?;
        let rows = stmt.query_map(
            params![
                number,
                case_id,
                AuditAction::CommissionSessionUpdate.entity()
            ],
            |r| r.get(0),
        )?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    erase_payloads(tx, &erased)?;
    Ok(erased)
}

/// Erases the changed fields of these audit rows, with the salt of their digest; the rows
/// and their chain stay (the deletion run's own row lists them).
fn erase_payloads(tx: &Connection, audit_ids: &[i64]) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "UPDATE audit_payload SET fields = NULL, salt = NULL WHERE audit_id = ?1",
    )?;
    for id in audit_ids {
        stmt.execute([id])?;
    }
    Ok(())
}

/// Erases the queries of searches older than the deletion period (a query may hold a name);
/// returns their audit rows.
fn erase_old_searches(tx: &Connection, years: u32, today: NaiveDate) -> Result<Vec<i64>> {
    let cutoff = today
        .checked_sub_months(chrono::Months::new(years.saturating_mul(12)))
        .unwrap_or(today);
    let erased: Vec<i64> = {
        let mut stmt = tx.prepare(
            "SELECT p.audit_id FROM audit_payload p JOIN audit_log l ON l.id = p.audit_id
             WHERE p.fields IS NOT NULL AND l.entity = ?1 AND l.action = ?2
               AND substr(l.at, 1, 10) < ?3
             ORDER BY p.audit_id",
        )?;
        let rows = stmt.query_map(
            params![
                AuditAction::CaseSearch.entity(),
                AuditAction::CaseSearch.action(),
                cutoff.to_string()
            ],
            |r| r.get(0),
        )?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    erase_payloads(tx, &erased)?;
    Ok(erased)
}

impl CaseFile {
    /// The deletion period and the closed cases past it. Verwaltung only.
    pub fn retention_overview(&self) -> Result<RetentionOverview> {
        self.require_admin()?;
        let conn = self.conn();
        let years = settings::get(conn, &settings::RETENTION_YEARS)?;
        Ok(RetentionOverview {
            years,
            due: due_cases(conn, years, self.today())?,
            anonymised: conn.query_row(
                "SELECT count(*) FROM cases WHERE anonymised_on IS NOT NULL",
                [],
                |r| r.get(0),
            )?,
        })
    }

    /// Sets the deletion period in years. Verwaltung only; audited.
    pub fn set_retention_years(&mut self, years: u32) -> Result<RetentionOverview> {
        self.change_setting(&settings::RETENTION_YEARS, years)?;
        self.retention_overview()
    }

    /// Removes the personal data of the given cases, each of which must be due. One
    /// transaction; logged with the case numbers and nothing personal. Freed pages are
    /// overwritten and the write-ahead log is emptied afterwards.
    pub fn run_deletion(&mut self, case_ids: &[u32]) -> Result<u32> {
        self.require_admin()?;
        if case_ids.is_empty() {
            return Err(Error::invalid(
                "Löschlauf",
                "Es sind keine Fälle zum Löschen ausgewählt.",
            ));
        }
        let today = self.today();
        let done = self.edit(|tx, user| {
            let years = settings::get(tx, &settings::RETENTION_YEARS)?;
            let due = due_cases(tx, years, today)?;
            let mut numbers = Vec::new();
            let mut erased_rows = Vec::new();
            for id in case_ids {
                let case = case_ref(tx, *id)?;
                if !due.iter().any(|d| d.id == *id) {
                    return Err(Error::invalid(
                        "Löschlauf",
                        format!(
                            "{} ist nicht zur Löschung fällig; es wird nichts gelöscht.",
                            case.number
                        ),
                    ));
                }
                erased_rows.extend(anonymise(tx, case.id, &case.number, today)?);
                numbers.push(case.number);
            }
            erased_rows.extend(erase_old_searches(tx, years, today)?);
            erased_rows.sort_unstable();
            // secure-delete takes a case's documents out of the index, but a term may stay in
            // a segment's term list; merging all segments drops the terms no document has.
            tx.execute_batch(
                "INSERT INTO case_search (case_search) VALUES ('optimize');
                 INSERT INTO name_sounds (name_sounds) VALUES ('optimize');",
            )?;
            audit::append(
                tx,
                user,
                AuditEvent {
                    action: AuditAction::RetentionDelete,
                    entity_id: None,
                    before: None,
                    after: Some(serde_json::json!({
                        "years": years,
                        "cases": numbers,
                        "erased_rows": erased_rows,
                    })),
                },
            )?;
            Ok(u32::try_from(numbers.len()).unwrap_or(u32::MAX))
        })?;
        // Every connection overwrites freed pages (secure_delete); the log goes back into the
        // file and is emptied, so no old page version stays in it.
        connection::checkpoint(self.conn())?;
        Ok(done)
    }
}
