//! The whole report of a period: the stage table, the cross tables and the series, in the
//! variant for publication (small numbers hidden) or for internal use (exact figures), with
//! the explanations the window, the PDF and the spreadsheet all print.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use specta::Type;

use super::series::{self, Series};
use super::{cross, stage_table, CaseHistory, CrossTable, Labels, Period, StageTable};
use crate::{Error, Result};

/// Counts below this are shown as "< 3" in the published variant's cross tables.
pub const SMALL_NUMBER_LIMIT: u32 = 3;

/// Who the report is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Variant {
    /// For the ministry's report, the Landtag and the public Tätigkeitsbericht.
    Veroeffentlichung,
    /// For the commission itself: every figure exact.
    Intern,
}

impl Variant {
    pub fn code(self) -> &'static str {
        match self {
            Self::Veroeffentlichung => "veroeffentlichung",
            Self::Intern => "intern",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Veroeffentlichung => "Fassung zur Veröffentlichung",
            Self::Intern => "Interne Fassung",
        }
    }

    pub fn parse_code(code: &str) -> Result<Self> {
        match code {
            "veroeffentlichung" => Ok(Self::Veroeffentlichung),
            "intern" => Ok(Self::Intern),
            _ => Err(Error::invalid(
                "Fassung",
                "Bitte „veroeffentlichung“ oder „intern“ angeben.",
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Report {
    pub variant: Variant,
    pub variant_label: &'static str,
    /// Whether the cross tables show counts of 1 and 2 as "< 3".
    pub small_numbers_hidden: bool,
    pub stages: StageTable,
    pub cross: Vec<CrossTable>,
    pub series: Series,
    /// What holds for every figure, before each table's own definition.
    pub notes: Vec<String>,
}

/// What the report is counted from.
pub struct Basis<'a> {
    pub cases: &'a [CaseHistory],
    pub labels: &'a Labels,
    /// The days of the sessions held (carried out or with approved minutes).
    pub session_days: &'a [NaiveDate],
}

fn notes(hidden: bool) -> Vec<String> {
    let mut notes = vec![
        "Gezählt werden Fälle und die Personen, die sie betreffen; minderjährig ist, wer am Eingangstag des Falls das 18. Lebensjahr noch nicht vollendet hatte.".to_owned(),
        "Ein Fall zählt in jeder Stufe höchstens einmal je Zeitraum. Wird er in mehreren Jahren beraten, zählt er in jedem dieser Jahre als beraten; ein vertagter Fall gilt nicht als beraten und geht in den Übertrag ein.".to_owned(),
        "Sitzungen sind die im Zeitraum durchgeführten Sitzungen (auch die mit genehmigter Niederschrift). Die Anordnungsquote ist der Anteil der Anordnungen an den Entscheidungen des Ministeriums im Zeitraum (Anordnungen und Ablehnungen).".to_owned(),
        "Nach Ablauf der Löschfrist werden die personenbezogenen Daten eines Falls gelöscht; was die Auswertung braucht (Tage, Stände, Staatsangehörigkeiten, Minderjährigkeit, einbringendes Mitglied, Ausländerbehörde), bleibt erhalten. Die Zahlen ändern sich durch eine Löschung nicht.".to_owned(),
    ];
    if hidden {
        notes.push(format!(
            "In dieser Fassung sind in den Tabellen nach Merkmalen die Zahlen von 1 bis {} durch „< {SMALL_NUMBER_LIMIT}“ ersetzt, damit aus kleinen Zahlen keine Person erkennbar wird. Die Summen sind genau.",
            SMALL_NUMBER_LIMIT - 1
        ));
    }
    notes
}

/// The report of `period`. `hide_small_numbers` is the file's setting; it applies to the
/// published variant only.
pub fn report(
    period: Period,
    basis: &Basis<'_>,
    variant: Variant,
    hide_small_numbers: bool,
) -> Report {
    let held = |p: Period| {
        basis
            .session_days
            .iter()
            .filter(|d| p.contains(**d))
            .count()
    };
    let stages = stage_table(
        period,
        basis.cases,
        u32::try_from(held(period)).unwrap_or(u32::MAX),
    );
    let hidden = hide_small_numbers && variant == Variant::Veroeffentlichung;
    let mut cross = cross::tables(period, basis.cases, basis.labels);
    if hidden {
        for table in &mut cross {
            table.hide_small_numbers(SMALL_NUMBER_LIMIT);
        }
    }
    let mut by_year: HashMap<i32, u32> = HashMap::new();
    for day in basis.session_days {
        *by_year.entry(day.year()).or_default() += 1;
    }
    Report {
        variant,
        variant_label: variant.label(),
        small_numbers_hidden: hidden,
        stages,
        cross,
        series: series::series(period, basis.cases, &by_year),
        notes: notes(hidden),
    }
}
