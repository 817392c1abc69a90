//! What a column of an old list can become: a field of the case or of its main person, or
//! nothing. The mapping suggests itself from the headings commissions commonly use and can
//! be saved as JSON for the next list (the CLI's `--zuordnung`).

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::domain::choice::{labelled_enum, Labelled};
use crate::domain::import::values::fold;
use crate::{Error, Result};

labelled_enum!(
    /// A field a column can be mapped to.
    ImportField {
        Ignorieren => "ignorieren",
        Aktenzeichen => "Aktenzeichen (bisheriges)",
        Name => "Name (Familienname, Vornamen in einer Spalte)",
        Familienname => "Familienname",
        Vornamen => "Vornamen",
        Geburtsdatum => "Geburtsdatum",
        Geschlecht => "Geschlecht",
        Staatsangehoerigkeit => "Staatsangehörigkeit",
        Eingang => "Eingang",
        EingebrachtDurch => "eingebracht durch",
        Auslaenderbehoerde => "Ausländerbehörde",
        Ergebnis => "Ergebnis",
        Sitzung => "Sitzung (Tag der Beratung)",
        Entscheidung => "Entscheidung des Ministeriums",
        EntschiedenAm => "Entscheidung vom",
    }
);

/// What to do with an unknown member's or office's name in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// The member or office with this id in the file.
    Vorhanden(u32),
    /// Create it under the name the list gives.
    Neu,
    /// Leave the field empty (offices only: every case has a member who brought it in).
    Leer,
}

/// How a list is read: each heading to a field, and the answers for names the file does
/// not know. Saved as JSON for the next list of the same shape.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Mapping {
    /// The sheet of a workbook, if not the first.
    #[serde(default)]
    pub blatt: Option<String>,
    /// Heading → field; a heading not named here is ignored.
    pub spalten: BTreeMap<String, ImportField>,
    /// The member for every row when no column says who brought the case in.
    #[serde(default)]
    pub mitglied_fuer_alle: Option<u32>,
    /// Unknown names of members in the list → what they stand for.
    #[serde(default)]
    pub mitglieder: BTreeMap<String, Resolution>,
    /// Unknown names of foreigners' offices → what they stand for.
    #[serde(default)]
    pub behoerden: BTreeMap<String, Resolution>,
    /// Whether rows that are likely already in the file (or twice in the list) are taken
    /// over anyway; by default they are left out.
    #[serde(default)]
    pub doppelte_uebernehmen: bool,
}

/// Words of common headings (folded: lower case, no diacritics) and their field.
const HEADINGS: &[(&str, ImportField)] = &[
    ("aktenzeichen", ImportField::Aktenzeichen),
    ("az", ImportField::Aktenzeichen),
    ("fallnummer", ImportField::Aktenzeichen),
    ("lfd nr", ImportField::Aktenzeichen),
    ("name", ImportField::Name),
    ("name vorname", ImportField::Name),
    ("antragsteller", ImportField::Name),
    ("hauptperson", ImportField::Name),
    ("familienname", ImportField::Familienname),
    ("nachname", ImportField::Familienname),
    ("vorname", ImportField::Vornamen),
    ("vornamen", ImportField::Vornamen),
    ("geburtsdatum", ImportField::Geburtsdatum),
    ("geb", ImportField::Geburtsdatum),
    ("geb datum", ImportField::Geburtsdatum),
    ("geboren", ImportField::Geburtsdatum),
    ("geschlecht", ImportField::Geschlecht),
    ("staatsangehorigkeit", ImportField::Staatsangehoerigkeit),
    ("staatsangehoerigkeit", ImportField::Staatsangehoerigkeit),
    ("nationalitat", ImportField::Staatsangehoerigkeit),
    ("herkunftsland", ImportField::Staatsangehoerigkeit),
    ("eingang", ImportField::Eingang),
    ("eingegangen", ImportField::Eingang),
    ("eingangsdatum", ImportField::Eingang),
    ("eingang am", ImportField::Eingang),
    ("eingebracht durch", ImportField::EingebrachtDurch),
    ("eingebracht von", ImportField::EingebrachtDurch),
    ("mitglied", ImportField::EingebrachtDurch),
    ("befassendes mitglied", ImportField::EingebrachtDurch),
    ("auslanderbehorde", ImportField::Auslaenderbehoerde),
    ("abh", ImportField::Auslaenderbehoerde),
    ("ergebnis", ImportField::Ergebnis),
    ("beschluss", ImportField::Ergebnis),
    ("sitzung", ImportField::Sitzung),
    ("sitzungsdatum", ImportField::Sitzung),
    ("beraten am", ImportField::Sitzung),
    ("beratung", ImportField::Sitzung),
    ("entscheidung", ImportField::Entscheidung),
    ("entscheidung mi", ImportField::Entscheidung),
    ("entscheidung ministerium", ImportField::Entscheidung),
    ("entscheidung des ministeriums", ImportField::Entscheidung),
    ("entschieden am", ImportField::EntschiedenAm),
    ("entscheidung vom", ImportField::EntschiedenAm),
    ("entscheidungsdatum", ImportField::EntschiedenAm),
];

