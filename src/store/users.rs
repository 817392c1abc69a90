//! The users table: who may open the file, and in which role. The key slots only hold keys;
//! this table is the authority on who exists and what they may do.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use specta::Type;

use crate::domain::choice::Labelled;
use crate::domain::user::{username_key, Role, RoleChoice};
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct User {
    pub id: u32,
    pub username: String,
    pub role: Role,
}

pub(crate) fn insert(conn: &Connection, username: &str, role: Role, now: &str) -> Result<User> {
    conn.execute(
        "INSERT INTO users (username, username_key, role, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![username, username_key(username), role.code(), now],
    )?;
    Ok(User {
        id: u32::try_from(conn.last_insert_rowid())
            .map_err(|_| Error::Internal("Benutzernummer zu groß".into()))?,
        username: username.to_owned(),
        role,
    })
}

/// Marks whether the user must choose a new password at the next unlock: set when an
/// administrator chose it (a new account, a reset), cleared when the user chose it.
pub(crate) fn set_password_change_due(conn: &Connection, id: u32, due: bool) -> Result<()> {
    conn.execute(
        "UPDATE users SET password_change_due = ?2 WHERE id = ?1",
        params![id, due],
    )?;
    Ok(())
}

pub(crate) fn password_change_due(conn: &Connection, id: u32) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT password_change_due FROM users WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?)
}

/// The active (not removed) user with this name, compared case-insensitively.
pub(crate) fn find_active(conn: &Connection, username: &str) -> Result<Option<User>> {
    let row = conn
        .query_row(
            "SELECT id, username, role FROM users WHERE username_key = ?1 AND removed_at IS NULL",
            [username_key(username)],
            |r| {
                Ok((
                    r.get::<_, u32>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            },
        )
        .optional()?;
    row.map(|(id, username, role)| {
        Ok(User {
            id,
            username,
            role: role_of(&role)?,
        })
    })
    .transpose()
}

/// A user as the administration page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct UserAccount {
    pub id: u32,
    pub username: String,
    pub role: Role,
    pub role_label: String,
    /// RFC 3339, UTC.
    pub created_at: String,
}

/// The accounts and the roles the form offers for a new one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct AccountList {
    pub accounts: Vec<UserAccount>,
    pub roles: Vec<RoleChoice>,
}

fn role_of(stored: &str) -> Result<Role> {
    Role::parse_code("Rolle", stored).map_err(|_| Error::FileDamaged {
        detail: format!("unbekannte Rolle {stored}"),
    })
}

pub(crate) fn list_active(conn: &Connection) -> Result<Vec<UserAccount>> {
    let mut stmt = conn.prepare(
        "SELECT id, username, role, created_at FROM users
         WHERE removed_at IS NULL ORDER BY username_key",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, u32>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    rows.map(|row| {
        let (id, username, role, created_at) = row?;
        let role = role_of(&role)?;
        Ok(UserAccount {
            id,
            username,
            role,
            role_label: role.label().to_owned(),
            created_at,
        })
    })
    .collect()
}

pub(crate) fn find_active_by_id(conn: &Connection, id: u32) -> Result<Option<User>> {
    let row = conn
        .query_row(
            "SELECT username, role FROM users WHERE id = ?1 AND removed_at IS NULL",
            [id],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )
        .optional()?;
    row.map(|(username, role)| {
        Ok(User {
            id,
            username,
            role: role_of(&role)?,
        })
    })
    .transpose()
}

/// Whether the name was ever used, by an active or a removed user.
pub(crate) fn name_taken(conn: &Connection, username: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM users WHERE username_key = ?1)",
        [username_key(username)],
        |r| r.get(0),
    )?)
}

pub(crate) fn mark_removed(conn: &Connection, id: u32, now: &str) -> Result<()> {
    conn.execute(
        "UPDATE users SET removed_at = ?2 WHERE id = ?1 AND removed_at IS NULL",
        params![id, now],
    )?;
    Ok(())
}

pub(crate) fn count_active_administrators(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT count(*) FROM users WHERE removed_at IS NULL AND role = 'verwaltung'",
        [],
        |r| r.get(0),
    )?)
}

pub(crate) fn count_active(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT count(*) FROM users WHERE removed_at IS NULL",
        [],
        |r| r.get(0),
    )?)
}
