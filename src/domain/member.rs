//! Members of the commission (Mitglieder) and the organisations that propose them, whose
//! names change over time.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::domain::choice::{labelled_enum, Labelled};
use crate::domain::input::{not_before, optional_date, required_date, required_text, SHORT_TEXT};
use crate::domain::problems::Problems;
use crate::{Error, Result};

labelled_enum!(
    MemberKind {
        /// A voting member, proposed by an organisation.
        Mitglied => "Stimmberechtigtes Mitglied",
        /// The deputy of one voting member.
        Stellvertretung => "Stellvertretung",
        /// Advisory member by office; brings cases in herself.
        Integrationsbeauftragte => "Integrationsbeauftragte (beratend)",
        /// Advisory member by office; chairs the sessions.
        LeitungGeschaeftsstelle => "Leitung der Geschäftsstelle (beratend)",
    }
);

impl MemberKind {
    /// Whether a member of this kind may bring a case in (Einbringung).
    pub fn may_bring_in(self) -> bool {
        !matches!(self, MemberKind::LeitungGeschaeftsstelle)
    }

    /// Whether the member is proposed by an organisation.
    pub fn needs_organisation(self) -> bool {
        matches!(self, MemberKind::Mitglied | MemberKind::Stellvertretung)
    }
}

/// How a member is named where one is chosen or cited ("Eingebracht von"): with the
/// organisation, a deputy as the deputy of their member, and a member by office with the
/// office unless the name already says it.
pub fn cited_as(
    name: &str,
    kind: MemberKind,
    organisation: Option<&str>,
    deputy_of: Option<&str>,
) -> String {
    let office = kind.label().trim_end_matches(" (beratend)");
    match (kind, deputy_of, organisation) {
        (MemberKind::Stellvertretung, Some(member), Some(org)) => {
            format!("{name} – Stellvertretung für {member} ({org})")
        }
        (MemberKind::Stellvertretung, Some(member), None) => {
            format!("{name} – Stellvertretung für {member}")
        }
        (_, _, Some(org)) => format!("{name} – {org}"),
        _ if name.contains(office) => name.to_owned(),
        _ => format!("{name} – {office}"),
    }
}

/// A member as the form submits it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct MemberDraft {
    pub name: String,
    pub kind: String,
    pub organisation_id: Option<u32>,
    /// For a deputy: the voting member they stand in for.
    pub deputy_of: Option<u32>,
    pub term_from: String,
    pub term_to: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberFields {
    pub name: String,
    pub kind: MemberKind,
    pub organisation_id: Option<u32>,
    pub deputy_of: Option<u32>,
    pub term_from: Option<NaiveDate>,
    pub term_to: Option<NaiveDate>,
}

impl MemberDraft {
    /// Checks every field; all problems come back at once.
    pub fn validate(&self) -> Result<MemberFields> {
        let mut p = Problems::default();
        let name = p.check(required_text("Name", &self.name, SHORT_TEXT));
        let kind = p.check(MemberKind::parse_code("Funktion", &self.kind));
        if kind.is_some_and(|k| k.needs_organisation()) && self.organisation_id.is_none() {
            p.note(Error::invalid(
                "Entsendende Stelle",
                "Bitte die Stelle wählen, die das Mitglied vorgeschlagen hat.",
            ));
        }
        match (kind, self.deputy_of) {
            (Some(MemberKind::Stellvertretung), None) => p.note(Error::invalid(
                "Vertritt",
                "Bitte das Mitglied wählen, das vertreten wird.",
            )),
            (Some(k), Some(_)) if k != MemberKind::Stellvertretung => p.note(Error::invalid(
                "Vertritt",
                "Nur eine Stellvertretung vertritt ein Mitglied.",
            )),
            _ => {}
        }
        let term_from = p.check(optional_date("Amtszeit von", &self.term_from));
        let term_to = p.check(optional_date("Amtszeit bis", &self.term_to));
        if let (Some(to), Some(from)) = (term_to, term_from) {
            p.check(not_before("Amtszeit bis", to, "Amtszeit von", from));
        }
        p.finish(|| {
            Some(MemberFields {
                name: name?,
                kind: kind?,
                organisation_id: self.organisation_id,
                deputy_of: self.deputy_of,
                term_from: term_from?,
                term_to: term_to?,
            })
        })
    }
}

/// Whether a day falls within a term of office (open ends count as unbounded).
pub fn in_term(from: Option<NaiveDate>, to: Option<NaiveDate>, day: NaiveDate) -> bool {
    from.is_none_or(|f| f <= day) && to.is_none_or(|t| day <= t)
}

