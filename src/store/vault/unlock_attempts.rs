//! Failed unlock attempts, counted in a small file beside the database so that neither a
//! restart nor a second program resets the wait. The database itself is never touched by a
//! failed attempt.

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::unlock_backoff;
use crate::store::vault::atomic_file;
use crate::{Error, Result};

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
struct Attempts {
    failures: u32,
    last_failure: Option<DateTime<Utc>>,
}

fn read(path: &Path) -> Attempts {
    // An unreadable counter counts as no failures: the wait guards the keyboard, while the
    // Argon2 cost of every slot guards against guessing offline.
    std::fs::read(path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// Refuses an attempt while the wait after earlier failures is not over.
pub fn check(path: &Path, now: DateTime<Utc>) -> Result<()> {
    let attempts = read(path);
    let since = attempts
        .last_failure
        .map(|t| (now - t).num_seconds())
        .unwrap_or(i64::MAX);
    let wait_seconds = unlock_backoff::remaining_seconds(attempts.failures, since);
    if wait_seconds > 0 {
        return Err(Error::TooManyAttempts { wait_seconds });
    }
    Ok(())
}

pub fn record_failure(path: &Path, now: DateTime<Utc>) -> Result<()> {
    let mut attempts = read(path);
    attempts.failures = attempts.failures.saturating_add(1);
    attempts.last_failure = Some(now);
    let json =
        serde_json::to_vec(&attempts).map_err(|e| Error::Internal(format!("Fehlversuche: {e}")))?;
    atomic_file::write(path, &json, "Der Zähler der Fehlversuche")
}

pub fn reset(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io("Der Zähler der Fehlversuche", e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn the_wait_survives_rereading_and_ends_after_reset() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.hfk.attempts");
        let t0 = Utc::now();
        for _ in 0..unlock_backoff::FREE_ATTEMPTS {
            check(&path, t0).unwrap();
            record_failure(&path, t0).unwrap();
        }
        let err = check(&path, t0 + Duration::seconds(1)).unwrap_err();
        assert!(matches!(err, Error::TooManyAttempts { wait_seconds: 1 }));
        check(&path, t0 + Duration::seconds(2)).unwrap();
        reset(&path).unwrap();
        record_failure(&path, t0).unwrap();
        check(&path, t0).unwrap();
    }
}
