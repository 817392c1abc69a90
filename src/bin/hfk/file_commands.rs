//! The commands about the file itself: creating one (neue-akte) and checking one without
//! changing it (pruefen, pruefkette-pruefen).

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use hfk_akte::domain::wording::counted;
use hfk_akte::store::vault::inspection;
use hfk_akte::store::vault::new_file::NewFile;
use hfk_akte::store::FilePaths;
use zeroize::Zeroizing;

use crate::said;

/// Reads the new password: twice without echo on a terminal, else the first two lines of
/// standard input (the second may be left out in a script: then the first counts twice).
fn read_new_password(user: &str) -> Result<(Zeroizing<String>, Zeroizing<String>), String> {
    let cannot = |e: std::io::Error| format!("Das Passwort konnte nicht gelesen werden: {e}");
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password(format!("Neues Passwort für {user}: "))
            .map(Zeroizing::new)
            .map_err(cannot)?;
        let second = rpassword::prompt_password("Passwort wiederholen: ")
            .map(Zeroizing::new)
            .map_err(cannot)?;
        return Ok((first, second));
    }
    let mut lines = Vec::new();
    for _ in 0..2 {
        let mut line = Zeroizing::new(String::new());
        if std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(cannot)?
            == 0
        {
            break;
        }
        lines.push(Zeroizing::new(
            line.trim_end_matches(['\r', '\n']).to_owned(),
        ));
    }
    let first = lines.first().cloned().unwrap_or_default();
    let second = lines.get(1).cloned().unwrap_or_else(|| first.clone());
    Ok((first, second))
}

/// `hfk neue-akte PFAD --benutzer NAME`: creates the file as the window does (same checks,
/// same messages) and prints the recovery key on standard output, once.
pub fn new_file(datei: &Path, benutzer: &str) -> Result<ExitCode, String> {
    let location = datei
        .to_str()
        .ok_or("Der Pfad enthält Zeichen, die nicht gehen.")?;
    let (password, repeat) = read_new_password(benutzer)?;
    let new = NewFile::prepare(location, benutzer, &password, &repeat).map_err(said)?;
    let recovery = new.recovery_key().display();
    let (_lock, file) = new.create(new.recovery_key().last_block()).map_err(said)?;
    drop(file);
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", recovery.as_str()).map_err(|e| e.to_string())?;
    eprintln!(
        "Akte angelegt: {}. Die Zeile oben ist der Wiederherstellungsschlüssel; er wird nur \
         dieses eine Mal angezeigt. Bitte bewahren Sie ihn getrennt von der Akte auf.",
        new.paths().display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `hfk pruefen` / `hfk pruefkette-pruefen`: reads every page and the audit chain without
/// writing anything. Exit code 0 intact, 1 a finding, 2 an error.
pub fn check(datei: &Path, benutzer: &str) -> Result<ExitCode, String> {
    let password = crate::read_password(benutzer)
        .map_err(|e| format!("Das Passwort konnte nicht gelesen werden: {e}"))?;
    let paths = FilePaths::for_database(datei.to_path_buf());
    let report = inspection::check_read_only(&paths, benutzer, &password).map_err(said)?;
    match &report.damaged_pages {
        None => println!("Seiten der Akte unversehrt."),
        Some(detail) => println!("Die Akte ist beschädigt: {detail}"),
    }
    match &report.chain.first_broken {
        None => println!(
            "Prüfkette unversehrt: {} geprüft.",
            counted(report.chain.rows, "Eintrag", "Einträge")
        ),
        Some(broken) => println!(
            "Prüfkette unterbrochen bei Eintrag {}: {}",
            broken.id, broken.reason
        ),
    }
    Ok(if report.intact() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
