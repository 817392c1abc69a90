//! The members' copies from the command line: `exemplare` writes each member's sealed copy
//! of a session's binder into a folder, `exemplar-passwort` sets a member's password.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use hfk_akte::report::sealed_pdf::handover_password;
use hfk_akte::store::CaseFile;

use crate::{said, unlock};

/// The member named `name` in the register (ignoring case); two of that name are refused,
/// a member in office today is preferred to a former one.
fn member_id(file: &CaseFile, name: &str) -> Result<u32, String> {
    let register = file.member_register().map_err(said)?;
    let wanted = name.trim().to_lowercase();
    let named: Vec<_> = register
        .members
        .iter()
        .filter(|m| m.name.to_lowercase() == wanted)
        .collect();
    let in_office: Vec<_> = named.iter().copied().filter(|m| m.in_term_today).collect();
    match (named.as_slice(), in_office.as_slice()) {
        ([], _) => Err(format!(
            "Ein Mitglied „{}“ gibt es im Mitgliederverzeichnis nicht.",
            name.trim()
        )),
        ([one], _) | (_, [one]) => Ok(one.id),
        _ => Err(format!(
            "„{}“ steht mehrmals im Mitgliederverzeichnis; bitte im Fenster wählen.",
            name.trim()
        )),
    }
}

pub fn make(
    datei: PathBuf,
    sitzung: &str,
    ordner: &Path,
    mitglieder: &[String],
    benutzer: &str,
) -> Result<ExitCode, String> {
    let (_lock, mut file) = unlock(datei, benutzer)?;
    let session = file.find_session(sitzung).map_err(said)?;
    // Without names: every member entitled to the papers whose password is set.
    let ids = if mitglieder.is_empty() {
        let copies = file.member_copies(session).map_err(said)?;
        let (ready, without): (Vec<_>, Vec<_>) = copies
            .recipients
            .iter()
            .partition(|r| r.password_set_on.is_some());
        for r in without {
            eprintln!(
                "Kein Exemplar für {}: kein Passwort festgelegt (hfk exemplar-passwort).",
                r.name
            );
        }
        ready.iter().map(|r| r.member_id).collect()
    } else {
        mitglieder
            .iter()
            .map(|name| member_id(&file, name))
            .collect::<Result<Vec<u32>, String>>()?
    };
    let made = file
        .make_member_copies(session, &ids, ordner, |done, total| {
            if done > 0 {
                eprintln!("Exemplar {done} von {total} geschrieben.");
            }
        })
        .map_err(said)?;
    for copy in &made {
        let note = match copy.left_out.as_slice() {
            [] => String::new(),
            left_out => format!("; ohne {}", left_out.join(", ")),
        };
        println!(
            "{}: {} ({} Seiten{note})",
            copy.member_name, copy.path, copy.pages
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn set_password(
    datei: PathBuf,
    mitglied: &str,
    blatt: Option<&Path>,
    benutzer: &str,
) -> Result<ExitCode, String> {
    // The sheet's ending first: a refused sheet after the password was set would lose it.
    if let Some(sheet) = blatt {
        let is_pdf = sheet
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
        if !is_pdf {
            return Err(format!(
                "Das Übergabeblatt ist ein PDF: bitte einen Namen auf .pdf angeben, nicht {}.",
                sheet.display()
            ));
        }
    }
    let (_lock, mut file) = unlock(datei, benutzer)?;
    let id = member_id(&file, mitglied)?;
    let password = handover_password();
    file.set_copy_password(id, &password).map_err(said)?;
    println!("Passwort für die Exemplare von {mitglied} (nur jetzt sichtbar): {password}");
    if let Some(sheet) = blatt {
        let written = file
            .export_handover_sheet(id, &password, sheet)
            .map_err(said)?;
        println!("Übergabeblatt: {}", written.path);
    }
    Ok(ExitCode::SUCCESS)
}
