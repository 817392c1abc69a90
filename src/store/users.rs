//! The users table: who may open the file, and in which role. The key slots only hold keys;
//! this table is the authority on who exists and what they may do.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use specta::Type;

use crate::domain::user::{username_key, Role};
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
        params![username, username_key(username), role.as_str(), now],
    )?;
    Ok(User {
        id: u32::try_from(conn.last_insert_rowid())
            .map_err(|_| Error::Internal("Benutzernummer zu groß".into()))?,
        username: username.to_owned(),
        role,
    })
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
        let role = Role::parse(&role).ok_or_else(|| Error::FileDamaged {
            detail: format!("unbekannte Rolle {role}"),
        })?;
        Ok(User { id, username, role })
    })
    .transpose()
}

pub(crate) fn count_active(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT count(*) FROM users WHERE removed_at IS NULL",
        [],
        |r| r.get(0),
    )?)
}
