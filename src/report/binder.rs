//! The Sitzungsmappe: the internal agenda, then the summary of every case on it, each on its
//! own pages, with an outline entry per item; whole for the secretariat, or without the
//! cases a member declared bias for in that member's copy (`member_copies`).

use crate::domain::commission::Commission;
use crate::report::binder_documents::{self, BinderDocument, Placement, Source};
use crate::report::layout::{Layout, BODY};
use crate::report::{agenda, case_summary, fonts::Weight, ExportTarget, Exported};
use crate::store::attachments::{self, content};
use crate::store::cases::page::CaseDetail;
use crate::store::sessions::page::SessionDetail;
use crate::store::CaseFile;
use crate::{Error, Result};

/// A case of the binder: its agenda item, the item's label ("TOP 3"), the summary, and the
/// documents marked for the session (read only for the secretariat's binder), with what the
/// audit row of the export records of each (id, version, SHA-256, whether its pages went in
/// or a page saying why not).
pub(crate) struct BinderCase {
    pub item_id: u32,
    pub label: String,
    pub case: CaseDetail,
    pub documents: Vec<BinderDocument>,
    pub read: Vec<serde_json::Value>,
}

impl CaseFile {
    /// The cases on a session's agenda, in its order, with their summaries and, when
    /// `with_documents`, the documents marked for the session.
    pub(crate) fn binder_cases(
        &self,
        session: &SessionDetail,
        with_documents: bool,
    ) -> Result<Vec<BinderCase>> {
        let mut cases = Vec::new();
        for item in &session.items {
            if let Some(case_id) = item.case_id {
                let (documents, read) = if with_documents {
                    self.session_documents(case_id)?
                } else {
                    (Vec::new(), Vec::new())
                };
                cases.push(BinderCase {
                    item_id: item.id,
                    label: item.label.clone(),
                    case: self.case_page(case_id)?,
                    documents,
                    read,
                });
            }
        }
        Ok(cases)
    }

    /// A case's current documents marked for the session, oldest received first, read; a
    /// damaged one says so on its page instead of being drawn. Beside them, what the audit
    /// row records of each.
    fn session_documents(
        &self,
        case_id: u32,
    ) -> Result<(Vec<BinderDocument>, Vec<serde_json::Value>)> {
        let mut marked: Vec<_> = attachments::of_case(self.conn(), case_id)?
            .into_iter()
            .filter(|a| a.is_current() && a.for_session)
            .collect();
        marked.sort_by_key(|a| (a.received_on, a.id));
        let mut documents = Vec::new();
        let mut recorded = Vec::new();
        for record in marked {
            let read = content::read(self.conn(), record.id, &record.sha256, &record.title);
            let document = match read {
                Ok(bytes) => BinderDocument::prepare(&record, &bytes),
                Err(Error::AttachmentDamaged { .. }) => BinderDocument {
                    title: record.title.clone(),
                    kind_label: record.kind_label.clone(),
                    source: Source::Left(
                        "Die Anlage ist beschädigt (Prüfsumme stimmt nicht) und ist nicht eingebunden."
                            .into(),
                    ),
                },
                Err(other) => return Err(other),
            };
            recorded.push(serde_json::json!({
                "attachment": record.id, "version": record.version, "sha256": record.sha256,
                "included": document.left_out().is_none(),
            }));
            documents.push(document);
        }
        Ok((documents, recorded))
    }

    /// The binder of a session as PDF.
    pub fn export_binder<'t>(
        &mut self,
        session_id: u32,
        target: impl Into<ExportTarget<'t>>,
    ) -> Result<Exported> {
        self.export_binder_with_progress(session_id, target, |_, _| {})
    }

    /// The binder, reporting each case laid out as (done, total) for a progress bar.
    pub fn export_binder_with_progress<'t>(
        &mut self,
        session_id: u32,
        target: impl Into<ExportTarget<'t>>,
        mut progress: impl FnMut(u32, u32),
    ) -> Result<Exported> {
        let session = self.session(session_id)?;
        let commission = self.commission()?;
        let cases = self.binder_cases(&session, true)?;
        let contained: Vec<(String, Vec<serde_json::Value>)> = cases
            .iter()
            .map(|c| (c.case.number.clone(), c.read.clone()))
            .collect();
        let included: Vec<&BinderCase> = cases.iter().collect();
        // Laid out first, then filled in: the layout says where each document's pages are.
        let placements = std::cell::RefCell::new(Vec::new());
        let documents: Vec<&BinderDocument> =
            cases.iter().flat_map(|c| c.documents.iter()).collect();
        self.export_document_then(
            target.into(),
            (
                &format!("Sitzungsmappe der Sitzung {}", session.number),
                &session.number,
                "sitzungsmappe",
            ),
            &contained,
            |layout| {
                *placements.borrow_mut() = lay_out(
                    layout,
                    &commission,
                    &session,
                    &included,
                    None,
                    &mut progress,
                )
            },
            |pdf| binder_documents::fill(pdf, &documents, &placements.borrow()),
        )
    }
}

/// Lays the binder out with the cases `included` (the agenda lists only these), and the line
/// saying which were left out, if any; reports (done, total) after each case.
pub(crate) fn lay_out(
    layout: &mut Layout<'_>,
    commission: &Commission,
    session: &SessionDetail,
    included: &[&BinderCase],
    left_out: Option<&str>,
    progress: &mut impl FnMut(u32, u32),
) -> Vec<Placement> {
    let total = u32::try_from(included.len()).unwrap_or(u32::MAX);
    progress(0, total);
    let mut listed = session.clone();
    listed
        .items
        .retain(|item| item.case_id.is_none() || included.iter().any(|c| c.item_id == item.id));
    agenda::lay_out(layout, commission, &listed, agenda::AgendaVariant::Intern);
    if let Some(note) = left_out {
        layout.space(6.0);
        layout.paragraph(note, Weight::Bold, BODY);
    }
    let mut placements = Vec::new();
    let mut document = 0;
    for (done, binder_case) in (1..).zip(included) {
        layout.new_page();
        let case = &binder_case.case;
        case_summary::lay_out(
            layout,
            case,
            &format!("{}: {}", binder_case.label, case.number),
        );
        for attached in &binder_case.documents {
            let pages = attached.page_count();
            for page in 0..pages {
                layout.new_page();
                let heading = format!(
                    "Anlage zu {} ({}): {} – {}",
                    binder_case.label, case.number, attached.kind_label, attached.title
                );
                if page == 0 {
                    layout.bookmark(&heading);
                }
                let counted = if pages > 1 {
                    format!("{heading}, Seite {} von {pages}", page + 1)
                } else {
                    heading
                };
                layout.paragraph(&counted, Weight::Bold, 9.0);
                match attached.left_out() {
                    Some(reason) => {
                        layout.space(12.0);
                        layout.paragraph(reason, Weight::Regular, BODY);
                    }
                    None => placements.push(Placement {
                        binder_page: layout.pages.len() - 1,
                        document,
                        page,
                        top: layout.cursor(),
                    }),
                }
            }
            document += 1;
        }
        progress(done, total);
    }
    placements
}
