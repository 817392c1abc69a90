use chrono::NaiveDate;

use super::super::{report, Basis, CaseHistory, Hearing, Labels, Period, Person, Variant};
use crate::domain::voting::{MinistryDecision, Outcome};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%d.%m.%Y").unwrap()
}

fn year(y: i32) -> Period {
    Period::years(y, y).unwrap()
}

fn person(nationality: &str, minor: bool) -> Person {
    Person {
        nationality: nationality.to_owned(),
        minor,
    }
}

fn labels() -> Labels {
    let mut labels = Labels::default();
    labels.members.insert(1, "Ayşe Demir (Caritas)".to_owned());
    labels
        .members
        .insert(2, "Ökumenischer Beauftragter".to_owned());
    labels.organisations.insert(10, "Caritas".to_owned());
    labels.offices.insert(5, "Landkreis Oder-Spree".to_owned());
    labels
}

fn cases() -> Vec<CaseHistory> {
    let mut family = CaseHistory::received(
        d("02.02.2026"),
        vec![person("SY", false), person("SY", true), person("DE", true)],
        1,
    );
    family.organisation = Some(10);
    family.office = Some(5);
    family.hearings.push(Hearing {
        on: d("01.06.2026"),
        outcome: Outcome::Ersuchen,
    });
    family.decision = Some((MinistryDecision::Anordnung, d("01.09.2026")));
    let mut single = CaseHistory::received(d("03.03.2026"), vec![person("AF", false)], 2);
    single.hearings.push(Hearing {
        on: d("01.06.2026"),
        outcome: Outcome::KeinErsuchen,
    });
    let mut earlier = CaseHistory::received(d("01.10.2025"), vec![person("SY", false)], 2);
    earlier.hearings.push(Hearing {
        on: d("01.06.2026"),
        outcome: Outcome::Vertagt,
    });
    let late = CaseHistory::received(d("01.01.2027"), vec![person("RU", false)], 2);
    vec![family, single, earlier, late]
}

fn the_report(variant: Variant, hide: bool) -> super::super::Report {
    let cases = cases();
    let labels = labels();
    let days = [d("01.06.2026"), d("01.12.2025")];
    report(
        year(2026),
        &Basis {
            cases: &cases,
            labels: &labels,
            session_days: &days,
        },
        variant,
        hide,
    )
}

fn row(report: &super::super::Report, table: &str, label: &str) -> Vec<(u32, bool)> {
    let table = report.cross.iter().find(|t| t.code == table).unwrap();
    table
        .rows
        .iter()
        .find(|r| r.label == label)
        .unwrap_or_else(|| panic!("{label} missing in {:?}", table.rows))
        .cells
        .iter()
        .map(|c| (c.value, c.hidden))
        .collect()
}

fn exact(values: &[u32]) -> Vec<(u32, bool)> {
    values.iter().map(|v| (*v, false)).collect()
}

#[test]
fn the_main_person_decides_the_cases_country_and_every_person_counts_in_the_persons_table() {
    let report = the_report(Variant::Intern, true);
    // Columns: received, deliberated, request, order.
    assert_eq!(row(&report, "herkunft_hauptperson", "Syrien").len(), 4);
    let syria = row(&report, "herkunft_hauptperson", "Syrien");
    // The family (received, heard, request, order) and the earlier case (only postponed:
    // not deliberated, not received in 2026) — which reaches no column and is no row's case.
    assert_eq!(syria, exact(&[1, 1, 1, 1]));
    assert_eq!(
        row(&report, "herkunft_hauptperson", "Afghanistan"),
        exact(&[1, 1, 0, 0])
    );
    assert_eq!(
        row(&report, "herkunft_personen", "Syrien"),
        exact(&[2, 2, 2, 2])
    );
    assert_eq!(
        row(&report, "herkunft_personen", "Deutschland"),
        exact(&[1, 1, 1, 1])
    );
    // A case received after the period is in no table.
    let countries = &report
        .cross
        .iter()
        .find(|t| t.code == "herkunft_hauptperson")
        .unwrap();
    assert!(countries.rows.iter().all(|r| !r.label.contains("Russ")));
    assert_eq!(countries.total, vec![2, 2, 1, 1]);
}

