//! The figures of *Auswertungen*, read from the file: each case's history, which holds no
//! personal data and stays when a deletion run removes it (`domain::statistics` counts).

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

use crate::domain::person::is_minor;
use crate::domain::statistics::{
    report, Basis, CaseHistory, Hearing, Labels, Period, Person, Report, Variant,
};
use crate::domain::voting::{MinistryDecision, Outcome};
use crate::domain::workflow::CaseStatus;
use crate::store::audit::{self, AuditAction, AuditEvent};
use crate::store::columns;
use crate::store::register::members::organisation_name_on;
use crate::store::settings::{get, HIDE_SMALL_NUMBERS};
use crate::store::CaseFile;
use crate::Result;

/// The members (with their organisation), organisations and offices by the names they had at
/// the end of `until`.
fn labels(conn: &Connection, until: NaiveDate) -> Result<(Labels, HashMap<u32, u32>)> {
    let mut labels = Labels::default();
    // Each organisation by the name it carried at `until`, by the register's own rule.
    let organisations: Vec<u32> = conn
        .prepare("SELECT id FROM organisations")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in organisations {
        if let Some(name) = organisation_name_on(conn, id, until)? {
            labels.organisations.insert(id, name);
        }
    }
    let mut organisation_of = HashMap::new();
    let mut stmt = conn.prepare("SELECT id, name, organisation_id FROM members")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, u32>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<u32>>(2)?,
        ))
    })?;
    for row in rows {
        let (id, name, organisation) = row?;
        let label = match organisation.and_then(|o| labels.organisations.get(&o)) {
            Some(organisation) => format!("{name} ({organisation})"),
            None => name,
        };
        labels.members.insert(id, label);
        if let Some(organisation) = organisation {
            organisation_of.insert(id, organisation);
        }
    }
    let mut stmt = conn.prepare("SELECT id, name FROM foreigners_offices")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, u32>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (id, name) = row?;
        labels.offices.insert(id, name);
    }
    Ok((labels, organisation_of))
}

