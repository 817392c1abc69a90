//! The wording each letter starts with, before the secretariat adapts it under Verwaltung.
//! Paragraphs are separated by a blank line; a placeholder that stands for a list (persons,
//! agenda) fills one line per entry.

use crate::domain::input::required_text;
use crate::domain::letter_kind::LetterKind;
use crate::{Error, Result};

/// The closing above the signature, the same in every letter.
pub const DEFAULT_CLOSING: &str = "Mit freundlichen Grüßen";
/// The signature block under the closing.
pub const DEFAULT_SIGNATURE: &str = "Im Auftrag\n\nGeschäftsstelle der Härtefallkommission";

pub const CLOSING_LABEL: &str = "Grußformel der Schreiben";
pub const SIGNATURE_LABEL: &str = "Unterschriftsblock der Schreiben";

fn lines_at_most(field: &str, text: String, most: usize) -> Result<String> {
    let text = required_text(field, &text, 400)?;
    if text.lines().count() > most {
        return Err(Error::invalid(field, format!("Höchstens {most} Zeilen.")));
    }
    Ok(text)
}

/// Checks the closing: one to three lines.
pub fn check_closing(text: String) -> Result<String> {
    lines_at_most(CLOSING_LABEL, text, 3)
}

/// Checks the signature block: one to eight lines (blank ones leave room).
pub fn check_signature(text: String) -> Result<String> {
    lines_at_most(SIGNATURE_LABEL, text, 8)
}

/// The subject line a kind starts with.
pub fn default_subject(kind: LetterKind) -> &'static str {
    match kind {
        LetterKind::Eingangsbestaetigung => "Eingangsbestätigung – Härtefallantrag {Aktenzeichen}",
        LetterKind::AnforderungStellungnahme => {
            "Bitte um Stellungnahme – Härtefallverfahren {Aktenzeichen}"
        }
        LetterKind::Nichtannahme => "Nichtannahme des Falls {Aktenzeichen}",
        LetterKind::Einladung => "Einladung zur Sitzung {Sitzung} am {Sitzungsdatum}",
        LetterKind::Ergebnis => "Ergebnis der Beratung des Falls {Aktenzeichen}",
        LetterKind::MitteilungAuslaenderbehoerde => {
            "Entscheidung des Ministeriums im Härtefallverfahren {Aktenzeichen}"
        }
        LetterKind::Haertefallersuchen => {
            "Härtefallersuchen gemäß § 23a Abs. 1 AufenthG – {Aktenzeichen}"
        }
    }
}

/// The body (salutation to the last paragraph before the closing) a kind starts with.
pub fn default_body(kind: LetterKind) -> &'static str {
    match kind {
        LetterKind::Eingangsbestaetigung => {
            "Guten Tag {Empfänger},

der Härtefallantrag für die nachstehend genannten Personen ist am {Eingangsdatum} bei der \
Geschäftsstelle der {Kommission} eingegangen. Er wird unter dem Aktenzeichen {Aktenzeichen} \
geführt; bitte geben Sie es bei jeder Nachricht an.

{Personen}

Die Geschäftsstelle prüft nun, ob der Fall angenommen werden kann, und holt die Stellungnahme \
der zuständigen Ausländerbehörde ein. Über den weiteren Verlauf werden Sie unterrichtet."
        }
        LetterKind::AnforderungStellungnahme => {
            "Sehr geehrte Damen und Herren,

die {Kommission} befasst sich mit dem Fall der nachstehend genannten Personen:

{Personen}

Ich bitte Sie um eine Stellungnahme zum aufenthaltsrechtlichen Stand, zu laufenden Verfahren \
und zu aufenthaltsbeendenden Maßnahmen bis zum {Antwortfrist}. Bitte geben Sie das \
Aktenzeichen {Aktenzeichen} an.

Bis zur Entscheidung der Kommission bitte ich, von aufenthaltsbeendenden Maßnahmen abzusehen."
        }
        LetterKind::Nichtannahme => {
            "Guten Tag {Empfänger},

der am {Eingangsdatum} eingegangene Fall {Aktenzeichen} (eingebracht von {Mitglied}) kann von \
der Kommission nicht angenommen werden.

Ausschlussgrund: {Ausschlussgrund}

{Begründung}

Betroffen sind:

{Personen}"
        }
        LetterKind::Einladung => {
            "Guten Tag {Empfänger},

zur Sitzung {Sitzung} der {Kommission} lade ich Sie ein:

Datum: {Sitzungsdatum}, {Uhrzeit} Uhr
Ort: {Ort}

Tagesordnung:

{Tagesordnung}

Bitte teilen Sie der Geschäftsstelle bis zum {Antwortfrist} mit, ob Sie teilnehmen, und \
zeigen Sie eine Befangenheit in einem der Fälle schon vor der Sitzung an."
        }
        LetterKind::Ergebnis => {
            "Guten Tag {Empfänger},

die Kommission hat den Fall {Aktenzeichen} (eingebracht von {Mitglied}) in ihrer Sitzung \
{Sitzung} am {Sitzungsdatum} beraten. Betroffen sind:

{Personen}

Ergebnis: {Ergebnis}

{Begründung}

Entscheidung des Ministeriums: {Entscheidung}"
        }
        LetterKind::MitteilungAuslaenderbehoerde => {
            "Sehr geehrte Damen und Herren,

zu dem Härtefallersuchen der {Kommission} aus der Sitzung {Sitzung} für die nachstehend \
genannten Personen hat das Ministerium am {Entscheidungsdatum} entschieden:

{Entscheidung}

{Personen}

Ich bitte Sie, das Weitere zu veranlassen."
        }
        LetterKind::Haertefallersuchen => {
            "Sehr geehrte Damen und Herren,

die {Kommission} hat in ihrer Sitzung {Sitzung} am {Sitzungsdatum} beschlossen, das \
Ministerium zu ersuchen, für die nachstehend genannten Personen anzuordnen, dass ihnen \
abweichend von den für die Erteilung und Verlängerung von Aufenthaltstiteln vorgesehenen \
Voraussetzungen eine Aufenthaltserlaubnis nach § 23a AufenthG erteilt wird.

{Personen}

Die Kommission begründet ihr Ersuchen wie folgt:

{Begründung}

Zuständige Ausländerbehörde: {Ausländerbehörde}."
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::letter_template::check;
    use strum::IntoEnumIterator;

    #[test]
    fn every_default_text_uses_only_what_its_letter_offers() {
        for kind in LetterKind::iter() {
            let offered = kind.placeholders();
            check("Betreff", default_subject(kind), &offered).unwrap();
            check("Brieftext", default_body(kind), &offered).unwrap();
        }
    }
}
