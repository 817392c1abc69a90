//! Fixed lists a form offers (family roles, grounds, statuses …): each entry has a stable
//! code, stored in the file and sent over the boundary, and a German label for people.
//! The enums derive their codes and labels with `strum`; this module gives them one shape.

use std::str::FromStr;

use serde::Serialize;
use specta::Type;
use strum::{EnumMessage, IntoEnumIterator};

use crate::{Error, Result};

/// One entry of a list as a form offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// An enum with stable snake_case codes and German labels (`#[strum(message = "…")]`).
pub trait Labelled: Copy + IntoEnumIterator + EnumMessage + Into<&'static str> + FromStr {
    fn code(self) -> &'static str {
        self.into()
    }

    fn label(self) -> &'static str {
        self.get_message().unwrap_or_else(|| self.into())
    }

    /// Reads a stored or submitted code; an unknown one is an input error naming the field.
    fn parse_code(field: &str, code: &str) -> Result<Self> {
        if code.trim().is_empty() {
            return Err(Error::invalid(field, "Bitte wählen Sie einen Eintrag aus."));
        }
        Self::from_str(code)
            .map_err(|_| Error::invalid(field, format!("Unbekannter Wert „{code}“.")))
    }

    fn choices() -> Vec<Choice> {
        Self::iter()
            .map(|v| Choice {
                value: v.code().to_owned(),
                label: v.label().to_owned(),
            })
            .collect()
    }
}

impl<T> Labelled for T where T: Copy + IntoEnumIterator + EnumMessage + Into<&'static str> + FromStr {}

/// Declares an enum with snake_case codes and German labels:
/// `labelled_enum!(Name { Variant => "Label", … });`
macro_rules! labelled_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[doc = $doc:literal])* $variant:ident => $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, specta::Type,
            strum::EnumString, strum::IntoStaticStr, strum::EnumIter, strum::EnumMessage,
        )]
        #[serde(rename_all = "snake_case")]
        #[strum(serialize_all = "snake_case")]
        pub enum $name {
            $($(#[doc = $doc])* #[strum(message = $label)] $variant),+
        }
    };
}
pub(crate) use labelled_enum;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::voting::Vote;

    #[test]
    fn no_choice_asks_for_one_and_a_wrong_one_is_named() {
        let err = Vote::parse_code("Stimme", "").unwrap_err().to_string();
        assert_eq!(err, "Stimme: Bitte wählen Sie einen Eintrag aus.");
        let err = Vote::parse_code("Stimme", "vielleicht")
            .unwrap_err()
            .to_string();
        assert!(err.contains("Unbekannter Wert „vielleicht“"), "{err}");
    }
}
