//! The figures of *Auswertungen* as files for whoever builds their own tables: JSON (one
//! documented key per figure, README lists them) and CSV (semicolons, UTF-8 with BOM, German
//! number format, as Excel in a German office opens it).

use std::path::Path;

use serde_json::{json, Map, Value};

use crate::domain::statistics::{Period, StageTable};
use crate::store::vault::atomic_file;
use crate::store::CaseFile;
use crate::{Error, Result};

/// The formats a table of figures can be saved in, by the file's ending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    Json,
    Csv,
}

impl TableFormat {
    pub fn of(path: &Path) -> Result<Self> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("json") => Ok(Self::Json),
            Some("csv") => Ok(Self::Csv),
            _ => Err(Error::invalid(
                "Speicherort",
                "Bitte einen Dateinamen mit der Endung .csv oder .json wählen.",
            )),
        }
    }

    fn code(self) -> &'static str {
        match self {
            Self::Json => "json",
            Self::Csv => "csv",
        }
    }
}

/// `{"zeitraum": {…}, "sitzungen": n, "anordnungsquote": x, "zahlen": {"eingang": {"faelle", "personen", "minderjaehrige"}, …}}`.
pub fn to_json(table: &StageTable) -> String {
    let mut figures = Map::new();
    for line in &table.lines {
        figures.insert(
            line.code.to_owned(),
            json!({ "faelle": line.count.cases, "personen": line.count.persons, "minderjaehrige": line.count.minors }),
        );
    }
    let value = json!({
        "zeitraum": { "von": table.period.from, "bis": table.period.to, "bezeichnung": table.period_label },
        "sitzungen": table.sessions_held,
        "anordnungsquote": table.order_rate,
        "zahlen": Value::Object(figures),
    });
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// A number as German spreadsheets read it: decimal comma.
fn german(number: f64) -> String {
    format!("{number:.1}").replace('.', ",")
}

/// The stage table as CSV: a header, one row per figure (code, label, cases, persons, minors,
/// definition), then the sessions and the rate.
pub fn to_csv(table: &StageTable) -> Result<Vec<u8>> {
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(vec![0xEF, 0xBB, 0xBF]);
    let failed = |e: csv::Error| Error::Internal(format!("CSV: {e}"));
    out.write_record([
        "Kennzahl",
        "Bezeichnung",
        "Fälle",
        "Personen",
        "davon minderjährig",
        "Definition",
    ])
    .map_err(failed)?;
    for line in &table.lines {
        let c = line.count;
        out.write_record([
            line.code,
            line.label,
            &c.cases.to_string(),
            &c.persons.to_string(),
            &c.minors.to_string(),
            line.definition,
        ])
        .map_err(failed)?;
    }
    out.write_record([
        "sitzungen",
        "Sitzungen im Zeitraum",
        &table.sessions_held.to_string(),
        "",
        "",
        "Sitzungen, die im Zeitraum stattgefunden haben.",
    ])
    .map_err(failed)?;
    let rate = table.order_rate.map(german).unwrap_or_default();
    out.write_record([
        "anordnungsquote",
        "Anteil der Anordnungen (Prozent)",
        &rate,
        "",
        "",
        "Anordnungen unter allen Entscheidungen des Ministeriums im Zeitraum.",
    ])
    .map_err(failed)?;
    out.into_inner()
        .map_err(|e| Error::Internal(format!("CSV: {e}")))
}

impl CaseFile {
    /// Saves the figures of a period as JSON or CSV (by the ending of `target`), whole or not
    /// at all; the save is recorded first.
    pub fn export_statistics(&mut self, period: Period, target: &Path) -> Result<u32> {
        let format = TableFormat::of(target)?;
        self.check_not_the_case_file(target)?;
        let table = self.statistics(period)?;
        let bytes = match format {
            TableFormat::Json => to_json(&table).into_bytes(),
            TableFormat::Csv => to_csv(&table)?,
        };
        self.record_statistics_export(period, format.code())?;
        atomic_file::write(target, &bytes, "Die Auswertung")?;
        Ok(u32::try_from(bytes.len()).unwrap_or(u32::MAX))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::statistics::{stage_table, CaseHistory};
    use chrono::NaiveDate;

    fn table() -> StageTable {
        let case = CaseHistory {
            received_on: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            persons: 3,
            minors: 2,
            transitions: vec![],
            hearings: vec![],
            decision: None,
            request_sent_on: None,
        };
        stage_table(Period::years(2026, 2026).unwrap(), &[case], 4)
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
        assert_eq!(german(88.88), "88,9");
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
    }
}
