//! The admissibility check (Vorprüfung): a checklist of exclusion grounds, mandatory
//! (zwingend) or as a rule (Regelausschluss, weighed case by case), and its result.
//! The checklist is data kept in the file; Brandenburg's is the default.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::domain::choice::{labelled_enum, Labelled};
use crate::domain::input::{
    not_in_future, optional_text, required_date, required_text, LONG_TEXT, SHORT_TEXT,
};
use crate::domain::problems::Problems;
use crate::{Error, Result};

labelled_enum!(
    CriterionKind {
        Zwingend => "Zwingender Ausschlussgrund",
        Regel => "Regelausschlussgrund",
    }
);

labelled_enum!(
    AdmissibilityResult {
        Angenommen => "Angenommen",
        NichtAngenommen => "Nicht angenommen",
    }
);

/// One entry of the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct Criterion {
    pub code: String,
    pub label: String,
    pub kind: CriterionKind,
}

/// Checks a replacement checklist (e.g. another state's): codes unique and plain, labels set.
pub fn validate_criteria(list: &[Criterion]) -> Result<()> {
    if list.is_empty() {
        return Err(Error::invalid("Prüfliste", "Die Liste ist leer."));
    }
    let mut seen = std::collections::HashSet::new();
    for c in list {
        if c.code.is_empty()
            || !c
                .code
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_')
        {
            return Err(Error::invalid(
                "Prüfliste",
                format!("Kürzel „{}“: nur a–z, 0–9 und _ erlaubt.", c.code),
            ));
        }
        if !seen.insert(c.code.as_str()) {
            return Err(Error::invalid(
                "Prüfliste",
                format!("Kürzel „{}“ kommt doppelt vor.", c.code),
            ));
        }
        required_text("Prüfliste", &c.label, SHORT_TEXT)?;
    }
    Ok(())
}

/// The answer to one checklist entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CheckAnswer {
    pub code: String,
    pub applies: bool,
    pub note: String,
}

/// The admissibility decision as the form submits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct AdmissibilityDraft {
    pub answers: Vec<CheckAnswer>,
    pub result: String,
    /// The exclusion ground when not admitted: the code of an entry that applies.
    pub ground_code: String,
    pub reasoning: String,
    pub decided_on: String,
}

/// One checked answer, with the entry's text as it read on the day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct CheckedCriterion {
    pub code: String,
    pub label: String,
    pub kind: CriterionKind,
    pub applies: bool,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AdmissibilityFields {
    pub checks: Vec<CheckedCriterion>,
    pub result: AdmissibilityResult,
    pub ground_code: Option<String>,
    pub ground_label: Option<String>,
    pub reasoning: Option<String>,
    pub decided_on: NaiveDate,
}

