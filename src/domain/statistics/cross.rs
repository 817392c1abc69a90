//! The cross tables: the cases of a period by one trait (country of origin, the member and
//! organisation who brought them in, the foreigners' office, family or single person), with
//! the stages received, deliberated, request made and order as columns. Each column counts as
//! its stage defines (`STAGES`), so a row's figures add up to the stage table's.

use std::collections::HashMap;

use serde::Serialize;
use specta::Type;

use super::stages::{stages_for, Stage};
use super::{CaseHistory, Period};
use crate::domain::{collation, countries};

/// The stages a cross table has as columns, by code.
pub const COLUMNS: [&str; 4] = ["eingang", "beraten", "ersuchen", "anordnung"];

/// The names the rows are labelled with, as the file holds them for the period.
#[derive(Debug, Clone, Default)]
pub struct Labels {
    /// Member id → "Name (Organisation)".
    pub members: HashMap<u32, String>,
    /// Organisation id → its name in the period (the one valid at its end).
    pub organisations: HashMap<u32, String>,
    pub offices: HashMap<u32, String>,
}

/// One figure of a cross table. In the published variant a count of 1 or 2 is `hidden`
/// (shown as "< 3") and its value is 0, so that the exact number never leaves the core.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Type)]
pub struct Cell {
    pub value: u32,
    pub hidden: bool,
}

