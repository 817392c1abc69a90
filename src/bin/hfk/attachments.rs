//! Anlagen from the command line: `anlage-hinzufuegen` adds a document to a case (for
//! imports and scripts), `anlagen` lists a case's documents, `anlage-speichern` saves a copy.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use hfk_akte::domain::attachment::{size_text, AttachmentDraft};
use hfk_akte::store::attachments::changes::ChosenFile;
use hfk_akte::store::attachments::AttachmentRecord;

use crate::{said, unlock};

/// What `anlage-hinzufuegen` is told about the document.
pub struct Described {
    pub art: String,
    pub titel: String,
    pub eingang: String,
    pub sitzung: bool,
}

pub fn add(
    datei: PathBuf,
    aktenzeichen: &str,
    dokument: &Path,
    described: Described,
    benutzer: &str,
) -> Result<ExitCode, String> {
    let kind = described.art.trim().to_lowercase().replace('-', "_");
    let (_lock, mut file) = unlock(datei, benutzer)?;
    let received_on = if described.eingang.trim().is_empty() {
        file.today().format("%d.%m.%Y").to_string()
    } else {
        described.eingang
    };
    let chosen = ChosenFile::read(dokument).map_err(said)?;
    let case = file.find_case(aktenzeichen).map_err(said)?;
    let draft = AttachmentDraft {
        kind,
        title: described.titel,
        received_on,
        person_id: None,
        for_session: described.sitzung,
        ground_ids: Vec::new(),
    };
    let added = file.add_attachment(case, &chosen, &draft).map_err(said)?;
    println!(
        "Anlage {} „{}“ ({}, {}, {}) zu {aktenzeichen} hinzugefügt. SHA-256 {}",
        added.id,
        added.title,
        added.kind_label,
        added.media_label,
        size_text(u64::from(added.bytes)),
        added.sha256
    );
    Ok(ExitCode::SUCCESS)
}

fn line(a: &AttachmentRecord) -> String {
    let state = match (&a.removal, a.replaced_by) {
        (Some(r), _) => format!(
            "entfernt am {} von {}: {}",
            r.on.format("%d.%m.%Y"),
            r.by,
            r.reason
        ),
        (None, Some(newer)) => format!("ersetzt durch {newer}"),
        (None, None) if a.for_session => "aktuell, für die Sitzung".to_owned(),
        (None, None) => "aktuell".to_owned(),
    };
    format!(
        "{}\t{}\t{}\t{}\t{}\t{}\tFassung {}\t{}\t{}",
        a.id,
        a.received_on.format("%d.%m.%Y"),
        a.kind_label,
        a.title,
        a.media_label,
        size_text(u64::from(a.bytes)),
        a.version,
        state,
        a.sha256
    )
}

pub fn list(datei: PathBuf, aktenzeichen: &str, benutzer: &str) -> Result<ExitCode, String> {
    let (_lock, file) = unlock(datei, benutzer)?;
    let case = file.find_case(aktenzeichen).map_err(said)?;
    let all = file.case_attachments(case).map_err(said)?;
    if all.is_empty() {
        println!("{aktenzeichen} hat keine Anlagen.");
        return Ok(ExitCode::SUCCESS);
    }
    println!("Nr.\tEingang\tArt\tTitel\tFormat\tGröße\tFassung\tStand\tSHA-256");
    for a in &all {
        println!("{}", line(a));
    }
    let current = all.iter().filter(|a| a.is_current()).count();
    let noun = if current == 1 { "Anlage" } else { "Anlagen" };
    println!(
        "{current} aktuelle {noun}, {} Einträge insgesamt.",
        all.len()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn save_copy(
    datei: PathBuf,
    anlage: u32,
    ziel: &Path,
    benutzer: &str,
) -> Result<ExitCode, String> {
    let (_lock, mut file) = unlock(datei, benutzer)?;
    let saved = file.save_attachment_copy(anlage, ziel).map_err(said)?;
    println!(
        "Kopie gespeichert: {} ({}). Achtung: Die Kopie ist nicht verschlüsselt.",
        saved.path,
        size_text(u64::from(saved.bytes))
    );
    Ok(ExitCode::SUCCESS)
}
