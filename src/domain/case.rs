//! A hardship case (Fall): its number, how it came in, and the statement of the foreigners'
//! office (Stellungnahme der ABH).

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::domain::input::{
    not_before, not_in_future, optional_date, optional_text, required_date, LONG_TEXT, SHORT_TEXT,
};
use crate::domain::problems::Problems;
use crate::{Error, Result};

/// The case number (Aktenzeichen) HFK-YYYY-NNN: the year received and a running number
/// within that year, three digits at least.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CaseNumber {
    pub year: i32,
    pub seq: u32,
}

impl fmt::Display for CaseNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HFK-{}-{:03}", self.year, self.seq)
    }
}

impl CaseNumber {
    pub fn parse(text: &str) -> Option<CaseNumber> {
        let rest = text.trim().strip_prefix("HFK-")?;
        let (year, seq) = rest.split_once('-')?;
        if year.len() != 4 || seq.len() < 3 {
            return None;
        }
        let number = CaseNumber {
            year: year.parse().ok()?,
            seq: seq.parse().ok()?,
        };
        (number.seq > 0).then_some(number)
    }

    /// The number after the highest one given for that year so far.
    pub fn next(year: i32, highest_seq: Option<u32>) -> CaseNumber {
        CaseNumber {
            year,
            seq: highest_seq.unwrap_or(0) + 1,
        }
    }
}

/// The case's own data as the form submits it; dates as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CaseDraft {
    pub received_on: String,
    /// The member (or the Integrationsbeauftragte) who brought the case in.
    pub brought_by: Option<u32>,
    pub brought_in_on: String,
    pub office_id: Option<u32>,
    /// Counsel or advice centre.
    pub counsel: String,
    pub consent_on_file: bool,
    pub consent_date: String,
    pub life_story: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseFields {
    pub received_on: NaiveDate,
    pub brought_by: u32,
    pub brought_in_on: NaiveDate,
    pub office_id: Option<u32>,
    pub counsel: Option<String>,
    pub consent_on_file: bool,
    pub consent_date: Option<NaiveDate>,
    pub life_story: Option<String>,
    pub notes: Option<String>,
}

impl CaseDraft {
    /// Checks every field; all problems come back at once.
    pub fn validate(&self, today: NaiveDate) -> Result<CaseFields> {
        let mut p = Problems::default();
        let received_on = p.check(required_date("Eingangsdatum", &self.received_on));
        if let Some(date) = received_on {
            p.check(not_in_future("Eingangsdatum", Some(date), today));
        }
        let brought_by = p.check(self.brought_by.ok_or_else(|| {
            Error::invalid(
                "Eingebracht von",
                "Bitte das Mitglied oder die Integrationsbeauftragte wählen.",
            )
        }));
        let brought_in_on = p.check(required_date("Eingebracht am", &self.brought_in_on));
        if let Some(date) = brought_in_on {
            p.check(not_in_future("Eingebracht am", Some(date), today));
            p.check(not_before(
                "Eingebracht am",
                Some(date),
                "Eingangsdatum",
                received_on,
            ));
        }
        let counsel = p.check(optional_text(
            "Rechtsbeistand / Beratungsstelle",
            &self.counsel,
            SHORT_TEXT,
        ));
        let consent_date = p.check(optional_date("Einverständnis vom", &self.consent_date));
        if let Some(date) = consent_date {
            p.check(not_in_future("Einverständnis vom", date, today));
            if self.consent_on_file && date.is_none() {
                p.note(Error::invalid(
                    "Einverständnis vom",
                    "Bitte das Datum der Einverständniserklärung eingeben.",
                ));
            }
            if !self.consent_on_file && date.is_some() {
                p.note(Error::invalid(
                    "Einverständnis vom",
                    "Ein Datum nur angeben, wenn die Einverständniserklärung vorliegt.",
                ));
            }
        }
        let life_story = p.check(optional_text(
            "Lebensgeschichte",
            &self.life_story,
            LONG_TEXT,
        ));
        let notes = p.check(optional_text("Notizen", &self.notes, LONG_TEXT));
        p.finish(|| {
            Some(CaseFields {
                received_on: received_on?,
                brought_by: brought_by?,
                brought_in_on: brought_in_on?,
                office_id: self.office_id,
                counsel: counsel?,
                consent_on_file: self.consent_on_file,
                consent_date: consent_date?,
                life_story: life_story?,
                notes: notes?,
            })
        })
    }
}

/// The statement of the foreigners' office as the form submits it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct AbhStatementDraft {
    pub requested_on: String,
    pub received_on: String,
    pub content: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AbhStatementFields {
    pub requested_on: Option<NaiveDate>,
    pub received_on: Option<NaiveDate>,
    pub content: Option<String>,
}

