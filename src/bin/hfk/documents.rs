//! The document commands (fallübersicht, tagesordnung, ersuchen, sitzungsmappe,
//! niederschrift): one document of a case or a session written to a PDF file, sealed under a
//! one-off password on request.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use hfk_akte::report::{ExportTarget, Exported};
use hfk_akte::store::CaseFile;

use crate::args::Sealing;

pub type Export = fn(&mut CaseFile, u32, ExportTarget<'_>) -> hfk_akte::Result<Exported>;

/// Whether the case or the session is meant.
pub enum Of<'a> {
    Case(&'a str),
    Session(&'a str),
}

/// Where the document goes, sealed or not.
pub fn target(path: &Path, sealing: Sealing) -> ExportTarget<'_> {
    ExportTarget {
        path,
        sealed: sealing.verschluesselt,
    }
}

/// Says what was written, and the one-off password of a sealed document (once).
pub fn report(written: &Exported) {
    println!("Geschrieben: {} ({} Seiten).", written.path, written.pages);
    if let Some(password) = &written.one_off_password {
        println!(
            "Einmalpasswort (nur jetzt sichtbar, getrennt von der Datei weitergeben): {password}"
        );
    }
}

/// Writes one document of a case ("HFK-2026-001") or a session ("3/2026") to `ziel`.
pub fn document(
    datei: PathBuf,
    of: Of<'_>,
    ziel: &Path,
    sealing: Sealing,
    benutzer: &str,
    export: Export,
) -> Result<ExitCode, String> {
    let (_lock, mut file) = crate::unlock(datei, benutzer)?;
    let id = match of {
        Of::Case(number) => file.find_case(number),
        Of::Session(number) => file.find_session(number),
    }
    .map_err(crate::said)?;
    let written = export(&mut file, id, target(ziel, sealing)).map_err(crate::said)?;
    report(&written);
    Ok(ExitCode::SUCCESS)
}
