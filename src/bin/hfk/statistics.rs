//! `hfk statistik`: the report of a year (or several) saved as PDF, spreadsheet, CSV or JSON.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use hfk_akte::domain::statistics::{Period, Variant};

pub fn save(
    datei: PathBuf,
    (jahr, bis): (i32, Option<i32>),
    fassung: &str,
    benutzer: &str,
    ausgabe: &Path,
) -> Result<ExitCode, String> {
    let period = Period::years(jahr, bis.unwrap_or(jahr)).map_err(crate::said)?;
    let variant = Variant::parse_code(fassung).map_err(crate::said)?;
    let (_lock, mut file) = crate::unlock(datei, benutzer)?;
    let saved = file
        .export_statistics(period, variant, ausgabe)
        .map_err(crate::said)?;
    let pages = match saved.pages {
        0 => String::new(),
        1 => "1 Seite, ".to_owned(),
        n => format!("{n} Seiten, "),
    };
    println!(
        "Geschrieben: {} (Auswertung {}, {}, {pages}{} Bytes).",
        ausgabe.display(),
        period.label(),
        variant.label(),
        saved.bytes
    );
    Ok(ExitCode::SUCCESS)
}
