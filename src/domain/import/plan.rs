//! The dry run: every row of the list read by the mapping and checked against what the file
//! already holds, with a verdict per row (to be created, unclear, refused, left out as a
//! likely duplicate) and its reasons in German. Applying takes the planned cases of a dry run
//! that has nothing refused and nothing unclear; the store writes them in one transaction.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use specta::Type;

use crate::domain::case::CaseNumber;
use crate::domain::import::course::Course;
use crate::domain::import::fields::Mapping;
use crate::domain::import::row::Reading;
use crate::domain::import::source::Table;
use crate::domain::person::Sex;
use crate::Result;

/// What the file already holds that a row is checked against.
#[derive(Debug, Clone, Default)]
pub struct Known {
    pub members: Vec<(u32, String)>,
    pub offices: Vec<(u32, String)>,
    /// Case number (and earlier number, when it has one) of every case.
    pub numbers: HashMap<String, String>,
    /// (folded family name, folded given names, birth date) → case number.
    pub persons: HashMap<(String, String, NaiveDate), String>,
    /// The highest running number given in each year.
    pub highest_seq: HashMap<i32, u32>,
}

/// A member or office: one the file has, or one to create under the list's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Party {
    Existing(u32),
    New(String),
}

/// A case to be created.
#[derive(Debug, Clone)]
pub struct PlannedCase {
    pub row: u32,
    pub number: CaseNumber,
    pub previous_number: Option<String>,
    pub received_on: NaiveDate,
    pub member: Party,
    pub office: Option<Party>,
    pub family_name: String,
    pub given_names: String,
    pub birth_date: Option<NaiveDate>,
    pub sex: Sex,
    pub nationality: String,
    pub course: Course,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Neu,
    Unklar,
    Abgelehnt,
    Doppelt,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Neu => "wird angelegt",
            Verdict::Unklar => "unklar",
            Verdict::Abgelehnt => "abgelehnt",
            Verdict::Doppelt => "ausgelassen (wahrscheinlich doppelt)",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct RowReport {
    pub row: u32,
    pub verdict: Verdict,
    /// The case number it will get.
    pub number: Option<String>,
    pub name: String,
    pub messages: Vec<String>,
}

/// A name of a member or an office the file does not know, with the rows it stands in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct UnknownName {
    pub name: String,
    pub rows: Vec<u32>,
    pub resolved: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct DryRun {
    pub total: u32,
    pub created: u32,
    pub unclear: u32,
    pub refused: u32,
    pub duplicates: u32,
    pub rows: Vec<RowReport>,
    pub unknown_members: Vec<UnknownName>,
    pub unknown_offices: Vec<UnknownName>,
    /// What stands against the whole list (the same file taken over before).
    pub file_problem: Option<String>,
    /// Whether *Übernehmen* may run: nothing refused, nothing unclear, something to create.
    pub ready: bool,
    /// Why not, when not ready.
    pub blocked_by: Option<String>,
}

/// The dry run of a list under a mapping, against what the file holds on `today`.
pub fn dry_run(
    table: &Table,
    mapping: &Mapping,
    known: &Known,
    today: NaiveDate,
) -> Result<(DryRun, Vec<PlannedCase>)> {
    let columns = mapping.columns(&table.headings)?;
    let mut run = DryRun {
        total: table.rows.len() as u32,
        created: 0,
        unclear: 0,
        refused: 0,
        duplicates: 0,
        rows: Vec::with_capacity(table.rows.len()),
        unknown_members: Vec::new(),
        unknown_offices: Vec::new(),
        file_problem: None,
        ready: false,
        blocked_by: None,
    };
    let mut reading = Reading {
        table,
        mapping,
        known,
        columns: &columns,
        today,
        seen_numbers: HashMap::new(),
        seen_persons: HashMap::new(),
        unknown_members: Vec::new(),
        unknown_offices: Vec::new(),
    };
    let mut planned = Vec::new();
    for row in &table.rows {
        let (report, case) = reading.row(row);
        match report.verdict {
            Verdict::Neu => run.created += 1,
            Verdict::Unklar => run.unclear += 1,
            Verdict::Abgelehnt => run.refused += 1,
            Verdict::Doppelt => run.duplicates += 1,
        }
        planned.extend(case);
        run.rows.push(report);
    }
    run.unknown_members = reading.unknown_members;
    run.unknown_offices = reading.unknown_offices;
    number_cases(&mut planned, known);
    let numbers: HashMap<u32, String> = planned
        .iter()
        .map(|p| (p.row, p.number.to_string()))
        .collect();
    for report in &mut run.rows {
        report.number = numbers.get(&report.row).cloned();
    }
    run.ready = run.refused == 0 && run.unclear == 0 && run.created > 0;
    run.blocked_by = (!run.ready).then(|| run.not_ready_reason());
    Ok((run, planned))
}

impl DryRun {
    /// Why the list cannot be taken over as it is, in the words the window and the CLI use.
    pub fn not_ready_reason(&self) -> String {
        if let Some(problem) = &self.file_problem {
            return problem.clone();
        }
        if self.refused > 0 || self.unclear > 0 {
            return format!(
                "Die Liste wird erst übernommen, wenn keine Zeile abgelehnt und keine unklar ist: {} abgelehnt, {} unklar.",
                self.refused, self.unclear
            );
        }
        if self.created == 0 {
            return format!(
                "Keine Zeile ist anzulegen ({} als wahrscheinlich doppelt ausgelassen).",
                self.duplicates
            );
        }
        String::new()
    }
}

/// Numbers the planned cases: an earlier number of the form HFK-JJJJ-NNN for the year the
/// case came in, free in the file and in the list, is kept; the others get the next numbers
/// of their year, after every number already given or kept.
fn number_cases(planned: &mut [PlannedCase], known: &Known) {
    let mut highest = known.highest_seq.clone();
    let mut kept = std::collections::HashSet::new();
    for case in planned.iter_mut() {
        let fits = case
            .previous_number
            .as_deref()
            .and_then(CaseNumber::parse)
            .filter(|n| {
                n.year == case.received_on.year()
                    && !known.numbers.contains_key(&n.to_string())
                    && !kept.contains(n)
            });
        if let Some(number) = fits {
            kept.insert(number);
            case.number = number;
            let top = highest.entry(number.year).or_insert(0);
            *top = (*top).max(number.seq);
        }
    }
    for case in planned.iter_mut().filter(|c| c.number.seq == 0) {
        let top = highest.entry(case.number.year).or_insert(0);
        *top += 1;
        case.number.seq = *top;
    }
    for case in planned.iter_mut() {
        if case.previous_number.as_deref() == Some(case.number.to_string().as_str()) {
            case.previous_number = None;
        }
    }
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
