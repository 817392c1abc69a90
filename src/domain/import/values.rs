//! The values of an old list's cells, read as the file's own kinds: dates (TT.MM.JJJJ,
//! JJJJ-MM-TT or an Excel serial number), nationalities (German name, adjective or ISO code),
//! outcomes and the ministry's decision by their German words, and names cleaned of
//! invisible characters.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::NaiveDate;

use crate::domain::countries;
use crate::domain::import::source::excel_serial_day;
use crate::domain::person::Sex;
use crate::domain::voting::{MinistryDecision, Outcome};

const ADJECTIVES: &str = include_str!("../../../assets/data/staatsangehoerigkeiten.tsv");

/// Lower case, transliterated to ASCII: "Staatsangehörigkeit" → "staatsangehorigkeit".
pub fn fold(text: &str) -> String {
    deunicode::deunicode(text).to_lowercase()
}

/// A cell's text without invisible characters (zero-width spaces, soft hyphens, byte-order
/// marks), with non-breaking spaces as spaces, runs of blanks as one, and no blanks at the
/// ends; and a note when something was removed that the eye does not see.
pub fn clean(raw: &str) -> (String, Option<&'static str>) {
    // Zero-width space, word joiner, byte-order mark, soft hyphen and the direction marks and
    // embeddings copied with right-to-left names; not ZWNJ and ZWJ, which Persian and other
    // scripts spell with.
    let invisible = |c: char| {
        matches!(c, '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}')
    };
    let had_invisible = raw.chars().any(invisible);
    let text: String = raw
        .chars()
        .filter(|c| !invisible(*c))
        .map(|c| {
            if c == '\u{00A0}' || c.is_whitespace() {
                ' '
            } else {
                c
            }
        })
        .collect();
    let text = text
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let note = if had_invisible {
        Some("unsichtbares Zeichen (etwa ein Leerzeichen der Breite null) entfernt")
    } else if text.len() != raw.len() && !raw.trim().is_empty() {
        Some("Leerzeichen am Rand oder doppelte Leerzeichen entfernt")
    } else {
        None
    };
    (text, note)
}

/// A date as old lists write it. The error says why, in the words a clerk checks the cell
/// with.
pub fn date(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    let german: Vec<&str> = text.split('.').collect();
    if german.len() == 3
        && german
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        if german[2].len() != 4 {
            return Err(format!(
                "„{text}“: bitte das Jahr vierstellig angeben (TT.MM.JJJJ)."
            ));
        }
        let (d, m, y) = (
            german[0].parse::<u32>(),
            german[1].parse::<u32>(),
            german[2].parse::<i32>(),
        );
        if let (Ok(d), Ok(m), Ok(y)) = (d, m, y) {
            return NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
                format!("„{text}“ ist kein Tag des Kalenders (den gibt es nicht).")
            });
        }
    }
    // An ISO date, also with a time after it (as OpenDocument date cells come).
    let iso = text.split(['T', ' ']).next().unwrap_or(text);
    if let Ok(day) = NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        return Ok(day);
    }
    if text.len() == 10 && text.as_bytes()[4] == b'-' {
        return Err(format!(
            "„{text}“ ist kein Tag des Kalenders (den gibt es nicht)."
        ));
    }
    // An Excel serial date in a cell formatted as a number: 40000 is 06.07.2009. Only
    // five-digit numbers, so that no stray count is taken for a date.
    if text.len() == 5 && text.chars().all(|c| c.is_ascii_digit()) {
        if let Some(day) = text.parse::<f64>().ok().and_then(excel_serial_day) {
            return Ok(day);
        }
    }
    Err(format!(
        "„{text}“ ist kein Datum (erwartet: TT.MM.JJJJ, JJJJ-MM-TT oder eine Excel-Datumszahl)."
    ))
}

