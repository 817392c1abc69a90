//! `hfk statistik`: the report of a year (or several) saved as PDF, spreadsheet, CSV or JSON.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use hfk_akte::domain::statistics::{PeriodChoice, Variant};

pub fn save(
    datei: PathBuf,
    (jahr, bis, zeitraum): (Option<i32>, Option<i32>, Option<String>),
    fassung: &str,
    benutzer: &str,
    ausgabe: &Path,
) -> Result<ExitCode, String> {
    let choice = match zeitraum {
        Some(days) => {
            let (from, to) = days
                .split_once('-')
                .ok_or("Bitte den Zeitraum als TT.MM.JJJJ-TT.MM.JJJJ angeben.")?;
            PeriodChoice::Days {
                from: from.trim().to_owned(),
                to: to.trim().to_owned(),
            }
        }
        None => PeriodChoice::Years {
            first: jahr,
            last: bis.or(jahr),
        },
    };
    let variant = Variant::parse_code(fassung).map_err(crate::said)?;
    let (_lock, mut file) = crate::unlock(datei, benutzer)?;
    let period = choice.period(file.today()).map_err(crate::said)?;
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
