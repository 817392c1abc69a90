//! The password a member's copies are sealed under: set by the secretariat once per member,
//! handed over on paper, never shown again. The file keeps only what sealing needs
//! (`report::copy_key`), not the password.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use specta::Type;

use crate::report::copy_key::CopyKey;
use crate::store::audit::{self, AuditAction, AuditEvent};
use crate::store::register::members::member_basics;
use crate::store::CaseFile;
use crate::{Error, Result};

/// The kept values for a member's password, if one was set.
pub(crate) fn copy_key(conn: &Connection, member_id: u32) -> Result<Option<CopyKey>> {
    let stored: Option<(Vec<u8>, Vec<u8>)> = conn
        .query_row(
            "SELECT user_value, wrapping_key FROM copy_keys WHERE member_id = ?1",
            [member_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    stored
        .map(|(user_value, wrapping_key)| CopyKey::from_stored(&user_value, &wrapping_key))
        .transpose()
}

/// A member whose copies have a password, and since when (the password is never shown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct CopyPassword {
    pub member_id: u32,
    /// "TT.MM.JJJJ"
    pub set_on: String,
    pub set_by: String,
}

/// The Berlin day of a stored moment.
fn day_of(at: &str) -> Option<NaiveDate> {
    DateTime::parse_from_rfc3339(at)
        .ok()
        .map(|a| a.with_timezone(&chrono_tz::Europe::Berlin).date_naive())
}

/// The day a member's password was set, if it was.
pub(crate) fn set_on(conn: &Connection, member_id: u32) -> Result<Option<NaiveDate>> {
    let at: Option<String> = conn
        .query_row(
            "SELECT set_at FROM copy_keys WHERE member_id = ?1",
            [member_id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(at.as_deref().and_then(day_of))
}

impl CaseFile {
    /// The members whose copies have a password.
    pub fn copy_passwords(&self) -> Result<Vec<CopyPassword>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT member_id, set_at, set_by FROM copy_keys ORDER BY member_id")?;
        let rows = stmt.query_map([], |r| {
            let at: String = r.get(1)?;
            Ok(CopyPassword {
                member_id: r.get(0)?,
                set_on: day_of(&at)
                    .map(|d| d.format("%d.%m.%Y").to_string())
                    .unwrap_or_default(),
                set_by: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Sets (or changes) the password of a member's copies. Audited without the password.
    pub fn set_copy_password(&mut self, member_id: u32, password: &str) -> Result<()> {
        let key = CopyKey::derive(password)?;
        self.edit(|tx, user| {
            let (_, name, ..) = member_basics(tx, member_id)?;
            let changed = copy_key(tx, member_id)?.is_some();
            tx.execute(
                "INSERT INTO copy_keys (member_id, user_value, wrapping_key, set_at, set_by)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (member_id) DO UPDATE SET user_value = excluded.user_value,
                     wrapping_key = excluded.wrapping_key, set_at = excluded.set_at,
                     set_by = excluded.set_by",
                params![
                    member_id,
                    &key.user_value[..],
                    &key.wrapping_key[..],
                    Utc::now().to_rfc3339(),
                    user.username
                ],
            )?;
            audit::append(
                tx,
                user,
                AuditEvent {
                    action: AuditAction::CopyPasswordSet,
                    entity_id: Some(&member_id.to_string()),
                    before: None,
                    after: Some(serde_json::json!({ "member": name, "changed": changed })),
                },
            )?;
            Ok(())
        })
    }

    /// Refuses a password that is not the member's current one (for the handover sheet,
    /// which is printed only for the password just set).
    pub(crate) fn check_copy_password(&self, member_id: u32, password: &str) -> Result<()> {
        match copy_key(self.conn(), member_id)? {
            Some(key) if key.opens_with(password) => Ok(()),
            Some(_) => Err(Error::invalid(
                "Passwort für das Exemplar",
                "Das ist nicht das festgelegte Passwort dieses Mitglieds.",
            )),
            None => Err(Error::invalid(
                "Passwort für das Exemplar",
                "Für dieses Mitglied ist noch kein Passwort festgelegt.",
            )),
        }
    }
}
