//! Settings kept inside the encrypted file (key/value).

use rusqlite::{Connection, OptionalExtension};

use crate::domain::choice::Labelled;
use crate::domain::majority::{Majority, MajorityRule};
use crate::domain::{deadline, idle_lock};
use crate::Result;

const IDLE_LOCK_MINUTES: &str = "idle_lock_minutes";
const EXPIRY_WARNING_DAYS: &str = "expiry_warning_days";
const MAJORITY_RULE: &str = "majority_rule";
const RECUSED_STAY_IN_BASE: &str = "recused_stay_in_base";
const DEPUTY_VOTES_FOR_RECUSED: &str = "deputy_votes_for_recused";
const BACKUP_FOLDER: &str = "backup_folder";
const RETENTION_YEARS: &str = "retention_years";
const LAST_BACKUP_AT: &str = "last_backup_at";

fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

fn set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

pub(crate) fn idle_lock_minutes(conn: &Connection) -> Result<u32> {
    Ok(get(conn, IDLE_LOCK_MINUTES)?
        .and_then(|v| v.parse().ok())
        .and_then(|m| idle_lock::validate_minutes(m).ok())
        .unwrap_or(idle_lock::DEFAULT_MINUTES))
}

pub(crate) fn set_idle_lock_minutes(conn: &Connection, minutes: u32) -> Result<()> {
    let minutes = idle_lock::validate_minutes(minutes)?;
    set(conn, IDLE_LOCK_MINUTES, &minutes.to_string())
}

pub(crate) fn expiry_warning_days(conn: &Connection) -> Result<u32> {
    Ok(get(conn, EXPIRY_WARNING_DAYS)?
        .and_then(|v| v.parse().ok())
        .and_then(|d| deadline::validate_warning_days(d).ok())
        .unwrap_or(deadline::DEFAULT_EXPIRY_WARNING_DAYS))
}

pub(crate) fn set_expiry_warning_days(conn: &Connection, days: u32) -> Result<()> {
    let days = deadline::validate_warning_days(days)?;
    set(conn, EXPIRY_WARNING_DAYS, &days.to_string())
}

/// Years a closed case keeps its personal data.
pub(crate) fn retention_years(conn: &Connection) -> Result<u32> {
    Ok(get(conn, RETENTION_YEARS)?
        .and_then(|v| v.parse().ok())
        .and_then(|y| crate::domain::retention::validate_years(y).ok())
        .unwrap_or(crate::domain::retention::DEFAULT_YEARS))
}

pub(crate) fn set_retention_years(conn: &Connection, years: u32) -> Result<()> {
    let years = crate::domain::retention::validate_years(years)?;
    set(conn, RETENTION_YEARS, &years.to_string())
}

/// Where "Jetzt sichern" writes, if chosen.
pub(crate) fn backup_folder(conn: &Connection) -> Result<Option<String>> {
    get(conn, BACKUP_FOLDER)
}

pub(crate) fn set_backup_folder(conn: &Connection, folder: &str) -> Result<()> {
    set(conn, BACKUP_FOLDER, folder)
}

/// When the last backup was written from this file (RFC 3339, UTC).
pub(crate) fn last_backup_at(conn: &Connection) -> Result<Option<String>> {
    get(conn, LAST_BACKUP_AT)
}

pub(crate) fn set_last_backup_at(conn: &Connection, at: &str) -> Result<()> {
    set(conn, LAST_BACKUP_AT, at)
}

fn flag(conn: &Connection, key: &str, default: bool) -> Result<bool> {
    Ok(get(conn, key)?.map_or(default, |v| v == "1"))
}

/// The rule a Härtefallersuchen must meet; Brandenburg's unless set. Each part that a file
/// has not set (older files set only the majority) takes Brandenburg's.
pub(crate) fn majority_rule(conn: &Connection) -> Result<MajorityRule> {
    let bb = MajorityRule::BRANDENBURG;
    Ok(MajorityRule {
        majority: get(conn, MAJORITY_RULE)?
            .and_then(|v| Majority::parse_code("Mehrheitsregel", &v).ok())
            .unwrap_or(bb.majority),
        recused_stay_in_base: flag(conn, RECUSED_STAY_IN_BASE, bb.recused_stay_in_base)?,
        deputy_votes_for_recused: flag(
            conn,
            DEPUTY_VOTES_FOR_RECUSED,
            bb.deputy_votes_for_recused,
        )?,
    })
}

pub(crate) fn set_majority_rule(conn: &Connection, rule: &MajorityRule) -> Result<()> {
    let bit = |b: bool| if b { "1" } else { "0" };
    set(conn, MAJORITY_RULE, rule.majority.code())?;
    set(conn, RECUSED_STAY_IN_BASE, bit(rule.recused_stay_in_base))?;
    set(
        conn,
        DEPUTY_VOTES_FOR_RECUSED,
        bit(rule.deputy_votes_for_recused),
    )
}
