//! The postal addresses letters go to: members (and deputies and advisory members), the
//! foreigners' offices and a case's counsel. The ministry's is a setting of the commission.

use rusqlite::{params, Connection, OptionalExtension};

use crate::domain::commission::{optional_address_below_name, optional_whole_address};
use crate::store::audit::{self, AuditAction, AuditEvent};
use crate::store::cases::record::{case_ref, record_change};
use crate::store::CaseFile;
use crate::{Error, Result};

pub const MEMBER_ADDRESS_LABEL: &str = "Anschrift des Mitglieds";
pub const OFFICE_ADDRESS_LABEL: &str = "Anschrift der Ausländerbehörde";
pub const COUNSEL_ADDRESS_LABEL: &str = "Anschrift des Beistands";

/// A name with its postal address, where one is recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Addressed {
    pub name: String,
    pub address: Option<String>,
}

/// Who a case's letters may go to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CaseAddresses {
    pub member: Addressed,
    pub counsel: Option<Addressed>,
    pub office: Option<Addressed>,
}

pub(crate) fn case_addresses(conn: &Connection, case_id: u32) -> Result<CaseAddresses> {
    conn.query_row(
        "SELECT m.name, m.postal_address, c.counsel, c.counsel_address, o.name, o.postal_address
         FROM cases c JOIN members m ON m.id = c.brought_by
         LEFT JOIN foreigners_offices o ON o.id = c.office_id
         WHERE c.id = ?1",
        [case_id],
        |r| {
            let named = |i: usize| -> rusqlite::Result<Option<Addressed>> {
                Ok(r.get::<_, Option<String>>(i)?.map(|name| Addressed {
                    name,
                    address: None,
                }))
            };
            Ok(CaseAddresses {
                member: Addressed {
                    name: r.get(0)?,
                    address: r.get(1)?,
                },
                counsel: named(2)?.map(|a| Addressed {
                    address: r.get(3).ok().flatten(),
                    ..a
                }),
                office: named(4)?.map(|a| Addressed {
                    address: r.get(5).ok().flatten(),
                    ..a
                }),
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        what: "Der Fall".into(),
    })
}

pub(crate) fn member_address(conn: &Connection, member_id: u32) -> Result<Addressed> {
    conn.query_row(
        "SELECT name, postal_address FROM members WHERE id = ?1",
        [member_id],
        |r| {
            Ok(Addressed {
                name: r.get(0)?,
                address: r.get(1)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        what: "Das Mitglied".into(),
    })
}

impl CaseFile {
    /// A member's postal address ("" removes it); audited.
    pub fn set_member_address(&mut self, member_id: u32, address: &str) -> Result<()> {
        self.require_editor()?;
        let address = optional_address_below_name(MEMBER_ADDRESS_LABEL, address)?;
        self.edit(|tx, user| {
            let before = member_address(tx, member_id)?;
            tx.execute(
                "UPDATE members SET postal_address = ?2 WHERE id = ?1",
                params![member_id, address],
            )?;
            audit::append(
                tx,
                user,
                AuditEvent {
                    action: AuditAction::MemberUpdate,
                    entity_id: Some(&member_id.to_string()),
                    before: Some(serde_json::json!({ "postal_address": before.address })),
                    after: Some(serde_json::json!({ "postal_address": address })),
                },
            )
            .map(|_| ())
        })
    }

    /// A foreigners' office's postal address ("" removes it); audited.
    pub fn set_office_address(&mut self, office_id: u32, address: &str) -> Result<()> {
        self.require_editor()?;
        let address = optional_whole_address(OFFICE_ADDRESS_LABEL, address)?;
        self.edit(|tx, user| {
            let before: Option<String> = tx
                .query_row(
                    "SELECT postal_address FROM foreigners_offices WHERE id = ?1",
                    [office_id],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| Error::NotFound {
                    what: "Die Ausländerbehörde".into(),
                })?;
            tx.execute(
                "UPDATE foreigners_offices SET postal_address = ?2 WHERE id = ?1",
                params![office_id, address],
            )?;
            audit::append(
                tx,
                user,
                AuditEvent {
                    action: AuditAction::OfficeUpdate,
                    entity_id: Some(&office_id.to_string()),
                    before: Some(serde_json::json!({ "postal_address": before })),
                    after: Some(serde_json::json!({ "postal_address": address })),
                },
            )
            .map(|_| ())
        })
    }

    /// The postal address of a case's counsel ("" removes it); audited with the case.
    pub fn set_counsel_address(&mut self, case_id: u32, address: &str) -> Result<()> {
        self.require_editor()?;
        let address = optional_address_below_name(COUNSEL_ADDRESS_LABEL, address)?;
        self.edit(|tx, user| {
            let case = case_ref(tx, case_id)?;
            let before: Option<String> = tx.query_row(
                "SELECT counsel_address FROM cases WHERE id = ?1",
                [case_id],
                |r| r.get(0),
            )?;
            tx.execute(
                "UPDATE cases SET counsel_address = ?2 WHERE id = ?1",
                params![case_id, address],
            )?;
            record_change(
                tx,
                user,
                &case,
                AuditAction::CaseUpdate,
                Some(serde_json::json!({ "counsel_address": before })),
                Some(serde_json::json!({ "counsel_address": address })),
            )
        })
    }
}
