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

/// A point in time read from two clocks: one that goes on while the machine sleeps
/// (`CLOCK_BOOTTIME`) and one that stops (`CLOCK_MONOTONIC`). Neither jumps when the PC's
/// time is set. Idle time is measured with the first, so that a laptop that slept past the
/// limit wakes locked; the difference between the two tells that it slept at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    pub since_boot: Duration,
    pub awake: Duration,
}

/// Sleep shorter than this is not told apart from a busy machine.
pub const SLEEP_NOTICED: Duration = Duration::from_secs(5);

impl Moment {
    pub fn now() -> Moment {
        Moment {
            since_boot: read(libc::CLOCK_BOOTTIME),
            awake: read(libc::CLOCK_MONOTONIC),
        }
    }

    /// Time passed since `earlier`, time asleep included.
    pub fn since(&self, earlier: Moment) -> Duration {
        self.since_boot.saturating_sub(earlier.since_boot)
    }

    /// Whether the machine slept between `earlier` and this moment.
    pub fn slept_since(&self, earlier: Moment) -> bool {
        let awake = self.awake.saturating_sub(earlier.awake);
        self.since(earlier).saturating_sub(awake) >= SLEEP_NOTICED
    }
}

fn read(clock: libc::clockid_t) -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: a valid clock id and a valid place to write the time to.
    let done = unsafe { libc::clock_gettime(clock, &mut t) };
    if done != 0 {
        return Duration::ZERO;
    }
    Duration::new(
        u64::try_from(t.tv_sec).unwrap_or(0),
        u32::try_from(t.tv_nsec).unwrap_or(0),
    )
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

    fn at(since_boot: u64, awake: u64) -> Moment {
        Moment {
            since_boot: Duration::from_secs(since_boot),
            awake: Duration::from_secs(awake),
        }
    }

    #[test]
    fn time_asleep_counts_as_idle_and_is_told_apart() {
        let before = at(1_000, 900);
        // Awake all along: both clocks moved alike.
        assert!(!at(1_060, 960).slept_since(before));
        assert_eq!(at(1_060, 960).since(before), Duration::from_secs(60));
        // The lid was closed for an hour: the monotonic clock stood still.
        let woke = at(4_600, 901);
        assert!(woke.slept_since(before));
        assert!(is_idle(woke.since(before), 10));
        // A clock read out of order never counts as sleep or negative time.
        assert!(!before.slept_since(woke));
        assert_eq!(before.since(woke), Duration::ZERO);
    }

    #[test]
    fn the_clocks_of_this_machine_move() {
        let a = Moment::now();
        // Read one after the other: the clock read second may be a little ahead.
        assert!(a.since_boot + Duration::from_secs(1) >= a.awake);
        assert!(a.since_boot > Duration::ZERO && a.awake > Duration::ZERO);
        std::thread::sleep(Duration::from_millis(20));
        let b = Moment::now();
        assert!(b.since(a) >= Duration::from_millis(20));
        assert!(!b.slept_since(a));
    }

    #[test]
    fn bounds_are_inclusive() {
        assert!(validate_minutes(0).is_err());
        assert_eq!(validate_minutes(1).unwrap(), 1);
        assert_eq!(validate_minutes(240).unwrap(), 240);
        assert!(validate_minutes(241).is_err());
    }
}
