//! `hfk statistik`: the figures of a year (or several) saved as JSON or CSV.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use hfk_akte::domain::statistics::Period;

pub fn save(
    datei: PathBuf,
    jahr: i32,
    bis: Option<i32>,
    benutzer: &str,
    ausgabe: &Path,
) -> Result<ExitCode, String> {
    let period = Period::years(jahr, bis.unwrap_or(jahr)).map_err(crate::said)?;
    let (_lock, mut file) = crate::unlock(datei, benutzer)?;
    let bytes = file
        .export_statistics(period, ausgabe)
        .map_err(crate::said)?;
    println!(
        "Geschrieben: {} (Auswertung {}, {bytes} Bytes).",
        ausgabe.display(),
        period.label()
    );
    Ok(ExitCode::SUCCESS)
}
