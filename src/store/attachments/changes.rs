//! Adding, describing, replacing and removing the documents of a case. Each change is one
//! transaction with its audit row: a refused file leaves nothing behind.

use std::path::Path;

use chrono::Utc;
use rusqlite::{params, Connection};
use serde_json::{json, Value};

use crate::domain::attachment::{
    check_size, media_type, removal_reason, shown_file_name, AttachmentDraft, AttachmentFields,
    MediaType,
};
use crate::domain::choice::Labelled;
use crate::domain::input::as_typed;
use crate::store::attachments::{attachment, content, same_content, AttachmentRecord};
use crate::store::audit::AuditAction;
use crate::store::cases::record::{case_ref, record_change};
use crate::store::users::User;
use crate::store::vault::connection;
use crate::store::CaseFile;
use crate::{Error, Result};

/// A document read from disk: its shown name and its bytes (size checked before reading).
pub struct ChosenFile {
    pub file_name: String,
    pub content: Vec<u8>,
}

impl ChosenFile {
    /// Reads `path`, refusing a file over 50 MB before reading it.
    pub fn read(path: &Path) -> Result<ChosenFile> {
        let size = std::fs::metadata(path)
            .map_err(|e| Error::io("Die Datei konnte nicht gelesen werden", e))?
            .len();
        check_size(size)?;
        let content = std::fs::read(path)
            .map_err(|e| Error::io("Die Datei konnte nicht gelesen werden", e))?;
        Ok(ChosenFile {
            file_name: shown_file_name(&path.to_string_lossy()),
            content,
        })
    }
}

/// What the audit row says of a document: never its content.
fn described(record: &AttachmentRecord) -> Value {
    json!({
        "attachment": record.id, "kind": record.kind.code(), "title": record.title,
        "file_name": record.file_name, "media": record.media_type.code(), "bytes": record.bytes,
        "sha256": record.sha256, "version": record.version,
        "received_on": as_typed(Some(record.received_on)), "for_session": record.for_session,
        "person": record.person_id, "grounds": record.ground_ids,
    })
}

fn check_person(tx: &Connection, case_id: u32, person_id: Option<u32>) -> Result<()> {
    let Some(person) = person_id else {
        return Ok(());
    };
    let belongs: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM persons WHERE id = ?1 AND case_id = ?2)",
        [person, case_id],
        |r| r.get(0),
    )?;
    if belongs {
        Ok(())
    } else {
        Err(Error::invalid(
            "Person",
            "Diese Person gehört nicht zu diesem Fall.",
        ))
    }
}

/// Links a document to the grounds it proves, each a ground of its case.
fn link_grounds(tx: &Connection, attachment_id: u32, case_id: u32, grounds: &[u32]) -> Result<()> {
    tx.execute(
        "DELETE FROM attachment_grounds WHERE attachment_id = ?1",
        [attachment_id],
    )?;
    for ground in grounds {
        let belongs: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM case_grounds WHERE id = ?1 AND case_id = ?2)",
            [ground, &case_id],
            |r| r.get(0),
        )?;
        if !belongs {
            return Err(Error::invalid(
                "Belegt",
                "Dieser Grund gehört nicht zu diesem Fall.",
            ));
        }
        tx.execute(
            "INSERT OR IGNORE INTO attachment_grounds (attachment_id, ground_id) VALUES (?1, ?2)",
            [attachment_id, *ground],
        )?;
    }
    Ok(())
}

fn refuse_twice(tx: &Connection, case_id: u32, sha256: &str) -> Result<()> {
    if let Some(there) = same_content(tx, case_id, sha256)? {
        return Err(Error::invalid(
            "Datei",
            format!(
                "Diese Datei ist bereits als Anlage „{}“ (eingegangen am {}) in diesem Fall gespeichert.",
                there.title,
                there.received_on.format("%d.%m.%Y")
            ),
        ));
    }
    Ok(())
}

/// Inserts a document's description and bytes; returns its id.
fn insert(
    tx: &Connection,
    user: &User,
    case_id: u32,
    fields: &AttachmentFields,
    file: &ChosenFile,
    media: MediaType,
    earlier: Option<&AttachmentRecord>,
) -> Result<u32> {
    let sha256 = content::sha256_hex(&file.content);
    tx.execute(
        "INSERT INTO attachments (case_id, kind, title, file_name, media_type, received_on,
             person_id, for_session, bytes, sha256, version, replaces, added_by, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            case_id,
            fields.kind.code(),
            fields.title,
            file.file_name,
            media.code(),
            fields.received_on,
            fields.person_id,
            fields.for_session,
            file.content.len() as i64,
            sha256,
            earlier.map_or(1, |e| e.version + 1),
            earlier.map(|e| e.id),
            user.username,
            Utc::now().to_rfc3339(),
        ],
    )?;
    let id = u32::try_from(tx.last_insert_rowid())
        .map_err(|_| Error::Internal("Anlagennummer außerhalb des Bereichs".into()))?;
    content::write(tx, id, &file.content)?;
    link_grounds(tx, id, case_id, &fields.ground_ids)?;
    Ok(id)
}

impl CaseFile {
    /// Adds a document to a case: its type told by its content, at most 50 MB, not the same
    /// file twice, in one transaction with its audit row.
    pub fn add_attachment(
        &mut self,
        case_id: u32,
        file: &ChosenFile,
        draft: &AttachmentDraft,
    ) -> Result<AttachmentRecord> {
        self.require_editor()?;
        let today = self.today();
        let fields = draft.validate(&file.file_name, today);
        let media = media_type(&file.content);
        let (fields, media) = both(fields, media)?;
        self.edit(|tx, user| {
            let case = case_ref(tx, case_id)?;
            check_person(tx, case_id, fields.person_id)?;
            refuse_twice(tx, case_id, &content::sha256_hex(&file.content))?;
            let id = insert(tx, user, case_id, &fields, file, media, None)?;
            let added = attachment(tx, id)?;
            let after = described(&added);
            record_change(
                tx,
                user,
                &case,
                AuditAction::AttachmentAdd,
                None,
                Some(after),
            )?;
            Ok(added)
        })
    }

