//! A person concerned by a case (Person): role in the family, identity, entry and residence.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::domain::choice::{labelled_enum, Labelled};
use crate::domain::countries;
use crate::domain::input::{
    not_before, not_in_future, optional_date, optional_text, required_text, LONG_TEXT, SHORT_TEXT,
};
use crate::domain::problems::Problems;
use crate::{Error, Result};

/// Age of majority in Germany.
pub const MAJORITY_AGE: u32 = 18;

labelled_enum!(
    /// The person's place in the family the case is about.
    FamilyRole {
        Hauptperson => "Hauptperson",
        Ehepartner => "Ehepartner/in",
        Kind => "Kind",
        Sonstige => "Weitere Angehörige",
    }
);

labelled_enum!(
    Sex {
        Weiblich => "weiblich",
        Maennlich => "männlich",
        Divers => "divers",
        Unbekannt => "unbekannt",
    }
);

labelled_enum!(
    /// The paper the person holds now.
    ResidenceStatus {
        Duldung => "Duldung (§ 60a AufenthG)",
        Aufenthaltsgestattung => "Aufenthaltsgestattung",
        Grenzuebertrittsbescheinigung => "Grenzübertrittsbescheinigung",
        Fiktionsbescheinigung => "Fiktionsbescheinigung",
        Aufenthaltserlaubnis => "Aufenthaltserlaubnis",
        OhnePapiere => "ohne Papiere",
        Sonstiger => "sonstiger Status",
    }
);

/// A person as the form submits it; dates as typed (TT.MM.JJJJ).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct PersonDraft {
    pub family_role: String,
    pub family_name: String,
    pub given_names: String,
    /// The name in its original script (Cyrillic, Arabic …), where the person has one.
    pub original_name: String,
    pub birth_date: String,
    pub birth_place: String,
    pub sex: String,
    /// ISO 3166-1 alpha-2 code from the country list.
    pub nationality: String,
    pub entry_date: String,
    pub residence_status: String,
    pub residence_issued_on: String,
    pub residence_valid_until: String,
    pub asylum_history: String,
}

/// A checked person, ready to store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonFields {
    pub family_role: FamilyRole,
    pub family_name: String,
    pub given_names: String,
    pub original_name: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub birth_place: Option<String>,
    pub sex: Sex,
    pub nationality: String,
    pub entry_date: Option<NaiveDate>,
    pub residence_status: Option<ResidenceStatus>,
    pub residence_issued_on: Option<NaiveDate>,
    pub residence_valid_until: Option<NaiveDate>,
    pub asylum_history: Option<String>,
}

impl PersonDraft {
    /// Checks every field; all problems come back at once.
    pub fn validate(&self, today: NaiveDate) -> Result<PersonFields> {
        let mut p = Problems::default();
        let family_role = p.check(FamilyRole::parse_code(
            "Rolle in der Familie",
            &self.family_role,
        ));
        let family_name = p.check(required_text("Familienname", &self.family_name, SHORT_TEXT));
        let given_names = p.check(required_text("Vorname(n)", &self.given_names, SHORT_TEXT));
        let original_name = p.check(optional_text(
            "Name in Originalschrift",
            &self.original_name,
            SHORT_TEXT,
        ));
        let birth_date = p.check(optional_date("Geburtsdatum", &self.birth_date));
        if let Some(date) = birth_date {
            p.check(not_in_future("Geburtsdatum", date, today));
        }
        let birth_place = p.check(optional_text("Geburtsort", &self.birth_place, SHORT_TEXT));
        let sex = if self.sex.trim().is_empty() {
            Some(Sex::Unbekannt)
        } else {
            p.check(Sex::parse_code("Geschlecht", &self.sex))
        };
        let nationality = p.check(nationality(&self.nationality));
        let entry_date = p.check(optional_date("Einreisedatum", &self.entry_date));
        if let Some(date) = entry_date {
            p.check(not_in_future("Einreisedatum", date, today));
            p.check(not_before(
                "Einreisedatum",
                date,
                "Geburtsdatum",
                birth_date.flatten(),
            ));
        }
        let residence_status = if self.residence_status.trim().is_empty() {
            Some(None)
        } else {
            p.check(ResidenceStatus::parse_code(
                "Aufenthaltsstatus",
                &self.residence_status,
            ))
            .map(Some)
        };
        let issued_on = p.check(optional_date("Ausgestellt am", &self.residence_issued_on));
        if let Some(date) = issued_on {
            p.check(not_in_future("Ausgestellt am", date, today));
        }
        let valid_until = p.check(optional_date("Gültig bis", &self.residence_valid_until));
        if let (Some(until), Some(issued)) = (valid_until, issued_on) {
            if until.is_some() && until == issued {
                p.note(Error::invalid(
                    "Gültig bis",
                    "Muss nach dem Ausstellungsdatum liegen.",
                ));
            } else {
                p.check(not_before("Gültig bis", until, "Ausgestellt am", issued));
            }
        }
        let paper_dated =
            matches!(issued_on, Some(Some(_))) || matches!(valid_until, Some(Some(_)));
        if residence_status == Some(None) && paper_dated {
            p.note(Error::invalid(
                "Aufenthaltsstatus",
                "Bitte den Status wählen, zu dem die Daten des Papiers gehören.",
            ));
        }
        let asylum_history = p.check(optional_text(
            "Asylverfahren und aufenthaltsrechtlicher Verlauf",
            &self.asylum_history,
            LONG_TEXT,
        ));
        p.finish(|| {
            Some(PersonFields {
                family_role: family_role?,
                family_name: family_name?,
                given_names: given_names?,
                original_name: original_name?,
                birth_date: birth_date?,
                birth_place: birth_place?,
                sex: sex?,
                nationality: nationality?,
                entry_date: entry_date?,
                residence_status: residence_status?,
                residence_issued_on: issued_on?,
                residence_valid_until: valid_until?,
                asylum_history: asylum_history?,
            })
        })
    }
}

