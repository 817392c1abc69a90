use chrono::NaiveDate;

use super::super::{stage_table, CaseHistory, Hearing, Period, Person};
use crate::domain::voting::{MinistryDecision, Outcome};
use crate::domain::workflow::CaseStatus::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%d.%m.%Y").unwrap()
}

fn year(y: i32) -> Period {
    Period::years(y, y).unwrap()
}

/// A case received on `received` with one adult and `minors` children.
fn case(received: &str, minors: u32) -> CaseHistory {
    let person = |minor| Person {
        nationality: "SY".to_owned(),
        minor,
    };
    let mut people = vec![person(false)];
    people.extend((0..minors).map(|_| person(true)));
    CaseHistory::received(d(received), people, 1)
}

fn moved(mut c: CaseHistory, steps: &[(crate::domain::workflow::CaseStatus, &str)]) -> CaseHistory {
    c.transitions
        .extend(steps.iter().map(|(s, on)| (*s, d(on))));
    c
}

fn heard(mut c: CaseHistory, on: &str, outcome: Outcome) -> CaseHistory {
    c.hearings.push(Hearing { on: d(on), outcome });
    c
}

fn cases_in(table: &super::super::StageTable, code: &str) -> u32 {
    table.get(code).unwrap().cases
}

#[test]
fn received_counts_by_the_day_received_with_persons_and_minors() {
    let cases = [
        case("31.12.2025", 0),
        case("01.01.2026", 2),
        case("31.12.2026", 1),
        case("01.01.2027", 0),
    ];
    let table = stage_table(year(2026), &cases, 0);
    let received = table.get("eingang").unwrap();
    assert_eq!(
        (received.cases, received.persons, received.minors),
        (2, 5, 3)
    );
    assert_eq!(cases_in(&table, "uebertrag"), 1);
    assert_eq!(
        cases_in(&table, "uebertrag_folgezeitraum"),
        3,
        "the case of 2027 is not yet there"
    );
}

#[test]
fn a_case_ended_before_the_year_is_not_carried_over() {
    let ended = moved(
        case("10.03.2025", 0),
        &[(Vorpruefung, "11.03.2025"), (NichtAngenommen, "30.12.2025")],
    );
    let ended_on_new_years_day = moved(case("10.03.2025", 0), &[(Zurueckgenommen, "01.01.2026")]);
    let table = stage_table(year(2026), &[ended, ended_on_new_years_day], 0);
    assert_eq!(cases_in(&table, "uebertrag"), 1);
    assert_eq!(cases_in(&table, "zurueckgenommen"), 1);
    assert_eq!(
        cases_in(&table, "nicht_angenommen"),
        0,
        "not admitted in 2025, not in 2026"
    );
    assert_eq!(cases_in(&table, "erledigt"), 1);
}

#[test]
fn a_case_deliberated_twice_counts_once_in_each_year_it_was_decided_on() {
    let c = heard(
        heard(
            heard(case("01.02.2025", 0), "10.06.2025", Outcome::Vertagt),
            "10.09.2025",
            Outcome::KeinErsuchen,
        ),
        "15.01.2026",
        Outcome::Ersuchen,
    );
    let in_2025 = stage_table(year(2025), std::slice::from_ref(&c), 0);
    assert_eq!(cases_in(&in_2025, "beraten"), 1);
    assert_eq!(cases_in(&in_2025, "vertagt"), 1);
    assert_eq!(cases_in(&in_2025, "kein_ersuchen"), 1);
    let in_2026 = stage_table(year(2026), std::slice::from_ref(&c), 0);
    assert_eq!(cases_in(&in_2026, "beraten"), 1);
    assert_eq!(cases_in(&in_2026, "ersuchen"), 1);
    let both = stage_table(Period::years(2025, 2026).unwrap(), &[c], 0);
    assert_eq!(
        cases_in(&both, "beraten"),
        1,
        "once per period, however often heard"
    );
}