impl AdmissibilityDraft {
    pub fn validate(
        &self,
        criteria: &[Criterion],
        today: NaiveDate,
    ) -> Result<AdmissibilityFields> {
        const LIST: &str = "Prüfliste";
        let mut checks = Vec::with_capacity(criteria.len());
        for criterion in criteria {
            let answer = self
                .answers
                .iter()
                .find(|a| a.code == criterion.code)
                .ok_or_else(|| {
                    Error::invalid(
                        LIST,
                        format!("„{}“ ist nicht beantwortet.", criterion.label),
                    )
                })?;
            checks.push(CheckedCriterion {
                code: criterion.code.clone(),
                label: criterion.label.clone(),
                kind: criterion.kind,
                applies: answer.applies,
                note: optional_text(
                    &format!("Anmerkung zu: {}", criterion.label),
                    &answer.note,
                    LONG_TEXT,
                )?,
            });
        }
        if let Some(stray) = self
            .answers
            .iter()
            .find(|a| !criteria.iter().any(|c| c.code == a.code))
        {
            return Err(Error::invalid(
                LIST,
                format!("„{}“ steht nicht in der Prüfliste.", stray.code),
            ));
        }
        // The result, its reasoning and date are checked together (all problems at once).
        let mut p = Problems::default();
        let result = p.check(AdmissibilityResult::parse_code("Ergebnis", &self.result));
        let reasoning = p.check(optional_text("Begründung", &self.reasoning, LONG_TEXT));
        let decided_on = p.check(required_date("Entschieden am", &self.decided_on));
        if let Some(day) = decided_on {
            p.check(not_in_future("Entschieden am", Some(day), today));
        }
        let reasoned = matches!(reasoning, Some(Some(_))) || p.has("Begründung");

        let applying: Vec<&CheckedCriterion> = checks.iter().filter(|c| c.applies).collect();
        let ground = match result {
            Some(AdmissibilityResult::Angenommen) => {
                if let Some(mandatory) = applying.iter().find(|c| c.kind == CriterionKind::Zwingend)
                {
                    p.note(Error::invalid(
                        "Ergebnis",
                        format!(
                            "„{}“ ist ein zwingender Ausschlussgrund; der Fall kann so nicht angenommen werden.",
                            mandatory.label
                        ),
                    ));
                }
                // Reasons are asked for weighing a rule ground only: a mandatory ground is not
                // weighed, it refuses (said above).
                else if !applying.is_empty() && !reasoned {
                    p.note(Error::invalid(
                        "Begründung",
                        "Ein Regelausschlussgrund liegt vor: Bitte begründen, warum der Fall trotzdem angenommen wird.",
                    ));
                }
                Some((None, None))
            }
            Some(AdmissibilityResult::NichtAngenommen) => {
                let ground = applying.iter().find(|c| c.code == self.ground_code);
                if ground.is_none() {
                    p.note(Error::invalid(
                        "Ausschlussgrund",
                        "Bitte den Ausschlussgrund wählen; er muss in der Prüfliste als zutreffend angekreuzt sein.",
                    ));
                }
                if !reasoned {
                    p.note(Error::invalid("Begründung", "Bitte ausfüllen."));
                }
                ground.map(|g| (Some(g.code.clone()), Some(g.label.clone())))
            }
            None => None,
        };
        p.finish(|| {
            let (ground_code, ground_label) = ground?;
            Some(AdmissibilityFields {
                checks,
                result: result?,
                ground_code,
                ground_label,
                reasoning: reasoning?,
                decided_on: decided_on?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn criteria() -> Vec<Criterion> {
        vec![
            Criterion {
                code: "nicht_ausreisepflichtig".into(),
                label: "Nicht vollziehbar ausreisepflichtig".into(),
                kind: CriterionKind::Zwingend,
            },
            Criterion {
                code: "straftaten".into(),
                label: "Straftaten von erheblichem Gewicht".into(),
                kind: CriterionKind::Regel,
            },
        ]
    }

    fn draft(mandatory: bool, rule: bool, result: &str) -> AdmissibilityDraft {
        AdmissibilityDraft {
            answers: vec![
                CheckAnswer {
                    code: "nicht_ausreisepflichtig".into(),
                    applies: mandatory,
                    note: "".into(),
                },
                CheckAnswer {
                    code: "straftaten".into(),
                    applies: rule,
                    note: "".into(),
                },
            ],
            result: result.into(),
            ground_code: "".into(),
            reasoning: "".into(),
            decided_on: "20.11.2026".into(),
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    #[test]
    fn a_clean_checklist_admits() {
        let f = draft(false, false, "angenommen")
            .validate(&criteria(), today())
            .unwrap();
        assert_eq!(f.result, AdmissibilityResult::Angenommen);
        assert_eq!(f.checks.len(), 2);
    }

    #[test]
    fn a_mandatory_ground_forbids_admission() {
        let err = draft(true, false, "angenommen")
            .validate(&criteria(), today())
            .unwrap_err();
        // One problem only: no invitation to reason why a mandatory ground may be weighed.
        let problems = err.field_problems();
        assert_eq!(problems.len(), 1, "{err}");
        assert_eq!(problems[0].field, "Ergebnis");
        assert!(
            err.to_string().contains("zwingender Ausschlussgrund"),
            "{err}"
        );
    }

    #[test]
    fn every_problem_of_the_form_comes_at_once() {
        let mut d = draft(false, true, "nicht_angenommen");
        d.decided_on = "31.02.2026".into();
        let err = d.validate(&criteria(), today()).unwrap_err();
        let fields: Vec<String> = err.field_problems().into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["Entschieden am", "Ausschlussgrund", "Begründung"]);
    }

    #[test]
    fn a_rule_ground_may_be_weighed_with_reasons() {
        assert!(draft(false, true, "angenommen")
            .validate(&criteria(), today())
            .is_err());
        let mut d = draft(false, true, "angenommen");
        d.reasoning = "Geringfügige Tat vor zehn Jahren.".into();
        assert!(d.validate(&criteria(), today()).is_ok());
    }

    #[test]
    fn exclusion_needs_an_applying_ground_and_reasons() {
        let mut d = draft(false, true, "nicht_angenommen");
        d.reasoning = "Verurteilung 2024.".into();
        assert!(d
            .validate(&criteria(), today())
            .unwrap_err()
            .to_string()
            .starts_with("Ausschlussgrund:"));
        d.ground_code = "straftaten".into();
        let f = d.validate(&criteria(), today()).unwrap();
        assert_eq!(
            f.ground_label.as_deref(),
            Some("Straftaten von erheblichem Gewicht")
        );
        d.reasoning = "".into();
        assert!(d
            .validate(&criteria(), today())
            .unwrap_err()
            .to_string()
            .starts_with("Begründung:"));
    }

    #[test]
    fn every_entry_must_be_answered_and_known() {
        let mut d = draft(false, false, "angenommen");
        d.answers.pop();
        assert!(d
            .validate(&criteria(), today())
            .unwrap_err()
            .to_string()
            .contains("nicht beantwortet"));
        let mut d = draft(false, false, "angenommen");
        d.answers[1].code = "erfunden".into();
        assert!(d.validate(&criteria(), today()).is_err());
        let mut d = draft(false, false, "angenommen");
        d.decided_on = "01.01.2027".into();
        assert!(d.validate(&criteria(), today()).is_err());
    }

    #[test]
    fn a_replacement_list_is_checked() {
        assert!(validate_criteria(&criteria()).is_ok());
        assert!(validate_criteria(&[]).is_err());
        let mut twice = criteria();
        twice[1].code = twice[0].code.clone();
        assert!(validate_criteria(&twice).is_err());
        let mut bad = criteria();
        bad[0].code = "Groß".into();
        assert!(validate_criteria(&bad).is_err());
    }
}
