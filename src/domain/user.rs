//! Users of a case file and their roles.

use serde::Serialize;
use specta::Type;
use strum::IntoEnumIterator;

use crate::domain::choice::{labelled_enum, Labelled};
use crate::{Error, Result};

labelled_enum!(
    /// What a user may do in the case file.
    Role {
        /// Users, keys and settings, plus everything the secretariat may do.
        Verwaltung => "Verwaltung",
        /// Edits cases, sessions and documents.
        Geschaeftsstelle => "Geschäftsstelle",
        /// Reads dossiers, changes nothing.
        Lesend => "Lesend",
    }
);

impl Role {
    /// Whether this role may change settings, users and keys.
    pub fn administers(self) -> bool {
        self == Role::Verwaltung
    }

    /// Whether this role may change cases, members and sessions.
    pub fn edits(self) -> bool {
        self != Role::Lesend
    }

    /// What the role may do, in the words the account form shows beside it.
    pub fn hint(self) -> &'static str {
        match self {
            Role::Verwaltung => "zusätzlich Benutzerkonten, Schlüssel und Einstellungen",
            Role::Geschaeftsstelle => "bearbeitet Fälle, Sitzungen und Dokumente",
            Role::Lesend => "liest Akten, ändert nichts",
        }
    }

    /// Every role as the account form offers it.
    pub fn offered() -> Vec<RoleChoice> {
        Role::iter()
            .map(|role| RoleChoice {
                value: role,
                label: role.label().to_owned(),
                hint: role.hint().to_owned(),
            })
            .collect()
    }

    /// What the window may offer a user of this role; the core checks each again.
    pub fn affordances(self) -> Affordances {
        Affordances {
            may_edit: self.edits(),
            may_administer: self.administers(),
        }
    }
}

/// One role as the account form offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct RoleChoice {
    pub value: Role,
    pub label: String,
    pub hint: String,
}

/// What the signed-in user's role allows, so the window offers only that (the core refuses
/// the rest regardless).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
pub struct Affordances {
    /// Change cases, members and sessions, make backups.
    pub may_edit: bool,
    /// Users, keys, settings, deletion runs, reopening ended cases.
    pub may_administer: bool,
}

pub const USERNAME_MAX_CHARS: usize = 64;

/// Checks a user name and returns it trimmed. User names are compared case-insensitively.
pub fn validate_username(raw: &str) -> Result<String> {
    const FIELD: &str = "Benutzername";
    let name = raw.trim();
    if name.is_empty() {
        return Err(Error::invalid(
            FIELD,
            "Bitte geben Sie einen Benutzernamen ein.",
        ));
    }
    if name.chars().count() > USERNAME_MAX_CHARS {
        return Err(Error::invalid(
            FIELD,
            format!("Höchstens {USERNAME_MAX_CHARS} Zeichen."),
        ));
    }
    if name.chars().any(|c| c.is_control()) {
        return Err(Error::invalid(FIELD, "Steuerzeichen sind nicht erlaubt."));
    }
    // The slot's sealing binds the file id and the name joined by "/"; a name with "/" could
    // be read as another split of the same text.
    if name.contains('/') {
        return Err(Error::invalid(
            FIELD,
            "Ein Schrägstrich (/) ist nicht erlaubt.",
        ));
    }
    Ok(name.to_owned())
}

/// The form under which user names are compared and looked up.
pub fn username_key(name: &str) -> String {
    name.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_round_trips_through_its_stored_code() {
        for role in Role::iter() {
            assert_eq!(Role::parse_code("Rolle", role.code()).unwrap(), role);
        }
        assert!(Role::parse_code("Rolle", "admin").is_err());
        assert_eq!(Role::Geschaeftsstelle.code(), "geschaeftsstelle");
        assert_eq!(Role::offered().len(), 3);
    }

    #[test]
    fn only_readers_may_not_edit() {
        assert!(Role::Verwaltung.affordances().may_edit);
        assert!(Role::Geschaeftsstelle.affordances().may_edit);
        assert!(!Role::Lesend.affordances().may_edit);
        assert!(!Role::Geschaeftsstelle.affordances().may_administer);
    }

    #[test]
    fn only_verwaltung_administers() {
        assert!(Role::Verwaltung.administers());
        assert!(!Role::Geschaeftsstelle.administers());
        assert!(!Role::Lesend.administers());
    }

    #[test]
    fn usernames_are_trimmed_and_checked() {
        assert_eq!(validate_username("  Şükrü Güneş ").unwrap(), "Şükrü Güneş");
        assert!(validate_username("   ").is_err());
        assert!(validate_username("a\tb").is_err());
        assert!(validate_username(&"x".repeat(65)).is_err());
        assert!(validate_username(&"ć".repeat(64)).is_ok());
        assert!(validate_username("Geschäftsstelle/Leitung").is_err());
    }

    #[test]
    fn username_key_ignores_case() {
        assert_eq!(username_key("Đorđe"), username_key("ĐORĐE "));
    }
}