/// The country code of a nationality as written: a German name ("Russische Föderation",
/// also "Russland"), an adjective in any ending ("syrisch", "syrische") or an ISO code ("SY").
pub fn nationality(text: &str) -> Option<&'static str> {
    static INDEX: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut index = HashMap::new();
        for country in countries::all() {
            let code: &'static str = country.code.as_str();
            index.insert(fold(&country.name), code);
            index.insert(country.code.to_lowercase(), code);
        }
        for line in ADJECTIVES.lines().filter(|l| !l.starts_with('#')) {
            if let Some((code, adjective)) = line.split_once('\t') {
                if let Some(known) = countries::all().iter().find(|c| c.code == code) {
                    index.insert(fold(adjective), known.code.as_str());
                }
            }
        }
        let aliases = [
            ("russland", "RU"),
            ("weissrussland", "BY"),
            ("mazedonien", "MK"),
            ("moldawien", "MD"),
            ("elfenbeinkuste", "CI"),
            ("kongo, demokratische republik", "CD"),
            ("dr kongo", "CD"),
            ("palastina", "PS"),
            ("staatenlos", "XX"),
            ("ungeklart", "XU"),
            ("usa", "US"),
            ("grossbritannien", "GB"),
            ("tschechische republik", "CZ"),
        ];
        for (alias, code) in aliases {
            if let Some(known) = countries::all().iter().find(|c| c.code == code) {
                index.insert(alias.to_owned(), known.code.as_str());
            }
        }
        index
    });
    let folded = fold(text.trim());
    if let Some(code) = index.get(&folded) {
        return Some(code);
    }
    // "syrische", "syrischer", "syrischen", "syrisches"; not for codes ("IRE" is no Iran).
    if folded.chars().count() <= 3 {
        return None;
    }
    ["e", "er", "en", "es"]
        .iter()
        .filter_map(|ending| folded.strip_suffix(ending))
        .find_map(|stem| index.get(stem).copied())
}

/// An outcome in the words old lists use, with the status that ends the case without a
/// deliberation (not admitted) apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListOutcome {
    /// Decided in a session.
    Deliberated(Outcome),
    /// Not admitted at the admissibility check.
    NotAdmitted,
    /// Withdrawn without a session.
    Withdrawn,
    /// Resolved otherwise without a session.
    Resolved,
}

pub fn outcome(text: &str) -> Option<ListOutcome> {
    let words = fold(text).replace(['-', '.'], " ");
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(match words.as_str() {
        "ersuchen" | "ersuchen beschlossen" | "ersuchen gestellt" | "positiv" | "ja" => {
            ListOutcome::Deliberated(Outcome::Ersuchen)
        }
        "kein ersuchen" | "ersuchen abgelehnt" | "negativ" | "nein" => {
            ListOutcome::Deliberated(Outcome::KeinErsuchen)
        }
        "vertagt" => ListOutcome::Deliberated(Outcome::Vertagt),
        "nicht angenommen" | "nichtbefassung" | "nicht befasst" | "unzulassig" => {
            ListOutcome::NotAdmitted
        }
        "zuruckgenommen" | "zuruckgezogen" => ListOutcome::Withdrawn,
        "erledigt" | "anderweitig erledigt" => ListOutcome::Resolved,
        _ => return None,
    })
}

pub fn decision(text: &str) -> Option<MinistryDecision> {
    match fold(text).trim() {
        "anordnung"
        | "angeordnet"
        | "aufenthaltserlaubnis erteilt"
        | "stattgegeben"
        | "positiv" => Some(MinistryDecision::Anordnung),
        "ablehnung" | "abgelehnt" | "keine anordnung" | "negativ" => {
            Some(MinistryDecision::Ablehnung)
        }
        _ => None,
    }
}

pub fn sex(text: &str) -> Option<Sex> {
    match fold(text).trim() {
        "w" | "weiblich" | "f" => Some(Sex::Weiblich),
        "m" | "mannlich" => Some(Sex::Maennlich),
        "d" | "divers" | "x" => Some(Sex::Divers),
        "" | "?" | "unbekannt" => Some(Sex::Unbekannt),
        _ => None,
    }
}

/// A name in one cell: "Familienname, Vornamen" or, without a comma, "Vornamen Familienname"
/// (the last word is taken as the family name).
pub fn split_name(name: &str) -> (String, String) {
    if let Some((family, given)) = name.split_once(',') {
        return (family.trim().to_owned(), given.trim().to_owned());
    }
    match name.trim().rsplit_once(' ') {
        Some((given, family)) => (family.to_owned(), given.to_owned()),
        None => (name.trim().to_owned(), String::new()),
    }
}

#[cfg(test)]
#[path = "values_tests.rs"]
mod tests;
