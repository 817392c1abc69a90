//! The report of *Auswertungen* as files: the annual report as PDF (`annual_report`), the
//! spreadsheet (`statistics_xlsx`), JSON for scripts (one documented key per figure, README
//! lists them) and CSV (semicolons, UTF-8 with BOM, German number format, as Excel in a German
//! office opens it). The file's ending decides the format.

use std::path::Path;

use chrono::Utc;
use serde_json::{json, Map, Value};

use crate::domain::statistics::{german_decimal, Period, Report, Variant, SMALL_NUMBER_LIMIT};
use crate::report::fonts::Fonts;
use crate::report::layout::Layout;
use crate::report::pdf::{self, Metadata};
use crate::report::{annual_report, exported_by, statistics_xlsx};
use crate::store::vault::atomic_file;
use crate::store::CaseFile;
use crate::{Error, Result};

/// What the save dialog offers, as (name, ending); `TableFormat::of` reads the same endings.
pub const SAVE_FORMATS: &[(&str, &str)] = &[
    ("Jahresbericht (PDF)", "pdf"),
    ("Tabellenkalkulation (Excel)", "xlsx"),
    ("CSV (Semikolon, UTF-8)", "csv"),
    ("JSON (für Skripte)", "json"),
];

/// The formats the report can be saved in, by the file's ending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    Pdf,
    Xlsx,
    Csv,
    Json,
}

impl TableFormat {
    pub fn of(path: &Path) -> Result<Self> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("pdf") => Ok(Self::Pdf),
            Some("xlsx") => Ok(Self::Xlsx),
            Some("csv") => Ok(Self::Csv),
            Some("json") => Ok(Self::Json),
            _ => Err(Error::invalid(
                "Speicherort",
                "Bitte einen Dateinamen mit der Endung .pdf, .xlsx, .csv oder .json wählen.",
            )),
        }
    }

    fn code(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Xlsx => "xlsx",
            Self::Csv => "csv",
            Self::Json => "json",
        }
    }
}

/// A cell for scripts: the number, or "< 3" where the published variant hides it.
fn cell_value(cell: crate::domain::statistics::Cell) -> Value {
    if cell.hidden {
        json!(cell.text(SMALL_NUMBER_LIMIT))
    } else {
        json!(cell.value)
    }
}

