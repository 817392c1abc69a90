//! Reading a document: to view it in the window (the bytes go to the page through the
//! app's own command, never through a file) and to save a copy out. Both are audited as
//! reads of the case; both refuse a document whose bytes no longer match their SHA-256.

use std::path::Path;

use serde::Serialize;
use serde_json::json;
use specta::Type;

use crate::domain::choice::Labelled;
use crate::store::attachments::{attachment, content, AttachmentRecord};
use crate::store::audit::{self, AuditAction, AuditEvent};
use crate::store::cases::record::case_ref;
use crate::store::vault::atomic_file;
use crate::store::CaseFile;
use crate::{Error, Result};

/// A document's bytes with its description.
pub struct AttachmentContent {
    pub record: AttachmentRecord,
    pub content: Vec<u8>,
}

/// Never prints the document's bytes.
impl std::fmt::Debug for AttachmentContent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AttachmentContent")
            .field("record", &self.record)
            .field("bytes", &self.content.len())
            .finish()
    }
}

/// A copy saved out: where and how large.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct SavedCopy {
    pub path: String,
    pub bytes: u32,
}

impl AttachmentRecord {
    /// A removed document has no bytes to read.
    pub(crate) fn refuse_if_removed(&self) -> Result<()> {
        match &self.removal {
            Some(removal) => Err(Error::invalid(
                "Anlage",
                format!(
                    "Die Anlage „{}“ wurde am {} entfernt; ihr Inhalt ist nicht mehr in der Akte.",
                    self.title,
                    removal.on.format("%d.%m.%Y")
                ),
            )),
            None => Ok(()),
        }
    }
}

impl CaseFile {
    /// A document's bytes for viewing, recorded as read. A removed document has none.
    pub fn view_attachment(&mut self, attachment_id: u32) -> Result<AttachmentContent> {
        self.read_attachment(attachment_id, AuditAction::AttachmentView, None)
    }

    /// Saves a copy of a document to `target` (its ending must fit the document's type; never
    /// over the case file), recorded as read. The copy is not protected: the window says so.
    pub fn save_attachment_copy(&mut self, attachment_id: u32, target: &Path) -> Result<SavedCopy> {
        self.check_not_the_case_file(target)?;
        let record = attachment(self.conn(), attachment_id)?;
        let ending = target
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !record.media_type.fits_ending(&ending) {
            return Err(Error::invalid(
                "Speicherort",
                format!(
                    "Die Anlage ist eine {}-Datei; bitte einen Dateinamen mit der Endung .{} wählen.",
                    record.media_type.label(),
                    record.media_type.ending()
                ),
            ));
        }
        let shown = target.display().to_string();
        let read = self.read_attachment(
            attachment_id,
            AuditAction::AttachmentExport,
            Some(shown.clone()),
        )?;
        atomic_file::write(target, &read.content, "Die Kopie der Anlage")?;
        Ok(SavedCopy {
            path: shown,
            bytes: read.record.bytes,
        })
    }

    fn read_attachment(
        &mut self,
        attachment_id: u32,
        action: AuditAction,
        saved_to: Option<String>,
    ) -> Result<AttachmentContent> {
        self.audited_read(|tx, user| {
            let record = attachment(tx, attachment_id)?;
            record.refuse_if_removed()?;
            let case = case_ref(tx, record.case_id)?;
            let content = content::read(tx, attachment_id, &record.sha256, &record.title)?;
            let mut after = json!({
                "attachment": record.id, "version": record.version, "sha256": record.sha256,
            });
            if let Some(path) = saved_to {
                after["saved_to"] = json!(path);
            }
            audit::append(
                tx,
                user,
                AuditEvent {
                    action,
                    entity_id: Some(&case.number),
                    before: None,
                    after: Some(after),
                },
            )?;
            Ok(AttachmentContent { record, content })
        })
    }
}
