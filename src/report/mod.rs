//! PDF documents for the sessions: a small layout layer (shaping, bidi, line breaking,
//! tables, pages) over printpdf, and one module per document.

pub mod agenda;
pub(crate) mod annotation_appearances;
pub mod annual_report;
pub mod binder;
pub(crate) mod binder_documents;
pub mod case_summary;
pub mod chart;
pub mod column_widths;
pub mod copy_key;
pub mod fonts;
pub mod import_report;
pub mod layout;
pub mod letters;
pub mod member_copies;
pub mod minutes;
pub mod page;
pub mod pdf;
pub(crate) mod pdf_copy;
pub(crate) mod picture_image;
pub mod sealed_pdf;
pub mod shaping;
pub mod statistics_files;
pub mod statistics_xlsx;
pub mod tiff_pdf;

use std::path::{Path, PathBuf};

use chrono::DateTime;
use chrono_tz::Tz;
use serde::Serialize;
use specta::Type;

use crate::domain::letter_kind::{Addressee, LetterKind};
use crate::report::fonts::Fonts;
use crate::report::layout::Layout;
use crate::report::pdf::Metadata;
use crate::store::audit::AuditAction;
use crate::store::audit::{self, AuditEvent};
use crate::store::sessions::page::SessionDetail;
use crate::store::vault::atomic_file;
use crate::store::CaseFile;
use crate::Result;

/// What an export wrote. Its debug output leaves the one-off password out.
#[derive(Clone, PartialEq, Eq, Serialize, Type)]
pub struct Exported {
    pub path: String,
    pub pages: u32,
    pub bytes: u32,
    /// The one-off password a sealed export opens with, to be shown once and told to the
    /// recipient apart from the file; never kept.
    pub one_off_password: Option<String>,
}

impl std::fmt::Debug for Exported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Exported")
            .field("path", &self.path)
            .field("pages", &self.pages)
            .field("bytes", &self.bytes)
            .field("sealed", &self.one_off_password.is_some())
            .finish()
    }
}

/// Where an export goes, and whether it is sealed (AES-256) under a one-off password for a
/// recipient outside the office.
#[derive(Debug, Clone, Copy)]
pub struct ExportTarget<'a> {
    pub path: &'a Path,
    pub sealed: bool,
}

impl<'a> ExportTarget<'a> {
    pub fn sealed(path: &'a Path) -> Self {
        ExportTarget { path, sealed: true }
    }
}

impl<'a> From<&'a Path> for ExportTarget<'a> {
    fn from(path: &'a Path) -> Self {
        ExportTarget {
            path,
            sealed: false,
        }
    }
}

impl<'a> From<&'a PathBuf> for ExportTarget<'a> {
    fn from(path: &'a PathBuf) -> Self {
        ExportTarget::from(path.as_path())
    }
}

/// The footer's left part: who exported the document and when.
pub(crate) fn exported_by(username: &str, now: DateTime<Tz>) -> String {
    format!(
        "Erstellt von {username} am {}",
        now.format("%d.%m.%Y, %H:%M Uhr")
    )
}

/// The numbers of the cases on a session's agenda.
fn case_numbers(session: &SessionDetail) -> Vec<String> {
    session
        .items
        .iter()
        .filter_map(|item| item.case_number.clone())
        .collect()
}

impl CaseFile {
    /// A document goes to a `.pdf` file, never over the case file or its companions.
    pub fn check_export_target(&self, target: &Path) -> Result<()> {
        let is_pdf = target
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
        if !is_pdf {
            return Err(crate::Error::invalid(
                "Speicherort",
                "Bitte einen Dateinamen mit der Endung .pdf wählen.",
            ));
        }
        self.check_not_the_case_file(target)
    }

    /// Refuses to write an export over the case file or its companion files.
    pub(crate) fn check_not_the_case_file(&self, target: &Path) -> Result<()> {
        let paths = self.paths();
        let same = |p: &Path| {
            p == target
                || (p.canonicalize().ok().is_some()
                    && p.canonicalize().ok() == target.canonicalize().ok())
        };
        if [
            &paths.database,
            &paths.key_slots,
            &paths.instance_lock,
            &paths.unlock_attempts,
        ]
        .into_iter()
        .any(|p| same(p))
        {
            return Err(crate::Error::invalid(
                "Speicherort",
                "Das Dokument kann nicht über die Akte oder ihre Begleitdateien geschrieben werden.",
            ));
        }
        Ok(())
    }

