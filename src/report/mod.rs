//! PDF documents for the sessions: a small layout layer (shaping, bidi, line breaking,
//! tables, pages) over printpdf, and one module per document.

pub mod agenda;
pub mod annual_report;
pub mod case_summary;
pub mod chart;
pub mod column_widths;
pub mod fonts;
pub mod layout;
pub mod minutes;
pub mod page;
pub mod pdf;
pub mod request_letter;
pub mod sealed_pdf;
pub mod shaping;
pub mod statistics_files;
pub mod statistics_xlsx;

use std::path::Path;

use chrono::DateTime;
use chrono_tz::Tz;
use serde::Serialize;
use specta::Type;

use crate::report::fonts::Fonts;
use crate::report::layout::Layout;
use crate::report::pdf::Metadata;
use crate::store::audit::AuditAction;
use crate::store::audit::{self, AuditEvent};
use crate::store::cases::ministry;
use crate::store::sessions::page::SessionDetail;
use crate::store::vault::atomic_file;
use crate::store::CaseFile;
use crate::Result;

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Exported {
    pub path: String,
    pub pages: u32,
    pub bytes: u32,
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
    fn check_export_target(&self, target: &Path) -> Result<()> {
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
        target: &Path,
        title: &str,
        covers: &str,
        kind: &str,
        contained: &[String],
        lay_out: impl FnOnce(&mut Layout<'_>),
    ) -> Result<Exported> {
        self.check_export_target(target)?;
        let fonts = Fonts::load()?;
        let mut layout = Layout::new(&fonts);
        lay_out(&mut layout);
        let (pages, bookmarks) = layout.finish(
            &exported_by(&self.user().username, self.clock().now()),
            &self.chain_footer()?,
        );
        let bytes = pdf::write(
            &fonts,
            &pages,
            &bookmarks,
            &Metadata {
                title,
                author: &self.user().username,
                subject: "Härtefallkommission",
            },
        )?;
        // Recorded first: no PDF with personal data exists without its audit row, and each
        // case a session document contains is recorded as read, under its own number.
        self.audited_read(|tx, user| {
            audit::append(
                tx,
                user,
                AuditEvent {
                    action: AuditAction::DocumentExport,
                    entity_id: Some(covers),
                    before: None,
                    after: Some(serde_json::json!({ "kind": kind })),
                },
            )?;
            for case in contained {
                audit::append(
                    tx,
                    user,
                    AuditEvent {
                        action: AuditAction::DocumentExport,
                        entity_id: Some(case),
                        before: None,
                        after: Some(serde_json::json!({ "kind": kind, "in": covers })),
                    },
                )?;
            }
            Ok(())
        })?;
        atomic_file::write(target, &bytes, "Das Dokument")?;
        Ok(Exported {
            path: target.display().to_string(),
            pages: u32::try_from(pages.len()).unwrap_or(u32::MAX),
            bytes: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
        })
    }

    /// The Fallübersicht of a case as PDF.
    pub fn export_case_summary(&mut self, case_id: u32, target: &Path) -> Result<Exported> {
        let case = self.case_page(case_id)?;
        self.export_document(
            target,
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
    pub fn export_agenda(
        &mut self,
        session_id: u32,
        variant: agenda::AgendaVariant,
        target: &Path,
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
            target,
            &format!("Tagesordnung der Sitzung {}", session.number),
            &session.number,
            kind,
            &contained,
            |layout| agenda::lay_out(layout, &commission, &session, variant),
        )
    }

    /// The Sitzungsmappe: the internal agenda, then the summary of every case on it, each
    /// on its own pages, with an outline entry per item.
    pub fn export_binder(&mut self, session_id: u32, target: &Path) -> Result<Exported> {
        self.export_binder_with_progress(session_id, target, |_, _| {})
    }

    /// The binder, reporting each case laid out as (done, total) for a progress bar.
    pub fn export_binder_with_progress(
        &mut self,
        session_id: u32,
        target: &Path,
        mut progress: impl FnMut(u32, u32),
    ) -> Result<Exported> {
        let session = self.session(session_id)?;
        let commission = self.commission()?;
        let mut summaries = Vec::new();
        for item in &session.items {
            if let Some(case_id) = item.case_id {
                summaries.push((item.label.clone(), self.case_page(case_id)?));
            }
        }
        let contained: Vec<String> = summaries.iter().map(|(_, c)| c.number.clone()).collect();
        let total = u32::try_from(summaries.len()).unwrap_or(u32::MAX);
        progress(0, total);
        self.export_document(
            target,
            &format!("Sitzungsmappe der Sitzung {}", session.number),
            &session.number,
            "sitzungsmappe",
            &contained,
            |layout| {
                agenda::lay_out(layout, &commission, &session, agenda::AgendaVariant::Intern);
                for (done, (label, case)) in (1..).zip(&summaries) {
                    layout.new_page();
                    case_summary::lay_out(layout, case, &format!("{label}: {}", case.number));
                    progress(done, total);
                }
            },
        )
    }

    /// The Niederschrift of a session.
    pub fn export_minutes(&mut self, session_id: u32, target: &Path) -> Result<Exported> {
        let session = self.session(session_id)?;
        let commission = self.commission()?;
        self.export_document(
            target,
            &minutes::title(&session),
            &session.number,
            "niederschrift",
            &case_numbers(&session),
            |layout| minutes::lay_out(layout, &commission, &session),
        )
    }

    /// The Härtefallersuchen for a case the commission decided to support.
    pub fn export_request_letter(&mut self, case_id: u32, target: &Path) -> Result<Exported> {
        let case = self.case_page(case_id)?;
        if case.anonymised_on.is_some() {
            return Err(crate::Error::invalid(
                "Härtefallersuchen",
                format!(
                    "Die personenbezogenen Daten von {} sind gelöscht; ein Ersuchen wird nicht mehr erstellt.",
                    case.number
                ),
            ));
        }
        // The latest decided deliberation counts; an earlier Ersuchen overtaken by a later
        // decision does not.
        let Some(deliberation) = ministry::request_basis(&case.deliberations).cloned() else {
            return Err(crate::Error::invalid(
                "Härtefallersuchen",
                format!(
                    "Für {} hat die Kommission kein Ersuchen beschlossen.",
                    case.number
                ),
            ));
        };
        let date = self.today().format("%d.%m.%Y").to_string();
        let commission = self.commission()?;
        self.export_document(
            target,
            &format!("Härtefallersuchen {}", case.number),
            &case.number,
            "härtefallersuchen",
            &[],
            |layout| request_letter::lay_out(layout, &commission, &case, &deliberation, &date),
        )
    }
}
