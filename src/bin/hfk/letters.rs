//! Letters from the command line: `schreiben` writes a case letter in its template's wording,
//! keeps it in the file and saves it as PDF; `anschrift` records where letters go.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use hfk_akte::domain::choice::Labelled;
use hfk_akte::domain::letter_kind::{Addressee, LetterKind};
use hfk_akte::report::letters::invitations::InvitationRequest;
use hfk_akte::report::letters::LetterChoice;

use crate::args::Sealing;
use crate::documents::{report, target};
use crate::{said, unlock};

/// A code as typed: case and hyphens do not matter ("Anforderung-Stellungnahme").
fn code<T: Labelled>(field: &str, typed: &str) -> Result<T, String> {
    T::parse_code(field, &typed.trim().to_lowercase().replace('-', "_")).map_err(said)
}

pub fn write(
    datei: PathBuf,
    aktenzeichen: &str,
    (art, an, frist): (&str, Option<&str>, &str),
    ziel: &Path,
    sealing: Sealing,
    benutzer: &str,
) -> Result<ExitCode, String> {
    let kind: LetterKind = code("Art des Schreibens", art)?;
    let addressee = match an {
        Some(typed) => code::<Addressee>("Empfänger", typed)?,
        None => kind.addressees()[0],
    };
    let choice = LetterChoice {
        kind,
        addressee,
        reply_by: frist.to_owned(),
    };
    if !ziel
        .parent()
        .is_some_and(|p| p.as_os_str().is_empty() || p.is_dir())
    {
        return Err(format!(
            "Speicherort: Den Ordner von {} gibt es nicht.",
            ziel.display()
        ));
    }
    let (_lock, mut file) = unlock(datei, benutzer)?;
    // The file goes where it can: checked before the letter is kept in the case file, by
    // the same rule as every export.
    file.check_export_target(ziel).map_err(said)?;
    let case = file.find_case(aktenzeichen).map_err(said)?;
    let sheet = file.compose_case_letter(case, &choice).map_err(said)?;
    let kept = file
        .write_case_letter(case, &choice, &sheet)
        .map_err(said)?;
    println!(
        "{} an {} vom {} in der Akte abgelegt.",
        kept.kind_label,
        kept.recipient,
        kept.written_on.format("%d.%m.%Y")
    );
    let written = file
        .save_letter_copy(kept.id, target(ziel, sealing))
        .map_err(said)?;
    report(&written);
    Ok(ExitCode::SUCCESS)
}

pub fn set_address(
    datei: PathBuf,
    von: &str,
    wer: &str,
    anschrift: &str,
    benutzer: &str,
) -> Result<ExitCode, String> {
    let (_lock, mut file) = unlock(datei, benutzer)?;
    let address = anschrift.replace("\\n", "\n");
    let wanted = wer.trim().to_lowercase();
    match von.trim().to_lowercase().as_str() {
        "mitglied" => {
            let register = file.member_register().map_err(said)?;
            let named: Vec<_> = register
                .members
                .iter()
                .filter(|m| m.name.to_lowercase() == wanted)
                .collect();
            let [member] = named.as_slice() else {
                return Err(format!(
                    "Ein Mitglied „{}“ gibt es im Mitgliederverzeichnis nicht genau einmal.",
                    wer.trim()
                ));
            };
            file.set_member_address(member.id, &address).map_err(said)?;
        }
        "auslaenderbehoerde" | "ausländerbehörde" => {
            let offices = file.offices().map_err(said)?;
            let office = offices
                .iter()
                .find(|o| o.name.to_lowercase() == wanted)
                .ok_or_else(|| {
                    format!(
                        "Die Ausländerbehörde „{}“ steht nicht in der Liste.",
                        wer.trim()
                    )
                })?;
            file.set_office_address(office.id, &address).map_err(said)?;
        }
        "beistand" => {
            let case = file.find_case(wer).map_err(said)?;
            file.set_counsel_address(case, &address).map_err(said)?;
        }
        other => {
            return Err(format!(
                "„{other}“: bitte mitglied, auslaenderbehoerde oder beistand angeben."
            ))
        }
    }
    println!("Anschrift gespeichert.");
    Ok(ExitCode::SUCCESS)
}

pub fn invite(
    datei: PathBuf,
    sitzung: &str,
    ordner: &Path,
    request: &InvitationRequest,
    benutzer: &str,
) -> Result<ExitCode, String> {
    let (_lock, mut file) = unlock(datei, benutzer)?;
    let session = file.find_session(sitzung).map_err(said)?;
    let made = file
        .write_invitations(session, request, ordner, |done, total| {
            eprintln!("Einladung {done} von {total} gesetzt.");
        })
        .map_err(said)?;
    for name in &made.files {
        println!("{}", ordner.join(name).display());
    }
    println!("{} Einladungen in der Akte abgelegt.", made.letters);
    Ok(ExitCode::SUCCESS)
}
