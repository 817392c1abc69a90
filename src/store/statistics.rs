//! The figures of *Auswertungen*, read from the file: each case's history, which holds no
//! personal data and stays when a deletion run removes it (`domain::statistics` counts).

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use crate::domain::person::is_minor;
use crate::domain::statistics::{stage_table, CaseHistory, Hearing, Period, StageTable};
use crate::domain::voting::{MinistryDecision, Outcome};
use crate::domain::workflow::CaseStatus;
use crate::store::audit::{self, AuditAction, AuditEvent};
use crate::store::columns;
use crate::store::CaseFile;
use crate::Result;

/// Every case received by `until`, with its persons, status changes, decisions on it in
/// sessions, and the ministry's part.
fn histories(conn: &Connection, until: NaiveDate) -> Result<Vec<CaseHistory>> {
    let mut cases: HashMap<u32, CaseHistory> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT id, received_on, request_sent_on, decision, decided_on FROM cases WHERE received_on <= ?1",
    )?;
    let rows = stmt.query_map([until], |r| {
        let decision: Option<MinistryDecision> = columns::optional_code(r, 3)?;
        let decided_on: Option<NaiveDate> = r.get(4)?;
        Ok((
            r.get::<_, u32>(0)?,
            CaseHistory {
                received_on: r.get(1)?,
                persons: 0,
                minors: 0,
                transitions: Vec::new(),
                hearings: Vec::new(),
                decision: decision.zip(decided_on),
                request_sent_on: r.get(2)?,
            },
        ))
    })?;
    for row in rows {
        let (id, case) = row?;
        cases.insert(id, case);
    }

    // A person is a minor by the birth date on the day the case came in; after a deletion run
    // the birth date is gone and the answer kept in `minor_at_receipt`. Read in the table's
    // own order (no join, no index lookups): the case's day comes from the map.
    let mut stmt = conn.prepare("SELECT case_id, birth_date, minor_at_receipt FROM persons")?;
    let rows = stmt.query_map([], |r| {
        let birth: Option<NaiveDate> = r.get(1)?;
        let kept: Option<bool> = r.get(2)?;
        Ok((r.get::<_, u32>(0)?, birth, kept))
    })?;
    for row in rows {
        let (case_id, birth, kept) = row?;
        if let Some(case) = cases.get_mut(&case_id) {
            case.persons += 1;
            let minor = kept.or(is_minor(birth, case.received_on)).unwrap_or(false);
            case.minors += u32::from(minor);
        }
    }

    // In the order they were recorded, which is each case's order too.
    let mut stmt =
        conn.prepare("SELECT case_id, to_status, on_date FROM case_transitions ORDER BY id")?;
    let rows = stmt.query_map([], |r| {
        let status: CaseStatus = columns::code(r, 1)?;
        Ok((r.get::<_, u32>(0)?, status, r.get::<_, NaiveDate>(2)?))
    })?;
    for row in rows {
        let (case_id, status, on) = row?;
        if let Some(case) = cases.get_mut(&case_id) {
            case.transitions.push((status, on));
        }
    }

    let mut stmt = conn.prepare(
        "SELECT i.case_id, s.held_on, i.outcome FROM agenda_items i JOIN sessions s ON s.id = i.session_id
         WHERE i.kind = 'fall' AND i.outcome IS NOT NULL",
    )?;
    let rows = stmt.query_map([], |r| {
        let outcome: Outcome = columns::code(r, 2)?;
        Ok((
            r.get::<_, u32>(0)?,
            Hearing {
                on: r.get(1)?,
                outcome,
            },
        ))
    })?;
    for row in rows {
        let (case_id, hearing) = row?;
        if let Some(case) = cases.get_mut(&case_id) {
            case.hearings.push(hearing);
        }
    }
    Ok(cases.into_values().collect())
}

/// Sessions held in the period (carried out, or with approved minutes).
fn sessions_held(conn: &Connection, period: Period) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM sessions
         WHERE held_on BETWEEN ?1 AND ?2 AND status IN ('durchgefuehrt', 'niederschrift_genehmigt')",
        params![period.from, period.to],
        |r| r.get(0),
    )?)
}

impl CaseFile {
    /// The stage table of a period. Counting reads no personal data, so it is not recorded;
    /// saving the figures is (`record_statistics_export`).
    pub fn statistics(&self, period: Period) -> Result<StageTable> {
        let cases = histories(self.conn(), period.to)?;
        Ok(stage_table(
            period,
            &cases,
            sessions_held(self.conn(), period)?,
        ))
    }

    /// Records that the figures of a period were saved as a file (`format`: pdf, xlsx, csv,
    /// json), before the file is written.
    pub fn record_statistics_export(&mut self, period: Period, format: &str) -> Result<()> {
        self.audited_read(|tx, user| {
            audit::append(
                tx,
                user,
                AuditEvent {
                    action: AuditAction::StatisticsExport,
                    entity_id: Some(&period.label()),
                    before: None,
                    after: Some(serde_json::json!({ "format": format, "from": period.from, "to": period.to })),
                },
            )
            .map(|_| ())
        })
    }
}
