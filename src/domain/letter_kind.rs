//! The letters a secretariat writes, who each goes to, and the placeholders its template may
//! use. The default wording is in [`crate::domain::letter_texts`].

use serde::Serialize;
use specta::Type;

use crate::domain::choice::{labelled_enum, Choice, Labelled};
use crate::domain::letter_template::Placeholder;

labelled_enum!(
    /// A kind of letter. Every letter but the invitation is written from a case.
    LetterKind {
        Eingangsbestaetigung => "Eingangsbestätigung",
        AnforderungStellungnahme => "Anforderung der Stellungnahme",
        Nichtannahme => "Mitteilung der Nichtannahme",
        Einladung => "Einladung zur Sitzung",
        Ergebnis => "Mitteilung des Ergebnisses",
        MitteilungAuslaenderbehoerde => "Mitteilung an die Ausländerbehörde",
        Haertefallersuchen => "Härtefallersuchen",
    }
);

labelled_enum!(
    /// Who a letter is addressed to.
    Addressee {
        Einbringer => "Einbringendes Mitglied",
        Beistand => "Beistand / Verfahrensbevollmächtigte",
        Auslaenderbehoerde => "Ausländerbehörde",
        Ministerium => "Ministerium",
        Mitglied => "Mitglied der Kommission",
    }
);

const fn p(name: &'static str, meaning: &'static str) -> Placeholder {
    Placeholder { name, meaning }
}

/// Offered by every letter.
const EVERY_LETTER: &[Placeholder] = &[
    p("Kommission", "Name der Kommission"),
    p("Datum", "Datum des Schreibens (TT.MM.JJJJ)"),
    p("Empfänger", "Name des Empfängers"),
];

/// Offered by every letter about a case.
const CASE_LETTER: &[Placeholder] = &[
    p("Aktenzeichen", "Aktenzeichen des Falls"),
    p("Hauptperson", "Name der Hauptperson"),
    p(
        "Personen",
        "Die betroffenen Personen, je eine Zeile mit Geburtsdatum und Staatsangehörigkeit",
    ),
    p("Eingangsdatum", "Eingang des Falls (TT.MM.JJJJ)"),
    p("Mitglied", "Mitglied, das den Fall eingebracht hat"),
    p("Ausländerbehörde", "Zuständige Ausländerbehörde"),
];

const SESSION: &[Placeholder] = &[
    p("Sitzung", "Nummer der Sitzung, z. B. 3/2026"),
    p("Sitzungsdatum", "Tag der Sitzung (TT.MM.JJJJ)"),
];

const REQUEST: &[Placeholder] = &[p("Antwortfrist", "Erbeten bis (TT.MM.JJJJ)")];

const NON_ADMISSION: &[Placeholder] = &[
    p("Ausschlussgrund", "Der festgestellte Ausschlussgrund"),
    p("Begründung", "Die Begründung der Vorprüfung"),
];

const INVITATION: &[Placeholder] = &[
    p("Uhrzeit", "Beginn der Sitzung"),
    p("Ort", "Ort der Sitzung"),
    p(
        "Tagesordnung",
        "Die Tagesordnung, je Punkt eine Zeile (intern oder mit Initialen)",
    ),
    p("Antwortfrist", "Rückmeldung erbeten bis (TT.MM.JJJJ)"),
];

const RESULT: &[Placeholder] = &[
    p("Ergebnis", "Ergebnis der Beratung"),
    p("Begründung", "Begründung aus der Niederschrift"),
    p(
        "Entscheidung",
        "Entscheidung des Ministeriums, sofern getroffen",
    ),
];

const DECISION: &[Placeholder] = &[
    p("Entscheidung", "Entscheidung des Ministeriums"),
    p("Entscheidungsdatum", "Tag der Entscheidung (TT.MM.JJJJ)"),
];

const PETITION: &[Placeholder] = &[p("Begründung", "Begründung des Ersuchens")];