/// The nationality as an ISO code from the country list.
fn nationality(raw: &str) -> Result<String> {
    let code = raw.trim().to_uppercase();
    if code.is_empty() {
        return Err(Error::invalid(
            "Staatsangehörigkeit",
            "Bitte aus der Liste wählen (auch „Ungeklärt“ oder „Staatenlos“).",
        ));
    }
    if countries::name(&code).is_none() {
        return Err(Error::invalid(
            "Staatsangehörigkeit",
            format!("„{code}“ steht nicht in der Staatenliste."),
        ));
    }
    Ok(code)
}

/// Whole years of age on a day.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> u32 {
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    u32::try_from(years).unwrap_or(0)
}

/// Whether the person is a minor on a day; derived from the birth date, never typed.
/// Without a birth date the answer is unknown.
pub fn is_minor(birth: Option<NaiveDate>, on: NaiveDate) -> Option<bool> {
    birth.map(|b| age_on(b, on) < MAJORITY_AGE)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn today() -> NaiveDate {
        d(2026, 11, 25)
    }

    fn draft() -> PersonDraft {
        PersonDraft {
            family_role: "hauptperson".into(),
            family_name: "Petrlić-Woelke".into(),
            given_names: "Andrea-Maria".into(),
            original_name: "".into(),
            birth_date: "14.03.1985".into(),
            birth_place: "Sarajevo".into(),
            sex: "weiblich".into(),
            nationality: "ba".into(),
            entry_date: "01.06.2015".into(),
            residence_status: "duldung".into(),
            residence_issued_on: "01.10.2026".into(),
            residence_valid_until: "31.12.2026".into(),
            asylum_history: "Asylantrag 2015 abgelehnt.".into(),
        }
    }

    type Spoil = fn(&mut PersonDraft);

    #[test]
    fn a_complete_person_is_accepted() {
        let p = draft().validate(today()).unwrap();
        assert_eq!(p.family_role, FamilyRole::Hauptperson);
        assert_eq!(p.nationality, "BA");
        assert_eq!(p.residence_status, Some(ResidenceStatus::Duldung));
        assert_eq!(p.residence_valid_until, Some(d(2026, 12, 31)));
    }

    #[test]
    fn only_names_role_and_nationality_are_required() {
        let p = PersonDraft {
            family_role: "kind".into(),
            family_name: "Güneş".into(),
            given_names: "Şükrü".into(),
            nationality: "XU".into(),
            ..PersonDraft::default()
        }
        .validate(today())
        .unwrap();
        assert_eq!(p.sex, Sex::Unbekannt);
        assert_eq!(p.birth_date, None);
    }

    #[test]
    fn bad_input_names_the_field() {
        let cases: [(Spoil, &str); 9] = [
            (|p| p.family_name = " ".into(), "Familienname"),
            (|p| p.family_role = "onkel".into(), "Rolle in der Familie"),
            (|p| p.nationality = "ZZ".into(), "Staatsangehörigkeit"),
            (|p| p.nationality = "".into(), "Staatsangehörigkeit"),
            (|p| p.birth_date = "30.02.1985".into(), "Geburtsdatum"),
            (|p| p.entry_date = "01.01.2030".into(), "Einreisedatum"),
            (|p| p.entry_date = "01.01.1980".into(), "Einreisedatum"),
            (
                |p| p.residence_valid_until = "01.09.2026".into(),
                "Gültig bis",
            ),
            (|p| p.residence_status = "".into(), "Aufenthaltsstatus"),
        ];
        for (spoil, field) in cases {
            let mut p = draft();
            spoil(&mut p);
            let err = p.validate(today()).unwrap_err();
            assert!(err.to_string().starts_with(&format!("{field}: ")), "{err}");
        }
    }

    #[test]
    fn minority_is_derived_from_the_birth_date() {
        assert_eq!(age_on(d(2008, 11, 26), today()), 17);
        assert_eq!(is_minor(Some(d(2008, 11, 26)), today()), Some(true));
        assert_eq!(is_minor(Some(d(2008, 11, 25)), today()), Some(false));
        assert_eq!(is_minor(None, today()), None);
    }
}
