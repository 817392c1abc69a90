//! `hfk uebernahme`: an old list (Excel, OpenDocument, CSV) tried in a dry run or taken over,
//! under a mapping kept as JSON, so that a secretariat can prepare the move with its IT.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use hfk_akte::domain::import::fields::{for_list, suggest, Mapping};
use hfk_akte::domain::import::plan::{DryRun, Verdict};
use hfk_akte::store::import::read_list_file;

use crate::{said, unlock};

pub struct Request {
    pub liste: PathBuf,
    pub zuordnung: Option<PathBuf>,
    pub blatt: Option<String>,
    pub probelauf: bool,
    pub vorschlag: bool,
    pub bericht: Option<PathBuf>,
}

fn read_mapping(path: &Path) -> Result<Mapping, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("Zuordnung: {} ist nicht lesbar ({e}).", path.display()))?;
    serde_json::from_str(&text).map_err(|e| {
        format!(
            "Zuordnung: {} ist keine gültige Zuordnung ({e}).",
            path.display()
        )
    })
}

fn print_run(run: &DryRun) {
    for row in run
        .rows
        .iter()
        .filter(|r| r.verdict != Verdict::Neu || !r.messages.is_empty())
    {
        println!(
            "Zeile {}: {} – {}",
            row.row,
            row.verdict.label(),
            row.messages.join(" ")
        );
    }
    for (what, names) in [
        ("Mitglied", &run.unknown_members),
        ("Ausländerbehörde", &run.unknown_offices),
    ] {
        for unknown in names.iter().filter(|u| !u.resolved) {
            println!(
                "Unbekannt ({what}): „{}“ in {} Zeile(n); in der Zuordnung unter „{}“ angeben.",
                unknown.name,
                unknown.rows.len(),
                if what == "Mitglied" {
                    "mitglieder"
                } else {
                    "behoerden"
                }
            );
        }
    }
    if let Some(reason) = &run.blocked_by {
        println!("{reason}");
    }
    println!(
        "{} Zeilen: {} anzulegen, {} unklar, {} abgelehnt, {} als wahrscheinlich doppelt ausgelassen.",
        run.total, run.created, run.unclear, run.refused, run.duplicates
    );
}

pub fn run(datei: PathBuf, request: Request, benutzer: &str) -> Result<ExitCode, String> {
    // The sheet as --blatt says, else as the mapping file says.
    let given = request.zuordnung.as_deref().map(read_mapping).transpose()?;
    let sheet = request
        .blatt
        .clone()
        .or_else(|| given.as_ref().and_then(|m| m.blatt.clone()));
    let list = read_list_file(&request.liste, sheet.as_deref()).map_err(said)?;
    if !list.table.sheets.is_empty() {
        println!(
            "Blatt „{}“ (vorhanden: {}).",
            list.table.sheet.clone().unwrap_or_default(),
            list.table.sheets.join(", ")
        );
    }
    if let Some(encoding) = &list.table.encoding {
        println!("Zeichenkodierung: {encoding}.");
    }
    if request.vorschlag {
        let mut mapping = suggest(&list.table.headings);
        mapping.blatt = list.table.sheet.clone();
        println!(
            "{}",
            serde_json::to_string_pretty(&mapping).map_err(|e| e.to_string())?
        );
        return Ok(ExitCode::SUCCESS);
    }
    let (_lock, mut file) = unlock(datei, benutzer)?;
    let mapping = match given {
        Some(mapping) => mapping,
        None => for_list(file.import_mapping().map_err(said)?, &list.table.headings),
    };
    if let Some(target) = &request.bericht {
        file.export_import_report(&list, &mapping, target)
            .map_err(said)?;
        println!("Bericht des Probelaufs gespeichert: {}", target.display());
    }
    let dry = file.import_dry_run(&list, &mapping).map_err(said)?;
    print_run(&dry);
    let open_names =
        |names: &[hfk_akte::domain::import::plan::UnknownName]| names.iter().any(|u| !u.resolved);
    if open_names(&dry.unknown_members) || open_names(&dry.unknown_offices) {
        let (members, offices) = file.import_parties().map_err(said)?;
        for (what, list) in [("Mitglieder", members), ("Ausländerbehörden", offices)] {
            let numbered: Vec<String> = list
                .iter()
                .map(|(id, name)| format!("{id} = {name}"))
                .collect();
            println!("{what} der Akte (für „vorhanden“): {}", numbered.join("; "));
        }
    }
    if request.probelauf {
        return Ok(if dry.ready {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(3)
        });
    }
    let done = file.apply_import(&list, &mapping).map_err(said)?;
    println!(
        "Übernommen: {} Fälle ({} bis {}), {} Mitglieder und {} Ausländerbehörden neu angelegt.",
        done.cases,
        done.first_number.unwrap_or_default(),
        done.last_number.unwrap_or_default(),
        done.members_created,
        done.offices_created
    );
    Ok(ExitCode::SUCCESS)
}
