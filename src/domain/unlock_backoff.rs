//! How long a user must wait after failed unlock attempts.

/// Failed attempts allowed without any wait.
pub const FREE_ATTEMPTS: u32 = 3;
/// The longest wait, in seconds.
pub const MAX_WAIT_SECONDS: u64 = 300;

/// Seconds to wait after `failures` consecutive failures before the next attempt is allowed:
/// none for the first three, then 2, 4, 8 ... seconds, at most five minutes.
pub fn wait_seconds(failures: u32) -> u64 {
    if failures < FREE_ATTEMPTS {
        return 0;
    }
    let exponent = (failures - FREE_ATTEMPTS + 1).min(16);
    (1u64 << exponent).min(MAX_WAIT_SECONDS)
}

/// Seconds still to wait, given the failures so far and the seconds since the last one.
pub fn remaining_seconds(failures: u32, seconds_since_last_failure: i64) -> u64 {
    let wait = wait_seconds(failures) as i64;
    (wait - seconds_since_last_failure.max(0)).max(0) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_failures_cost_nothing() {
        assert_eq!(wait_seconds(0), 0);
        assert_eq!(wait_seconds(2), 0);
    }

    #[test]
    fn waits_double_and_stop_at_the_maximum() {
        assert_eq!(wait_seconds(3), 2);
        assert_eq!(wait_seconds(4), 4);
        assert_eq!(wait_seconds(5), 8);
        assert_eq!(wait_seconds(20), MAX_WAIT_SECONDS);
        assert_eq!(wait_seconds(u32::MAX), MAX_WAIT_SECONDS);
    }

    #[test]
    fn remaining_wait_counts_down() {
        assert_eq!(remaining_seconds(5, 0), 8);
        assert_eq!(remaining_seconds(5, 3), 5);
        assert_eq!(remaining_seconds(5, 100), 0);
        // A clock that went backwards never lengthens the wait.
        assert_eq!(remaining_seconds(5, -50), 8);
    }
}
