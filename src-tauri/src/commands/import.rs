//! Übernahme alter Listen from the window: the list (chosen in the shell's own dialog) read
//! and previewed with a suggested mapping, the dry run, the import itself, the report saved
//! for the files, and the mapping kept for the next list. Each call reads the list anew
//! from the granted path; the rules live in the core.

use std::path::Path;

use hfk_akte::domain::choice::{Choice, Labelled};
use hfk_akte::domain::import::fields::{for_list, ImportField, Mapping};
use hfk_akte::domain::import::plan::{DryRun, Verdict};
use hfk_akte::domain::import::{ImportList, ListPreview};
use hfk_akte::store::import::{ImportRecord, Imported};
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
    pub rows_left_out: u32,
}

fn read(open: &Open, path: &str, sheet: Option<&str>) -> Result<ImportList> {
    let path = Path::new(path);
    open.check_grant(Grant::List, path)?;
    let bytes = std::fs::read(path).map_err(|e| {
        hfk_akte::Error::invalid("Liste", format!("Die Datei ist nicht lesbar ({e})."))
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    ImportList::read(&name, &bytes, sheet)
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
        // Rows with something to say first, in the list's order within each group.
        run.rows
            .sort_by_key(|r| (r.verdict == Verdict::Neu && r.messages.is_empty(), r.row));
        let left_out = run.rows.len().saturating_sub(SHOWN_ROWS) as u32;
        run.rows.truncate(SHOWN_ROWS);
        Ok(DryRunView {
            run,
            rows_left_out: left_out,
        })
    })
    .await
}

/// Takes the list over, all rows or none.
#[tauri::command]
#[specta::specta]
pub async fn apply_import(
    app: AppHandle,
    path: String,
    mapping: Mapping,
) -> CommandResult<Imported> {
    with_open(app, move |open| {
        let list = read(open, &path, mapping.blatt.as_deref())?;
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
