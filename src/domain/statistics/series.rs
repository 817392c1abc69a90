//! The series over the years: a few figures of the stage table for each calendar year, so
//! that a report shows how the work developed.

use std::collections::HashMap;

use chrono::Datelike;
use serde::Serialize;
use specta::Type;

use super::stages::stages_for;
use super::{CaseHistory, Period};

/// The stages the series shows, by code.
pub const COLUMNS: [&str; 5] = [
    "eingang",
    "beraten",
    "ersuchen",
    "anordnung",
    "uebertrag_folgezeitraum",
];

/// How many years a one-year report's series reaches back, the year itself included.
pub const YEARS_SHOWN: i32 = 5;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct SeriesRow {
    pub year: i32,
    /// Sessions held in the year.
    pub sessions: u32,
    /// Cases, one per stage in `columns`.
    pub cases: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Series {
    pub definition: &'static str,
    pub columns: Vec<&'static str>,
    pub rows: Vec<SeriesRow>,
}

pub const DEFINITION: &str = "Für jedes ganze Kalenderjahr die Fälle mit Eingang, Beratung, Ersuchen, Anordnung und Übertrag in das Folgejahr, gezählt wie in der Tabelle nach Stand, und die Sitzungen des Jahres. Gezeigt werden die Jahre des Zeitraums, mindestens aber sein letztes Jahr und die vier davor, soweit es Fälle gab.";

/// The years of the series: those of the period, at least the last `YEARS_SHOWN`, not before
/// the first case was received.
fn years(period: Period, cases: &[CaseHistory]) -> std::ops::RangeInclusive<i32> {
    let last = period.to.year();
    let wanted = period.from.year().min(last - (YEARS_SHOWN - 1));
    let first_case = cases
        .iter()
        .map(|c| c.received_on.year())
        .min()
        .unwrap_or(last);
    wanted.max(first_case).min(last)..=last
}

pub fn series(
    period: Period,
    cases: &[CaseHistory],
    sessions_by_year: &HashMap<i32, u32>,
) -> Series {
    let stages = stages_for(&COLUMNS);
    let rows = years(period, cases)
        .filter_map(|year| {
            let whole = Period::years(year, year).ok()?;
            // A case received after the year reaches none of its stages.
            let known: Vec<&CaseHistory> =
                cases.iter().filter(|c| c.received_on <= whole.to).collect();
            let cases = stages
                .iter()
                .map(|stage| {
                    let n = known.iter().filter(|c| stage.applies(whole, c)).count();
                    u32::try_from(n).unwrap_or(u32::MAX)
                })
                .collect();
            Some(SeriesRow {
                year,
                sessions: sessions_by_year.get(&year).copied().unwrap_or(0),
                cases,
            })
        })
        .collect();
    Series {
        definition: DEFINITION,
        columns: stages.iter().map(|s| s.label).collect(),
        rows,
    }
}
