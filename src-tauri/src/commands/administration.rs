//! The administration section: facts about the file and its settings.

use hfk_akte::store::audit::ChainReport;
use hfk_akte::store::case_file::FileInfo;
use tauri::AppHandle;

use crate::error::CommandResult;
use crate::state::with_open;

#[tauri::command]
#[specta::specta]
pub async fn file_info(app: AppHandle) -> CommandResult<FileInfo> {
    with_open(app, |open| open.file()?.info()).await
}

/// Sets the inactivity lock; returns the stored value.
#[tauri::command]
#[specta::specta]
pub async fn set_idle_lock_minutes(app: AppHandle, minutes: u32) -> CommandResult<u32> {
    with_open(app, move |open| {
        let file = open.file_mut()?;
        file.set_idle_lock_minutes(minutes)?;
        file.idle_lock_minutes()
    })
    .await
}

/// Checks the audit chain and reports the first broken row, if any.
#[tauri::command]
#[specta::specta]
pub async fn verify_audit_chain(app: AppHandle) -> CommandResult<ChainReport> {
    with_open(app, |open| open.file()?.verify_audit_chain()).await
}
