//! The typed setting: how one is read, checked, stored and changed with its audit row.

use rusqlite::{Connection, OptionalExtension};
use serde_json::Value;

use crate::store::audit::{self, AuditAction, AuditEvent};
use crate::store::users::User;
use crate::store::CaseFile;
use crate::{Error, Result};

/// One setting, typed.
pub struct Setting<T: 'static> {
    pub key: &'static str,
    /// Its name in the window, and the field an error names.
    pub label: &'static str,
    pub(crate) default: fn() -> T,
    /// Stored text to value; None for text this program does not know.
    pub(crate) decode: fn(&str) -> Option<T>,
    pub(crate) encode: fn(&T) -> String,
    /// The rules a new value must meet; returns it normalised.
    pub(crate) check: fn(T) -> Result<T>,
}

/// The stored text of a setting, if any.
pub(crate) fn raw(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

/// The setting's value: the default when it was never set, an error when what is stored
/// cannot be read.
pub(crate) fn get<T>(conn: &Connection, setting: &Setting<T>) -> Result<T> {
    match raw(conn, setting.key)? {
        None => Ok((setting.default)()),
        Some(text) => (setting.decode)(&text)
            .and_then(|value| (setting.check)(value).ok())
            .ok_or_else(|| {
                Error::invalid(
                    setting.label,
                    format!(
                        "Der gespeicherte Wert „{text}“ ist diesem Programm unbekannt \
                         (vielleicht von einer neueren Version). Bitte unter Verwaltung neu festlegen."
                    ),
                )
            }),
    }
}

/// Checks and stores a value, without an audit row (for the program's own bookkeeping,
/// such as the time of the last backup); returns the stored value.
pub(crate) fn put<T>(conn: &Connection, setting: &Setting<T>, value: T) -> Result<T> {
    let value = (setting.check)(value)?;
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [setting.key, &(setting.encode)(&value)],
    )?;
    Ok(value)
}

/// Stores a value a user chose, with its audit row. Both sides are the value as stored text:
/// before, the value in force (the default when never set, the stored text when unreadable).
pub(crate) fn put_audited<T>(
    tx: &Connection,
    user: &User,
    setting: &Setting<T>,
    value: T,
) -> Result<T> {
    let before = match get(tx, setting) {
        Ok(current) => (setting.encode)(&current),
        Err(_) => raw(tx, setting.key)?.unwrap_or_default(),
    };
    let value = put(tx, setting, value)?;
    audit::append(
        tx,
        user,
        AuditEvent {
            action: AuditAction::SettingsUpdate,
            entity_id: Some(setting.key),
            before: Some(Value::String(before)),
            after: Some(Value::String((setting.encode)(&value))),
        },
    )?;
    Ok(value)
}

impl CaseFile {
    /// Changes one setting. Verwaltung only; audited; returns the stored value.
    pub fn change_setting<T>(&mut self, setting: &Setting<T>, value: T) -> Result<T> {
        self.require_admin()?;
        self.edit(|tx, user| put_audited(tx, user, setting, value))
    }

    /// A setting's value.
    pub fn setting<T>(&self, setting: &Setting<T>) -> Result<T> {
        get(self.conn(), setting)
    }
}
