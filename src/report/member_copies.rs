//! Each member's copy of the Sitzungsmappe: without the cases the member declared bias for,
//! the member's name across every page and in the footer, sealed (AES-256, PDF 2.0) under the
//! member's own password, one file per member in a folder the secretariat chose. And the
//! handover sheet that gives a member the password on paper.

use std::collections::HashSet;
use std::path::Path;

use serde::Serialize;
use specta::Type;

use crate::domain::member_copy;
use crate::report::binder::{self, BinderCase};
use crate::report::fonts::{Fonts, Weight};
use crate::report::layout::{Layout, BODY, PAGE_HEIGHT, PAGE_WIDTH};
use crate::report::page::{Item, Page};
use crate::report::pdf::{self, Metadata};
use crate::report::shaping::shape_line;
use crate::report::{exported_by, sealed_pdf, ExportTarget, Exported};
use crate::store::vault::atomic_file;
use crate::store::CaseFile;
use crate::{Error, Result};

/// A copy written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct MadeCopy {
    pub member_name: String,
    pub path: String,
    pub pages: u32,
    /// The agenda items left out ("TOP 2 (HFK-2026-003)").
    pub left_out: Vec<String>,
}

/// The mark across every page, under the text, corner to corner, in a light gray.
fn watermark(fonts: &Fonts, pages: &mut [Page], text: &str) {
    let angle = (PAGE_HEIGHT / PAGE_WIDTH).atan();
    let diagonal = PAGE_HEIGHT.hypot(PAGE_WIDTH);
    let natural = shape_line(fonts, text, Weight::Bold, 16.0);
    // A long name makes the line smaller rather than run off the page.
    let size = (16.0 * 0.8 * diagonal / natural.width.max(1.0)).min(16.0);
    let line = shape_line(fonts, text, Weight::Bold, size);
    let (sin, cos) = angle.sin_cos();
    let x = PAGE_WIDTH / 2.0 - line.width / 2.0 * cos;
    let y = PAGE_HEIGHT / 2.0 - line.width / 2.0 * sin;
    for page in pages {
        page.items.insert(
            0,
            Item::Slanted {
                x,
                y,
                size,
                angle: angle.to_degrees(),
                gray: 0.82,
                line: line.clone(),
            },
        );
    }
}

fn number_and_label(case: &BinderCase) -> String {
    format!("{} ({})", case.label, case.case.number)
}

impl CaseFile {
    /// Makes the copies of a session's binder for `member_ids` in `folder`, reporting each
    /// copy written as (done, total). Every member is checked before the first file is
    /// written; each copy is recorded (and audited) before its file exists.
    pub fn make_member_copies(
        &mut self,
        session_id: u32,
        member_ids: &[u32],
        folder: &Path,
        mut progress: impl FnMut(u32, u32),
    ) -> Result<Vec<MadeCopy>> {
        let (session_ref, plans) = self.plan_member_copies(session_id, member_ids)?;
        if !folder.is_dir() {
            return Err(Error::invalid(
                "Ordner",
                format!("Den Ordner {} gibt es nicht.", folder.display()),
            ));
        }
        let session = self.session(session_id)?;
        let commission = self.commission()?;
        // The members' copies hold the summaries; the documents stay with the secretariat.
        let cases = self.binder_cases(&session, false)?;
        let fonts = Fonts::load()?;
        // Every file name first: none may replace a file already in the folder (an older
        // copy, or another member's of the same name), so nothing is written unless all fit.
        let mut taken = HashSet::new();
        let names: Vec<String> = plans
            .iter()
            .map(|plan| {
                member_copy::file_name(&session.number, &plan.name, plan.member_id, &mut taken)
            })
            .collect();
        for name in &names {
            let target = folder.join(name);
            if target.exists() {
                return Err(Error::invalid(
                    "Ordner",
                    format!(
                        "Im Ordner liegt schon {name}. Bitte einen leeren Ordner wählen oder die alte Datei zuvor entfernen."
                    ),
                ));
            }
            self.check_not_the_case_file(&target)?;
        }
        let total = u32::try_from(plans.len()).unwrap_or(u32::MAX);
        progress(0, total);
        let mut made = Vec::new();
        // Members without the same cases share one layout; each copy gets its own footer.
        let mut laid: Vec<(&[u32], Layout)> = Vec::new();
        for ((done, plan), file_name) in (1..).zip(&plans).zip(&names) {
            let (included, left_out): (Vec<&BinderCase>, Vec<&BinderCase>) = cases
                .iter()
                .partition(|c| !plan.left_out_items.contains(&c.item_id));
            let left_out_labels: Vec<String> =
                left_out.iter().map(|c| number_and_label(c)).collect();
            let same = laid
                .iter()
                .find(|(items, _)| *items == plan.left_out_items.as_slice());
            let mut layout = match same {
                Some((_, layout)) => layout.clone(),
                None => {
                    let mut layout = Layout::new(&fonts);
                    let note = member_copy::left_out_note(&left_out_labels);
                    binder::lay_out(
                        &mut layout,
                        &commission,
                        &session,
                        &included,
                        note.as_deref(),
                        &mut |_, _| {},
                    );
                    laid.push((&plan.left_out_items, layout.clone()));
                    layout
                }
            };
            layout.mark(&member_copy::footer_marking(&plan.name));
            let (mut pages, bookmarks) = layout.finish(
                &exported_by(&self.user().username, self.clock().now()),
                &self.chain_footer()?,
            );
            watermark(
                &fonts,
                &mut pages,
                &member_copy::watermark(&plan.name, &session.number),
            );
            let title = format!(
                "Sitzungsmappe der Sitzung {} – Exemplar für {}",
                session.number, plan.name
            );
            let plain = pdf::write(
                &fonts,
                &pages,
                &bookmarks,
                &Metadata {
                    title: &title,
                    author: &self.user().username,
                    subject: "Härtefallkommission",
                },
            )?;
            let sealed = sealed_pdf::seal_with(&plain, &plan.key)?;
            let target = folder.join(file_name);
            let numbers = |list: &[&BinderCase]| -> Vec<String> {
                list.iter().map(|c| c.case.number.clone()).collect()
            };
            // Written and synced beside its place, then recorded, then named: a failed write
            // records nothing, a failed record leaves no file.
            let staged = atomic_file::stage(&target, &sealed, "Das Exemplar")?;
            self.record_member_copy(
                &session_ref,
                plan,
                file_name,
                &numbers(&included),
                &numbers(&left_out),
            )?;
            staged.persist(false)?;
            made.push(MadeCopy {
                member_name: plan.name.clone(),
                path: target.display().to_string(),
                pages: u32::try_from(pages.len()).unwrap_or(u32::MAX),
                left_out: left_out_labels,
            });
            progress(done, total);
        }
        Ok(made)
    }

