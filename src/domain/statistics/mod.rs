//! The annual figures (Auswertungen): what each stage of the report counts, as code.
//!
//! The report follows a case along its stages in a period (a year, or any range of days),
//! counting cases and the persons they concern (children as a sub-row). Every figure has a
//! code (its key in JSON and CSV), a German label and a definition that the window, the
//! files and the report's explanations all take from here.
//!
//! The counting works on each case's history (`CaseHistory`): the day it was received, each
//! status change with its day, the sessions that decided on it, the request to the ministry
//! and the ministry's decision. All of these stay when a case's personal data is deleted, so
//! the figures are the same before and after a deletion run.

mod cross;
mod report;
mod series;
mod stages;

pub use cross::{Cell, CrossRow, CrossTable, Labels, DIMENSIONS};

/// The stage codes of a cross table's columns, in order (their keys in JSON).
pub fn cross_columns() -> &'static [&'static str] {
    &cross::COLUMNS
}

/// The stage codes of the series' columns, in order (their keys in JSON).
pub fn series_columns() -> &'static [&'static str] {
    &series::COLUMNS
}
pub use report::{report, Basis, Report, Variant, SMALL_NUMBER_LIMIT};
pub use series::{Series, SeriesRow};
pub use stages::{count, Stage, STAGES};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::domain::input;
use crate::domain::voting::{MinistryDecision, Outcome};
use crate::domain::workflow::CaseStatus;
use crate::{Error, Result};

/// A count as German text: "1.234".
pub fn german_number(value: u32) -> String {
    let digits = value.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(digit);
    }
    out
}

/// A share as German text, one decimal: "88,9".
pub fn german_decimal(value: f64) -> String {
    format!("{value:.1}").replace('.', ",")
}

/// The days a report covers, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// The calendar years `first` to `last` (the same year for one year's report).
    pub fn years(first: i32, last: i32) -> Result<Self> {
        let day = |y: i32, m: u32, d: u32| {
            NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
                Error::invalid("Jahr", "Bitte ein Jahr zwischen 2000 und 2100 angeben.")
            })
        };
        // Named as the window labels the fields.
        for (field, year) in [("Jahr", first), ("bis Jahr", last)] {
            if !(2000..=2100).contains(&year) {
                return Err(Error::invalid(
                    field,
                    "Bitte ein Jahr zwischen 2000 und 2100 angeben.",
                ));
            }
        }
        if last < first {
            return Err(Error::invalid(
                "bis Jahr",
                "Das letzte Jahr liegt vor dem ersten.",
            ));
        }
        Ok(Self {
            from: day(first, 1, 1)?,
            to: day(last, 12, 31)?,
        })
    }

    /// The years the user chose; the current year (by the file's clock) when none was chosen,
    /// the first year alone when no last one was.
    pub fn chosen(first: Option<i32>, last: Option<i32>, today: NaiveDate) -> Result<Self> {
        let first = first.unwrap_or(today.year());
        Self::years(first, last.unwrap_or(first))
    }

    /// Any days from `from` to `to`, both included, in the years 2000 to 2100.
    pub fn days(from: NaiveDate, to: NaiveDate) -> Result<Self> {
        for (field, day) in [("Von", from), ("Bis", to)] {
            if !(2000..=2100).contains(&day.year()) {
                return Err(Error::invalid(
                    field,
                    "Bitte einen Tag zwischen 2000 und 2100 angeben.",
                ));
            }
        }
        if to < from {
            return Err(Error::invalid(
                "Bis",
                "Der letzte Tag liegt vor dem ersten.",
            ));
        }
        Ok(Self { from, to })
    }

    /// The last day before the period, whose end the carried-over cases were open at.
    pub fn day_before(self) -> NaiveDate {
        self.from.pred_opt().unwrap_or(self.from)
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    /// "2026" or "2024–2026" or "01.03.2026–30.06.2026".
    pub fn label(self) -> String {
        let whole_years = (self.from.month(), self.from.day()) == (1, 1)
            && (self.to.month(), self.to.day()) == (12, 31);
        match (whole_years, self.from.year() == self.to.year()) {
            (true, true) => self.from.year().to_string(),
            (true, false) => format!("{}–{}", self.from.year(), self.to.year()),
            _ => format!(
                "{}–{}",
                self.from.format("%d.%m.%Y"),
                self.to.format("%d.%m.%Y")
            ),
        }
    }
}

/// The period as the window and the command line ask for it: whole calendar years, or any
/// days typed as TT.MM.JJJJ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PeriodChoice {
    /// The current year (by the file's clock) when `first` is none; `first` alone without `last`.
    Years {
        first: Option<i32>,
        last: Option<i32>,
    },
    Days {
        from: String,
        to: String,
    },
}

impl PeriodChoice {
    pub fn period(&self, today: NaiveDate) -> Result<Period> {
        match self {
            Self::Years { first, last } => Period::chosen(*first, *last, today),
            Self::Days { from, to } => Period::days(
                input::required_date("Von", from)?,
                input::required_date("Bis", to)?,
            ),
        }
    }
}

