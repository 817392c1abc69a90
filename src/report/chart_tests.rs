use super::*;
use crate::domain::statistics::{report, Basis, CaseHistory, Labels, Period, Person, Variant};
use chrono::NaiveDate;

fn sample(variant: Variant) -> Report {
    let day = |m| NaiveDate::from_ymd_opt(2026, m, 1).unwrap();
    let person = |nationality: &str| Person {
        nationality: nationality.to_owned(),
        minor: false,
    };
    let mut cases: Vec<CaseHistory> = (0..7)
        .map(|_| CaseHistory::received(day(2), vec![person("SY")], 1))
        .collect();
    cases.push(CaseHistory::received(day(3), vec![person("AF")], 1));
    let labels = Labels::default();
    report(
        Period::years(2026, 2026).unwrap(),
        &Basis {
            cases: &cases,
            labels: &labels,
            session_days: &[],
        },
        variant,
        true,
    )
}

fn labels(chart: &Chart) -> Vec<String> {
    chart
        .marks
        .iter()
        .filter_map(|m| match m {
            Mark::Label { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

fn bars(chart: &Chart) -> usize {
    chart
        .marks
        .iter()
        .filter(|m| matches!(m, Mark::Bar { .. }))
        .count()
}

#[test]
fn the_stage_chart_has_a_bar_for_every_stage_with_cases_and_a_number_for_every_stage() {
    let chart = stages(&sample(Variant::Intern));
    let bars = bars(&chart);
    // Received (8) and carried into the next year (8) have cases; the others none.
    assert_eq!(bars, 2);
    let texts = labels(&chart);
    assert!(texts.contains(&"Eingänge".to_owned()));
    assert_eq!(texts.iter().filter(|t| *t == "8").count(), 2);
    assert_eq!(texts.iter().filter(|t| *t == "0").count(), STAGE_COUNT - 2);
}

const STAGE_COUNT: usize = crate::domain::statistics::STAGES.len();

#[test]
fn the_countries_chart_shows_a_hidden_small_number_as_less_than_three_without_a_bar() {
    let chart = countries(&sample(Variant::Veroeffentlichung)).unwrap();
    let texts = labels(&chart);
    assert!(texts.contains(&"Syrien".to_owned()), "{texts:?}");
    assert!(texts.contains(&"7".to_owned()));
    assert!(texts.contains(&"< 3".to_owned()));
    assert_eq!(bars(&chart), 1);
    let internal = countries(&sample(Variant::Intern)).unwrap();
    assert!(labels(&internal).contains(&"1".to_owned()));
}

#[test]
fn the_svg_escapes_text_names_itself_and_draws_every_mark() {
    let mut chart = stages(&sample(Variant::Intern));
    chart.title = "A & B <C>".to_owned();
    let svg = chart.to_svg();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains("<title>A &amp; B &lt;C&gt;</title>"));
    assert_eq!(svg.matches("<rect").count(), 2);
    assert_eq!(svg.matches("<text").count(), 2 * STAGE_COUNT);
    assert!(svg.ends_with("</svg>"));
}

#[test]
fn the_series_chart_has_a_bar_per_year_and_figure_and_the_years_below() {
    let report = sample(Variant::Intern);
    let chart = series(&report).unwrap();
    let texts = labels(&chart);
    assert!(texts.contains(&"2026".to_owned()));
    assert!(texts.contains(&"Eingänge".to_owned()));
    // Three legend boxes and three bars for the one year.
    assert_eq!(bars(&chart), 6);
}
