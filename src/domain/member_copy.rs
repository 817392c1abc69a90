//! The members' copies of the session papers: how a copy is marked as its member's, what its
//! file is called, and how its return is recorded.

use std::collections::HashSet;

use strum::IntoEnumIterator;

use crate::domain::choice::{labelled_enum, Choice, Labelled};

labelled_enum!(
    /// How a copy came back after the session.
    Settlement {
        Rueckgabe => "Rücklauf bestätigt",
        Vernichtung => "Vernichtung bestätigt",
    }
);

impl Settlement {
    /// What the button that confirms it says.
    pub fn action(self) -> &'static str {
        match self {
            Settlement::Rueckgabe => "Rücklauf bestätigen",
            Settlement::Vernichtung => "Vernichtung bestätigen",
        }
    }

    /// The choices offered for a copy still out, named as actions.
    pub fn actions() -> Vec<Choice> {
        Settlement::iter()
            .map(|s| Choice {
                value: s.code().to_owned(),
                label: s.action().to_owned(),
            })
            .collect()
    }
}

/// The line across every page of a member's copy.
pub fn watermark(member: &str, session: &str) -> String {
    format!("Exemplar für {member} · Sitzung {session} · nicht weitergeben · nach der Sitzung vernichten")
}

/// The footer's first line of a member's copy.
pub fn footer_marking(member: &str) -> String {
    format!("Vertraulich – Exemplar für {member}, nicht weitergeben")
}

/// A name in plain letters for a file name: "Şükrü Güneş" → "Sukru-Gunes".
fn plain(name: &str) -> String {
    let folded = deunicode::deunicode(name);
    let words: Vec<String> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase());
            first.into_iter().chain(chars).collect()
        })
        .collect();
    words.join("-")
}

/// The file of a member's copy, "Sitzung-3-2026_Gunes.pdf": the session and the member's
/// last name; the whole name where another copy of the batch already has that last name,
/// and the member's number where even that is taken.
pub fn file_name(
    session: &str,
    member: &str,
    member_id: u32,
    taken: &mut HashSet<String>,
) -> String {
    let session = session.replace('/', "-");
    let last = member
        .split_whitespace()
        .last()
        .map(plain)
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| format!("Mitglied-{member_id}"));
    let whole = plain(member);
    let candidates = [
        format!("Sitzung-{session}_{last}.pdf"),
        format!("Sitzung-{session}_{whole}.pdf"),
        format!("Sitzung-{session}_{whole}-{member_id}.pdf"),
    ];
    let chosen = candidates
        .iter()
        .find(|c| !taken.contains(&c.to_lowercase()))
        .unwrap_or(&candidates[2])
        .clone();
    taken.insert(chosen.to_lowercase());
    chosen
}

/// The line in a member's copy where a case was left out.
pub fn left_out_note(items: &[String]) -> Option<String> {
    (!items.is_empty()).then(|| {
        format!(
            "Nicht in diesem Exemplar: {} – Sie haben vor der Sitzung Ihre Befangenheit angezeigt.",
            items.join(", ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_is_named_by_the_session_and_the_last_name_in_plain_letters() {
        let mut taken = HashSet::new();
        assert_eq!(
            file_name("3/2026", "Şükrü Güneş", 4, &mut taken),
            "Sitzung-3-2026_Gunes.pdf"
        );
        assert_eq!(
            file_name("3/2026", "Ayşe Güneş", 5, &mut taken),
            "Sitzung-3-2026_Ayse-Gunes.pdf"
        );
        assert_eq!(
            file_name("3/2026", "Ayşe  Güneş", 6, &mut taken),
            "Sitzung-3-2026_Ayse-Gunes-6.pdf"
        );
        assert_eq!(
            file_name("3/2026", "Andrea-Maria Petrlić-Woelke", 7, &mut taken),
            "Sitzung-3-2026_Petrlic-Woelke.pdf"
        );
        let cyrillic = file_name("1/2027", "Дудаев", 8, &mut taken);
        assert!(
            cyrillic.starts_with("Sitzung-1-2027_") && cyrillic.is_ascii(),
            "{cyrillic}"
        );
        assert!(!file_name("1/2027", "../..", 9, &mut taken).contains(".."));
    }

    #[test]
    fn the_marks_name_the_member_and_the_session() {
        assert_eq!(
            watermark("Şükrü Güneş", "3/2026"),
            "Exemplar für Şükrü Güneş · Sitzung 3/2026 · nicht weitergeben · nach der Sitzung vernichten"
        );
        assert!(footer_marking("Şükrü Güneş").contains("Şükrü Güneş"));
        assert_eq!(left_out_note(&[]), None);
        assert!(left_out_note(&["TOP 2 (HFK-2026-003)".into()])
            .unwrap()
            .contains("TOP 2 (HFK-2026-003)"));
    }
}
