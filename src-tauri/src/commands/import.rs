//! Übernahme alter Listen from the window: the list (chosen in the shell's own dialog) read
//! and previewed with a suggested mapping, the dry run, the import itself, the report saved
//! for the files, and the mapping kept for the next list. Each call reads the list anew
//! from the granted path; the rules live in the core.

use std::path::Path;

use hfk_akte::domain::choice::{Choice, Labelled};
use hfk_akte::domain::import::fields::{for_list, ImportField, Mapping};
use hfk_akte::domain::import::plan::{DryRun, RowReport, Verdict};
use hfk_akte::domain::import::{ImportList, ListPreview};
use hfk_akte::store::import::{read_list_file, ImportRecord, Imported};
use hfk_akte::Result;
use serde::Serialize;
use specta::Type;
use tauri::AppHandle;

use crate::error::CommandResult;
use crate::state::{with_open, Grant, Open};

/// Rows of the dry run the window lists; the report file holds them all.
const SHOWN_ROWS: usize = 300;

/// A member or foreigners' office a name of the list can be given to.
#[derive(Debug, Clone, Serialize, Type)]
pub struct Named {
    pub id: u32,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct ImportPreview {
    pub list: ListPreview,
    /// The mapping kept from the last list when it fits these headings, else the suggestion.
    pub mapping: Mapping,
    pub fields: Vec<Choice>,
    pub members: Vec<Named>,
    pub offices: Vec<Named>,
}

/// The dry run as the window shows it: rows with something to say first, cut to
/// `SHOWN_ROWS`, and how many were left out.
#[derive(Debug, Clone, Serialize, Type)]
pub struct DryRunView {
    pub run: DryRun,
    /// The list's SHA-256, which *Übernehmen* sends back: a list changed since is refused.
    pub sha256: String,
    pub rows_left_out: u32,
    /// Of those left out, how many carry a note (every refused or unclear row is shown first).
    pub left_out_with_notes: u32,
}

fn read(open: &Open, path: &str, sheet: Option<&str>) -> Result<ImportList> {
    let path = Path::new(path);
    open.check_grant(Grant::List, path)?;
    read_list_file(path, sheet)
}

fn named(rows: Vec<(u32, String)>) -> Vec<Named> {
    rows.into_iter()
        .map(|(id, name)| Named { id, name })
        .collect()
}

/// The list's first rows, the mapping to start from, and what names can be given to.
#[tauri::command]
#[specta::specta]
pub async fn import_preview(
    app: AppHandle,
    path: String,
    sheet: Option<String>,
) -> CommandResult<ImportPreview> {
    with_open(app, move |open| {
        let list = read(open, &path, sheet.as_deref())?;
        let file = open.file()?;
        let (members, offices) = file.import_parties()?;
        let mut mapping = for_list(file.import_mapping()?, &list.table.headings);
        mapping.blatt = list.table.sheet.clone();
        Ok(ImportPreview {
            list: list.preview(10),
            mapping,
            fields: ImportField::choices(),
            members: named(members),
            offices: named(offices),
        })
    })
    .await
}

/// The dry run; writes nothing.
#[tauri::command]
#[specta::specta]
pub async fn import_dry_run(
    app: AppHandle,
    path: String,
    mapping: Mapping,
) -> CommandResult<DryRunView> {
    with_open(app, move |open| {
        let list = read(open, &path, mapping.blatt.as_deref())?;
        let mut run = open.file()?.import_dry_run(&list, &mapping)?;
        // Refused, unclear and duplicate rows first, then those with a note, then the rest,
        // each group in the list's order.
        let rank = |r: &RowReport| match r.verdict {
            Verdict::Abgelehnt => 0,
            Verdict::Unklar => 1,
            Verdict::Doppelt => 2,
            Verdict::Neu if !r.messages.is_empty() => 3,
            Verdict::Neu => 4,
        };
        run.rows.sort_by_key(|r| (rank(r), r.row));
        let left_out = run.rows.split_off(run.rows.len().min(SHOWN_ROWS));
        Ok(DryRunView {
            run,
            sha256: list.sha256,
            rows_left_out: left_out.len() as u32,
            left_out_with_notes: left_out.iter().filter(|r| !r.messages.is_empty()).count() as u32,
        })
    })
    .await
}

/// Takes the list over, all rows or none; `sha256` is the list's as the dry run read it.
#[tauri::command]
#[specta::specta]
pub async fn apply_import(
    app: AppHandle,
    path: String,
    mapping: Mapping,
    sha256: String,
) -> CommandResult<Imported> {
    with_open(app, move |open| {
        let list = read(open, &path, mapping.blatt.as_deref())?;
        if list.sha256 != sha256 {
            return Err(hfk_akte::Error::invalid(
                "Liste",
                "Die Liste wurde seit dem Probelauf geändert. Bitte den Probelauf wiederholen.",
            ));
        }
        open.file_mut()?.apply_import(&list, &mapping)
    })
    .await
}

/// Keeps the mapping for the next list.
#[tauri::command]
#[specta::specta]
pub async fn save_import_mapping(app: AppHandle, mapping: Mapping) -> CommandResult<()> {
    with_open(app, move |open| {
        open.file_mut()?.save_import_mapping(&mapping)
    })
    .await
}

/// Saves the dry run's report (PDF or CSV) where the save dialog said; returns its pages.
#[tauri::command]
#[specta::specta]
pub async fn export_import_report(
    app: AppHandle,
    path: String,
    mapping: Mapping,
    target: String,
) -> CommandResult<u32> {
    with_open(app, move |open| {
        let list = read(open, &path, mapping.blatt.as_deref())?;
        let target = open.take_grant(Grant::Export, Path::new(&target))?;
        open.file_mut()?
            .export_import_report(&list, &mapping, &target)
    })
    .await
}

/// The lists taken over so far, newest first.
#[tauri::command]
#[specta::specta]
pub async fn imports(app: AppHandle) -> CommandResult<Vec<ImportRecord>> {
    with_open(app, |open| open.file()?.imports()).await
}
