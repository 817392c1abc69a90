//! The inactivity lock: after how many idle minutes the window locks itself.

use std::time::Duration;

use crate::{Error, Result};

pub const DEFAULT_MINUTES: u32 = 10;
pub const MIN_MINUTES: u32 = 1;
pub const MAX_MINUTES: u32 = 240;

pub fn validate_minutes(minutes: u32) -> Result<u32> {
    if (MIN_MINUTES..=MAX_MINUTES).contains(&minutes) {
        Ok(minutes)
    } else {
        Err(Error::invalid(
            "Automatische Sperre",
            format!("Bitte einen Wert zwischen {MIN_MINUTES} und {MAX_MINUTES} Minuten angeben."),
        ))
    }
}

/// Whether a file left without input for `idle` must lock under a limit of `minutes`.
pub fn is_idle(idle: Duration, minutes: u32) -> bool {
    idle >= Duration::from_secs(u64::from(minutes) * 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idle_from_the_full_limit_on() {
        assert!(!is_idle(Duration::from_secs(599), 10));
        assert!(is_idle(Duration::from_secs(600), 10));
        assert!(is_idle(Duration::from_secs(3600), 10));
    }

    #[test]
    fn bounds_are_inclusive() {
        assert!(validate_minutes(0).is_err());
        assert_eq!(validate_minutes(1).unwrap(), 1);
        assert_eq!(validate_minutes(240).unwrap(), 240);
        assert!(validate_minutes(241).is_err());
    }
}
