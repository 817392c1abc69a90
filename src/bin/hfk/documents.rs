//! The document commands (fallübersicht, ersuchen, sitzungsmappe, niederschrift): one document
//! of a case or a session written to a PDF file.

use std::path::PathBuf;
use std::process::ExitCode;

use hfk_akte::report::Exported;
use hfk_akte::store::CaseFile;

type Export = fn(&mut CaseFile, u32, &std::path::Path) -> hfk_akte::Result<Exported>;

/// Writes one document of a case ("HFK-2026-001") to `ziel`.
pub fn case_document(
    datei: PathBuf,
    aktenzeichen: &str,
    ziel: &std::path::Path,
    benutzer: &str,
    export: Export,
) -> Result<ExitCode, String> {
    let (_lock, mut file) = crate::unlock(datei, benutzer)?;
    let id = file.find_case(aktenzeichen).map_err(crate::said)?;
    let written = export(&mut file, id, ziel).map_err(crate::said)?;
    println!("Geschrieben: {} ({} Seiten).", written.path, written.pages);
    Ok(ExitCode::SUCCESS)
}

/// Writes one document of a session ("3/2026") to `ziel`.
pub fn session_document(
    datei: PathBuf,
    sitzung: &str,
    ziel: &std::path::Path,
    benutzer: &str,
    export: Export,
) -> Result<ExitCode, String> {
    let (_lock, mut file) = crate::unlock(datei, benutzer)?;
    let id = file.find_session(sitzung).map_err(crate::said)?;
    let written = export(&mut file, id, ziel).map_err(crate::said)?;
    println!("Geschrieben: {} ({} Seiten).", written.path, written.pages);
    Ok(ExitCode::SUCCESS)
}