    /// Changes what is said about a document (kind, title, date, person, for the session).
    pub fn update_attachment(
        &mut self,
        attachment_id: u32,
        draft: &AttachmentDraft,
    ) -> Result<AttachmentRecord> {
        let today = self.today();
        self.edit(|tx, user| {
            let before = current(tx, attachment_id)?;
            let fields = draft.validate(&before.file_name, today)?;
            let case = case_ref(tx, before.case_id)?;
            check_person(tx, before.case_id, fields.person_id)?;
            tx.execute(
                "UPDATE attachments SET kind = ?2, title = ?3, received_on = ?4, person_id = ?5,
                        for_session = ?6 WHERE id = ?1",
                params![
                    attachment_id,
                    fields.kind.code(),
                    fields.title,
                    fields.received_on,
                    fields.person_id,
                    fields.for_session
                ],
            )?;
            link_grounds(tx, attachment_id, before.case_id, &fields.ground_ids)?;
            let after = attachment(tx, attachment_id)?;
            record_change(
                tx,
                user,
                &case,
                AuditAction::AttachmentUpdate,
                Some(described(&before)),
                Some(described(&after)),
            )?;
            Ok(after)
        })
    }

    /// Replaces a document with a new version; the old one stays as history.
    pub fn replace_attachment(
        &mut self,
        attachment_id: u32,
        file: &ChosenFile,
        draft: &AttachmentDraft,
    ) -> Result<AttachmentRecord> {
        self.require_editor()?;
        let today = self.today();
        let fields = draft.validate(&file.file_name, today);
        let media = media_type(&file.content);
        let (fields, media) = both(fields, media)?;
        self.edit(|tx, user| {
            let old = current(tx, attachment_id)?;
            let case = case_ref(tx, old.case_id)?;
            check_person(tx, old.case_id, fields.person_id)?;
            refuse_twice(tx, old.case_id, &content::sha256_hex(&file.content))?;
            let id = insert(tx, user, old.case_id, &fields, file, media, Some(&old))?;
            tx.execute(
                "UPDATE attachments SET replaced_by = ?2 WHERE id = ?1",
                [attachment_id, id],
            )?;
            let new = attachment(tx, id)?;
            record_change(
                tx,
                user,
                &case,
                AuditAction::AttachmentReplace,
                Some(described(&old)),
                Some(described(&new)),
            )?;
            Ok(new)
        })
    }

    /// Removes a document and its earlier versions: their bytes go (zeroed), their
    /// descriptions stay with the reason, for the history.
    pub fn remove_attachment(&mut self, attachment_id: u32, reason: &str) -> Result<()> {
        let reason = removal_reason(reason)?;
        let today = self.today();
        self.edit(|tx, user| {
            let record = current(tx, attachment_id)?;
            let case = case_ref(tx, record.case_id)?;
            let chain = versions(tx, attachment_id)?;
            content::remove(tx, &chain)?;
            for id in &chain {
                tx.execute(
                    "UPDATE attachments SET removed_on = ?2, removed_by = ?3, removal_reason = ?4
                     WHERE id = ?1",
                    params![id, today, user.username, reason],
                )?;
            }
            let mut after = described(&record);
            after["reason"] = json!(reason);
            after["versions_removed"] = json!(chain.len());
            record_change(
                tx,
                user,
                &case,
                AuditAction::AttachmentRemove,
                Some(described(&record)),
                Some(after),
            )
        })?;
        // The log goes back into the file and is emptied, so that no old page holds the bytes.
        // The removal is saved either way: while a reader (the page check after unlocking)
        // holds the log, the next commit's checkpoint writes it back instead.
        let _ = connection::checkpoint(self.conn());
        Ok(())
    }
}

/// Both checks' problems at once, so that the form shows every one.
fn both(
    fields: Result<AttachmentFields>,
    media: Result<MediaType>,
) -> Result<(AttachmentFields, MediaType)> {
    let mut problems = crate::domain::problems::Problems::default();
    let fields = problems.check(fields);
    let media = problems.check(media);
    problems.finish(|| Some((fields?, media?)))
}

/// A document that is in the case now; a replaced or removed one is refused.
fn current(tx: &Connection, attachment_id: u32) -> Result<AttachmentRecord> {
    let record = attachment(tx, attachment_id)?;
    if let Some(removal) = &record.removal {
        return Err(Error::invalid(
            "Anlage",
            format!(
                "Die Anlage „{}“ wurde am {} entfernt.",
                record.title,
                removal.on.format("%d.%m.%Y")
            ),
        ));
    }
    if record.replaced_by.is_some() {
        return Err(Error::invalid(
            "Anlage",
            format!(
                "Von der Anlage „{}“ gibt es eine neuere Fassung; bitte diese bearbeiten.",
                record.title
            ),
        ));
    }
    Ok(record)
}

/// The document and all the versions it replaced, newest first.
fn versions(tx: &Connection, attachment_id: u32) -> Result<Vec<u32>> {
    let mut chain = vec![attachment_id];
    let mut next: Option<u32> = Some(attachment_id);
    while let Some(id) = next {
        next = tx.query_row(
            "SELECT replaces FROM attachments WHERE id = ?1",
            [id],
            |r| r.get(0),
        )?;
        if let Some(earlier) = next {
            if chain.contains(&earlier) {
                break;
            }
            chain.push(earlier);
        }
    }
    Ok(chain)
}
