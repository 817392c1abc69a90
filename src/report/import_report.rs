//! The dry run's report for the files: every row with its verdict, the case number it will
//! get and the reasons, as a PDF (A4, a table) or a CSV (semicolons, UTF-8 with BOM, as Excel
//! in a German office opens it). The file's ending decides; the saving is audited, since the
//! report names the persons of the list.

use std::path::Path;

use crate::domain::import::fields::Mapping;
use crate::domain::import::plan::DryRun;
use crate::domain::import::ImportList;
use crate::domain::wording::counted;
use crate::report::exported_by;
use crate::report::fonts::{Fonts, Weight};
use crate::report::layout::{Column, Layout, BODY};
use crate::report::pdf::{self, Metadata};
use crate::store::vault::atomic_file;
use crate::store::CaseFile;
use crate::{Error, Result};

fn summary(list: &ImportList, run: &DryRun) -> Vec<String> {
    let mut lines = vec![
        format!(
            "Liste: {} ({} Zeilen), SHA-256 {}",
            list.file_name, run.total, list.sha256
        ),
        format!(
            "{} anzulegen · {} unklar · {} abgelehnt · {} als wahrscheinlich doppelt ausgelassen",
            run.created, run.unclear, run.refused, run.duplicates
        ),
    ];
    if let Some(problem) = &run.file_problem {
        lines.push(problem.clone());
    }
    lines.push(if run.ready {
        "Die Liste kann übernommen werden.".to_owned()
    } else {
        "Die Liste kann so nicht übernommen werden.".to_owned()
    });
    lines
}

fn rows(run: &DryRun) -> Vec<Vec<String>> {
    run.rows
        .iter()
        .map(|r| {
            vec![
                r.row.to_string(),
                r.verdict.label().to_owned(),
                r.number.clone().unwrap_or_default(),
                r.name.clone(),
                r.messages.join("\n"),
            ]
        })
        .collect()
}

fn to_csv(list: &ImportList, run: &DryRun) -> Result<Vec<u8>> {
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .from_writer(vec![0xEF, 0xBB, 0xBF]);
    let failed = |e: csv::Error| Error::Internal(format!("CSV: {e}"));
    for line in summary(list, run) {
        out.write_record([line]).map_err(failed)?;
    }
    out.write_record(["Zeile", "Ergebnis", "Aktenzeichen", "Name", "Hinweise"])
        .map_err(failed)?;
    for row in rows(run) {
        out.write_record(row).map_err(failed)?;
    }
    out.into_inner()
        .map_err(|e| Error::Internal(format!("CSV: {e}")))
}

fn lay_out(layout: &mut Layout<'_>, list: &ImportList, run: &DryRun, today: &str) {
    let title = format!("Probelauf der Übernahme vom {today}");
    layout.bookmark(&title);
    layout.paragraph(&title, Weight::Bold, 16.0);
    for line in summary(list, run) {
        layout.paragraph(&line, Weight::Regular, BODY);
    }
    layout.rule();
    layout.table(
        &[
            Column {
                title: "Zeile",
                share: 0.08,
            },
            Column {
                title: "Ergebnis",
                share: 0.16,
            },
            Column {
                title: "Aktenzeichen",
                share: 0.15,
            },
            Column {
                title: "Name",
                share: 0.21,
            },
            Column {
                title: "Hinweise",
                share: 0.40,
            },
        ],
        &rows(run),
    );
    layout.paragraph(
        &counted(run.total, "Zeile", "Zeilen"),
        Weight::Regular,
        BODY - 1.0,
    );
}

impl CaseFile {
    /// Saves the dry run's report of a list as PDF or CSV (by the ending of `target`).
    pub fn export_import_report(
        &mut self,
        list: &ImportList,
        mapping: &Mapping,
        target: &Path,
    ) -> Result<u32> {
        let ending = target
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let pdf = match ending.as_deref() {
            Some("pdf") => true,
            Some("csv") => false,
            _ => {
                return Err(Error::invalid(
                    "Speicherort",
                    "Bitte einen Dateinamen mit der Endung .pdf oder .csv wählen.",
                ))
            }
        };
        self.check_not_the_case_file(target)?;
        let same = |a: &Path| {
            a == target
                || (a.canonicalize().ok().is_some()
                    && a.canonicalize().ok() == target.canonicalize().ok())
        };
        if list.source.as_deref().is_some_and(same) {
            return Err(Error::invalid(
                "Speicherort",
                "Der Bericht kann nicht über die Liste selbst geschrieben werden.",
            ));
        }
        let run = self.import_dry_run(list, mapping)?;
        let (bytes, pages) = if pdf {
            let fonts = Fonts::load()?;
            let mut layout = Layout::new(&fonts);
            lay_out(
                &mut layout,
                list,
                &run,
                &self.today().format("%d.%m.%Y").to_string(),
            );
            let (laid, bookmarks) = layout.finish(
                &exported_by(&self.user().username, self.clock().now()),
                &self.chain_footer()?,
            );
            let title = format!("Probelauf der Übernahme: {}", list.file_name);
            let bytes = pdf::write(
                &fonts,
                &laid,
                &bookmarks,
                &Metadata {
                    title: &title,
                    author: &self.user().username,
                    subject: "Härtefallkommission",
                },
            )?;
            (bytes, laid.len() as u32)
        } else {
            (to_csv(list, &run)?, 0)
        };
        self.record_import_report(list, if pdf { "pdf" } else { "csv" })?;
        atomic_file::write(target, &bytes, "Der Bericht")?;
        Ok(pages)
    }
}
