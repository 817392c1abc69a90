//! Deletion periods from the window: the period, the cases due, and the deletion run.

use hfk_akte::store::retention::RetentionOverview;
use tauri::AppHandle;

use crate::error::CommandResult;
use crate::state::with_open;

#[tauri::command]
#[specta::specta]
pub async fn retention_overview(app: AppHandle) -> CommandResult<RetentionOverview> {
    with_open(app, |open| open.file()?.retention_overview()).await
}

#[tauri::command]
#[specta::specta]
pub async fn set_retention_years(app: AppHandle, years: u32) -> CommandResult<RetentionOverview> {
    with_open(app, move |open| open.file_mut()?.set_retention_years(years)).await
}

/// Removes the personal data of the confirmed cases; returns the new overview.
#[tauri::command]
#[specta::specta]
pub async fn run_deletion(app: AppHandle, case_ids: Vec<u32>) -> CommandResult<RetentionOverview> {
    with_open(app, move |open| {
        let file = open.file_mut()?;
        file.run_deletion(&case_ids)?;
        file.retention_overview()
    })
    .await
}
