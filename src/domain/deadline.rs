//! Deadlines (Wiedervorlagen) of a case, and which residence papers need watching.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::domain::input::{required_date, required_text, SHORT_TEXT};
use crate::Result;

/// How many days ahead the start page warns of expiring residence papers, by default.
pub const DEFAULT_EXPIRY_WARNING_DAYS: u32 = 30;
/// How many days ahead the start page lists open deadlines.
pub const UPCOMING_DAYS: i64 = 14;

/// Checks the warning period for expiring residence papers (1 to 365 days).
pub fn validate_warning_days(days: u32) -> Result<u32> {
    if (1..=365).contains(&days) {
        Ok(days)
    } else {
        Err(crate::Error::invalid(
            "Vorwarnzeit",
            "Bitte 1 bis 365 Tage angeben.",
        ))
    }
}

/// A deadline as the form submits it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct DeadlineDraft {
    pub due_on: String,
    pub what: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeadlineFields {
    pub due_on: NaiveDate,
    pub what: String,
}

impl DeadlineDraft {
    pub fn validate(&self) -> Result<DeadlineFields> {
        Ok(DeadlineFields {
            due_on: required_date("Fällig am", &self.due_on)?,
            what: required_text("Was ist fällig", &self.what, SHORT_TEXT)?,
        })
    }
}

/// How urgent an open date is on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    Overdue,
    Today,
    Soon,
    Later,
}

pub fn urgency(due: NaiveDate, today: NaiveDate, soon_days: i64) -> Urgency {
    let days = (due - today).num_days();
    match days {
        d if d < 0 => Urgency::Overdue,
        0 => Urgency::Today,
        d if d <= soon_days => Urgency::Soon,
        _ => Urgency::Later,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadlines_need_a_date_and_a_subject() {
        assert!(DeadlineDraft {
            due_on: "01.12.2026".into(),
            what: "Schulbescheinigung nachreichen".into()
        }
        .validate()
        .is_ok());
        assert!(DeadlineDraft {
            due_on: "".into(),
            what: "x".into()
        }
        .validate()
        .unwrap_err()
        .to_string()
        .starts_with("Fällig am:"));
        assert!(DeadlineDraft {
            due_on: "01.12.2026".into(),
            what: " ".into()
        }
        .validate()
        .is_err());
    }

    #[test]
    fn the_warning_period_is_bounded() {
        assert!(validate_warning_days(0).is_err());
        assert_eq!(validate_warning_days(30).unwrap(), 30);
        assert!(validate_warning_days(366).is_err());
    }

    #[test]
    fn urgency_by_days_left() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        assert_eq!(urgency(day(24), today, 14), Urgency::Overdue);
        assert_eq!(urgency(day(25), today, 14), Urgency::Today);
        assert_eq!(urgency(day(30), today, 14), Urgency::Soon);
        assert_eq!(
            urgency(day(25) + chrono::Days::new(15), today, 14),
            Urgency::Later
        );
    }
}
