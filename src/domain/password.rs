//! Password rules and the strength hint shown while a password is typed.

use serde::Serialize;
use specta::Type;
use zeroize::Zeroizing;

use crate::{Error, Result};

pub const MIN_CHARS: usize = 10;
pub const MAX_CHARS: usize = 256;
/// zxcvbn score (0..=4) a password needs: 3 means "safely unguessable".
pub const MIN_SCORE: u8 = 3;

/// The strength of a password as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct PasswordStrength {
    /// 0 (very weak) to 4 (very strong).
    pub score: u8,
    /// Short German verdict, e.g. "schwach".
    pub label: String,
    /// German advice on what would make it stronger; empty when nothing is needed.
    pub hint: String,
    /// Whether the password may be used.
    pub acceptable: bool,
}

/// Rates a password. `context` holds words that make it weaker when used, such as the
/// user name.
pub fn strength(password: &str, context: &[&str]) -> PasswordStrength {
    let chars = password.chars().count();
    // zxcvbn's cost grows fast with length: a pasted megabyte would pin a core. Anything over
    // the limit is refused anyway, so it is not rated.
    let score = if password.is_empty() || chars > MAX_CHARS {
        0
    } else {
        u8::from(zxcvbn::zxcvbn(password, context).score())
    };
    let label = match score {
        0 => "sehr schwach",
        1 => "schwach",
        2 => "mäßig",
        3 => "stark",
        _ => "sehr stark",
    };
    let hint = if chars < MIN_CHARS {
        match MIN_CHARS - chars {
            1 => format!("Mindestens {MIN_CHARS} Zeichen; noch 1 Zeichen fehlt."),
            n => format!("Mindestens {MIN_CHARS} Zeichen; noch {n} Zeichen fehlen."),
        }
    } else if chars > MAX_CHARS {
        format!("Höchstens {MAX_CHARS} Zeichen.")
    } else if score < MIN_SCORE {
        "Zu leicht zu erraten. Verwenden Sie mehrere nicht zusammenhängende Wörter, \
         Ziffern oder Sonderzeichen; vermeiden Sie Namen und Jahreszahlen."
            .to_owned()
    } else {
        String::new()
    };
    PasswordStrength {
        score,
        label: label.to_owned(),
        acceptable: hint.is_empty(),
        hint,
    }
}

/// Checks a new password and its repetition; on success returns it ready for key derivation.
pub fn check_new(password: &str, repeat: &str, username: &str) -> Result<Zeroizing<String>> {
    let rated = strength(password, &[username]);
    if !rated.acceptable {
        return Err(Error::invalid("Passwort", rated.hint));
    }
    if password != repeat {
        return Err(Error::invalid(
            "Passwort wiederholen",
            "Die beiden Passwörter stimmen nicht überein.",
        ));
    }
    Ok(Zeroizing::new(password.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_overlong_paste_is_refused_without_rating_it() {
        let pasted = "Kiefernwald-Uckermark-Fähre-42 ".repeat(40_000);
        // Rated, a megabyte would take minutes (this test would hang); unrated, it is counted
        // and refused.
        let rated = strength(&pasted, &[]);
        assert!(!rated.acceptable);
        assert_eq!(rated.hint, format!("Höchstens {MAX_CHARS} Zeichen."));
    }

    const GOOD: &str = "Kiefernwald-Uckermark-Fähre-42";

    #[test]
    fn short_passwords_are_refused_with_the_count_missing() {
        let s = strength("abc", &[]);
        assert!(!s.acceptable);
        assert!(s.hint.contains("noch 7 Zeichen fehlen"), "{}", s.hint);
        let s = strength("abcdefghi", &[]);
        assert!(s.hint.contains("noch 1 Zeichen fehlt."), "{}", s.hint);
    }

    #[test]
    fn common_passwords_are_refused_even_when_long() {
        assert!(!strength("passwort123", &[]).acceptable);
        assert!(!strength("1234567890", &[]).acceptable);
    }

    #[test]
    fn the_user_name_weakens_a_password() {
        let alone = strength("Petrlic-Woelke", &[]);
        let with_name = strength("Petrlic-Woelke", &["Petrlic-Woelke"]);
        assert!(with_name.score < alone.score || !with_name.acceptable);
    }

    #[test]
    fn a_long_unusual_password_is_accepted() {
        let s = strength(GOOD, &[]);
        assert!(s.acceptable, "{s:?}");
        assert!(s.score >= MIN_SCORE);
        assert!(s.hint.is_empty());
    }

    #[test]
    fn repetition_must_match() {
        let err = check_new(GOOD, "anders", "admin").unwrap_err();
        assert!(err.to_string().starts_with("Passwort wiederholen:"));
        assert_eq!(check_new(GOOD, GOOD, "admin").unwrap().as_str(), GOOD);
    }
}
