//! The window's zoom: the steps Ctrl+Plus and Ctrl+Minus move through (up to 200 %, which
//! WCAG 1.4.4 asks a page to hold), and Ctrl+0 back to 100 %.

use serde::{Deserialize, Serialize};
use specta::Type;

/// From 80 % to 200 %.
pub const STEPS: [f64; 8] = [0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0];

pub const DEFAULT: f64 = 1.0;

/// What the user asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ZoomChange {
    /// Ctrl+Plus
    In,
    /// Ctrl+Minus
    Out,
    /// Ctrl+0
    Reset,
}

/// The nearest step to a level read from a settings file (anything odd becomes 100 %).
pub fn valid(level: f64) -> f64 {
    if !level.is_finite() {
        return DEFAULT;
    }
    STEPS
        .iter()
        .copied()
        .min_by(|a, b| (a - level).abs().total_cmp(&(b - level).abs()))
        .unwrap_or(DEFAULT)
}

/// The level after `change`, from `current`.
pub fn changed(current: f64, change: ZoomChange) -> f64 {
    let current = valid(current);
    let at = STEPS.iter().position(|s| *s == current).unwrap_or(2);
    match change {
        ZoomChange::In => STEPS[(at + 1).min(STEPS.len() - 1)],
        ZoomChange::Out => STEPS[at.saturating_sub(1)],
        ZoomChange::Reset => DEFAULT,
    }
}

/// The level in whole percent, as the window says it.
pub fn percent(level: f64) -> u32 {
    (valid(level) * 100.0).round() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_up_to_two_hundred_percent_and_back() {
        let mut level = DEFAULT;
        for expected in [1.1, 1.25, 1.5, 1.75, 2.0, 2.0] {
            level = changed(level, ZoomChange::In);
            assert_eq!(level, expected);
        }
        assert_eq!(changed(level, ZoomChange::Reset), 1.0);
        assert_eq!(changed(0.9, ZoomChange::Out), 0.8);
        assert_eq!(changed(0.8, ZoomChange::Out), 0.8);
    }

    #[test]
    fn an_odd_stored_level_becomes_the_nearest_step() {
        assert_eq!(valid(1.3), 1.25);
        assert_eq!(valid(9.0), 2.0);
        assert_eq!(valid(f64::NAN), 1.0);
        assert_eq!(valid(-1.0), 0.8);
        assert_eq!(percent(1.25), 125);
    }
}