impl Cell {
    /// "< 3" or the number, German digit grouping.
    pub fn text(self, limit: u32) -> String {
        if self.hidden {
            format!("< {limit}")
        } else {
            super::german_number(self.value)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct CrossRow {
    pub label: String,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct CrossTable {
    /// The table's key in JSON and CSV.
    pub code: &'static str,
    pub title: &'static str,
    /// The name of its sheet in the spreadsheet (at most 31 characters).
    pub sheet: &'static str,
    /// What a row counts, in the words of the report's explanations.
    pub definition: &'static str,
    /// "Fälle" or "Personen".
    pub unit: &'static str,
    /// The column titles, one per stage in `COLUMNS`.
    pub columns: Vec<&'static str>,
    /// Rows with at least one figure, the most received first.
    pub rows: Vec<CrossRow>,
    /// The sum of each column over all rows (exact in both variants).
    pub total: Vec<u32>,
}

/// One trait the cases are tabulated by.
pub struct Dimension {
    pub code: &'static str,
    pub title: &'static str,
    pub sheet: &'static str,
    pub definition: &'static str,
    pub unit: &'static str,
    /// The row each unit (a case, or each of its persons) belongs to.
    keys: fn(&CaseHistory, &Labels) -> Vec<String>,
}

fn country(code: &str) -> String {
    match code.trim() {
        "" => "ohne Angabe".to_owned(),
        code => countries::name(code).map_or_else(|| code.to_owned(), str::to_owned),
    }
}

fn named(names: &HashMap<u32, String>, id: Option<u32>) -> String {
    id.and_then(|id| names.get(&id))
        .cloned()
        .unwrap_or_else(|| "ohne Angabe".to_owned())
}

pub const DIMENSIONS: [Dimension; 6] = [
    Dimension {
        code: "herkunft_hauptperson",
        sheet: "Herkunft Hauptperson",
        title: "Fälle nach Herkunftsland der Hauptperson",
        definition: "Jeder Fall zählt einmal, beim Staat der Staatsangehörigkeit seiner Hauptperson (der ersten Person des Falls).",
        unit: "Fälle",
        keys: |c, _| vec![country(c.people.first().map_or("", |p| p.nationality.as_str()))],
    },
    Dimension {
        code: "herkunft_personen",
        sheet: "Herkunft Personen",
        title: "Personen nach Herkunftsland",
        definition: "Jede Person eines Falls zählt einmal, beim Staat ihrer Staatsangehörigkeit; die Spalten zählen die Personen der Fälle, die die jeweilige Stufe erreicht haben.",
        unit: "Personen",
        keys: |c, _| c.people.iter().map(|p| country(&p.nationality)).collect(),
    },
    Dimension {
        code: "mitglied",
        sheet: "Mitglieder",
        title: "Fälle nach einbringendem Mitglied",
        definition: "Jeder Fall zählt beim Mitglied, das ihn eingebracht hat, mit der Organisation, der das Mitglied angehört.",
        unit: "Fälle",
        keys: |c, l| vec![named(&l.members, Some(c.brought_by))],
    },
    Dimension {
        code: "organisation",
        sheet: "Organisationen",
        title: "Fälle nach Organisation des einbringenden Mitglieds",
        definition: "Jeder Fall zählt bei der Organisation des Mitglieds, das ihn eingebracht hat, unter ihrem Namen am Ende des Zeitraums.",
        unit: "Fälle",
        keys: |c, l| vec![named(&l.organisations, c.organisation)],
    },
    Dimension {
        code: "auslaenderbehoerde",
        sheet: "Ausländerbehörden",
        title: "Fälle nach zuständiger Ausländerbehörde",
        definition: "Jeder Fall zählt bei der Ausländerbehörde, die im Fall angegeben ist.",
        unit: "Fälle",
        keys: |c, l| vec![named(&l.offices, c.office)],
    },
    Dimension {
        code: "familien",
        sheet: "Familien",
        title: "Familien und Einzelpersonen",
        definition: "Ein Fall mit mehr als einer Person zählt als Familie, ein Fall mit einer Person als Einzelperson.",
        unit: "Fälle",
        keys: |c, _| {
            vec![if c.people.len() > 1 { "Familien" } else { "Einzelpersonen" }.to_owned()]
        },
    },
];

fn column_stages() -> Vec<&'static Stage> {
    stages_for(&COLUMNS)
}

/// Whether each case reached each column's stage in the period; only cases that reached one.
fn reached(period: Period, cases: &[CaseHistory]) -> Vec<(&CaseHistory, Vec<bool>)> {
    let stages = column_stages();
    cases
        .iter()
        .filter_map(|case| {
            let reached: Vec<bool> = stages.iter().map(|s| s.applies(period, case)).collect();
            reached.contains(&true).then_some((case, reached))
        })
        .collect()
}

/// Every table of `DIMENSIONS` over the cases, exact figures; each case's stages are worked
/// out once for all of them.
pub fn tables(period: Period, cases: &[CaseHistory], labels: &Labels) -> Vec<CrossTable> {
    let reached = reached(period, cases);
    DIMENSIONS
        .iter()
        .map(|d| d.table(&reached, labels))
        .collect()
}

impl Dimension {
    fn table(&self, reached: &[(&CaseHistory, Vec<bool>)], labels: &Labels) -> CrossTable {
        let stages = column_stages();
        let mut rows: HashMap<String, Vec<u32>> = HashMap::new();
        for (case, reached) in reached {
            for key in (self.keys)(case, labels) {
                let row = rows.entry(key).or_insert_with(|| vec![0; stages.len()]);
                for (figure, hit) in row.iter_mut().zip(reached) {
                    *figure += u32::from(*hit);
                }
            }
        }
        let mut total = vec![0; stages.len()];
        for row in rows.values() {
            for (sum, figure) in total.iter_mut().zip(row) {
                *sum += figure;
            }
        }
        let mut rows: Vec<CrossRow> = rows
            .into_iter()
            .map(|(label, figures)| CrossRow {
                label,
                cells: figures
                    .into_iter()
                    .map(|value| Cell {
                        value,
                        hidden: false,
                    })
                    .collect(),
            })
            .collect();
        // Most received first, then by the label in German order.
        rows.sort_by(|a, b| {
            let first = |r: &CrossRow| r.cells.first().map_or(0, |c| c.value);
            first(b)
                .cmp(&first(a))
                .then_with(|| collation::compare(&a.label, &b.label))
        });
        CrossTable {
            code: self.code,
            title: self.title,
            sheet: self.sheet,
            definition: self.definition,
            unit: self.unit,
            columns: stages.iter().map(|s| s.label).collect(),
            rows,
            total,
        }
    }
}

impl CrossTable {
    /// Replaces the figures from 1 to `limit - 1` by "< limit" (the published variant).
    pub fn hide_small_numbers(&mut self, limit: u32) {
        for cell in self.rows.iter_mut().flat_map(|r| r.cells.iter_mut()) {
            if (1..limit).contains(&cell.value) {
                *cell = Cell {
                    value: 0,
                    hidden: true,
                };
            }
        }
        // Sorted again, the hidden rows as one block in German order: sorted by the exact
        // numbers, the order of the rows would tell the ones from the twos.
        let rank = |r: &CrossRow| match r.cells.first() {
            Some(c) if c.hidden => 1,
            Some(c) if c.value > 0 => 2 + u64::from(c.value),
            _ => 0,
        };
        self.rows.sort_by(|a, b| {
            rank(b)
                .cmp(&rank(a))
                .then_with(|| collation::compare(&a.label, &b.label))
        });
    }
}

#[cfg(test)]
#[path = "cross_tests.rs"]
mod tests;
