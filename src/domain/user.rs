//! Users of a case file and their roles.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::{Error, Result};

/// What a user may do in the case file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Verwaltung: users, keys and settings, plus everything the secretariat may do.
    Verwaltung,
    /// Geschäftsstelle: edits cases, sessions and documents.
    Geschaeftsstelle,
    /// Lesend: reads dossiers, changes nothing.
    Lesend,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Verwaltung => "verwaltung",
            Role::Geschaeftsstelle => "geschaeftsstelle",
            Role::Lesend => "lesend",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "verwaltung" => Some(Role::Verwaltung),
            "geschaeftsstelle" => Some(Role::Geschaeftsstelle),
            "lesend" => Some(Role::Lesend),
            _ => None,
        }
    }

    /// The German name shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Role::Verwaltung => "Verwaltung",
            Role::Geschaeftsstelle => "Geschäftsstelle",
            Role::Lesend => "Lesend",
        }
    }

    /// Whether this role may change settings, users and keys.
    pub fn administers(self) -> bool {
        self == Role::Verwaltung
    }
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
    fn role_round_trips_through_its_stored_name() {
        for role in [Role::Verwaltung, Role::Geschaeftsstelle, Role::Lesend] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("admin"), None);
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
    }

    #[test]
    fn username_key_ignores_case() {
        assert_eq!(username_key("Đorđe"), username_key("ĐORĐE "));
    }
}