#[test]
fn members_organisations_offices_and_families_are_rows_with_a_row_for_the_unknown() {
    let report = the_report(Variant::Intern, true);
    assert_eq!(
        row(&report, "mitglied", "Ayşe Demir (Caritas)"),
        exact(&[1, 1, 1, 1])
    );
    assert_eq!(
        row(&report, "organisation", "Caritas"),
        exact(&[1, 1, 1, 1])
    );
    assert_eq!(
        row(&report, "organisation", "ohne Angabe"),
        exact(&[1, 1, 0, 0])
    );
    assert_eq!(
        row(&report, "auslaenderbehoerde", "Landkreis Oder-Spree"),
        exact(&[1, 1, 1, 1])
    );
    assert_eq!(row(&report, "familien", "Familien"), exact(&[1, 1, 1, 1]));
    assert_eq!(
        row(&report, "familien", "Einzelpersonen"),
        exact(&[1, 1, 0, 0])
    );
}

#[test]
fn the_published_variant_hides_ones_and_twos_but_not_zeros_or_totals() {
    let published = the_report(Variant::Veroeffentlichung, true);
    assert!(published.small_numbers_hidden);
    assert_eq!(
        row(&published, "herkunft_personen", "Syrien"),
        vec![(0, true); 4]
    );
    assert_eq!(
        row(&published, "herkunft_hauptperson", "Afghanistan"),
        vec![(0, true), (0, true), (0, false), (0, false)]
    );
    let countries = &published
        .cross
        .iter()
        .find(|t| t.code == "herkunft_hauptperson")
        .unwrap();
    assert_eq!(countries.total, vec![2, 2, 1, 1]);
    assert!(published.notes.iter().any(|n| n.contains("„< 3“")));
    // The setting off, or the internal variant: exact.
    for report in [
        the_report(Variant::Veroeffentlichung, false),
        the_report(Variant::Intern, true),
    ] {
        assert!(!report.small_numbers_hidden);
        assert_eq!(
            row(&report, "herkunft_hauptperson", "Afghanistan"),
            exact(&[1, 1, 0, 0])
        );
        assert!(report.notes.iter().all(|n| !n.contains("„< 3“")));
    }
    let mut three = super::super::cross::Cell {
        value: 3,
        hidden: false,
    };
    assert_eq!(three.text(3), "3");
    three.hidden = true;
    assert_eq!(three.text(3), "< 3");
}

#[test]
fn the_series_has_the_years_up_to_the_period_since_the_first_case_with_sessions() {
    let report = the_report(Variant::Intern, true);
    let years: Vec<i32> = report.series.rows.iter().map(|r| r.year).collect();
    assert_eq!(years, vec![2025, 2026]);
    let y2025 = &report.series.rows[0];
    // Received, deliberated, request, order, carried into the next year.
    assert_eq!(
        (y2025.sessions, y2025.cases.clone()),
        (1, vec![1, 0, 0, 0, 1])
    );
    let y2026 = &report.series.rows[1];
    assert_eq!(
        (y2026.sessions, y2026.cases.clone()),
        (1, vec![2, 2, 1, 1, 3])
    );
    assert_eq!(report.stages.sessions_held, 1);
}

#[test]
fn numbers_are_grouped_the_german_way() {
    use super::super::german_number;
    assert_eq!(german_number(0), "0");
    assert_eq!(german_number(999), "999");
    assert_eq!(german_number(1000), "1.000");
    assert_eq!(german_number(1234567), "1.234.567");
}

#[test]
fn hidden_rows_stand_in_german_order_so_their_order_tells_nothing() {
    use super::{Cell, CrossRow, CrossTable};
    let row = |label: &str, value: u32| CrossRow {
        label: label.to_owned(),
        cells: vec![Cell {
            value,
            hidden: false,
        }],
    };
    let mut table = CrossTable {
        code: "t",
        title: "t",
        sheet: "t",
        definition: "",
        unit: "Fälle",
        columns: vec!["Eingänge"],
        // As counted: most first, so the two before the one.
        rows: vec![
            row("Ägypten", 5),
            row("Bosnien", 2),
            row("Albanien", 1),
            row("Chile", 0),
        ],
        total: vec![8],
    };
    table.hide_small_numbers(3);
    let labels: Vec<&str> = table.rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, ["Ägypten", "Albanien", "Bosnien", "Chile"]);
    assert!(table.rows[1].cells[0].hidden && table.rows[2].cells[0].hidden);
}
