//! Deletion periods (Löschfristen): how long a closed case keeps its personal data.

use chrono::{Months, NaiveDate};

use crate::{Error, Result};

/// Two years after a case is closed, unless the file sets another period.
pub const DEFAULT_YEARS: u32 = 2;

pub fn validate_years(years: u32) -> Result<u32> {
    if (1..=30).contains(&years) {
        Ok(years)
    } else {
        Err(Error::invalid(
            "Löschfrist",
            "Bitte eine Frist von 1 bis 30 Jahren angeben.",
        ))
    }
}

/// The day a case closed on `closed_on` is due for deletion.
pub fn due_on(closed_on: NaiveDate, years: u32) -> NaiveDate {
    closed_on
        .checked_add_months(Months::new(12 * years))
        .unwrap_or(NaiveDate::MAX)
}

pub fn is_due(closed_on: NaiveDate, years: u32, today: NaiveDate) -> bool {
    due_on(closed_on, years) <= today
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_case_is_due_on_the_same_day_years_later() {
        assert_eq!(due_on(d(2024, 3, 15), 2), d(2026, 3, 15));
        assert!(is_due(d(2024, 3, 15), 2, d(2026, 3, 15)));
        assert!(!is_due(d(2024, 3, 15), 2, d(2026, 3, 14)));
        // A leap day falls back to the end of February.
        assert_eq!(due_on(d(2024, 2, 29), 1), d(2025, 2, 28));
    }

    #[test]
    fn the_period_is_one_to_thirty_years() {
        assert!(validate_years(0).is_err());
        assert_eq!(validate_years(2).unwrap(), 2);
        assert!(validate_years(31).is_err());
    }
}
