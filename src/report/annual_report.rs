//! The annual report (Jahresbericht) of *Auswertungen* as an A4 PDF: a title page, the stage
//! table with its chart, the cross tables, the series over the years with its chart, and the
//! explanations of every figure, all taken from `domain::statistics`.

use crate::domain::commission::Commission;
use crate::domain::statistics::{
    german_decimal, german_number, CrossTable, Report, Variant, SMALL_NUMBER_LIMIT,
};
use crate::report::chart;
use crate::report::fonts::Weight;
use crate::report::layout::{Column, Layout, BODY, INTERNAL};

/// The document's title.
pub fn title(report: &Report) -> String {
    format!(
        "Jahresbericht der Härtefallkommission {}",
        report.stages.period_label
    )
}

/// The footer's first line for the published variant, which leaves the commission.
pub const PUBLISHED: &str = "Fassung zur Veröffentlichung – ohne Angaben zu einzelnen Fällen";

fn title_page(layout: &mut Layout<'_>, report: &Report, commission: &Commission, today: &str) {
    layout.bookmark(&title(report));
    layout.space(120.0);
    layout.paragraph(&commission.name, Weight::Regular, 13.0);
    layout.space(8.0);
    layout.paragraph(
        &format!("Jahresbericht {}", report.stages.period_label),
        Weight::Bold,
        24.0,
    );
    layout.paragraph(
        "Fälle, Personen und Entscheidungen nach § 23a Aufenthaltsgesetz",
        Weight::Regular,
        12.0,
    );
    layout.space(24.0);
    let period = report.stages.period;
    layout.field(
        "Zeitraum",
        &format!(
            "{} bis {}",
            period.from.format("%d.%m.%Y"),
            period.to.format("%d.%m.%Y")
        ),
    );
    layout.field("Fassung", report.variant_label);
    layout.field("Stand", today);
    layout.space(12.0);
    let summary = format!(
        "Eingegangen: {} mit {}. Die Kommission hat in {} {} beraten und in {} ein Härtefallersuchen gestellt.",
        figure(report, "eingang", false, ("Fall", "Fälle")),
        figure(report, "eingang", true, ("Person", "Personen")),
        counted_de(report.stages.sessions_held, "Sitzung", "Sitzungen"),
        figure(report, "beraten", false, ("Fall", "Fälle")),
        figure(report, "ersuchen", false, ("Fall", "Fällen")),
    );
    layout.paragraph(&summary, Weight::Regular, BODY);
    layout.new_page();
}

/// "1 Fall", "1.234 Fälle": a count with its noun in singular or plural.
fn counted_de(n: u32, one: &str, many: &str) -> String {
    format!("{} {}", german_number(n), if n == 1 { one } else { many })
}

fn figure(report: &Report, code: &str, persons: bool, (one, many): (&str, &str)) -> String {
    let count = report.stages.get(code).unwrap_or_default();
    counted_de(if persons { count.persons } else { count.cases }, one, many)
}

fn stage_table(layout: &mut Layout<'_>, report: &Report) {
    let heading = format!(
        "Fälle und Personen nach Stand, {}",
        report.stages.period_label
    );
    layout.bookmark(&heading);
    layout.heading(&heading, 13.0);
    let rows: Vec<Vec<String>> = report
        .stages
        .lines
        .iter()
        .map(|l| {
            vec![
                l.label.to_owned(),
                german_number(l.count.cases),
                german_number(l.count.persons),
                german_number(l.count.minors),
            ]
        })
        .collect();
    layout.table(
        &[
            Column {
                title: "Kennzahl",
                share: 0.55,
            },
            Column {
                title: "Fälle",
                share: 0.15,
            },
            Column {
                title: "Personen",
                share: 0.15,
            },
            Column {
                title: "davon minderjährig",
                share: 0.15,
            },
        ],
        &rows,
    );
    let rate = report
        .stages
        .order_rate
        .map_or("–".to_owned(), |r| format!("{} %", german_decimal(r)));
    layout.field(
        "Sitzungen im Zeitraum",
        &german_number(report.stages.sessions_held),
    );
    layout.field("Anordnungsquote", &rate);
    layout.space(8.0);
    chart::stages(report).draw(layout);
}

/// Room for a heading, its definition, the table's header (whose titles wrap to four lines)
/// and its first rows, so that no header stands alone at the foot of a page.
const TABLE_START: f32 = 150.0;

fn cross_table(layout: &mut Layout<'_>, table: &CrossTable) {
    layout.ensure(TABLE_START);
    layout.bookmark(table.title);
    layout.heading(table.title, 13.0);
    layout.paragraph(table.definition, Weight::Regular, BODY - 1.0);
    layout.space(4.0);
    if table.rows.is_empty() {
        layout.paragraph("Im Zeitraum keine Fälle.", Weight::Regular, BODY);
        return;
    }
    let mut columns = vec![Column {
        title: "Merkmal",
        share: 0.4,
    }];
    columns.extend(
        table
            .columns
            .iter()
            .map(|title| Column { title, share: 0.15 }),
    );
    let mut rows: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![r.label.clone()];
            row.extend(r.cells.iter().map(|c| c.text(SMALL_NUMBER_LIMIT)));
            row
        })
        .collect();
    let mut total = vec![format!("Summe ({})", table.unit)];
    total.extend(table.total.iter().map(|v| german_number(*v)));
    rows.push(total);
    layout.table(&columns, &rows);
}

fn series(layout: &mut Layout<'_>, report: &Report) {
    let heading = "Entwicklung über die Jahre";
    layout.new_page();
    layout.bookmark(heading);
    layout.heading(heading, 13.0);
    layout.paragraph(report.series.definition, Weight::Regular, BODY - 1.0);
    layout.space(4.0);
    let mut columns = vec![
        Column {
            title: "Jahr",
            share: 0.1,
        },
        Column {
            title: "Sitzungen",
            share: 0.12,
        },
    ];
    columns.extend(report.series.columns.iter().map(|title| Column {
        title,
        share: 0.156,
    }));
    let rows: Vec<Vec<String>> = report
        .series
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![r.year.to_string(), german_number(r.sessions)];
            row.extend(r.cases.iter().map(|v| german_number(*v)));
            row
        })
        .collect();
    layout.table(&columns, &rows);
    if let Some(chart) = chart::series(report) {
        chart.draw(layout);
    }
}

fn explanations(layout: &mut Layout<'_>, report: &Report) {
    let heading = "Erläuterungen";
    layout.new_page();
    layout.bookmark(heading);
    layout.heading(heading, 13.0);
    for note in &report.notes {
        layout.paragraph(note, Weight::Regular, BODY);
        layout.space(4.0);
    }
    layout.heading("Was jede Kennzahl zählt", 11.0);
    for line in &report.stages.lines {
        layout.field(line.label, line.definition);
    }
}

/// The whole report; `today` as TT.MM.JJJJ.
pub fn lay_out(layout: &mut Layout<'_>, report: &Report, commission: &Commission, today: &str) {
    match report.variant {
        Variant::Veroeffentlichung => {
            layout.outgoing_letter();
            layout.mark(PUBLISHED);
        }
        Variant::Intern => layout.mark(&format!("Interne Fassung · {INTERNAL}")),
    }
    title_page(layout, report, commission, today);
    stage_table(layout, report);
    layout.new_page();
    for (i, table) in report.cross.iter().enumerate() {
        cross_table(layout, table);
        if i == 0 {
            if let Some(chart) = chart::countries(report) {
                chart.draw(layout);
            }
        }
    }
    series(layout, report);
    explanations(layout, report);
}
