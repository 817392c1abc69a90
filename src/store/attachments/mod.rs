//! Anlagen as the file keeps them: the description of each document of a case (kind, title,
//! date received, the person it concerns, its versions) and its bytes beside it
//! ([`content`]). Adding, replacing and removing are [`changes`]; viewing and saving a copy
//! out are [`reading`]; a PDF shown in ranges is [`viewing`]. Every one of them is audited under the case's number.

pub mod changes;
pub mod content;
pub mod reading;
pub mod viewing;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use specta::Type;

use crate::domain::attachment::{AttachmentKind, MediaType};
use crate::domain::choice::Labelled;
use crate::store::{columns, CaseFile};
use crate::{Error, Result};

/// Why a document is no longer in the case: who removed it, when, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Removal {
    pub on: NaiveDate,
    pub by: String,
    pub reason: String,
}

/// A document of a case, as the list on the case page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct AttachmentRecord {
    pub id: u32,
    pub case_id: u32,
    pub kind: AttachmentKind,
    pub kind_label: String,
    pub title: String,
    pub file_name: String,
    pub media_type: MediaType,
    pub media_label: String,
    pub mime: String,
    pub received_on: NaiveDate,
    pub person_id: Option<u32>,
    /// "Familienname, Vornamen" of that person while the case keeps them.
    pub person_name: Option<String>,
    pub for_session: bool,
    pub bytes: u32,
    pub sha256: String,
    /// 1 for the first version, counting up with each replacement.
    pub version: u32,
    /// The version this one replaced.
    pub replaces: Option<u32>,
    /// Set when a newer version replaced this one (then it is history).
    pub replaced_by: Option<u32>,
    pub added_by: String,
    pub added_at: String,
    pub removal: Option<Removal>,
    /// The grounds of the case it proves, among those the case still has.
    pub ground_ids: Vec<u32>,
}

impl AttachmentRecord {
    /// In the case now: neither replaced nor removed.
    pub fn is_current(&self) -> bool {
        self.replaced_by.is_none() && self.removal.is_none()
    }
}

const COLUMNS: &str = "a.id, a.case_id, a.kind, a.title, a.file_name, a.media_type, a.received_on,
     a.person_id, CASE WHEN p.family_name = '' THEN NULL ELSE p.family_name || ', ' || p.given_names END,
     a.for_session, a.bytes, a.sha256, a.version, a.replaces, a.replaced_by, a.added_by, a.added_at,
     a.removed_on, a.removed_by, a.removal_reason,
     (SELECT group_concat(l.ground_id) FROM attachment_grounds l
        JOIN case_grounds g ON g.id = l.ground_id AND g.case_id = a.case_id
       WHERE l.attachment_id = a.id)";

const FROM: &str =
    "FROM attachments a LEFT JOIN persons p ON p.id = a.person_id AND p.case_id = a.case_id";

fn record_from(r: &rusqlite::Row<'_>) -> rusqlite::Result<AttachmentRecord> {
    let kind: AttachmentKind = columns::code(r, 2)?;
    let media_type: MediaType = columns::code(r, 5)?;
    let removed_on: Option<NaiveDate> = r.get(17)?;
    Ok(AttachmentRecord {
        id: r.get(0)?,
        case_id: r.get(1)?,
        kind,
        kind_label: kind.label().to_owned(),
        title: r.get(3)?,
        file_name: r.get(4)?,
        media_type,
        media_label: media_type.label().to_owned(),
        mime: media_type.mime().to_owned(),
        received_on: r.get(6)?,
        person_id: r.get(7)?,
        person_name: r.get(8)?,
        for_session: r.get(9)?,
        bytes: r.get(10)?,
        sha256: r.get(11)?,
        version: r.get(12)?,
        replaces: r.get(13)?,
        replaced_by: r.get(14)?,
        added_by: r.get(15)?,
        added_at: r.get(16)?,
        ground_ids: r
            .get::<_, Option<String>>(20)?
            .unwrap_or_default()
            .split(',')
            .filter_map(|id| id.parse().ok())
            .collect(),
        removal: match removed_on {
            Some(on) => Some(Removal {
                on,
                by: r.get::<_, Option<String>>(18)?.unwrap_or_default(),
                reason: r.get::<_, Option<String>>(19)?.unwrap_or_default(),
            }),
            None => None,
        },
    })
}

/// One document by its id, in any state.
pub(crate) fn attachment(conn: &Connection, id: u32) -> Result<AttachmentRecord> {
    conn.query_row(
        &format!("SELECT {COLUMNS} {FROM} WHERE a.id = ?1"),
        [id],
        record_from,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound {
        what: "Die Anlage".into(),
    })
}

/// Every document of a case, versions and removed ones included: the newest first, each
/// current one before its earlier versions.
pub(crate) fn of_case(conn: &Connection, case_id: u32) -> Result<Vec<AttachmentRecord>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} {FROM} WHERE a.case_id = ?1
         ORDER BY a.removed_on IS NOT NULL, a.replaced_by IS NOT NULL, a.received_on DESC, a.id DESC"
    ))?;
    let rows = stmt.query_map([case_id], record_from)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The current document of `case_id` with the same content, if one.
pub(crate) fn same_content(
    conn: &Connection,
    case_id: u32,
    sha256: &str,
) -> Result<Option<AttachmentRecord>> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} {FROM} WHERE a.case_id = ?1 AND a.sha256 = ?2
                 AND a.replaced_by IS NULL AND a.removed_on IS NULL LIMIT 1"
            ),
            rusqlite::params![case_id, sha256],
            record_from,
        )
        .optional()?)
}

impl CaseFile {
    /// The documents of a case (the description only; no document is read).
    pub fn case_attachments(&self, case_id: u32) -> Result<Vec<AttachmentRecord>> {
        of_case(self.conn(), case_id)
    }
}
