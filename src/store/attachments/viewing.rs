//! A PDF shown in the window in ranges: opening it for the viewer is the audited read; the
//! viewer then asks for the ranges of bytes the page it draws needs (pdf.js reads a PDF's
//! cross-reference table and the objects of one page, not the whole file), and the whole
//! document's SHA-256 is checked beside it. Only an opened document can be read in ranges,
//! and only until the viewer closes it or the file is locked.

use serde_json::json;

use crate::domain::attachment::MediaType;
use crate::store::attachments::{attachment, content, AttachmentRecord};
use crate::store::audit::{self, AuditAction, AuditEvent};
use crate::store::cases::record::case_ref;
use crate::store::CaseFile;
use crate::{Error, Result};

/// The most one range may hold: the largest document.
const MOST_PER_RANGE: u32 = 50 * 1024 * 1024;

impl CaseFile {
    /// Opens a PDF for the viewer, recorded as a read of the case; returns its description.
    /// A removed document, another type, or bytes of another length than recorded cannot be
    /// opened so.
    pub fn open_attachment_view(&mut self, attachment_id: u32) -> Result<AttachmentRecord> {
        let record = self.audited_read(|tx, user| {
            let record = attachment(tx, attachment_id)?;
            record.refuse_if_removed()?;
            if record.media_type != MediaType::Pdf {
                return Err(Error::invalid(
                    "Anlage",
                    "Nur ein PDF wird in Ausschnitten angesehen.",
                ));
            }
            let case = case_ref(tx, record.case_id)?;
            let length = content::length(tx, attachment_id, &record.title)?;
            if u32::try_from(length).ok() != Some(record.bytes) {
                return Err(Error::AttachmentDamaged {
                    title: record.title.clone(),
                });
            }
            audit::append(
                tx,
                user,
                AuditEvent {
                    action: AuditAction::AttachmentView,
                    entity_id: Some(&case.number),
                    before: None,
                    after: Some(json!({
                        "attachment": record.id, "version": record.version,
                        "sha256": record.sha256, "in_ranges": true,
                    })),
                },
            )?;
            Ok(record)
        })?;
        let view = self
            .open_views
            .entry(attachment_id)
            .or_insert_with(|| (record.sha256.clone(), 0));
        // The same id with other bytes (a document added after one removed): a new view.
        if view.0 != record.sha256 {
            *view = (record.sha256.clone(), 0);
        }
        view.1 += 1;
        Ok(record)
    }

    /// The bytes `begin..end` of a document opened for the viewer (cut at its end).
    pub fn attachment_range(&self, attachment_id: u32, begin: u32, end: u32) -> Result<Vec<u8>> {
        let record = self.opened(attachment_id)?;
        if end < begin || end - begin > MOST_PER_RANGE {
            return Err(Error::invalid(
                "Anlage",
                "Dieser Ausschnitt der Anlage kann nicht gelesen werden.",
            ));
        }
        content::read_range(
            self.conn(),
            attachment_id,
            &record.title,
            begin as usize,
            end as usize,
        )
    }

    /// Whether a document opened for the viewer is whole: its bytes against its SHA-256.
    pub fn check_attachment_view(&self, attachment_id: u32) -> Result<()> {
        let record = self.opened(attachment_id)?;
        content::verify(self.conn(), attachment_id, &record.sha256, &record.title)
    }

    /// A viewer closed the document: no more ranges of it once no viewer has it open.
    pub fn close_attachment_view(&mut self, attachment_id: u32) {
        if let Some(view) = self.open_views.get_mut(&attachment_id) {
            view.1 = view.1.saturating_sub(1);
            if view.1 == 0 {
                self.open_views.remove(&attachment_id);
            }
        }
    }

    fn opened(&self, attachment_id: u32) -> Result<AttachmentRecord> {
        let not_open = || {
            Error::invalid(
                "Anlage",
                "Die Anlage ist nicht zum Ansehen geöffnet; bitte öffnen Sie sie erneut.",
            )
        };
        let (sha256, _) = self.open_views.get(&attachment_id).ok_or_else(not_open)?;
        let record = attachment(self.conn(), attachment_id)?;
        record.refuse_if_removed()?;
        // Opened as other bytes: the id now names another document.
        if &record.sha256 != sha256 {
            return Err(not_open());
        }
        Ok(record)
    }
}