/// Every case received by `until`, with its persons, status changes, decisions on it in
/// sessions, and the ministry's part.
fn histories(
    conn: &Connection,
    until: NaiveDate,
    organisation_of: &HashMap<u32, u32>,
) -> Result<Vec<CaseHistory>> {
    let mut cases: HashMap<u32, CaseHistory> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT id, received_on, request_sent_on, decision, decided_on, brought_by, office_id
         FROM cases NOT INDEXED WHERE received_on <= ?1",
    )?;
    let rows = stmt.query_map([until], |r| {
        let decision: Option<MinistryDecision> = columns::optional_code(r, 3)?;
        let decided_on = columns::optional_day(r, 4)?;
        let brought_by: u32 = r.get(5)?;
        let mut case = CaseHistory::received(columns::day(r, 1)?, Vec::new(), brought_by);
        case.organisation = organisation_of.get(&brought_by).copied();
        case.office = r.get(6)?;
        case.decision = decision.zip(decided_on);
        case.request_sent_on = columns::optional_day(r, 2)?;
        Ok((r.get::<_, u32>(0)?, case))
    })?;
    for row in rows {
        let (id, case) = row?;
        cases.insert(id, case);
    }

    // A person is a minor by the birth date on the day the case came in; after a deletion run
    // the birth date is gone and the answer kept in `minor_at_receipt`. Read in the table's
    // own order (no join, no index lookups): the case's day comes from the map.
    let mut positions: HashMap<u32, Vec<u32>> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT case_id, birth_date, minor_at_receipt, nationality, position FROM persons",
    )?;
    let rows = stmt.query_map([], |r| {
        let birth = columns::optional_day(r, 1)?;
        let kept: Option<bool> = r.get(2)?;
        Ok((
            r.get::<_, u32>(0)?,
            birth,
            kept,
            r.get::<_, String>(3)?,
            r.get::<_, u32>(4)?,
        ))
    })?;
    for row in rows {
        let (case_id, birth, kept, nationality, position) = row?;
        if let Some(case) = cases.get_mut(&case_id) {
            let minor = kept.or(is_minor(birth, case.received_on)).unwrap_or(false);
            case.people.push(Person { nationality, minor });
            positions.entry(case_id).or_default().push(position);
        }
    }
    // The main person first: each case's persons in the order of their positions.
    for (case_id, order) in positions {
        if let Some(case) = cases.get_mut(&case_id) {
            if order.windows(2).any(|w| w[0] > w[1]) {
                let mut paired: Vec<_> = order.into_iter().zip(case.people.drain(..)).collect();
                paired.sort_by_key(|(position, _)| *position);
                case.people = paired.into_iter().map(|(_, p)| p).collect();
            }
        }
    }

    // In the order they were recorded, which is each case's order too.
    let mut stmt =
        conn.prepare("SELECT case_id, to_status, on_date FROM case_transitions ORDER BY id")?;
    let rows = stmt.query_map([], |r| {
        let status: CaseStatus = columns::code(r, 1)?;
        Ok((r.get::<_, u32>(0)?, status, columns::day(r, 2)?))
    })?;
    for row in rows {
        let (case_id, status, on) = row?;
        if let Some(case) = cases.get_mut(&case_id) {
            case.transitions.push((status, on));
        }
    }

    let mut stmt = conn.prepare(
        // With the deliberations an imported list records for cases no session of this file heard.
        "SELECT i.case_id, s.held_on, i.outcome FROM agenda_items i JOIN sessions s ON s.id = i.session_id
         WHERE i.kind = 'fall' AND i.outcome IS NOT NULL
         UNION ALL SELECT case_id, held_on, outcome FROM imported_hearings",
    )?;
    let rows = stmt.query_map([], |r| {
        let outcome: Outcome = columns::code(r, 2)?;
        Ok((
            r.get::<_, u32>(0)?,
            Hearing {
                on: columns::day(r, 1)?,
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

/// The days of the sessions held (carried out, or with approved minutes) up to `until`, and
/// the days of sessions an imported list records (each day once).
fn session_days(conn: &Connection, until: NaiveDate) -> Result<Vec<NaiveDate>> {
    let mut stmt = conn.prepare(
        "SELECT held_on FROM sessions
         WHERE held_on <= ?1 AND status IN ('durchgefuehrt', 'niederschrift_genehmigt')
         UNION SELECT held_on FROM imported_hearings WHERE held_on <= ?1",
    )?;
    let days = stmt.query_map([until], |r| r.get(0))?;
    Ok(days.collect::<rusqlite::Result<_>>()?)
}

impl CaseFile {
    /// The report of a period in a variant. Counting reads no personal data of the persons
    /// concerned, so it is not recorded; saving the figures is (`record_statistics_export`).
    pub fn statistics(&self, period: Period, variant: Variant) -> Result<Report> {
        let conn = self.conn();
        // The series counts whole calendar years: its last one ends on 31 December even when
        // the period ends before (the stage table keeps to the period's days).
        let year_end = NaiveDate::from_ymd_opt(period.to.year(), 12, 31).unwrap_or(period.to);
        let (labels, organisation_of) = labels(conn, period.to)?;
        let cases = histories(conn, year_end, &organisation_of)?;
        let days = session_days(conn, year_end)?;
        let basis = Basis {
            cases: &cases,
            labels: &labels,
            session_days: &days,
        };
        let hide = get(conn, &HIDE_SMALL_NUMBERS)?;
        Ok(report(period, &basis, variant, hide))
    }

    /// Records that the figures of a period were saved as a file (`format`: pdf, xlsx, csv,
    /// json), before the file is written.
    pub fn record_statistics_export(
        &mut self,
        period: Period,
        variant: Variant,
        format: &str,
    ) -> Result<()> {
        self.audited_read(|tx, user| {
            audit::append(
                tx,
                user,
                AuditEvent {
                    action: AuditAction::StatisticsExport,
                    entity_id: Some(&period.label()),
                    before: None,
                    after: Some(serde_json::json!({
                        "format": format, "from": period.from, "to": period.to, "variant": variant.code(),
                    })),
                },
            )
            .map(|_| ())
        })
    }
}