/// A name an organisation carried from a day on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct OrganisationName {
    pub name: String,
    pub valid_from: NaiveDate,
}

/// Checks a new name for an organisation: a name and the day it takes effect.
pub fn validate_organisation_name(name: &str, valid_from: &str) -> Result<OrganisationName> {
    Ok(OrganisationName {
        name: required_text("Name der Stelle", name, SHORT_TEXT)?,
        valid_from: required_date("Gilt ab", valid_from)?,
    })
}

/// The name an organisation had on a day. Before its first recorded name, the first one.
pub fn name_on(history: &[OrganisationName], day: NaiveDate) -> Option<&str> {
    history
        .iter()
        .filter(|n| n.valid_from <= day)
        .max_by_key(|n| n.valid_from)
        .or_else(|| history.iter().min_by_key(|n| n.valid_from))
        .map(|n| n.name.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn an_organisation_shows_the_name_of_the_day() {
        let history = vec![
            OrganisationName {
                name: "MSGIV".into(),
                valid_from: d(2019, 11, 20),
            },
            OrganisationName {
                name: "MASGF".into(),
                valid_from: d(2014, 11, 5),
            },
        ];
        assert_eq!(name_on(&history, d(2016, 1, 1)), Some("MASGF"));
        assert_eq!(name_on(&history, d(2019, 11, 19)), Some("MASGF"));
        assert_eq!(name_on(&history, d(2019, 11, 20)), Some("MSGIV"));
        assert_eq!(name_on(&history, d(2026, 1, 1)), Some("MSGIV"));
        assert_eq!(name_on(&history, d(2000, 1, 1)), Some("MASGF"));
        assert_eq!(name_on(&[], d(2000, 1, 1)), None);
    }

    #[test]
    fn members_are_checked() {
        let voting = MemberDraft {
            name: "Đorđe Ćosić".into(),
            kind: "mitglied".into(),
            organisation_id: Some(1),
            deputy_of: None,
            term_from: "01.01.2025".into(),
            term_to: "31.12.2029".into(),
        };
        assert!(voting.validate().is_ok());
        let no_org = MemberDraft {
            organisation_id: None,
            ..voting.clone()
        };
        assert!(no_org
            .validate()
            .unwrap_err()
            .to_string()
            .starts_with("Entsendende Stelle:"));
        let deputy_without_member = MemberDraft {
            kind: "stellvertretung".into(),
            ..voting.clone()
        };
        assert!(deputy_without_member
            .validate()
            .unwrap_err()
            .to_string()
            .starts_with("Vertritt:"));
        let voting_with_deputy_of = MemberDraft {
            deputy_of: Some(2),
            ..voting.clone()
        };
        assert!(voting_with_deputy_of.validate().is_err());
        let reversed = MemberDraft {
            term_to: "01.01.2024".into(),
            ..voting.clone()
        };
        assert!(reversed
            .validate()
            .unwrap_err()
            .to_string()
            .starts_with("Amtszeit bis:"));
        let advisory = MemberDraft {
            kind: "integrationsbeauftragte".into(),
            organisation_id: None,
            ..voting
        };
        assert!(advisory.validate().is_ok());
    }

    #[test]
    fn terms_and_who_may_bring_in() {
        assert!(in_term(Some(d(2025, 1, 1)), None, d(2026, 1, 1)));
        assert!(!in_term(
            Some(d(2025, 1, 1)),
            Some(d(2025, 12, 31)),
            d(2026, 1, 1)
        ));
        assert!(in_term(None, None, d(2026, 1, 1)));
        assert!(MemberKind::Integrationsbeauftragte.may_bring_in());
        assert!(!MemberKind::LeitungGeschaeftsstelle.may_bring_in());
    }

    #[test]
    fn members_are_cited_with_their_role_once() {
        use MemberKind::*;
        assert_eq!(
            cited_as(
                "Berta Beispiel",
                Stellvertretung,
                Some("Caritas"),
                Some("Anna Muster")
            ),
            "Berta Beispiel – Stellvertretung für Anna Muster (Caritas)"
        );
        assert_eq!(
            cited_as("Anna Muster", Mitglied, Some("Caritas"), None),
            "Anna Muster – Caritas"
        );
        assert_eq!(
            cited_as(
                "Integrationsbeauftragte des Landes",
                Integrationsbeauftragte,
                None,
                None
            ),
            "Integrationsbeauftragte des Landes"
        );
        assert_eq!(
            cited_as("Doris Lemmermeier", Integrationsbeauftragte, None, None),
            "Doris Lemmermeier – Integrationsbeauftragte"
        );
    }
}