    /// Lays a document out, writes it to `target` whole or not at all, and records the
    /// export (kind and the case or session it covers) in the audit chain.
    fn export_document(
        &mut self,
        target: ExportTarget<'_>,
        title: &str,
        covers: &str,
        kind: &str,
        contained: &[String],
        lay_out: impl FnOnce(&mut Layout<'_>),
    ) -> Result<Exported> {
        let finish = |_: &mut lopdf::Document| Ok(());
        let contained: Vec<(String, Vec<serde_json::Value>)> =
            contained.iter().map(|c| (c.clone(), Vec::new())).collect();
        self.export_document_then(target, (title, covers, kind), &contained, lay_out, finish)
    }

    /// As [`Self::export_document`], with `finish` given the PDF before it is saved.
    fn export_document_then(
        &mut self,
        target: ExportTarget<'_>,
        (title, covers, kind): (&str, &str, &str),
        contained: &[(String, Vec<serde_json::Value>)],
        lay_out: impl FnOnce(&mut Layout<'_>),
        finish: impl FnOnce(&mut lopdf::Document) -> Result<()>,
    ) -> Result<Exported> {
        self.check_export_target(target.path)?;
        let fonts = Fonts::load()?;
        let mut layout = Layout::new(&fonts);
        lay_out(&mut layout);
        let (pages, bookmarks) = layout.finish(
            &exported_by(&self.user().username, self.clock().now()),
            &self.chain_footer()?,
        );
        let bytes = pdf::write_then(
            &fonts,
            &pages,
            &bookmarks,
            &Metadata {
                title,
                author: &self.user().username,
                subject: "Härtefallkommission",
            },
            finish,
        )?;
        let sealed = target.sealed;
        // Each case a session document contains is recorded as read, under its own number,
        // with the documents of it that went in (each by id, version and SHA-256).
        let rows = std::iter::once((
            covers.to_owned(),
            serde_json::json!({ "kind": kind, "sealed": sealed }),
        ))
        .chain(contained.iter().map(|(case, documents)| {
            let mut after = serde_json::json!({ "kind": kind, "in": covers });
            if !documents.is_empty() {
                after["attachments"] = serde_json::json!(documents);
            }
            (case.clone(), after)
        }))
        .collect();
        self.deliver(target, bytes, pages.len(), rows)
    }

    /// Seals `bytes` when asked, records the export (one audit row per entity named), then
    /// writes the file whole. No PDF with personal data exists without its audit rows.
    pub(crate) fn deliver(
        &mut self,
        target: ExportTarget<'_>,
        mut bytes: Vec<u8>,
        pages: usize,
        rows: Vec<(String, serde_json::Value)>,
    ) -> Result<Exported> {
        let one_off_password = target.sealed.then(sealed_pdf::handover_password);
        if let Some(password) = &one_off_password {
            bytes = sealed_pdf::seal(&bytes, password)?;
        }
        self.audited_read(|tx, user| {
            for (entity, after) in rows {
                audit::append(
                    tx,
                    user,
                    AuditEvent {
                        action: AuditAction::DocumentExport,
                        entity_id: Some(&entity),
                        before: None,
                        after: Some(after),
                    },
                )?;
            }
            Ok(())
        })?;
        atomic_file::write(target.path, &bytes, "Das Dokument")?;
        Ok(Exported {
            path: target.path.display().to_string(),
            pages: u32::try_from(pages).unwrap_or(u32::MAX),
            bytes: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
            one_off_password,
        })
    }

    /// The Fallübersicht of a case as PDF.
    pub fn export_case_summary<'t>(
        &mut self,
        case_id: u32,
        target: impl Into<ExportTarget<'t>>,
    ) -> Result<Exported> {
        let case = self.case_page(case_id)?;
        self.export_document(
            target.into(),
            &format!("Fallübersicht {}", case.number),
            &case.number,
            "fallübersicht",
            &[],
            |layout| {
                case_summary::lay_out(layout, &case, &format!("{} – Fallübersicht", case.number))
            },
        )
    }

    /// The Tagesordnung of a session as PDF, internal or for copies that leave the office.
    pub fn export_agenda<'t>(
        &mut self,
        session_id: u32,
        variant: agenda::AgendaVariant,
        target: impl Into<ExportTarget<'t>>,
    ) -> Result<Exported> {
        let session = self.session(session_id)?;
        let commission = self.commission()?;
        let kind = match variant {
            agenda::AgendaVariant::Intern => "tagesordnung_intern",
            agenda::AgendaVariant::Weitergabe => "tagesordnung_weitergabe",
        };
        // The internal agenda names the families: each case on it counts as read.
        let contained = match variant {
            agenda::AgendaVariant::Intern => case_numbers(&session),
            agenda::AgendaVariant::Weitergabe => Vec::new(),
        };
        self.export_document(
            target.into(),
            &format!("Tagesordnung der Sitzung {}", session.number),
            &session.number,
            kind,
            &contained,
            |layout| agenda::lay_out(layout, &commission, &session, variant),
        )
    }

    /// The Niederschrift of a session.
    pub fn export_minutes<'t>(
        &mut self,
        session_id: u32,
        target: impl Into<ExportTarget<'t>>,
    ) -> Result<Exported> {
        let session = self.session(session_id)?;
        let commission = self.commission()?;
        self.export_document(
            target.into(),
            &minutes::title(&session),
            &session.number,
            "niederschrift",
            &case_numbers(&session),
            |layout| minutes::lay_out(layout, &commission, &session),
        )
    }

    /// The Härtefallersuchen for a case the commission decided to support, in its template's
    /// wording, saved as a file (writing it from the case's Schriftverkehr also keeps it).
    pub fn export_request_letter<'t>(
        &mut self,
        case_id: u32,
        target: impl Into<ExportTarget<'t>>,
    ) -> Result<Exported> {
        let choice = letters::LetterChoice {
            kind: LetterKind::Haertefallersuchen,
            addressee: Addressee::Ministerium,
            reply_by: String::new(),
        };
        let sheet = self.compose_case_letter(case_id, &choice)?;
        let number = self.case_page(case_id)?.number;
        let title = format!("Härtefallersuchen {number}");
        self.export_document(
            target.into(),
            &title,
            &number,
            "härtefallersuchen",
            &[],
            |layout| letters::sheet::lay_out(layout, &sheet, &title),
        )
    }
}
