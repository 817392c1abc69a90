//! After the session: the request sent to the ministry, and its decision (an order with its
//! conditions, or a refusal with its reasons).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::domain::choice::Labelled;
use crate::domain::input::{
    not_before, not_in_future, optional_text, required_date, LONG_TEXT, SHORT_TEXT,
};
use crate::domain::voting::MinistryDecision;
use crate::{Error, Result};

/// The ministry's decision as the form submits it; the conditions one per line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct DecisionDraft {
    pub decision: Option<MinistryDecision>,
    pub decided_on: String,
    /// Maßgaben of an order, one per line.
    pub conditions: String,
    pub reasons: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionFields {
    pub decision: MinistryDecision,
    pub decided_on: NaiveDate,
    pub conditions: Vec<String>,
    pub reasons: Option<String>,
}

impl DecisionDraft {
    /// Checks the decision against the day the request was sent.
    pub fn validate(&self, request_sent_on: NaiveDate, today: NaiveDate) -> Result<DecisionFields> {
        let decision = self.decision.ok_or_else(|| {
            Error::invalid("Entscheidung", "Bitte Anordnung oder Ablehnung wählen.")
        })?;
        let decided_on = required_date("Entschieden am", &self.decided_on)?;
        not_in_future("Entschieden am", Some(decided_on), today)?;
        not_before(
            "Entschieden am",
            Some(decided_on),
            "Ersuchen versandt am",
            Some(request_sent_on),
        )?;
        let mut conditions = Vec::new();
        for line in self.conditions.lines() {
            if let Some(condition) = optional_text("Maßgaben", line, SHORT_TEXT)? {
                conditions.push(condition);
            }
        }
        let reasons = optional_text("Begründung", &self.reasons, LONG_TEXT)?;
        if decision == MinistryDecision::Ablehnung {
            if !conditions.is_empty() {
                return Err(Error::invalid(
                    "Maßgaben",
                    "Maßgaben gehören nur zu einer Anordnung.",
                ));
            }
            if reasons.is_none() {
                return Err(Error::invalid(
                    "Begründung",
                    "Bitte die Gründe der Ablehnung eintragen, oder „Keine Begründung mitgeteilt“.",
                ));
            }
        }
        Ok(DecisionFields {
            decision,
            decided_on,
            conditions,
            reasons,
        })
    }
}

/// The day the request was sent: not before the session, not in the future.
pub fn check_request_sent(
    sent_on: &str,
    session_day: NaiveDate,
    today: NaiveDate,
) -> Result<NaiveDate> {
    let sent = required_date("Ersuchen versandt am", sent_on)?;
    not_in_future("Ersuchen versandt am", Some(sent), today)?;
    not_before(
        "Ersuchen versandt am",
        Some(sent),
        "Sitzungstag",
        Some(session_day),
    )?;
    Ok(sent)
}

/// The day a person's residence permit was issued: not before the order.
pub fn check_permit_issued(
    issued_on: &str,
    ordered_on: NaiveDate,
    today: NaiveDate,
) -> Result<Option<NaiveDate>> {
    let Some(issued) = crate::domain::input::optional_date("Erteilt am", issued_on)? else {
        return Ok(None);
    };
    not_in_future("Erteilt am", Some(issued), today)?;
    not_before(
        "Erteilt am",
        Some(issued),
        "Anordnung vom",
        Some(ordered_on),
    )?;
    Ok(Some(issued))
}

/// How the case page names the decision: "Anordnung vom 12.01.2027".
pub fn describe(decision: MinistryDecision, on: NaiveDate) -> String {
    format!("{} vom {}", decision.label(), on.format("%d.%m.%Y"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn draft(
        decision: MinistryDecision,
        on: &str,
        conditions: &str,
        reasons: &str,
    ) -> DecisionDraft {
        DecisionDraft {
            decision: Some(decision),
            decided_on: on.into(),
            conditions: conditions.into(),
            reasons: reasons.into(),
        }
    }

    #[test]
    fn an_order_keeps_its_conditions_line_by_line() {
        let f = draft(
            MinistryDecision::Anordnung,
            "10.11.2026",
            "Lebensunterhalt sichern\n\n  Pass vorlegen  \n",
            "",
        )
        .validate(d(2026, 10, 1), d(2026, 11, 25))
        .unwrap();
        assert_eq!(f.conditions, ["Lebensunterhalt sichern", "Pass vorlegen"]);
        assert_eq!(
            describe(f.decision, f.decided_on),
            "Anordnung vom 10.11.2026"
        );
    }

    #[test]
    fn a_decision_before_the_request_is_refused() {
        let err = draft(MinistryDecision::Anordnung, "30.09.2026", "", "")
            .validate(d(2026, 10, 1), d(2026, 11, 25))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with(
                "Entschieden am: Das Datum 30.09.2026 liegt vor „Ersuchen versandt am“"
            ),
            "{err}"
        );
        assert!(draft(MinistryDecision::Anordnung, "01.12.2026", "", "")
            .validate(d(2026, 10, 1), d(2026, 11, 25))
            .is_err());
    }

    #[test]
    fn a_refusal_needs_reasons_and_has_no_conditions() {
        let sent = d(2026, 10, 1);
        let today = d(2026, 11, 25);
        assert!(draft(MinistryDecision::Ablehnung, "10.11.2026", "", "")
            .validate(sent, today)
            .unwrap_err()
            .to_string()
            .starts_with("Begründung"));
        assert!(
            draft(MinistryDecision::Ablehnung, "10.11.2026", "Pass", "x")
                .validate(sent, today)
                .unwrap_err()
                .to_string()
                .starts_with("Maßgaben")
        );
        assert!(DecisionDraft::default().validate(sent, today).is_err());
    }

    #[test]
    fn request_and_permit_dates_follow_each_other() {
        let today = d(2026, 11, 25);
        assert!(check_request_sent("19.11.2026", d(2026, 11, 20), today).is_err());
        assert_eq!(
            check_request_sent("20.11.2026", d(2026, 11, 20), today).unwrap(),
            d(2026, 11, 20)
        );
        assert!(check_permit_issued("01.11.2026", d(2026, 11, 2), today).is_err());
        assert_eq!(
            check_permit_issued("", d(2026, 11, 2), today).unwrap(),
            None
        );
    }
}