#[test]
fn a_postponed_case_is_not_deliberated_and_is_carried_over() {
    let c = heard(
        moved(
            case("01.02.2026", 1),
            &[
                (Vorpruefung, "02.02.2026"),
                (Angenommen, "01.03.2026"),
                (Terminiert, "01.04.2026"),
                (Angenommen, "20.04.2026"),
            ],
        ),
        "20.04.2026",
        Outcome::Vertagt,
    );
    let table = stage_table(year(2026), &[c], 0);
    assert_eq!(cases_in(&table, "beraten"), 0);
    assert_eq!(cases_in(&table, "vertagt"), 1);
    assert_eq!(table.get("uebertrag_folgezeitraum").unwrap().persons, 2);
}

#[test]
fn the_ministry_open_at_the_end_of_the_period_and_decided_later() {
    let mut c = heard(
        moved(
            case("01.02.2026", 0),
            &[(Beraten, "10.10.2026"), (BeimMinisterium, "20.10.2026")],
        ),
        "10.10.2026",
        Outcome::Ersuchen,
    );
    c.request_sent_on = Some(d("20.10.2026"));
    c.decision = Some((MinistryDecision::Anordnung, d("15.01.2027")));
    c.transitions.push((Abgeschlossen, d("15.01.2027")));
    let in_2026 = stage_table(year(2026), std::slice::from_ref(&c), 0);
    assert_eq!(cases_in(&in_2026, "ministerium_offen"), 1);
    assert_eq!(cases_in(&in_2026, "anordnung"), 0);
    assert_eq!(in_2026.order_rate, None);
    let in_2027 = stage_table(year(2027), &[c], 0);
    assert_eq!(cases_in(&in_2027, "ministerium_offen"), 0);
    assert_eq!(cases_in(&in_2027, "anordnung"), 1);
    assert_eq!(cases_in(&in_2027, "erledigt"), 1);
    assert_eq!(in_2027.order_rate, Some(100.0));
}

#[test]
fn the_order_rate_is_orders_among_decisions_to_one_decimal() {
    let decided = |decision| CaseHistory {
        decision: Some((decision, d("01.06.2026"))),
        ..case("01.01.2026", 0)
    };
    let mut cases = vec![decided(MinistryDecision::Ablehnung)];
    cases.extend((0..8).map(|_| decided(MinistryDecision::Anordnung)));
    let table = stage_table(year(2026), &cases, 12);
    assert_eq!(table.order_rate, Some(88.9));
    assert_eq!(table.sessions_held, 12);
}

#[test]
fn carried_over_plus_received_is_finished_plus_carried_into_the_next_period() {
    let cases = vec![
        case("01.05.2025", 0),
        moved(case("01.05.2025", 1), &[(Zurueckgenommen, "01.02.2026")]),
        moved(
            case("01.01.2025", 0),
            &[(AnderweitigErledigt, "01.02.2025")],
        ),
        moved(
            case("03.03.2026", 2),
            &[(Vorpruefung, "04.03.2026"), (NichtAngenommen, "05.04.2026")],
        ),
        moved(case("03.03.2026", 0), &[(Abgeschlossen, "05.01.2027")]),
        // Withdrawn, reopened by the Verwaltung a year later, withdrawn again.
        moved(
            case("01.02.2025", 1),
            &[
                (Zurueckgenommen, "01.03.2025"),
                (Angenommen, "10.02.2026"),
                (Zurueckgenommen, "20.11.2026"),
            ],
        ),
        // Closed, reopened, still open.
        moved(
            case("01.02.2024", 0),
            &[(NichtAngenommen, "01.03.2024"), (Vorpruefung, "10.06.2026")],
        ),
        case("01.12.2026", 3),
        case("02.01.2027", 0),
    ];
    for period in [
        year(2025),
        year(2026),
        year(2027),
        Period::years(2025, 2027).unwrap(),
    ] {
        let table = stage_table(period, &cases, 0);
        let [before, received, reopened, finished, after] = [
            "uebertrag",
            "eingang",
            "wiederaufgenommen",
            "erledigt",
            "uebertrag_folgezeitraum",
        ]
        .map(|code| table.get(code).unwrap());
        assert_eq!(
            before.cases + received.cases + reopened.cases,
            finished.cases + after.cases,
            "{}",
            table.period_label
        );
        assert_eq!(
            before.persons + received.persons + reopened.persons,
            finished.persons + after.persons,
            "{}",
            table.period_label
        );
    }
}