/// A heading reduced to its words: lower case, no diacritics, no punctuation.
fn heading_words(heading: &str) -> String {
    fold(heading)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The mapping the headings suggest; each field goes to its first matching column only.
pub fn suggest(headings: &[String]) -> Mapping {
    let mut mapping = Mapping::default();
    let mut taken = Vec::new();
    for heading in headings {
        let words = heading_words(heading);
        let found = HEADINGS.iter().find(|(w, _)| *w == words).map(|(_, f)| *f);
        if let Some(field) = found.filter(|f| !taken.contains(f)) {
            taken.push(field);
            mapping.spalten.insert(heading.clone(), field);
        }
    }
    // "Name" beside a column of given names holds the family name only.
    if taken.contains(&ImportField::Vornamen) && !taken.contains(&ImportField::Familienname) {
        for field in mapping.spalten.values_mut() {
            if *field == ImportField::Name {
                *field = ImportField::Familienname;
            }
        }
    }
    mapping
}

/// The mapping to start a list from: the one kept from the last list when every heading it
/// names is in this list too, else the suggestion from the headings.
pub fn for_list(saved: Option<Mapping>, headings: &[String]) -> Mapping {
    let suggested = suggest(headings);
    match saved {
        Some(mut m) if !m.spalten.is_empty() && m.spalten.keys().all(|h| headings.contains(h)) => {
            // A heading the kept mapping does not know gets the suggestion, if its field is free.
            for (heading, field) in suggested.spalten {
                if !m.spalten.contains_key(&heading) && !m.spalten.values().any(|f| *f == field) {
                    m.spalten.insert(heading, field);
                }
            }
            m
        }
        _ => suggested,
    }
}

impl Mapping {
    /// The column of each mapped field, checked against the list's headings: a heading the
    /// list lacks, a field given two columns, a name given both as one and as two columns,
    /// and a list without a name or a date received are refused with what to change.
    pub fn columns(&self, headings: &[String]) -> Result<HashMap<ImportField, usize>> {
        let mut columns: HashMap<ImportField, usize> = HashMap::new();
        for (heading, field) in &self.spalten {
            if *field == ImportField::Ignorieren {
                continue;
            }
            let index = headings.iter().position(|h| h == heading).ok_or_else(|| {
                Error::invalid(
                    "Zuordnung",
                    format!("Die Liste hat keine Spalte „{heading}“."),
                )
            })?;
            if let Some(other) = columns.insert(*field, index) {
                return Err(Error::invalid(
                    "Zuordnung",
                    format!(
                        "„{}“ ist zwei Spalten zugeordnet: „{}“ und „{}“. Bitte eine davon auf „ignorieren“ stellen.",
                        field.label(),
                        headings[other.min(index)],
                        headings[other.max(index)]
                    ),
                ));
            }
        }
        let has = |f| columns.contains_key(&f);
        if has(ImportField::Name) && (has(ImportField::Familienname) || has(ImportField::Vornamen))
        {
            return Err(Error::invalid(
                "Zuordnung",
                "Der Name ist sowohl einer Spalte „Name“ als auch Familienname oder Vornamen zugeordnet. Bitte nur eines davon.",
            ));
        }
        if !has(ImportField::Name) && !has(ImportField::Familienname) {
            return Err(Error::invalid(
                "Zuordnung",
                "Bitte die Spalte mit dem Namen der Hauptperson zuordnen (Name oder Familienname).",
            ));
        }
        if !has(ImportField::Eingang) {
            return Err(Error::invalid(
                "Zuordnung",
                "Bitte die Spalte mit dem Eingangsdatum zuordnen: ohne Eingang zählt kein Fall in der Statistik.",
            ));
        }
        if !has(ImportField::EingebrachtDurch) && self.mitglied_fuer_alle.is_none() {
            return Err(Error::invalid(
                "Zuordnung",
                "Bitte die Spalte „eingebracht durch“ zuordnen oder ein Mitglied für alle Zeilen wählen.",
            ));
        }
        Ok(columns)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headings(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn common_german_headings_suggest_their_fields() {
        let list = headings(&[
            "Az.",
            "Name",
            "Vorname",
            "Geb.-Datum",
            "Staatsangehörigkeit",
            "Eingang am",
            "eingebracht durch",
            "Ausländerbehörde",
            "Ergebnis",
            "Sitzung",
            "Bemerkung",
        ]);
        let mapping = suggest(&list);
        assert_eq!(mapping.spalten["Az."], ImportField::Aktenzeichen);
        // Beside a Vorname column, "Name" is the family name; the pair passes the check.
        assert_eq!(mapping.spalten["Name"], ImportField::Familienname);
        assert_eq!(mapping.spalten["Vorname"], ImportField::Vornamen);
        let mut checked = mapping.clone();
        checked.mitglied_fuer_alle = Some(1);
        assert!(checked.columns(&list).is_ok());
        assert_eq!(
            mapping.spalten["Staatsangehörigkeit"],
            ImportField::Staatsangehoerigkeit
        );
        assert_eq!(mapping.spalten["Eingang am"], ImportField::Eingang);
        assert_eq!(
            mapping.spalten["Ausländerbehörde"],
            ImportField::Auslaenderbehoerde
        );
        assert!(!mapping.spalten.contains_key("Bemerkung"));
        assert_eq!(mapping.spalten["Geb.-Datum"], ImportField::Geburtsdatum);
    }

    #[test]
    fn a_field_mapped_twice_is_refused_with_both_columns() {
        let list = headings(&["Name", "Eingang", "Eingang (2)", "Mitglied"]);
        let mut mapping = suggest(&list);
        mapping
            .spalten
            .insert("Eingang (2)".into(), ImportField::Eingang);
        let err = mapping.columns(&list).unwrap_err().to_string();
        assert!(
            err.contains("„Eingang“ ist zwei Spalten zugeordnet: „Eingang“ und „Eingang (2)“"),
            "{err}"
        );
    }

    #[test]
    fn a_name_a_date_received_and_a_member_are_needed() {
        let list = headings(&["Name", "Eingang"]);
        let mut mapping = suggest(&list);
        let err = mapping.columns(&list).unwrap_err().to_string();
        assert!(err.contains("eingebracht durch"), "{err}");
        mapping.mitglied_fuer_alle = Some(1);
        assert_eq!(mapping.columns(&list).unwrap().len(), 2);
        mapping.spalten.remove("Eingang");
        assert!(mapping
            .columns(&list)
            .unwrap_err()
            .to_string()
            .contains("Eingangsdatum"));
        mapping.spalten.insert("Fehlt".into(), ImportField::Eingang);
        assert!(mapping
            .columns(&list)
            .unwrap_err()
            .to_string()
            .contains("keine Spalte „Fehlt“"));
    }

    #[test]
    fn a_kept_mapping_is_used_only_for_a_list_of_its_shape() {
        let list = headings(&["Name", "Eingang", "Bemerkung"]);
        let mut kept = suggest(&list);
        kept.spalten
            .insert("Bemerkung".into(), ImportField::Ignorieren);
        assert_eq!(for_list(Some(kept.clone()), &list), kept);
        let other = headings(&["Familienname", "Eingang"]);
        assert_eq!(for_list(Some(kept.clone()), &other), suggest(&other));
        let wider = headings(&["Name", "Eingang", "Bemerkung", "Geburtsdatum"]);
        assert_eq!(
            for_list(Some(kept), &wider).spalten["Geburtsdatum"],
            ImportField::Geburtsdatum
        );
    }

    #[test]
    fn a_mapping_reads_back_from_its_json() {
        let list = headings(&["Name", "Eingang", "ABH"]);
        let mut mapping = suggest(&list);
        mapping
            .behoerden
            .insert("LK Nirgendwo".into(), Resolution::Leer);
        mapping
            .mitglieder
            .insert("Pfr. Schulz".into(), Resolution::Vorhanden(3));
        let json = serde_json::to_string(&mapping).unwrap();
        assert!(json.contains("\"auslaenderbehoerde\""), "{json}");
        assert_eq!(serde_json::from_str::<Mapping>(&json).unwrap(), mapping);
    }
}