impl AbhStatementDraft {
    /// Checks every field; all problems come back at once.
    pub fn validate(&self, today: NaiveDate) -> Result<AbhStatementFields> {
        let mut p = Problems::default();
        let requested_on = p.check(optional_date("Angefordert am", &self.requested_on));
        if let Some(date) = requested_on {
            p.check(not_in_future("Angefordert am", date, today));
        }
        let received_on = p.check(optional_date("Eingegangen am", &self.received_on));
        if let Some(date) = received_on {
            p.check(not_in_future("Eingegangen am", date, today));
            p.check(not_before(
                "Eingegangen am",
                date,
                "Angefordert am",
                requested_on.flatten(),
            ));
        }
        let content = p.check(optional_text(
            "Inhalt der Stellungnahme",
            &self.content,
            LONG_TEXT,
        ));
        if matches!(content, Some(Some(_))) && received_on == Some(None) {
            p.note(Error::invalid(
                "Eingegangen am",
                "Bitte angeben, wann die Stellungnahme einging.",
            ));
        }
        p.finish(|| {
            Some(AbhStatementFields {
                requested_on: requested_on?,
                received_on: received_on?,
                content: content?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    type Spoil = fn(&mut CaseDraft);

    #[test]
    fn case_numbers_read_and_write() {
        let n = CaseNumber::next(2026, Some(41));
        assert_eq!(n.to_string(), "HFK-2026-042");
        assert_eq!(CaseNumber::parse("HFK-2026-042"), Some(n));
        assert_eq!(CaseNumber::next(2027, None).to_string(), "HFK-2027-001");
        assert_eq!(
            CaseNumber {
                year: 2026,
                seq: 1234
            }
            .to_string(),
            "HFK-2026-1234"
        );
        for bad in [
            "HFK-26-001",
            "2026-001",
            "HFK-2026-1",
            "HFK-2026-000",
            "HFK-2026-abc",
        ] {
            assert_eq!(CaseNumber::parse(bad), None, "{bad}");
        }
    }

    fn draft() -> CaseDraft {
        CaseDraft {
            received_on: "02.11.2026".into(),
            brought_by: Some(9),
            brought_in_on: "03.11.2026".into(),
            office_id: Some(1),
            counsel: "Beratungsstelle Potsdam".into(),
            consent_on_file: true,
            consent_date: "01.11.2026".into(),
            life_story: "Seit 2015 in Cottbus.".into(),
            notes: "".into(),
        }
    }

    #[test]
    fn a_case_is_checked() {
        let f = draft().validate(today()).unwrap();
        assert_eq!(f.brought_by, 9);
        assert_eq!(f.notes, None);
        let spoilers: [(Spoil, &str); 7] = [
            (|c| c.received_on = "".into(), "Eingangsdatum"),
            (|c| c.received_on = "01.12.2026".into(), "Eingangsdatum"),
            (|c| c.brought_by = None, "Eingebracht von"),
            (|c| c.brought_in_on = "32.11.2026".into(), "Eingebracht am"),
            (|c| c.brought_in_on = "01.11.2026".into(), "Eingebracht am"),
            (|c| c.consent_date = "".into(), "Einverständnis vom"),
            (|c| c.consent_on_file = false, "Einverständnis vom"),
        ];
        for (spoil, field) in spoilers {
            let mut c = draft();
            spoil(&mut c);
            // Every problem comes at once; the spoiled field is among them.
            let err = c.validate(today()).unwrap_err();
            assert!(
                err.field_problems().iter().any(|p| p.field == field),
                "{err}"
            );
        }
    }

    #[test]
    fn every_problem_of_a_case_comes_at_once() {
        let mut c = draft();
        c.received_on = "".into();
        c.brought_by = None;
        c.counsel = "x".repeat(SHORT_TEXT + 1);
        let fields: Vec<String> = c
            .validate(today())
            .unwrap_err()
            .field_problems()
            .into_iter()
            .map(|p| p.field)
            .collect();
        assert_eq!(
            fields,
            [
                "Eingangsdatum",
                "Eingebracht von",
                "Rechtsbeistand / Beratungsstelle"
            ]
        );
    }

    #[test]
    fn a_statement_arrives_after_it_was_asked_for() {
        let ok = AbhStatementDraft {
            requested_on: "01.10.2026".into(),
            received_on: "20.10.2026".into(),
            content: "Keine Einwände.".into(),
        };
        assert!(ok.validate(today()).is_ok());
        let early = AbhStatementDraft {
            received_on: "01.09.2026".into(),
            ..ok.clone()
        };
        assert!(early
            .validate(today())
            .unwrap_err()
            .to_string()
            .starts_with("Eingegangen am:"));
        let content_without_date = AbhStatementDraft {
            received_on: "".into(),
            ..ok
        };
        assert!(content_without_date.validate(today()).is_err());
        assert!(AbhStatementDraft::default().validate(today()).is_ok());
    }
}
