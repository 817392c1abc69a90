//! Signing in from the command line: the password from the terminal or standard input, the
//! instance lock, and errors as the user reads them.

use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;

use hfk_akte::store::{CaseFile, FilePaths, InstanceLock};
use zeroize::Zeroizing;

/// An error as the user reads it: the German message, then the technical details, if any,
/// on a line of their own.
pub(crate) fn said(e: hfk_akte::Error) -> String {
    match e.technical() {
        Some(details) => format!("{e}\nTechnische Angaben: {details}"),
        None => e.to_string(),
    }
}

pub(crate) fn read_password(user: &str) -> std::io::Result<Zeroizing<String>> {
    read_secret(&format!("Passwort für {user}: "))
}

/// A secret from the terminal (not echoed), or the next line of standard input.
fn read_secret(prompt: &str) -> std::io::Result<Zeroizing<String>> {
    if std::io::stdin().is_terminal() {
        return rpassword::prompt_password(prompt).map(Zeroizing::new);
    }
    let mut line = Zeroizing::new(String::new());
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(Zeroizing::new(
        line.trim_end_matches(['\r', '\n']).to_owned(),
    ))
}

/// Asks for the password, takes the instance lock and unlocks the file.
pub(crate) fn unlock(datei: PathBuf, benutzer: &str) -> Result<(InstanceLock, CaseFile), String> {
    let password = read_password(benutzer)
        .map_err(|e| format!("Das Passwort konnte nicht gelesen werden: {e}"))?;
    let lock = InstanceLock::acquire(FilePaths::for_database(datei)).map_err(said)?;
    let file = match CaseFile::unlock(&lock, benutzer, &password) {
        // A password the administration chose: the user chooses their own first.
        Err(e @ hfk_akte::Error::PasswordChangeRequired) => {
            eprintln!("{e}");
            let read = |prompt: &str| {
                read_secret(prompt)
                    .map_err(|e| format!("Das Passwort konnte nicht gelesen werden: {e}"))
            };
            let new = read("Neues Passwort: ")?;
            let repeat = read("Neues Passwort (Wiederholung): ")?;
            CaseFile::unlock_with_new_password(&lock, benutzer, &password, &new, &repeat)
        }
        other => other,
    }
    .map_err(said)?;
    Ok((lock, file))
}
