//! The foreigners' offices (Ausländerbehörden) a case can name: an editable list.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use specta::Type;

use crate::domain::input::{required_text, SHORT_TEXT};
use crate::store::audit::AuditAction;
use crate::store::audit::{self, AuditEvent};
use crate::store::cases::search;
use crate::store::columns;
use crate::store::CaseFile;
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Office {
    pub id: u32,
    pub name: String,
    /// Inactive offices stay on old cases but are not offered for new ones.
    pub active: bool,
    /// The whole address field of letters to the office, one entry per line.
    pub postal_address: Option<String>,
}

pub(crate) fn offices(conn: &Connection) -> Result<Vec<Office>> {
    let mut stmt = conn
        .prepare("SELECT id, name, active, postal_address FROM foreigners_offices ORDER BY name COLLATE DIN5007")?;
    let rows = stmt.query_map([], |r| {
        Ok(Office {
            id: r.get(0)?,
            name: r.get(1)?,
            active: r.get(2)?,
            postal_address: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn office_name(conn: &Connection, id: u32) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT name FROM foreigners_offices WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?)
}

impl CaseFile {
    pub fn offices(&self) -> Result<Vec<Office>> {
        offices(self.conn())
    }

    /// Adds an office (`id` None) or renames it / sets it inactive.
    pub fn save_office(&mut self, id: Option<u32>, name: &str, active: bool) -> Result<u32> {
        self.require_editor()?;
        let name = required_text("Ausländerbehörde", name, SHORT_TEXT)?;
        self.edit(|tx, user| {
            let clash: Option<u32> = tx
                .query_row(
                    "SELECT id FROM foreigners_offices WHERE name = ?1 COLLATE NOCASE",
                    [&name],
                    |r| r.get(0),
                )
                .optional()?;
            if clash.is_some() && clash != id {
                return Err(Error::invalid(
                    "Ausländerbehörde",
                    "Diese Behörde steht schon in der Liste.",
                ));
            }
            let before = match id {
                Some(id) => Some(office_name(tx, id)?.ok_or_else(|| Error::NotFound {
                    what: "Die Ausländerbehörde".into(),
                })?),
                None => None,
            };
            let id = match id {
                Some(id) => {
                    tx.execute(
                        "UPDATE foreigners_offices SET name = ?2, active = ?3 WHERE id = ?1",
                        params![id, name, active],
                    )?;
                    // The office's name is in its cases' search rows: find them by the new one.
                    if before.as_deref() != Some(name.as_str()) {
                        let cases: Vec<u32> = tx
                            .prepare("SELECT id FROM cases WHERE office_id = ?1")?
                            .query_map([id], |r| r.get(0))?
                            .collect::<rusqlite::Result<_>>()?;
                        for case_id in cases {
                            search::reindex(tx, case_id)?;
                        }
                    }
                    id
                }
                None => {
                    tx.execute(
                        "INSERT INTO foreigners_offices (name, active) VALUES (?1, ?2)",
                        params![name, active],
                    )?;
                    columns::last_id(tx)?
                }
            };
            audit::append(
                tx,
                user,
                AuditEvent {
                    action: if before.is_some() {
                        AuditAction::OfficeUpdate
                    } else {
                        AuditAction::OfficeCreate
                    },
                    entity_id: Some(&id.to_string()),
                    before: before.map(Into::into),
                    after: Some(serde_json::json!({ "name": name, "active": active })),
                },
            )?;
            Ok(id)
        })
    }
}
