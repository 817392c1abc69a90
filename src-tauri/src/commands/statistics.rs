//! *Auswertungen*: the stage table of one year or several, and the figures saved as CSV or
//! JSON to a path the shell's save dialog returned (`dialogs::choose_table_target`).

use std::path::Path;

use hfk_akte::domain::statistics::{Period, StageTable};
use tauri::AppHandle;

use crate::error::CommandResult;
use crate::state::{with_open, Grant};

#[tauri::command]
#[specta::specta]
/// The stage table of the chosen years (the current year when none is chosen).
pub async fn statistics(
    app: AppHandle,
    first_year: Option<i32>,
    last_year: Option<i32>,
) -> CommandResult<StageTable> {
    with_open(app, move |open| {
        let file = open.file()?;
        file.statistics(Period::chosen(first_year, last_year, file.today())?)
    })
    .await
}

/// Saves the figures; returns the file's size in bytes.
#[tauri::command]
#[specta::specta]
pub async fn export_statistics(
    app: AppHandle,
    first_year: i32,
    last_year: i32,
    path: String,
) -> CommandResult<u32> {
    with_open(app, move |open| {
        let period = Period::years(first_year, last_year)?;
        let path = open.take_grant(Grant::Export, Path::new(&path))?;
        open.file_mut()?.export_statistics(period, &path)
    })
    .await
}
