//! The Sitzungsmappe: the internal agenda, then the summary of every case on it, each on its
//! own pages, with an outline entry per item; whole for the secretariat, or without the
//! cases a member declared bias for in that member's copy (`member_copies`).

use crate::domain::commission::Commission;
use crate::report::layout::{Layout, BODY};
use crate::report::{agenda, case_summary, fonts::Weight, ExportTarget, Exported};
use crate::store::cases::page::CaseDetail;
use crate::store::sessions::page::SessionDetail;
use crate::store::CaseFile;
use crate::Result;

/// A case of the binder: its agenda item, the item's label ("TOP 3") and the summary.
pub(crate) struct BinderCase {
    pub item_id: u32,
    pub label: String,
    pub case: CaseDetail,
}

impl CaseFile {
    /// The cases on a session's agenda, in its order, with their summaries.
    pub(crate) fn binder_cases(&self, session: &SessionDetail) -> Result<Vec<BinderCase>> {
        let mut cases = Vec::new();
        for item in &session.items {
            if let Some(case_id) = item.case_id {
                cases.push(BinderCase {
                    item_id: item.id,
                    label: item.label.clone(),
                    case: self.case_page(case_id)?,
                });
            }
        }
        Ok(cases)
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
        let cases = self.binder_cases(&session)?;
        let contained: Vec<String> = cases.iter().map(|c| c.case.number.clone()).collect();
        let included: Vec<&BinderCase> = cases.iter().collect();
        self.export_document(
            target.into(),
            &format!("Sitzungsmappe der Sitzung {}", session.number),
            &session.number,
            "sitzungsmappe",
            &contained,
            |layout| {
                lay_out(
                    layout,
                    &commission,
                    &session,
                    &included,
                    None,
                    &mut progress,
                )
            },
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
) {
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
    for (done, binder_case) in (1..).zip(included) {
        layout.new_page();
        let case = &binder_case.case;
        case_summary::lay_out(
            layout,
            case,
            &format!("{}: {}", binder_case.label, case.number),
        );
        progress(done, total);
    }
}