#[test]
fn a_reopened_case_is_open_again_from_the_day_it_was_reopened() {
    let c = moved(
        case("01.02.2024", 2),
        &[
            (Vorpruefung, "02.02.2024"),
            (NichtAngenommen, "01.03.2024"),
            (Vorpruefung, "10.06.2026"),
        ],
    );
    let in_2025 = stage_table(year(2025), std::slice::from_ref(&c), 0);
    assert_eq!(
        cases_in(&in_2025, "uebertrag") + cases_in(&in_2025, "uebertrag_folgezeitraum"),
        0,
        "closed all of 2025"
    );
    let in_2026 = stage_table(year(2026), std::slice::from_ref(&c), 0);
    assert_eq!(cases_in(&in_2026, "uebertrag"), 0);
    assert_eq!(in_2026.get("wiederaufgenommen").unwrap().persons, 3);
    assert_eq!(cases_in(&in_2026, "erledigt"), 0);
    assert_eq!(cases_in(&in_2026, "uebertrag_folgezeitraum"), 1);
    let in_2024 = stage_table(year(2024), &[c], 0);
    assert_eq!(cases_in(&in_2024, "nicht_angenommen"), 1);
    assert_eq!(cases_in(&in_2024, "erledigt"), 1);
}

#[test]
fn periods_are_checked_and_named() {
    assert_eq!(year(2026).label(), "2026");
    assert_eq!(Period::years(2024, 2026).unwrap().label(), "2024–2026");
    let custom = Period {
        from: d("01.03.2026"),
        to: d("30.06.2026"),
    };
    assert_eq!(custom.label(), "01.03.2026–30.06.2026");
    assert!(Period::years(2026, 2025).is_err());
    assert!(Period::years(1999, 2026).is_err());
    assert_eq!(
        Period::chosen(None, None, d("03.12.2026")).unwrap(),
        year(2026)
    );
    assert_eq!(
        Period::chosen(Some(2024), None, d("03.12.2026")).unwrap(),
        year(2024)
    );
}

#[test]
fn every_figure_has_a_unique_code_a_label_and_a_definition() {
    let mut codes: Vec<&str> = super::STAGES.iter().map(|s| s.code).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), super::STAGES.len());
    assert!(super::STAGES
        .iter()
        .all(|s| !s.label.is_empty() && s.definition.ends_with('.')));
}

#[test]
fn any_days_make_a_period_and_typed_days_are_checked() {
    use super::super::PeriodChoice;
    let spring = PeriodChoice::Days {
        from: "01.03.2026".into(),
        to: "30.06.2026".into(),
    };
    let period = spring.period(d("10.12.2026")).unwrap();
    assert_eq!(period.label(), "01.03.2026–30.06.2026");
    let table = stage_table(
        period,
        &[
            case("28.02.2026", 0),
            case("01.03.2026", 1),
            case("01.07.2026", 0),
        ],
        0,
    );
    assert_eq!(cases_in(&table, "eingang"), 1);
    assert_eq!(cases_in(&table, "uebertrag"), 1);
    let field = |choice: PeriodChoice| match choice.period(d("10.12.2026")).unwrap_err() {
        crate::Error::InvalidInput { field, .. } => field,
        other => panic!("{other:?}"),
    };
    let days = |from: &str, to: &str| PeriodChoice::Days {
        from: from.into(),
        to: to.into(),
    };
    assert_eq!(field(days("31.02.2026", "30.06.2026")), "Von");
    assert_eq!(field(days("01.07.2026", "30.06.2026")), "Bis");
    assert_eq!(field(days("01.01.1999", "30.06.2026")), "Von");
    let this_year = PeriodChoice::Years {
        first: None,
        last: None,
    };
    assert_eq!(this_year.period(d("10.12.2026")).unwrap(), year(2026));
}