/// A session that decided on the case (its day and the outcome of the item).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hearing {
    pub on: NaiveDate,
    pub outcome: Outcome,
}

/// What the cross tables need of a person: the nationality (ISO code, empty when not known)
/// and whether the person was a minor on the day the case was received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub nationality: String,
    pub minor: bool,
}

/// What the report needs of one case. Nothing in it is personal data, and all of it stays
/// when a deletion run removes the case's personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseHistory {
    pub received_on: NaiveDate,
    /// The persons concerned, the main person first.
    pub people: Vec<Person>,
    /// The member who brought the case in, the member's organisation, the foreigners' office.
    pub brought_by: u32,
    pub organisation: Option<u32>,
    pub office: Option<u32>,
    /// Each status change with the day it took effect, in the order they were made.
    pub transitions: Vec<(CaseStatus, NaiveDate)>,
    /// Every agenda item of the case that has an outcome, with its session's day.
    pub hearings: Vec<Hearing>,
    /// The ministry's decision and its day.
    pub decision: Option<(MinistryDecision, NaiveDate)>,
    /// The day the request went to the ministry.
    pub request_sent_on: Option<NaiveDate>,
}

impl CaseHistory {
    /// A case received on `received_on`, before anything happened to it.
    pub fn received(received_on: NaiveDate, people: Vec<Person>, brought_by: u32) -> Self {
        Self {
            received_on,
            people,
            brought_by,
            organisation: None,
            office: None,
            transitions: Vec::new(),
            hearings: Vec::new(),
            decision: None,
            request_sent_on: None,
        }
    }

    pub fn persons(&self) -> u32 {
        u32::try_from(self.people.len()).unwrap_or(u32::MAX)
    }

    pub fn minors(&self) -> u32 {
        u32::try_from(self.people.iter().filter(|p| p.minor).count()).unwrap_or(u32::MAX)
    }

    /// The status at the end of `day`: the last change made with effect on or before it
    /// (none: the case had not moved yet).
    pub fn status_at_end_of(&self, day: NaiveDate) -> Option<CaseStatus> {
        self.transitions
            .iter()
            .rev()
            .find(|(_, on)| *on <= day)
            .map(|(status, _)| *status)
    }

    /// Open at the end of `day`: received by then and not in a final status then. A case the
    /// Verwaltung reopened is open again from the day it was reopened.
    pub fn open_at_end_of(&self, day: NaiveDate) -> bool {
        self.received_on <= day && self.status_at_end_of(day).is_none_or(|s| !s.is_final())
    }

    /// Open at the period's start (received before it and not ended then).
    pub fn open_at_start_of(&self, period: Period) -> bool {
        self.received_on < period.from && self.open_at_end_of(period.day_before())
    }

    /// Received before the period, ended at its start, and reopened in it.
    pub fn reopened_in(&self, period: Period) -> bool {
        self.received_on < period.from
            && !self.open_at_end_of(period.day_before())
            && self
                .transitions
                .iter()
                .any(|(s, on)| period.contains(*on) && !s.is_final())
    }
}

/// Cases, persons and minors counted for one figure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Type)]
pub struct Count {
    pub cases: u32,
    pub persons: u32,
    pub minors: u32,
}

impl Count {
    fn add(&mut self, case: &CaseHistory) {
        self.cases += 1;
        self.persons += case.persons();
        self.minors += case.minors();
    }
}

/// One line of the stage table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct StageLine {
    /// The figure's key in JSON and CSV (README lists them).
    pub code: &'static str,
    pub label: &'static str,
    pub definition: &'static str,
    pub count: Count,
}

/// The stage table of a period, with the sessions held and the ministry's rate.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct StageTable {
    pub period: Period,
    pub period_label: String,
    pub lines: Vec<StageLine>,
    /// Sessions held in the period.
    pub sessions_held: u32,
    /// Orders (Anordnungen) among the ministry's decisions in the period, in percent, one
    /// decimal; none when it decided nothing.
    pub order_rate: Option<f64>,
}

impl StageTable {
    /// The count of one figure by its code.
    pub fn get(&self, code: &str) -> Option<Count> {
        self.lines.iter().find(|l| l.code == code).map(|l| l.count)
    }
}

/// The stage table for `period` over these cases; `sessions_held` is counted by the store.
pub fn stage_table(period: Period, cases: &[CaseHistory], sessions_held: u32) -> StageTable {
    let counts = count(period, cases);
    let lines = STAGES
        .iter()
        .zip(counts)
        .map(|(stage, count)| StageLine {
            code: stage.code,
            label: stage.label,
            definition: stage.definition,
            count,
        })
        .collect();
    let mut table = StageTable {
        period,
        period_label: period.label(),
        lines,
        sessions_held,
        order_rate: None,
    };
    let of = |code: &str| table.get(code).map_or(0, |c| c.cases);
    let (orders, refusals) = (of("anordnung"), of("ablehnung"));
    table.order_rate = (orders + refusals > 0)
        .then(|| (f64::from(orders) * 1000.0 / f64::from(orders + refusals)).round() / 10.0);
    table
}
