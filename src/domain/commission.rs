//! Who the commission is on paper: its name, the secretariat's address and the ministry its
//! requests go to. Brandenburg's by default; another state sets its own under Verwaltung, no
//! code changes.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::domain::input::{required_text, SHORT_TEXT};
use crate::{Error, Result};

pub const DEFAULT_NAME: &str = "Härtefallkommission des Landes Brandenburg";
pub const DEFAULT_SECRETARIAT_ADDRESS: &str =
    "Geschäftsstelle · Henning-von-Tresckow-Straße 9–13 · 14467 Potsdam";
pub const DEFAULT_MINISTRY_ADDRESS: &str = "Ministerium des Innern und für Kommunales\n\
     des Landes Brandenburg\n\
     Henning-von-Tresckow-Straße 9–13\n\
     14467 Potsdam";

/// An address field of a DIN 5008 letter holds at most six lines for the recipient.
pub const MAX_ADDRESS_LINES: usize = 6;
const MAX_LINE_CHARS: usize = 60;

pub const NAME_LABEL: &str = "Name der Kommission";
pub const SECRETARIAT_LABEL: &str = "Anschrift der Geschäftsstelle";
pub const MINISTRY_LABEL: &str = "Anschrift des Ministeriums";

/// The commission as the documents name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Commission {
    pub name: String,
    /// One line, the parts separated by " · ".
    pub secretariat_address: String,
    /// The ministry's address, one entry per line.
    pub ministry_address: Vec<String>,
}

impl Commission {
    /// The return line above a letter's address field.
    pub fn sender_line(&self) -> String {
        format!("{} · {}", self.name, self.secretariat_address)
    }
}

/// Checks the commission's name (one line).
pub fn check_name(name: String) -> Result<String> {
    one_line(NAME_LABEL, &name)
}

/// Checks the secretariat's address (one line).
pub fn check_secretariat_address(address: String) -> Result<String> {
    one_line(SECRETARIAT_LABEL, &address)
}

/// Checks the ministry's address: one to six lines, none empty or too long for the window
/// of an envelope. Returns it with the lines trimmed.
pub fn check_ministry_address(address: String) -> Result<String> {
    check_address(MINISTRY_LABEL, &address)
}

/// Checks a postal address for the address field of a letter: one to six lines, none too
/// long for the window of an envelope. Returns it with the lines trimmed, blank ones dropped.
pub fn check_address(field: &str, address: &str) -> Result<String> {
    let lines: Vec<&str> = address
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        return Err(Error::invalid(field, "Bitte die Anschrift eintragen."));
    }
    if lines.len() > MAX_ADDRESS_LINES {
        return Err(Error::invalid(
            field,
            format!("Höchstens {MAX_ADDRESS_LINES} Zeilen passen in das Anschriftfeld."),
        ));
    }
    if let Some(long) = lines.iter().find(|l| l.chars().count() > MAX_LINE_CHARS) {
        return Err(Error::invalid(
            field,
            format!("Die Zeile „{long}“ ist länger als {MAX_LINE_CHARS} Zeichen."),
        ));
    }
    if lines.iter().any(|l| l.chars().any(char::is_control)) {
        return Err(Error::invalid(field, "Enthält unzulässige Steuerzeichen."));
    }
    Ok(lines.join("\n"))
}

/// An optional postal address that stands under a name in the address field (a member's,
/// counsel's): at most five lines, so that name and address fit. Empty is none.
pub fn optional_address_below_name(field: &str, address: &str) -> Result<Option<String>> {
    optional_address(field, address, MAX_ADDRESS_LINES - 1)
}

/// An optional postal address that fills the whole address field (an office's). Empty is
/// none.
pub fn optional_whole_address(field: &str, address: &str) -> Result<Option<String>> {
    optional_address(field, address, MAX_ADDRESS_LINES)
}

fn optional_address(field: &str, address: &str, most: usize) -> Result<Option<String>> {
    if address.trim().is_empty() {
        return Ok(None);
    }
    let checked = check_address(field, address)?;
    if checked.lines().count() > most {
        return Err(Error::invalid(
            field,
            format!("Höchstens {most} Zeilen: mit dem Namen darüber passen nicht mehr in das Anschriftfeld."),
        ));
    }
    Ok(Some(checked))
}

fn one_line(field: &str, text: &str) -> Result<String> {
    let text = required_text(field, text, SHORT_TEXT)?;
    if text.contains('\n') {
        return Err(Error::invalid(field, "Bitte in einer Zeile."));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brandenburg_is_the_default_and_checks_out() {
        let address = check_ministry_address(DEFAULT_MINISTRY_ADDRESS.into()).unwrap();
        assert_eq!(address.lines().count(), 4);
        assert!(check_name(DEFAULT_NAME.into()).is_ok());
        assert!(check_secretariat_address(DEFAULT_SECRETARIAT_ADDRESS.into()).is_ok());
    }

    #[test]
    fn an_address_is_trimmed_and_bounded() {
        assert_eq!(
            check_ministry_address(
                "  Senatsverwaltung für Inneres \n\n Klosterstraße 47\n10179 Berlin ".into()
            )
            .unwrap(),
            "Senatsverwaltung für Inneres\nKlosterstraße 47\n10179 Berlin"
        );
        assert!(check_ministry_address(" \n ".into()).is_err());
        assert!(check_ministry_address("a\nb\nc\nd\ne\nf\ng".into()).is_err());
        assert!(check_ministry_address("x".repeat(61)).is_err());
        assert!(check_name("Zwei\nZeilen".into()).is_err());
    }
}