/// `{"zeitraum", "fassung", "kleine_zahlen_verdeckt", "sitzungen", "anordnungsquote",
/// "zahlen": {"eingang": {"faelle", "personen", "minderjaehrige"}, …}, "kreuztabellen":
/// {"herkunft_hauptperson": {"titel", "einheit", "spalten", "zeilen": [{"bezeichnung",
/// "werte"}], "summe"}, …}, "zeitreihe": [{"jahr", "sitzungen", "eingang", …}]}`.
pub fn to_json(report: &Report) -> String {
    let table = &report.stages;
    let mut figures = Map::new();
    for line in &table.lines {
        figures.insert(
            line.code.to_owned(),
            json!({ "faelle": line.count.cases, "personen": line.count.persons, "minderjaehrige": line.count.minors }),
        );
    }
    let mut cross = Map::new();
    for t in &report.cross {
        let rows: Vec<Value> = t
            .rows
            .iter()
            .map(|r| json!({ "bezeichnung": r.label, "werte": r.cells.iter().map(|c| cell_value(*c)).collect::<Vec<_>>() }))
            .collect();
        cross.insert(
            t.code.to_owned(),
            json!({ "titel": t.title, "einheit": t.unit, "spalten": crate::domain::statistics::cross_columns(), "zeilen": rows, "summe": t.total }),
        );
    }
    let series: Vec<Value> = report
        .series
        .rows
        .iter()
        .map(|r| {
            let mut row = Map::new();
            row.insert("jahr".into(), json!(r.year));
            row.insert("sitzungen".into(), json!(r.sessions));
            for (code, value) in crate::domain::statistics::series_columns()
                .iter()
                .zip(&r.cases)
            {
                row.insert((*code).to_owned(), json!(value));
            }
            Value::Object(row)
        })
        .collect();
    let value = json!({
        "zeitraum": { "von": table.period.from, "bis": table.period.to, "bezeichnung": table.period_label },
        "fassung": report.variant.code(),
        "kleine_zahlen_verdeckt": report.small_numbers_hidden,
        "sitzungen": table.sessions_held,
        "anordnungsquote": table.order_rate,
        "zahlen": Value::Object(figures),
        "kreuztabellen": Value::Object(cross),
        "zeitreihe": series,
    });
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// The report as CSV: first the stage table (a header, one row per figure: code, label,
/// cases, persons, minors, definition; then the sessions and the rate), then each cross table
/// (a row with its code, title and column titles, one row per trait with an empty first
/// field, and the sum), then the series (a row "zeitreihe", one row per year).
pub fn to_csv(report: &Report) -> Result<Vec<u8>> {
    let table = &report.stages;
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .from_writer(vec![0xEF, 0xBB, 0xBF]);
    let failed = |e: csv::Error| Error::Internal(format!("CSV: {e}"));
    let mut put = |record: Vec<String>| out.write_record(&record).map_err(failed);
    let texts = |items: &[&str]| items.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    put(texts(&[
        "Kennzahl",
        "Bezeichnung",
        "Fälle",
        "Personen",
        "davon minderjährig",
        "Definition",
    ]))?;
    for line in &table.lines {
        let c = line.count;
        put(vec![
            line.code.to_owned(),
            line.label.to_owned(),
            c.cases.to_string(),
            c.persons.to_string(),
            c.minors.to_string(),
            line.definition.to_owned(),
        ])?;
    }
    put(vec![
        "sitzungen".into(),
        "Sitzungen im Zeitraum".into(),
        table.sessions_held.to_string(),
        String::new(),
        String::new(),
        "Sitzungen, die im Zeitraum stattgefunden haben.".into(),
    ])?;
    put(vec![
        "anordnungsquote".into(),
        "Anteil der Anordnungen (Prozent)".into(),
        table.order_rate.map(german_decimal).unwrap_or_default(),
        String::new(),
        String::new(),
        "Anordnungen unter allen Entscheidungen des Ministeriums im Zeitraum.".into(),
    ])?;
    for t in &report.cross {
        let mut head = vec![t.code.to_owned(), t.title.to_owned()];
        head.extend(t.columns.iter().map(|c| (*c).to_owned()));
        put(head)?;
        for r in &t.rows {
            let mut row = vec![String::new(), r.label.clone()];
            row.extend(r.cells.iter().map(|c| {
                if c.hidden {
                    c.text(SMALL_NUMBER_LIMIT)
                } else {
                    c.value.to_string()
                }
            }));
            put(row)?;
        }
        let mut sum = vec![String::new(), format!("Summe ({})", t.unit)];
        sum.extend(t.total.iter().map(u32::to_string));
        put(sum)?;
    }
    let mut head = texts(&["zeitreihe", "Jahr", "Sitzungen"]);
    head.extend(report.series.columns.iter().map(|c| (*c).to_owned()));
    put(head)?;
    for r in &report.series.rows {
        let mut row = vec![String::new(), r.year.to_string(), r.sessions.to_string()];
        row.extend(r.cases.iter().map(u32::to_string));
        put(row)?;
    }

    out.into_inner()
        .map_err(|e| Error::Internal(format!("CSV: {e}")))
}

/// What a saved report wrote.
pub struct Saved {
    pub bytes: u32,
    /// Pages, for the PDF; 0 for the other formats.
    pub pages: u32,
}

impl CaseFile {
    /// Saves the report of a period in a variant, in the format of `target`'s ending, whole or
    /// not at all; the save is recorded first.
    pub fn export_statistics(
        &mut self,
        period: Period,
        variant: Variant,
        target: &Path,
    ) -> Result<Saved> {
        let format = TableFormat::of(target)?;
        self.check_not_the_case_file(target)?;
        let report = self.statistics(period, variant)?;
        let title = annual_report::title(&report);
        let author = self.user().username.clone();
        let mut pages = 0;
        let bytes = match format {
            TableFormat::Json => to_json(&report).into_bytes(),
            TableFormat::Csv => to_csv(&report)?,
            TableFormat::Xlsx => statistics_xlsx::to_xlsx(
                &report,
                &title,
                &author,
                self.clock().now().with_timezone(&Utc),
            )?,
            TableFormat::Pdf => {
                let fonts = Fonts::load()?;
                let mut layout = Layout::new(&fonts);
                let today = self.today().format("%d.%m.%Y").to_string();
                annual_report::lay_out(&mut layout, &report, &self.commission()?, &today);
                let (laid, bookmarks) = layout.finish(
                    &exported_by(&author, self.clock().now()),
                    &self.chain_footer()?,
                );
                pages = u32::try_from(laid.len()).unwrap_or(u32::MAX);
                pdf::write(
                    &fonts,
                    &laid,
                    &bookmarks,
                    &Metadata {
                        title: &title,
                        author: &author,
                        subject: "Härtefallkommission",
                    },
                )?
            }
        };
        self.record_statistics_export(period, variant, format.code())?;
        atomic_file::write(target, &bytes, "Die Auswertung")?;
        Ok(Saved {
            bytes: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
            pages,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::statistics::{report, Basis, CaseHistory, Labels, Person};
    use chrono::NaiveDate;

    fn table() -> Report {
        let person = |minor| Person {
            nationality: "AF".to_owned(),
            minor,
        };
        let case = CaseHistory::received(
            NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            vec![person(false), person(true), person(true)],
            1,
        );
        let labels = Labels::default();
        let days = [NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(); 4];
        report(
            Period::years(2026, 2026).unwrap(),
            &Basis {
                cases: &[case],
                labels: &labels,
                session_days: &days,
            },
            Variant::Veroeffentlichung,
            true,
        )
    }

    #[test]
    fn json_has_one_key_per_figure() {
        let value: Value = serde_json::from_str(&to_json(&table())).unwrap();
        assert_eq!(
            value["zahlen"]["eingang"],
            json!({ "faelle": 1, "personen": 3, "minderjaehrige": 2 })
        );
        assert_eq!(value["sitzungen"], 4);
        assert_eq!(value["zeitraum"]["von"], "2026-01-01");
        assert_eq!(value["anordnungsquote"], Value::Null);
        assert_eq!(
            value["zahlen"].as_object().unwrap().len(),
            crate::domain::statistics::STAGES.len()
        );
    }

    #[test]
    fn csv_is_semicolons_with_a_bom_and_quotes_where_needed() {
        let bytes = to_csv(&table()).unwrap();
        assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert!(
            text.starts_with("Kennzahl;Bezeichnung;Fälle;Personen;davon minderjährig;Definition\n")
        );
        assert!(text.contains("\neingang;Eingänge;1;3;2;"), "{text}");
        assert_eq!(german_decimal(88.88), "88,9");
    }

    #[test]
    fn the_ending_decides_the_format() {
        assert_eq!(
            TableFormat::of(Path::new("a/Jahr.CSV")).unwrap(),
            TableFormat::Csv
        );
        assert_eq!(
            TableFormat::of(Path::new("a/Jahr.json")).unwrap(),
            TableFormat::Json
        );
        assert!(TableFormat::of(Path::new("a/Jahr.txt")).is_err());
        for (_, ending) in SAVE_FORMATS {
            assert!(TableFormat::of(Path::new(&format!("a/Jahr.{ending}"))).is_ok());
        }
    }
}
