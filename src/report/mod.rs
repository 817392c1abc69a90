//! PDF documents for the sessions: a small layout layer (shaping, bidi, line breaking,
//! tables, pages) over printpdf, and one module per document.

pub mod case_summary;
pub mod fonts;
pub mod layout;
pub mod pdf;
pub mod shaping;

use std::path::Path;

use chrono::Local;
use serde::Serialize;
use specta::Type;

use crate::report::fonts::Fonts;
use crate::report::layout::Layout;
use crate::report::pdf::Metadata;
use crate::store::audit::{self, AuditEvent};
use crate::store::{atomic_file, cases, CaseFile};
use crate::Result;

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Exported {
    pub path: String,
    pub pages: u32,
    pub bytes: u32,
}

/// The footer's left part: who exported the document and when.
fn exported_by(username: &str) -> String {
    format!(
        "Erstellt von {username} am {}",
        Local::now().format("%d.%m.%Y, %H:%M Uhr")
    )
}

impl CaseFile {
    /// Writes the Fallübersicht of a case as PDF to `target` (whole or not at all) and
    /// records the export in the audit chain.
    pub fn export_case_summary(&mut self, case_id: u32, target: &Path) -> Result<Exported> {
        let case = cases::detail(self.conn(), case_id)?;
        let fonts = Fonts::load()?;
        let mut layout = Layout::new(&fonts);
        case_summary::lay_out(&mut layout, &case);
        let (pages, bookmarks) = layout.finish(&exported_by(&self.user().username));
        let bytes = pdf::write(
            &fonts,
            &pages,
            &bookmarks,
            &Metadata {
                title: &format!("Fallübersicht {}", case.number),
                author: &self.user().username,
                subject: "Härtefallkommission – Fallübersicht",
            },
        )?;
        atomic_file::write(target, &bytes, "Das Dokument")?;
        let number = case.number.clone();
        self.audited_read(|tx, user| {
            audit::append(
                tx,
                user,
                AuditEvent {
                    entity: "document",
                    entity_id: Some(&number),
                    action: "export",
                    before: None,
                    after: Some(serde_json::json!({ "kind": "fallübersicht" })),
                },
            )?;
            Ok(())
        })?;
        Ok(Exported {
            path: target.display().to_string(),
            pages: u32::try_from(pages.len()).unwrap_or(u32::MAX),
            bytes: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
        })
    }
}