impl LetterKind {
    /// Written from a session for each member, not from a case.
    pub fn is_for_session(self) -> bool {
        self == LetterKind::Einladung
    }

    /// Whom the letter may go to; the first is the usual one.
    pub fn addressees(self) -> &'static [Addressee] {
        use Addressee::*;
        match self {
            LetterKind::Eingangsbestaetigung => &[Einbringer, Beistand],
            LetterKind::AnforderungStellungnahme | LetterKind::MitteilungAuslaenderbehoerde => {
                &[Auslaenderbehoerde]
            }
            LetterKind::Nichtannahme | LetterKind::Ergebnis => &[Einbringer, Beistand],
            LetterKind::Einladung => &[Mitglied],
            LetterKind::Haertefallersuchen => &[Ministerium],
        }
    }

    /// The placeholders only this kind offers.
    fn own_placeholders(self) -> &'static [Placeholder] {
        match self {
            LetterKind::Eingangsbestaetigung => &[],
            LetterKind::AnforderungStellungnahme => REQUEST,
            LetterKind::Nichtannahme => NON_ADMISSION,
            LetterKind::Einladung => INVITATION,
            LetterKind::Ergebnis => RESULT,
            LetterKind::MitteilungAuslaenderbehoerde => DECISION,
            LetterKind::Haertefallersuchen => PETITION,
        }
    }

    /// Every placeholder the kind's template may use, in the order the editor lists them.
    pub fn placeholders(self) -> Vec<Placeholder> {
        let mut all = EVERY_LETTER.to_vec();
        if !self.is_for_session() {
            all.extend_from_slice(CASE_LETTER);
        }
        if matches!(
            self,
            LetterKind::Einladung
                | LetterKind::Ergebnis
                | LetterKind::MitteilungAuslaenderbehoerde
                | LetterKind::Haertefallersuchen
        ) {
            all.extend_from_slice(SESSION);
        }
        all.extend_from_slice(self.own_placeholders());
        all
    }
}

/// A kind of case letter as the window offers it, with its recipients.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct LetterKindChoice {
    pub value: LetterKind,
    pub label: String,
    /// Whom it may go to; the first is the usual one.
    pub addressees: Vec<Choice>,
    /// Whether it asks for an answer by a day (the Antwortfrist).
    pub needs_reply_by: bool,
}

/// The letters written from a case (the invitation is written from the session).
pub fn case_letter_kinds() -> Vec<LetterKindChoice> {
    <LetterKind as strum::IntoEnumIterator>::iter()
        .filter(|k| !k.is_for_session())
        .map(|kind| LetterKindChoice {
            value: kind,
            label: kind.label().to_owned(),
            addressees: kind
                .addressees()
                .iter()
                .map(|a| Choice {
                    value: a.code().to_owned(),
                    label: a.label().to_owned(),
                })
                .collect(),
            needs_reply_by: kind == LetterKind::AnforderungStellungnahme,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn no_kind_offers_a_placeholder_twice() {
        for kind in LetterKind::iter() {
            let names: Vec<_> = kind.placeholders().iter().map(|p| p.name).collect();
            let unique: HashSet<_> = names.iter().collect();
            assert_eq!(names.len(), unique.len(), "{}", kind.label());
        }
    }

    #[test]
    fn the_invitation_names_no_case_and_the_case_letters_do() {
        let names =
            |k: LetterKind| -> Vec<&str> { k.placeholders().iter().map(|p| p.name).collect() };
        assert!(!names(LetterKind::Einladung).contains(&"Aktenzeichen"));
        assert!(names(LetterKind::Einladung).contains(&"Tagesordnung"));
        assert!(names(LetterKind::AnforderungStellungnahme).contains(&"Personen"));
        assert!(!names(LetterKind::Eingangsbestaetigung).contains(&"Sitzung"));
    }

    use strum::IntoEnumIterator;
}
