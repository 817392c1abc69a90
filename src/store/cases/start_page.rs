//! The start page: open deadlines, overdue items and expiring residence papers of open cases.

use chrono::{Days, NaiveDate};
use rusqlite::{params_from_iter, types::Value as SqlValue, Connection};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::domain::choice::Labelled;
use crate::domain::deadline::UPCOMING_DAYS;
use crate::domain::person::ResidenceStatus;
use crate::domain::workflow::CaseStatus;
use crate::store::columns;
use crate::store::settings;
use crate::store::CaseFile;
use crate::Result;

/// Longest list the start page shows per block.
const MAX_ITEMS: u32 = 200;

/// The statuses that end a case, as an SQL list: `('nicht_angenommen', …)`.
fn final_statuses() -> String {
    let codes: Vec<String> = crate::domain::workflow::ALL
        .iter()
        .filter(|s| s.is_final())
        .map(|s| format!("'{}'", s.code()))
        .collect();
    format!("({})", codes.join(", "))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct DueItem {
    pub case_id: u32,
    pub number: String,
    pub display_name: String,
    pub deadline_id: u32,
    pub due_on: NaiveDate,
    pub what: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct ExpiringPaper {
    pub case_id: u32,
    pub number: String,
    pub person_name: String,
    pub residence_status_label: String,
    pub valid_until: NaiveDate,
    /// Negative when already expired.
    pub days_left: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct StatusCount {
    pub status: CaseStatus,
    pub label: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Dashboard {
    pub today: NaiveDate,
    pub open_cases: u32,
    pub by_status: Vec<StatusCount>,
    /// Each list holds at most `shown_at_most` entries; its `_total` says how many there are.
    pub shown_at_most: u32,
    pub overdue: Vec<DueItem>,
    pub overdue_total: u32,
    pub upcoming: Vec<DueItem>,
    pub upcoming_total: u32,
    /// Papers that expire from today to the warning horizon, soonest first.
    pub expiring_papers: Vec<ExpiringPaper>,
    pub expiring_total: u32,
    /// Papers already expired in open cases, the most recently expired first.
    pub expired_papers: Vec<ExpiringPaper>,
    pub expired_total: u32,
    pub expiry_warning_days: u32,
    pub upcoming_days: u32,
    pub backup: crate::store::vault::backup::BackupStatus,
}

/// The four lists of the start page; each is cut there and can be read whole, page by page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum DueList {
    /// Open Wiedervorlagen past their day, the oldest first.
    Overdue,
    /// Open Wiedervorlagen due within the next days, the soonest first.
    Upcoming,
    /// Residence papers that expire within the warning horizon, the soonest first.
    Expiring,
    /// Residence papers already expired, the most recently expired first.
    Expired,
}

/// One page of a whole list: Wiedervorlagen in `due`, or papers in `papers`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct DueListPage {
    pub list: DueList,
    pub total: u32,
    pub offset: u32,
    pub due: Vec<DueItem>,
    pub papers: Vec<ExpiringPaper>,
}

/// Longest page of a whole list a caller may ask for.
pub const MAX_LIST_PAGE: u32 = 500;

/// One page of a start-page list, selected and ordered as the start page does.
pub(crate) fn list_page(
    conn: &Connection,
    today: NaiveDate,
    list: DueList,
    offset: u32,
    limit: u32,
) -> Result<DueListPage> {
    let (condition, args, order) = match list {
        DueList::Overdue => ("d.due_on < ?1", vec![day(today)], "ASC"),
        DueList::Upcoming => {
            let end = today + Days::new(UPCOMING_DAYS.unsigned_abs());
            (
                "d.due_on BETWEEN ?1 AND ?2",
                vec![day(today), day(end)],
                "ASC",
            )
        }
        DueList::Expiring => {
            let horizon = today
                + Days::new(u64::from(settings::get(
                    conn,
                    &settings::EXPIRY_WARNING_DAYS,
                )?));
            (
                "p.residence_valid_until BETWEEN ?1 AND ?2",
                vec![day(today), day(horizon)],
                "ASC",
            )
        }
        DueList::Expired => ("p.residence_valid_until < ?1", vec![day(today)], "DESC"),
    };
    let mut page = DueListPage {
        list,
        total: 0,
        offset,
        due: Vec::new(),
        papers: Vec::new(),
    };
    match list {
        DueList::Overdue | DueList::Upcoming => {
            (page.due, page.total) = due_items(conn, condition, &args, offset, limit)?;
        }
        DueList::Expiring | DueList::Expired => {
            (page.papers, page.total) =
                papers(conn, today, condition, order, &args, offset, limit)?;
        }
    }
    Ok(page)
}

fn day(d: NaiveDate) -> SqlValue {
    SqlValue::from(d.to_string())
}

fn due_items(
    conn: &Connection,
    condition: &str,
    args: &[SqlValue],
    offset: u32,
    limit: u32,
) -> Result<(Vec<DueItem>, u32)> {
    let finals = final_statuses();
    let from = format!(
        "FROM deadlines d JOIN cases c ON c.id = d.case_id
         WHERE d.done_on IS NULL AND {condition} AND c.status NOT IN {finals}"
    );
    let total = conn.query_row(
        &format!("SELECT count(*) {from}"),
        params_from_iter(args),
        |r| r.get(0),
    )?;
    let sql = format!(
        "SELECT c.id, c.number, c.display_name, d.id, d.due_on, d.what {from}
         ORDER BY d.due_on, c.year, c.seq LIMIT {limit} OFFSET {offset}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(args), |r| {
        Ok(DueItem {
            case_id: r.get(0)?,
            number: r.get(1)?,
            display_name: r.get(2)?,
            deadline_id: r.get(3)?,
            due_on: r.get(4)?,
            what: r.get(5)?,
        })
    })?;
    Ok((rows.collect::<rusqlite::Result<_>>()?, total))
}

/// Residence papers of persons in open cases whose end date meets `condition`, in `order`.
fn papers(
    conn: &Connection,
    today: NaiveDate,
    condition: &str,
    order: &str,
    args: &[SqlValue],
    offset: u32,
    limit: u32,
) -> Result<(Vec<ExpiringPaper>, u32)> {
    let finals = final_statuses();
    let from = format!(
        "FROM persons p JOIN cases c ON c.id = p.case_id
         WHERE p.residence_valid_until IS NOT NULL AND {condition}
           AND c.status NOT IN {finals}"
    );
    let total = conn.query_row(
        &format!("SELECT count(*) {from}"),
        params_from_iter(args),
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT c.id, c.number, p.family_name || ', ' || p.given_names, p.residence_status,
                p.residence_valid_until {from}
         ORDER BY p.residence_valid_until {order}, c.year, c.seq LIMIT {limit} OFFSET {offset}"
    ))?;
    let listed = stmt
        .query_map(params_from_iter(args), |r| {
            let status: Option<ResidenceStatus> = columns::optional_code(r, 3)?;
            let valid_until: NaiveDate = r.get(4)?;
            Ok(ExpiringPaper {
                case_id: r.get(0)?,
                number: r.get(1)?,
                person_name: r.get(2)?,
                residence_status_label: status.map(|s| s.label()).unwrap_or("Papier").to_owned(),
                valid_until,
                days_left: i32::try_from((valid_until - today).num_days()).unwrap_or(i32::MIN),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((listed, total))
}

pub(crate) fn dashboard(conn: &Connection, today: NaiveDate) -> Result<Dashboard> {
    let first = |list| list_page(conn, today, list, 0, MAX_ITEMS);
    let overdue = first(DueList::Overdue)?;
    let upcoming = first(DueList::Upcoming)?;
    let expiring = first(DueList::Expiring)?;
    let expired = first(DueList::Expired)?;
    let finals = final_statuses();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT status, COUNT(*) FROM cases WHERE status NOT IN {finals} GROUP BY status"
    ))?;
    let mut by_status = stmt
        .query_map([], |r| {
            let status: CaseStatus = columns::code(r, 0)?;
            Ok(StatusCount {
                status,
                label: status.label().to_owned(),
                count: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    by_status.sort_by_key(|s| {
        crate::domain::workflow::ALL
            .iter()
            .position(|x| *x == s.status)
    });
    Ok(Dashboard {
        today,
        open_cases: by_status.iter().map(|s| s.count).sum(),
        by_status,
        shown_at_most: MAX_ITEMS,
        overdue: overdue.due,
        overdue_total: overdue.total,
        upcoming: upcoming.due,
        upcoming_total: upcoming.total,
        expiring_papers: expiring.papers,
        expiring_total: expiring.total,
        expired_papers: expired.papers,
        expired_total: expired.total,
        expiry_warning_days: settings::get(conn, &settings::EXPIRY_WARNING_DAYS)?,
        upcoming_days: UPCOMING_DAYS as u32,
        backup: crate::store::vault::backup::status(conn)?,
    })
}

impl CaseFile {
    pub fn dashboard(&self) -> Result<Dashboard> {
        dashboard(self.conn(), self.today())
    }

    /// One page of a start-page list read whole (the start page shows the first entries).
    pub fn due_list(&self, list: DueList, offset: u32, limit: u32) -> Result<DueListPage> {
        if limit == 0 || limit > MAX_LIST_PAGE {
            return Err(crate::Error::invalid(
                "Seitengröße",
                format!("Bitte 1 bis {MAX_LIST_PAGE} Einträge anfordern."),
            ));
        }
        list_page(self.conn(), self.today(), list, offset, limit)
    }
}
