//! Schriftverkehr as the file keeps it: every letter written, as the PDF that went out, and
//! the secretariat's own wording of each kind. Laying a letter out is `report::letters`.

pub mod addresses;
pub mod session_letters;
pub mod templates;

use chrono::{NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};
use specta::Type;

use crate::domain::choice::Labelled;
use crate::domain::letter_kind::{Addressee, LetterKind};
use crate::store::audit::{self, AuditAction, AuditEvent};
use crate::store::cases::record::{case_ref, is_anonymised, record_change};
use crate::store::sessions::record::session_ref;
use crate::store::users::User;
use crate::store::{columns, CaseFile};
use crate::{Error, Result};

/// A letter written, as the case page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct LetterRecord {
    pub id: u32,
    pub kind: LetterKind,
    pub kind_label: String,
    pub addressee_label: String,
    /// The recipient's first address line.
    pub recipient: String,
    pub subject: String,
    pub written_on: NaiveDate,
    pub written_by: String,
    pub bytes: u32,
}

/// A letter about to be kept: laid out, with where it belongs and what the list names.
pub(crate) struct NewLetter<'a> {
    pub case_id: Option<u32>,
    pub session_id: Option<u32>,
    pub kind: LetterKind,
    pub addressee: Addressee,
    pub recipient: &'a str,
    pub subject: &'a str,
    pub pdf: &'a [u8],
    /// The cases a session letter names (its agenda).
    pub named_cases: &'a [u32],
}

/// Inserts a letter and its audit row, named by `covers` (the case or session number).
pub(crate) fn keep(
    tx: &Connection,
    user: &User,
    today: NaiveDate,
    letter: &NewLetter<'_>,
    covers: &str,
) -> Result<u32> {
    let sha256 = hex::encode(Sha256::digest(letter.pdf));
    tx.execute(
        "INSERT INTO letters (case_id, session_id, kind, addressee, recipient, subject, written_on,
                              pdf, sha256, created_by, created_at, named_cases)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            letter.case_id,
            letter.session_id,
            letter.kind.code(),
            letter.addressee.code(),
            letter.recipient,
            letter.subject,
            today,
            letter.pdf,
            sha256,
            user.username,
            Utc::now().to_rfc3339(),
            serde_json::json!(letter.named_cases).to_string()
        ],
    )?;
    let id = u32::try_from(tx.last_insert_rowid()).unwrap_or(u32::MAX);
    audit::append(
        tx,
        user,
        AuditEvent {
            action: AuditAction::LetterWrite,
            entity_id: Some(covers),
            before: None,
            after: Some(serde_json::json!({
                "kind": letter.kind.code(), "to": letter.recipient,
                "subject": letter.subject, "sha256": sha256,
            })),
        },
    )?;
    Ok(id)
}

/// The columns [`record_from`] reads, in its order.
pub(crate) const RECORD_COLUMNS: &str =
    "id, kind, addressee, recipient, subject, written_on, created_by, length(pdf)";

pub(crate) fn record_from(r: &rusqlite::Row<'_>) -> rusqlite::Result<LetterRecord> {
    let kind: LetterKind = columns::code(r, 1)?;
    let addressee: Addressee = columns::code(r, 2)?;
    Ok(LetterRecord {
        id: r.get(0)?,
        kind,
        kind_label: kind.label().to_owned(),
        addressee_label: addressee.label().to_owned(),
        recipient: r.get(3)?,
        subject: r.get(4)?,
        written_on: r.get(5)?,
        written_by: r.get(6)?,
        bytes: r.get(7)?,
    })
}

impl CaseFile {
    /// The letters written from a case, newest first.
    pub fn case_letters(&self, case_id: u32) -> Result<Vec<LetterRecord>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {RECORD_COLUMNS} FROM letters WHERE case_id = ?1 ORDER BY id DESC"
        ))?;
        let rows = stmt.query_map([case_id], record_from)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Keeps a letter written from a case and records it in the audit chain; the request
    /// for the foreigners' office's statement sets "angefordert am" to the letter's day.
    pub(crate) fn record_case_letter(&mut self, letter: &NewLetter<'_>) -> Result<u32> {
        self.require_editor()?;
        let today = self.today();
        self.edit(|tx, user| {
            let case = case_ref(tx, letter.case_id.unwrap_or_default())?;
            if is_anonymised(tx, case.id)? {
                return Err(Error::invalid(
                    "Schreiben",
                    format!(
                        "Die personenbezogenen Daten von {} sind gelöscht; es wird kein Schreiben mehr erstellt.",
                        case.number
                    ),
                ));
            }
            let id = keep(tx, user, today, letter, &case.number)?;
            if letter.kind == LetterKind::AnforderungStellungnahme {
                // Audited as the statement's own change; an ended case is not asked again.
                let before: Option<NaiveDate> = tx.query_row(
                    "SELECT abh_requested_on FROM cases WHERE id = ?1",
                    [case.id],
                    |r| r.get(0),
                )?;
                tx.execute(
                    "UPDATE cases SET abh_requested_on = ?2 WHERE id = ?1",
                    params![case.id, today],
                )?;
                record_change(
                    tx,
                    user,
                    &case,
                    AuditAction::AbhStatementUpdate,
                    Some(serde_json::json!({ "requested_on": before })),
                    Some(serde_json::json!({ "requested_on": today, "by_letter": id })),
                )?;
            }
            Ok(id)
        })
    }

    /// A stored letter's PDF, with the case or session it belongs to, as it went out.
    pub(crate) fn letter_pdf(&self, letter_id: u32) -> Result<(String, LetterKind, Vec<u8>)> {
        let (case, session, kind, pdf): (Option<String>, Option<u32>, LetterKind, Vec<u8>) = self
            .conn()
            .query_row(
                "SELECT c.number, l.session_id, l.kind, l.pdf FROM letters l
                 LEFT JOIN cases c ON c.id = l.case_id WHERE l.id = ?1",
                [letter_id],
                |r| Ok((r.get(0)?, r.get(1)?, columns::code(r, 2)?, r.get(3)?)),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound {
                what: "Das Schreiben".into(),
            })?;
        let covers = match (case, session) {
            (Some(number), _) => number,
            (None, Some(session)) => session_ref(self.conn(), session)?.number,
            (None, None) => String::new(),
        };
        Ok((covers, kind, pdf))
    }
}