    /// The sheet that hands a member the password of their copies, for the password just set
    /// (any other is refused). The sheet is the only place the password is written down.
    pub fn export_handover_sheet(
        &mut self,
        member_id: u32,
        password: &str,
        target: &Path,
    ) -> Result<Exported> {
        self.check_copy_password(member_id, password)?;
        let member = self
            .member_register()?
            .members
            .into_iter()
            .find(|m| m.id == member_id)
            .ok_or_else(|| Error::NotFound {
                what: "Das Mitglied".into(),
            })?;
        let commission = self.commission()?;
        let today = self.today().format("%d.%m.%Y").to_string();
        self.export_document(
            ExportTarget::from(target),
            &format!("Passwort für die Exemplare von {}", member.name),
            &member_id.to_string(),
            "passwortblatt",
            &[],
            |layout| {
                layout.mark("Vertraulich – getrennt von den Sitzungsunterlagen aufbewahren");
                layout.paragraph(&commission.name, Weight::Regular, BODY);
                layout.space(12.0);
                layout.paragraph("Ihr Passwort für die Sitzungsunterlagen", Weight::Bold, 16.0);
                layout.space(6.0);
                layout.paragraph(&format!("für {}", member.cited_as), Weight::Regular, 12.0);
                layout.space(18.0);
                layout.paragraph(password, Weight::Bold, 20.0);
                layout.space(18.0);
                for line in [
                    "Die Geschäftsstelle gibt Ihnen vor jeder Sitzung Ihr Exemplar der Sitzungsmappe als verschlüsselte PDF-Datei (AES-256). Sie öffnet sich mit diesem Passwort in jedem aktuellen PDF-Programm, etwa Adobe Acrobat Reader, Firefox, Evince oder Okular.",
                    "Das Passwort gilt für alle Sitzungen, bis die Geschäftsstelle ein neues festlegt. Bitte bewahren Sie dieses Blatt getrennt von den Dateien auf und geben Sie das Passwort nicht weiter; die Geschäftsstelle kann es nicht noch einmal anzeigen.",
                    "Ihr Exemplar trägt Ihren Namen auf jeder Seite. Bitte vernichten Sie es nach der Sitzung oder geben Sie es zurück.",
                ] {
                    layout.paragraph(line, Weight::Regular, BODY);
                    layout.space(6.0);
                }
                layout.space(12.0);
                layout.paragraph(&format!("Festgelegt am {today}"), Weight::Regular, BODY);
            },
        )
    }
}
